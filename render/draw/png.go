package draw

import (
	"image"
	"image/color"
	"image/draw"
	"io"
	"math"

	"github.com/tdewolff/font"
	"golang.org/x/image/vector"

	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// PNGScale is the pixel density of PNG output relative to CSS pixels
// (96 per inch): 2 for sharp slides on high-density screens.
const PNGScale = 2

// MaxPNGPixels caps the size of a PNG: a very wide map is drawn at a lower
// density rather than allocating gigabytes.
const MaxPNGPixels = 40_000_000

// cancelEvery is how many scene items a back end draws between checks
// that the render was cancelled: often enough to stop within milliseconds,
// rarely enough to cost nothing.
const cancelEvery = 256

// PNG writes the map as a PNG image at twice the CSS pixel density, on an
// opaque background.
func PNG(w io.Writer, in *render.Input) error {
	l, err := layout.New(in)
	if err != nil {
		return err
	}
	return WritePNG(w, MapDoc(l), l.Scene(l.Full()))
}

// WritePNG writes scene sc as a PNG image at PNGScale times the CSS pixel
// density, on the scene's opaque background.
func WritePNG(w io.Writer, d Doc, sc *layout.Scene) error {
	img := Rasterize(d.Fonts, sc, PNGScale*pxPerMM)
	if err := sc.Err(); err != nil {
		return err
	}
	return encodePNG(w, img)
}

// Rasterize draws a scene whose text was measured with fs at dpmm pixels
// per millimetre (lowered so the image stays under MaxPNGPixels). Every
// shape is rasterised with anti-aliasing by golang.org/x/image/vector in a
// buffer the size of its own bounds, so the cost follows what is drawn, not
// the page size.
func Rasterize(fs *layout.Fonts, sc *layout.Scene, dpmm float64) *image.RGBA {
	return rasterize(fs, sc, dpmm, true)
}

// rasterize is Rasterize, painting plain rectangles directly when direct
// (the tests compare both ways).
func rasterize(fs *layout.Fonts, sc *layout.Scene, dpmm float64, direct bool) *image.RGBA {
	dpmm = capped(sc, dpmm)
	img := image.NewRGBA(image.Rect(0, 0, int(math.Ceil(sc.W*dpmm)), int(math.Ceil(sc.H*dpmm))))
	draw.Draw(img, img.Bounds(), image.NewUniform(sc.Background.RGBA()), image.Point{}, draw.Src)
	r := &raster{img: img, k: dpmm, fs: fs, z: vector.NewRasterizer(1, 1), direct: direct}
	for i := range sc.Items {
		if i%cancelEvery == 0 && sc.Err() != nil {
			return img // the caller checks sc.Err
		}
		if it := &sc.Items[i]; !isBackground(it, sc) {
			r.item(it)
		}
	}
	return img
}

// isBackground reports whether it is a plain rectangle of the scene's
// background colour over the whole scene: the image starts filled with
// that colour, and painting it again would cost a pass over every pixel.
func isBackground(it *layout.Item, sc *layout.Scene) bool {
	return it.Op == layout.OpRect && it.HasFill && it.Fill == sc.Background && it.StrokeW == 0 && it.Radius == 0 &&
		it.Rect.X <= 0 && it.Rect.Y <= 0 && it.Rect.Right() >= sc.W && it.Rect.Bottom() >= sc.H
}

type pt struct{ x, y float64 }

// poly is a flattened subpath in pixels.
type poly struct {
	pts    []pt
	closed bool
}

type raster struct {
	img *image.RGBA
	k   float64 // pixels per mm
	fs  *layout.Fonts
	z   *vector.Rasterizer
	// the current mask's origin and size, in pixels
	box    image.Rectangle
	direct bool // plain rectangles are painted by fillRect
}

// begin starts a mask covering b (pixels), clipped to the image; false when
// nothing of it is visible.
func (r *raster) begin(b image.Rectangle) bool {
	b = b.Intersect(r.img.Bounds())
	if b.Empty() {
		return false
	}
	r.box = b
	r.z.Reset(b.Dx(), b.Dy())
	r.z.DrawOp = draw.Over
	return true
}

func (r *raster) end(c render.Color) {
	r.z.Draw(r.img, r.box, image.NewUniform(color.RGBA{c.R, c.G, c.B, 0xff}), image.Point{})
}

func (r *raster) moveTo(p pt) {
	r.z.MoveTo(float32(p.x-float64(r.box.Min.X)), float32(p.y-float64(r.box.Min.Y)))
}
func (r *raster) lineTo(p pt) {
	r.z.LineTo(float32(p.x-float64(r.box.Min.X)), float32(p.y-float64(r.box.Min.Y)))
}

func bounds(ps []poly, pad float64) image.Rectangle {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range ps {
		for _, q := range p.pts {
			x0, y0, x1, y1 = math.Min(x0, q.x), math.Min(y0, q.y), math.Max(x1, q.x), math.Max(y1, q.y)
		}
	}
	if x0 > x1 {
		return image.Rectangle{}
	}
	return image.Rect(int(math.Floor(x0-pad)), int(math.Floor(y0-pad)), int(math.Ceil(x1+pad))+1, int(math.Ceil(y1+pad))+1)
}

func (r *raster) item(it *layout.Item) {
	if it.Op == layout.OpText {
		r.text(it)
		return
	}
	fill, stroke := it.HasFill, it.StrokeW > 0
	if !fill && !stroke {
		return
	}
	if fill && r.direct && it.Op == layout.OpRect && it.Radius <= 0 {
		// A plain rectangle (lane bands, cells): painted directly, not
		// composited over its whole box by the rasteriser.
		k := r.k
		r.fillRect(it.Rect.X*k, it.Rect.Y*k, it.Rect.Right()*k, it.Rect.Bottom()*k, it.Fill)
		fill = false
	}
	ps := r.polys(it)
	if fill {
		if r.begin(bounds(ps, 1)) {
			for _, p := range ps {
				if len(p.pts) < 2 {
					continue
				}
				r.moveTo(p.pts[0])
				for _, q := range p.pts[1:] {
					r.lineTo(q)
				}
				r.z.ClosePath()
			}
			r.end(it.Fill)
		}
	}
	if stroke {
		hw := it.StrokeW * r.k / 2
		if r.begin(bounds(ps, hw+2)) {
			for _, p := range ps {
				for _, d := range dash(p, it.Dash, r.k) {
					r.stroke(d, hw, it.Round)
				}
			}
			r.end(it.Stroke)
		}
	}
}

// almost65536 is the scale the rasteriser turns a coverage of 0..1 into a
// 16-bit mask with (golang.org/x/image/vector's).
var almost65536 = math.Float32frombits(0x477fffff)

// fillRect paints the axis-aligned rectangle x0..x1 × y0..y1 (pixels) in
// c over the image: each pixel gets the share of its area the rectangle
// covers, composited as the rasteriser composites its masks, so the
// picture is the one the rasteriser draws for the same square path, at
// memory speed for the inside.
func (r *raster) fillRect(x0, y0, x1, y1 float64, c render.Color) {
	b := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(r.img.Bounds())
	if b.Empty() || x1 <= x0 || y1 <= y0 {
		return
	}
	cover := func(lo, hi float64, i int) float64 {
		return math.Max(0, math.Min(hi, float64(i+1))-math.Max(lo, float64(i)))
	}
	src := [4]uint32{uint32(c.R) * 0x101, uint32(c.G) * 0x101, uint32(c.B) * 0x101, 0xffff}
	blend := func(px []uint8, share float64) {
		ma := uint32(almost65536 * float32(share))
		switch {
		case ma >= 0xffff:
			px[0], px[1], px[2], px[3] = c.R, c.G, c.B, 0xff
		case ma > 0:
			a := 0xffff - ma
			for ch := range 4 {
				px[ch] = uint8(((uint32(px[ch])*0x101*a + src[ch]*ma) / 0xffff) >> 8)
			}
		}
	}
	// The columns every row covers whole: painted by copying.
	in0 := max(b.Min.X, int(math.Ceil(x0)))
	in1 := max(in0, min(b.Max.X, int(math.Floor(x1))))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		cy := cover(y0, y1, y)
		for x := b.Min.X; x < b.Max.X; x++ {
			if x == in0 && x < in1 && almost65536*float32(cy) >= 0xffff {
				span := r.img.Pix[r.img.PixOffset(in0, y):r.img.PixOffset(in1, y)]
				span[0], span[1], span[2], span[3] = c.R, c.G, c.B, 0xff
				for n := 4; n < len(span); n *= 2 {
					copy(span[n:], span[:n])
				}
				x = in1 - 1
				continue
			}
			i := r.img.PixOffset(x, y)
			blend(r.img.Pix[i:i+4:i+4], cy*cover(x0, x1, x))
		}
	}
}

