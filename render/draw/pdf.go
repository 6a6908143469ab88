package draw

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/tdewolff/font"

	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// PDF writes the map as a vector PDF: the map on as many landscape pages
// as it needs (split by stage, lane labels repeated), then a page of
// scores, then the lint findings when there are any. Text is real text in
// an embedded, subset Liberation Sans.
func PDF(w io.Writer, in *render.Input) error {
	l, err := layout.New(in)
	if err != nil {
		return err
	}
	paper, err := render.ParsePaper(in.Paper)
	if err != nil {
		return err
	}
	pw, ph := paper.H, paper.W // landscape
	d := MapDoc(l)
	d.Reading = MapReading(l)
	if in.Map.Locale != "" { // the language of the map's own text
		d.Lang = in.Map.Locale
	}
	return WritePDF(w, d, l.Document(pw, ph), pw, ph)
}

// WritePDF writes pages of pw x ph mm, one per scene, as a tagged vector
// PDF with d's title, description (as the subject) and language, read in
// d's reading order (drawing order without one). A scene's fonts are
// embedded as subsets; its text stays text.
func WritePDF(w io.Writer, d Doc, pages []layout.PageScene, pw, ph float64) error {
	doc := newPDFDoc(d.Fonts)
	doc.tags = newPDFTagger(d.Reading)
	for _, pg := range pages {
		if err := doc.page(pg.Scene, pg.Scale, pg.X, pg.Y, pw, ph, pg.Bookmark); err != nil {
			return err
		}
	}
	if len(pages) > 0 && pages[0].Scene.Err() != nil { // layout stopped early
		return pages[0].Scene.Err()
	}
	return doc.write(w, d.Title, d.Desc, d.Lang)
}

const ptPerMM = 72 / 25.4

type pdfFont struct {
	face   *layout.Face
	id     int               // object id of the Type0 font
	cid    map[rune]uint16   // CID of each rune used (from 1)
	runes  []rune            // runes by CID-1
	gidNew map[uint16]uint16 // original glyph id -> subset glyph id
	gids   []uint16          // subset glyph order: original ids
}

type pdfDoc struct {
	fs       *layout.Fonts
	objs     [][]byte // object bodies; object id = index+1
	pageIDs  []int
	resID    int
	fonts    [4]*pdfFont
	outlines []outline
	buf      bytes.Buffer // content stream being written
	num      []byte
	zw       *zlib.Writer // reused for every stream
	tags     *pdfTagger   // the structure tree being gathered
	packed   map[int]bool // objects written in object streams
}

type outline struct {
	title string
	page  int // page object id
}

func newPDFDoc(fs *layout.Fonts) *pdfDoc {
	d := &pdfDoc{fs: fs}
	d.alloc() // 1: catalog
	d.alloc() // 2: pages
	d.resID = d.alloc()
	return d
}

func (d *pdfDoc) alloc() int {
	d.objs = append(d.objs, nil)
	return len(d.objs)
}

func (d *pdfDoc) set(id int, body []byte) { d.objs[id-1] = body }

func (d *pdfDoc) stream(dict string, data []byte, compress bool) int {
	var b bytes.Buffer
	if compress {
		// One compressor for every stream: a new one costs about a megabyte.
		var z bytes.Buffer
		if d.zw == nil {
			d.zw, _ = zlib.NewWriterLevel(&z, zlib.BestSpeed)
		} else {
			d.zw.Reset(&z)
		}
		d.zw.Write(data)
		d.zw.Close()
		data = z.Bytes()
		dict += "/Filter/FlateDecode"
	}
	fmt.Fprintf(&b, "<<%s/Length %d>>\nstream\n", dict, len(data))
	b.Write(data)
	b.WriteString("\nendstream")
	id := d.alloc()
	d.set(id, b.Bytes())
	return id
}

// n appends v (rounded to 0.001) to the content stream.
func (d *pdfDoc) n(v float64) {
	v = math.Round(v*1000) / 1000
	if v == 0 {
		v = 0
	}
	d.num = strconv.AppendFloat(d.num[:0], v, 'f', -1, 64)
	d.buf.Write(d.num)
	d.buf.WriteByte(' ')
}