// polys flattens an item's outline to pixel polygons.
func (r *raster) polys(it *layout.Item) []poly {
	k := r.k
	switch it.Op {
	case layout.OpRect:
		x0, y0, x1, y1 := it.Rect.X*k, it.Rect.Y*k, it.Rect.Right()*k, it.Rect.Bottom()*k
		rr := math.Min(it.Radius*k, math.Min((x1-x0)/2, (y1-y0)/2))
		if rr <= 0 {
			return []poly{{pts: []pt{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, closed: true}}
		}
		var ps []pt
		corner := func(cx, cy, a0 float64) {
			for i := 0; i <= 8; i++ {
				a := a0 + float64(i)*math.Pi/16
				ps = append(ps, pt{cx + rr*math.Cos(a), cy + rr*math.Sin(a)})
			}
		}
		corner(x1-rr, y0+rr, -math.Pi/2)
		corner(x1-rr, y1-rr, 0)
		corner(x0+rr, y1-rr, math.Pi/2)
		corner(x0+rr, y0+rr, math.Pi)
		return []poly{{pts: ps, closed: true}}
	case layout.OpCircle:
		cx, cy, rad := (it.Rect.X+it.Radius)*k, (it.Rect.Y+it.Radius)*k, it.Radius*k
		n := max(16, min(64, int(rad*2)))
		ps := make([]pt, n)
		for i := range ps {
			a := 2 * math.Pi * float64(i) / float64(n)
			ps[i] = pt{cx + rad*math.Cos(a), cy + rad*math.Sin(a)}
		}
		return []poly{{pts: ps, closed: true}}
	}
	var out []poly
	var cur poly
	var pen pt
	flush := func() {
		if len(cur.pts) > 0 {
			out = append(out, cur)
		}
		cur = poly{}
	}
	for _, s := range it.Path {
		switch s.Op {
		case layout.MoveTo:
			flush()
			pen = pt{s.P[0].X * k, s.P[0].Y * k}
			cur.pts = append(cur.pts, pen)
		case layout.LineTo:
			pen = pt{s.P[0].X * k, s.P[0].Y * k}
			cur.pts = append(cur.pts, pen)
		case layout.CubeTo:
			c1, c2, e := pt{s.P[0].X * k, s.P[0].Y * k}, pt{s.P[1].X * k, s.P[1].Y * k}, pt{s.P[2].X * k, s.P[2].Y * k}
			l := math.Hypot(c1.x-pen.x, c1.y-pen.y) + math.Hypot(c2.x-c1.x, c2.y-c1.y) + math.Hypot(e.x-c2.x, e.y-c2.y)
			n := max(2, min(64, int(l/3)))
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				cur.pts = append(cur.pts, pt{
					u*u*u*pen.x + 3*u*u*t*c1.x + 3*u*t*t*c2.x + t*t*t*e.x,
					u*u*u*pen.y + 3*u*u*t*c1.y + 3*u*t*t*c2.y + t*t*t*e.y,
				})
			}
			pen = e
		case layout.Close:
			cur.closed = true
			if len(cur.pts) > 0 {
				pen = cur.pts[0]
			}
			flush()
		}
	}
	flush()
	return out
}

// dash cuts a polygon's outline into its dashes (pattern in mm).
func dash(p poly, pattern []float64, k float64) []poly {
	pts := p.pts
	if p.closed && len(pts) > 0 {
		pts = append(append([]pt(nil), pts...), pts[0])
	}
	if len(pattern) == 0 {
		return []poly{{pts: pts, closed: p.closed}}
	}
	var out []poly
	i, left, on := 0, pattern[0]*k, true
	cur := poly{pts: []pt{pts[0]}}
	for j := 1; j < len(pts); j++ {
		a, b := pts[j-1], pts[j]
		seg := math.Hypot(b.x-a.x, b.y-a.y)
		for seg > left {
			t := left / seg
			m := pt{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t}
			if on {
				cur.pts = append(cur.pts, m)
				out = append(out, cur)
			}
			cur = poly{pts: []pt{m}}
			on = !on
			seg -= left
			a = m
			i = (i + 1) % len(pattern)
			left = pattern[i] * k
		}
		left -= seg
		cur.pts = append(cur.pts, b)
	}
	if on && len(cur.pts) > 1 {
		out = append(out, cur)
	}
	return out
}

// stroke adds the outline of a polyline of half-width hw to the mask: one
// quad per segment and a disc (round) or square at each joint, all wound
// the same way so their coverage adds up instead of cancelling.
func (r *raster) stroke(p poly, hw float64, round bool) {
	pts := p.pts
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		dx, dy := b.x-a.x, b.y-a.y
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*hw, dx/l*hw
		r.ccw([]pt{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}})
	}
	for i, q := range pts {
		end := !p.closed && (i == 0 || i == len(pts)-1)
		switch {
		case round:
			n := max(8, min(32, int(hw*4)))
			c := make([]pt, n)
			for j := range c {
				a := 2 * math.Pi * float64(j) / float64(n)
				c[j] = pt{q.x + hw*math.Cos(a), q.y + hw*math.Sin(a)}
			}
			r.ccw(c)
		case !end && len(pts) > 2:
			r.ccw([]pt{{q.x - hw, q.y - hw}, {q.x + hw, q.y - hw}, {q.x + hw, q.y + hw}, {q.x - hw, q.y + hw}})
		}
	}
}