func (d *pdfDoc) op(s string) { d.buf.WriteString(s); d.buf.WriteByte('\n') }

func (d *pdfDoc) rgb(c render.Color, op string) {
	d.n(float64(c.R) / 255)
	d.n(float64(c.G) / 255)
	d.n(float64(c.B) / 255)
	d.op(op)
}

// page adds one page of pw x ph mm with sc drawn at scale s, its top-left
// corner at (x, y) mm.
func (d *pdfDoc) page(sc *layout.Scene, s, x, y, pw, ph float64, bookmark string) error {
	d.buf.Reset()
	// Millimetres, y down, scaled and placed.
	k := ptPerMM
	d.n(k * s)
	d.n(0)
	d.n(0)
	d.n(-k * s)
	d.n(k * x)
	d.n(k * (ph - y))
	d.op("cm")
	pg := len(d.pageIDs)
	tags := d.tags.classify(sc, pg)
	cur, open := -1, false
	for i := range sc.Items {
		if i%cancelEvery == 0 && sc.Err() != nil {
			return sc.Err()
		}
		// One marked-content sequence per run of items of one leaf.
		if t := tags[i]; !open || t != cur {
			if open {
				d.op("EMC")
			}
			if t < 0 {
				d.op("/Artifact BMC")
			} else {
				d.buf.WriteString("/" + d.tags.leaves[t].typ + "<</MCID ")
				d.buf.WriteString(strconv.Itoa(d.tags.mark(pg, t)))
				d.op(">>BDC")
			}
			cur, open = t, true
		}
		d.item(&sc.Items[i])
	}
	if open {
		d.op("EMC")
	}
	content := d.stream("", d.buf.Bytes(), true)
	id := d.alloc()
	d.set(id, []byte(fmt.Sprintf("<</Type/Page/Parent 2 0 R/MediaBox[0 0 %s %s]/Resources %d 0 R/Contents %d 0 R/StructParents %d/Tabs/S>>",
		fnum(pw*k), fnum(ph*k), d.resID, content, pg)))
	d.pageIDs = append(d.pageIDs, id)
	if bookmark != "" {
		d.outlines = append(d.outlines, outline{bookmark, id})
	}
	return nil
}

func fnum(v float64) string {
	return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
}

func (d *pdfDoc) path(it *layout.Item) {
	switch it.Op {
	case layout.OpRect:
		r := it.Rect
		if it.Radius <= 0 {
			d.n(r.X)
			d.n(r.Y)
			d.n(r.W)
			d.n(r.H)
			d.op("re")
			return
		}
		rr := min(it.Radius, r.W/2, r.H/2)
		const c = 0.5523
		x0, y0, x1, y1 := r.X, r.Y, r.X+r.W, r.Y+r.H
		d.mv(x0+rr, y0)
		d.ln(x1-rr, y0)
		d.cu(x1-rr+c*rr, y0, x1, y0+rr-c*rr, x1, y0+rr)
		d.ln(x1, y1-rr)
		d.cu(x1, y1-rr+c*rr, x1-rr+c*rr, y1, x1-rr, y1)
		d.ln(x0+rr, y1)
		d.cu(x0+rr-c*rr, y1, x0, y1-rr+c*rr, x0, y1-rr)
		d.ln(x0, y0+rr)
		d.cu(x0, y0+rr-c*rr, x0+rr-c*rr, y0, x0+rr, y0)
		d.op("h")
	case layout.OpCircle:
		r := it.Radius
		cx, cy := it.Rect.X+r, it.Rect.Y+r
		const c = 0.5523
		d.mv(cx+r, cy)
		d.cu(cx+r, cy+c*r, cx+c*r, cy+r, cx, cy+r)
		d.cu(cx-c*r, cy+r, cx-r, cy+c*r, cx-r, cy)
		d.cu(cx-r, cy-c*r, cx-c*r, cy-r, cx, cy-r)
		d.cu(cx+c*r, cy-r, cx+r, cy-c*r, cx+r, cy)
		d.op("h")
	case layout.OpPath:
		for _, sg := range it.Path {
			switch sg.Op {
			case layout.MoveTo:
				d.mv(sg.P[0].X, sg.P[0].Y)
			case layout.LineTo:
				d.ln(sg.P[0].X, sg.P[0].Y)
			case layout.CubeTo:
				d.cu(sg.P[0].X, sg.P[0].Y, sg.P[1].X, sg.P[1].Y, sg.P[2].X, sg.P[2].Y)
			case layout.Close:
				d.op("h")
			}
		}
	}
}