// ccw adds a closed polygon wound counter-clockwise (in pixel space).
func (r *raster) ccw(ps []pt) {
	area := 0.0
	for i := range ps {
		j := (i + 1) % len(ps)
		area += ps[i].x*ps[j].y - ps[j].x*ps[i].y
	}
	if area < 0 {
		for i, j := 0, len(ps)-1; i < j; i, j = i+1, j-1 {
			ps[i], ps[j] = ps[j], ps[i]
		}
	}
	r.moveTo(ps[0])
	for _, q := range ps[1:] {
		r.lineTo(q)
	}
	r.z.ClosePath()
}

// glyphPen draws glyph outlines (font units, y up) into the mask at a
// baseline origin and scale.
type glyphPen struct {
	r      *raster
	ox, oy float64 // pixels
	s      float64 // pixels per font unit
}

func (g *glyphPen) p(x, y float64) (float32, float32) {
	return float32(g.ox + x*g.s - float64(g.r.box.Min.X)), float32(g.oy - y*g.s - float64(g.r.box.Min.Y))
}
func (g *glyphPen) MoveTo(x, y float64) { g.r.z.MoveTo(g.p(x, y)) }
func (g *glyphPen) LineTo(x, y float64) { g.r.z.LineTo(g.p(x, y)) }
func (g *glyphPen) QuadTo(cx, cy, x, y float64) {
	ax, ay := g.p(cx, cy)
	bx, by := g.p(x, y)
	g.r.z.QuadTo(ax, ay, bx, by)
}
func (g *glyphPen) CubeTo(c1x, c1y, c2x, c2y, x, y float64) {
	ax, ay := g.p(c1x, c1y)
	bx, by := g.p(c2x, c2y)
	cx, cy := g.p(x, y)
	g.r.z.CubeTo(ax, ay, bx, by, cx, cy)
}
func (g *glyphPen) Close() { g.r.z.ClosePath() }