func (d *pdfDoc) mv(x, y float64) { d.n(x); d.n(y); d.op("m") }
func (d *pdfDoc) ln(x, y float64) { d.n(x); d.n(y); d.op("l") }
func (d *pdfDoc) cu(a, b, c, e, f, g float64) {
	d.n(a)
	d.n(b)
	d.n(c)
	d.n(e)
	d.n(f)
	d.n(g)
	d.op("c")
}

func (d *pdfDoc) item(it *layout.Item) {
	if it.Op == layout.OpText {
		d.text(it)
		return
	}
	fill, stroke := it.HasFill, it.StrokeW > 0
	if !fill && !stroke {
		return
	}
	d.op("q")
	if fill {
		d.rgb(it.Fill, "rg")
	}
	if stroke {
		d.rgb(it.Stroke, "RG")
		d.n(it.StrokeW)
		d.op("w")
		if it.Round {
			d.op("1 J 1 j")
		}
		if len(it.Dash) > 0 {
			d.buf.WriteByte('[')
			for _, x := range it.Dash {
				d.n(x)
			}
			d.op("] 0 d")
		}
	}
	d.path(it)
	switch {
	case fill && stroke:
		d.op("B")
	case fill:
		d.op("f")
	default:
		d.op("S")
	}
	d.op("Q")
}

func (d *pdfDoc) font(id layout.FontID) *pdfFont {
	if d.fonts[id] == nil {
		d.fonts[id] = &pdfFont{face: d.fs.Faces[id], id: d.alloc(), cid: map[rune]uint16{},
			gidNew: map[uint16]uint16{0: 0}, gids: []uint16{0}}
	}
	return d.fonts[id]
}

// cidOf returns the CID of r in f, giving each distinct rune its own CID so
// the ToUnicode map recovers every character, even ones that share a glyph.
func (f *pdfFont) cidOf(r rune) uint16 {
	if c, ok := f.cid[r]; ok {
		return c
	}
	g, _ := f.face.Glyph(r)
	if _, ok := f.gidNew[g]; !ok {
		f.gidNew[g] = uint16(len(f.gids))
		f.gids = append(f.gids, g)
	}
	f.runes = append(f.runes, r)
	c := uint16(len(f.runes))
	f.cid[r] = c
	return c
}

const hexDigits = "0123456789ABCDEF"

func (d *pdfDoc) text(it *layout.Item) {
	f := d.font(it.Font)
	size := it.Size * layout.PtToMM
	d.op("BT")
	d.rgb(it.Color, "rg")
	d.buf.WriteString("/F" + strconv.Itoa(int(it.Font)) + " ")
	d.n(size)
	d.op("Tf")
	for i, ln := range it.Lines {
		d.buf.WriteString("1 0 0 -1 ")
		d.n(ln.X)
		d.n(ln.Y)
		d.op("Tm")
		d.buf.WriteByte('<')
		for _, r := range ln.S {
			d.cid(f.cidOf(r))
		}
		// A wrapped line ends in a space, which draws nothing, so that
		// the text read from the structure keeps its words apart.
		if i < len(it.Lines)-1 && !strings.HasSuffix(ln.S, "-") && !strings.HasSuffix(ln.S, " ") && !strings.HasSuffix(ln.S, "\u00ad") {
			d.cid(f.cidOf(' '))
		}
		d.op(">Tj")
	}
	d.op("ET")
}

// cid appends CID c in hex to the content stream.
func (d *pdfDoc) cid(c uint16) {
	d.buf.WriteByte(hexDigits[c>>12])
	d.buf.WriteByte(hexDigits[(c>>8)&15])
	d.buf.WriteByte(hexDigits[(c>>4)&15])
	d.buf.WriteByte(hexDigits[c&15])
}

// pdfText encodes s as a PDF text string: UTF-16BE in hex, which needs no
// escaping whatever s holds.
func pdfText(s string) string {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

func (d *pdfDoc) writeFont(f *pdfFont) error {
	face := f.face
	program, err := subsetFont(face, f.gids, font.KeepPDFTables)
	if err != nil {
		return err
	}
	file := d.stream(fmt.Sprintf("/Length1 %d", len(program)), program, true)

	// CID -> subset glyph id.
	c2g := make([]byte, 2*(len(f.runes)+1))
	for i, r := range f.runes {
		g, _ := face.Glyph(r)
		ng := f.gidNew[g]
		c2g[2*(i+1)], c2g[2*(i+1)+1] = byte(ng>>8), byte(ng)
	}
	cidMap := d.stream("", c2g, true)

	// ToUnicode: every CID back to its character.
	var tu bytes.Buffer
	tu.WriteString("/CIDInit/ProcSet findresource begin 12 dict begin begincmap/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def/CMapName/Adobe-Identity-UCS def/CMapType 2 def\n1 begincodespacerange <0000><FFFF> endcodespacerange\n")
	for i := 0; i < len(f.runes); i += 100 {
		j := min(i+100, len(f.runes))
		fmt.Fprintf(&tu, "%d beginbfchar\n", j-i)
		for k := i; k < j; k++ {
			fmt.Fprintf(&tu, "<%04X><", k+1)
			for _, u := range utf16.Encode([]rune{f.runes[k]}) {
				fmt.Fprintf(&tu, "%04X", u)
			}
			tu.WriteString(">\n")
		}
		tu.WriteString("endbfchar\n")
	}
	tu.WriteString("endcmap CMapName currentdict/CMap defineresource pop end end")
	toUni := d.stream("", tu.Bytes(), true)

	// Widths by CID, in thousandths of an em.
	scale := 1000 / face.UPEM
	var w bytes.Buffer
	w.WriteString("[1[")
	for i, r := range f.runes {
		_, adv := face.Glyph(r)
		if i > 0 {
			w.WriteByte(' ')
		}
		w.WriteString(strconv.Itoa(int(math.Round(float64(adv) * scale))))
	}
	w.WriteString("]]")

	// A subset tag from the glyphs it holds: stable for the same text.
	h := fnv.New32a()
	for _, g := range f.gids {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	sum := h.Sum32()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(sum%26)
		sum /= 26
	}
	name := string(tag) + "+" + face.Name
	hd := face.SFNT.Head
	desc := d.alloc()
	italic := 0.0
	flags := 32
	if face.Italic {
		italic, flags = -12, 32|64
	}
	d.set(desc, []byte(fmt.Sprintf("<</Type/FontDescriptor/FontName/%s/Flags %d/FontBBox[%d %d %d %d]/ItalicAngle %s/Ascent %d/Descent %d/CapHeight %d/StemV %d/FontFile2 %d 0 R>>",
		name, flags, int(float64(hd.XMin)*scale), int(float64(hd.YMin)*scale), int(float64(hd.XMax)*scale), int(float64(hd.YMax)*scale),
		fnum(italic), int(face.Asc*1000), -int(face.Desc*1000), int(face.Cap*1000), 80+60*(face.Weight-400)/300, file)))
	cidFont := d.alloc()
	d.set(cidFont, []byte(fmt.Sprintf("<</Type/Font/Subtype/CIDFontType2/BaseFont/%s/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor %d 0 R/W %s/CIDToGIDMap %d 0 R>>",
		name, desc, w.String(), cidMap)))
	d.set(f.id, []byte(fmt.Sprintf("<</Type/Font/Subtype/Type0/BaseFont/%s/Encoding/Identity-H/DescendantFonts[%d 0 R]/ToUnicode %d 0 R>>",
		name, cidFont, toUni)))
	return nil
}

// write writes the whole file: catalog, info, pages, fonts, structure and
// the cross-reference stream; long because the objects must be numbered
// and written in one order that the xref records.
func (d *pdfDoc) write(w io.Writer, title, subject, lang string) error {
	var res bytes.Buffer
	res.WriteString("<</ProcSet[/PDF/Text]/Font<<")
	for i, f := range d.fonts {
		if f == nil {
			continue
		}
		if err := d.writeFont(f); err != nil {
			return err
		}
		fmt.Fprintf(&res, "/F%d %d 0 R", i, f.id)
	}
	res.WriteString(">>>>")
	d.set(d.resID, res.Bytes())
	var kids bytes.Buffer
	for _, id := range d.pageIDs {
		fmt.Fprintf(&kids, "%d 0 R ", id)
	}
	d.set(2, []byte(fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", bytes.TrimSpace(kids.Bytes()), len(d.pageIDs))))
	outlines := ""
	if len(d.outlines) > 0 {
		root := d.alloc()
		ids := make([]int, len(d.outlines))
		for i := range ids {
			ids[i] = d.alloc()
		}
		for i, o := range d.outlines {
			var b bytes.Buffer
			fmt.Fprintf(&b, "<</Title %s/Parent %d 0 R/Dest[%d 0 R/Fit]", pdfText(o.title), root, o.page)
			if i > 0 {
				fmt.Fprintf(&b, "/Prev %d 0 R", ids[i-1])
			}
			if i+1 < len(ids) {
				fmt.Fprintf(&b, "/Next %d 0 R", ids[i+1])
			}
			b.WriteString(">>")
			d.set(ids[i], b.Bytes())
		}
		d.set(root, []byte(fmt.Sprintf("<</Type/Outlines/First %d 0 R/Last %d 0 R/Count %d>>", ids[0], ids[len(ids)-1], len(ids))))
		outlines = fmt.Sprintf("/Outlines %d 0 R/PageMode/UseOutlines", root)
	}
	tree := d.tags.writeTree(d)
	d.set(1, []byte(fmt.Sprintf("<</Type/Catalog/Pages 2 0 R/Lang %s/MarkInfo<</Marked true>>/StructTreeRoot %d 0 R/ViewerPreferences<</DisplayDocTitle true>>%s>>", pdfText(lang), tree, outlines)))
	info := d.alloc()
	d.set(info, []byte(fmt.Sprintf("<</Title %s/Subject %s/Creator %s/Producer %s>>", pdfText(title), pdfText(subject), pdfText("journey"), pdfText("journey"))))

	// The structure tree's many small objects go into compressed object
	// streams, which a cross-reference stream then locates.
	type packed struct{ stm, idx int }
	in := map[int]packed{}
	var ids []int
	for id := 1; id <= len(d.objs); id++ {
		if d.packed[id] {
			ids = append(ids, id)
		}
	}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		var head, body bytes.Buffer
		for i, id := range ids[:n] {
			fmt.Fprintf(&head, "%d %d ", id, body.Len())
			body.Write(d.objs[id-1])
			body.WriteByte('\n')
			in[id] = packed{idx: i}
		}
		first := head.Len()
		head.Write(body.Bytes())
		stm := d.stream(fmt.Sprintf("/Type/ObjStm/N %d/First %d", n, first), head.Bytes(), true)
		for _, id := range ids[:n] {
			in[id] = packed{stm, in[id].idx}
		}
		ids = ids[n:]
	}

	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(d.objs)+1)
	for i, body := range d.objs {
		if _, ok := in[i+1]; ok {
			continue
		}
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n", i+1)
		out.Write(body)
		out.WriteString("\nendobj\n")
	}
	xref := out.Len()
	size := len(d.objs) + 2 // object 0, the objects, the xref stream
	offsets[len(d.objs)] = xref
	var x bytes.Buffer
	x.Write([]byte{0, 0, 0, 0, 0, 0xff, 0xff})
	for i, off := range offsets {
		if p, ok := in[i+1]; ok {
			x.Write([]byte{2, byte(p.stm >> 24), byte(p.stm >> 16), byte(p.stm >> 8), byte(p.stm), byte(p.idx >> 8), byte(p.idx)})
		} else {
			x.Write([]byte{1, byte(off >> 24), byte(off >> 16), byte(off >> 8), byte(off), 0, 0})
		}
	}
	xs := d.stream(fmt.Sprintf("/Type/XRef/Size %d/W[1 4 2]/Root 1 0 R/Info %d 0 R", size, info), x.Bytes(), true)
	fmt.Fprintf(&out, "%d 0 obj\n", xs)
	out.Write(d.objs[xs-1])
	fmt.Fprintf(&out, "\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	_, err := w.Write(out.Bytes())
	return err
}