func (r *raster) text(it *layout.Item) {
	face := r.fs.Faces[it.Font]
	tb := it.TextBounds(r.fs)
	k := r.k
	pad := it.Size * layout.PtToMM * 0.4 // accents above caps, descenders
	box := image.Rect(int(math.Floor((tb.X-pad)*k)), int(math.Floor((tb.Y-pad)*k)),
		int(math.Ceil((tb.Right()+pad)*k)), int(math.Ceil((tb.Bottom()+pad)*k)))
	if !r.begin(box) {
		return
	}
	mmPerUnit := it.Size * layout.PtToMM / face.UPEM
	g := &glyphPen{r: r, s: mmPerUnit * k}
	for _, ln := range it.Lines {
		x := ln.X
		for _, c := range ln.S {
			gid, adv := face.Glyph(c)
			g.ox, g.oy = x*k, ln.Y*k
			_ = face.SFNT.GlyphPath(g, gid, 0, 0, 0, 1, font.NoHinting)
			x += float64(adv) * mmPerUnit
		}
	}
	r.end(it.Color)
}

// PNGDensity returns the pixel size of the map's PNG and the share of
// PNGScale it is drawn at: below 1 when MaxPNGPixels made the image coarser
// (a very wide map), so the caller can warn that its text will be hard to
// read.
func PNGDensity(in *render.Input) (w, h int, share float64, err error) {
	l, err := layout.New(in)
	if err != nil {
		return 0, 0, 0, err
	}
	sc := l.Scene(l.Full())
	d := capped(sc, PNGScale*pxPerMM)
	return int(math.Ceil(sc.W * d)), int(math.Ceil(sc.H * d)), d / (PNGScale * pxPerMM), nil
}

// capped lowers a density of dpmm pixels per millimetre so that scene sc
// stays under MaxPNGPixels.
func capped(sc *layout.Scene, dpmm float64) float64 {
	if px := sc.W * sc.H * dpmm * dpmm; px > MaxPNGPixels {
		dpmm *= math.Sqrt(MaxPNGPixels / px)
	}
	return dpmm
}

// PNGBook is a map cut into pages as its PDF is (the paper of the input,
// landscape), each page written as its own PNG.
type PNGBook struct {
	doc   Doc
	pages []layout.PageScene
}

// PNGPages lays the map out into the PDF's pages.
func PNGPages(in *render.Input) (*PNGBook, error) {
	l, err := layout.New(in)
	if err != nil {
		return nil, err
	}
	paper, err := render.ParsePaper(in.Paper)
	if err != nil {
		return nil, err
	}
	pages := l.Document(paper.H, paper.W)
	if err := in.Err(); err != nil {
		return nil, err
	}
	return &PNGBook{doc: MapDoc(l), pages: pages}, nil
}

// Len returns the number of pages.
func (b *PNGBook) Len() int { return len(b.pages) }

// Write writes page i (from 0) as a PNG at the density its PDF page prints
// it at, times PNGScale.
func (b *PNGBook) Write(w io.Writer, i int) error {
	pg := b.pages[i]
	img := Rasterize(b.doc.Fonts, pg.Scene, PNGScale*pxPerMM*pg.Scale)
	if err := pg.Scene.Err(); err != nil {
		return err
	}
	return encodePNG(w, img)
}
