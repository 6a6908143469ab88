// Package draw writes scenes (render/layout) as SVG, PDF and PNG: a journey
// map's layout (SVG, PDF, PNG), or any drawing built as scenes, such as the
// graph view (WriteSVG, WritePDF, WritePNG). The three back ends draw the
// same scenes, so the outputs agree to the millimetre; text is placed with
// the font's own advances and stays text in SVG and PDF (selectable,
// searchable, translatable).
//
// SVG and PDF are written directly from the scene: tdewolff/canvas shapes
// every line again and turns every glyph into a path even when it writes
// text, which costs about ten times the budget of a 200-touchpoint map.
// PNG is rasterised with golang.org/x/image/vector.
package draw

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// SVG writes the map as one standalone SVG drawing.
func SVG(w io.Writer, in *render.Input) error {
	l, err := layout.New(in)
	if err != nil {
		return err
	}
	return WriteSVG(w, MapDoc(l), l.Scene(l.Full()))
}

// pxPerMM is the CSS pixel density: 96 px per inch.
const pxPerMM = 96 / 25.4

// Doc is what the back ends need besides the scenes: the fonts the text
// was measured with and the document's metadata.
type Doc struct {
	Fonts *layout.Fonts
	Title string // the document's title: SVG title, PDF title
	Desc  string // a plain-text description: SVG desc, PDF subject
	Lang  string // the language of the text (en, es)

	Reading *ReadingOrder // how the PDF's structure tree reads the map; nil: in drawing order
}

// MapDoc returns the Doc of a map's layout.
func MapDoc(l *layout.Layout) Doc {
	return Doc{Fonts: l.Fonts, Title: l.Input.Map.Title, Desc: Summary(l), Lang: l.Labels.Lang}
}

// WriteSVG writes scene sc as one standalone SVG drawing of sc.W x sc.H mm.
func WriteSVG(w io.Writer, d Doc, sc *layout.Scene) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	e := &svgWriter{w: bw, fs: d.Fonts}
	lang := d.Lang
	e.s(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	e.s(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="`)
	e.n(math.Round(sc.W * pxPerMM))
	e.s(`" height="`)
	e.n(math.Round(sc.H * pxPerMM))
	e.s(`" viewBox="0 0 `)
	e.n(sc.W)
	e.s(" ")
	e.n(sc.H)
	e.s(`" role="img" aria-labelledby="journey-title journey-desc" xml:lang="`)
	e.esc(lang)
	e.s(`" font-family="` + layout.FontFallbacks + `" style="font-kerning:none;font-variant-ligatures:none">` + "\n")
	e.s(`<title id="journey-title">`)
	e.esc(d.Title)
	e.s("</title>\n<desc id=\"journey-desc\">")
	e.esc(d.Desc)
	e.s("</desc>\n")
	e.fonts(sc)
	for i := range sc.Items {
		if i%cancelEvery == 0 && sc.Err() != nil {
			return sc.Err()
		}
		e.item(&sc.Items[i])
	}
	e.s("</svg>\n")
	if e.err != nil {
		return e.err
	}
	return bw.Flush()
}

// Summary is a plain-text description of the map for screen readers and
// document metadata: stages in order, touchpoint count, personas.
func Summary(l *layout.Layout) string { return MapSummary(l.Input.Map, l.Labels) }

// MapSummary is Summary for a map and its labels, without a layout.
func MapSummary(m *journey.Map, lb render.Labels) string {
	var b strings.Builder
	if m.Description != "" {
		b.WriteString(strings.TrimSpace(m.Description))
		b.WriteString(" ")
	}
	names := make([]string, len(m.Stages))
	n := 0
	for i, s := range m.Stages {
		names[i] = s.Name
		if names[i] == "" {
			names[i] = s.ID
		}
		n += len(s.Touchpoints)
	}
	fmt.Fprintf(&b, "%s: %s. %s: %d.", lb.Stages, strings.Join(names, " → "), lb.Touchpoints, n)
	if len(m.Personas) > 0 {
		ps := make([]string, len(m.Personas))
		for i, p := range m.Personas {
			ps[i] = p.Name
		}
		fmt.Fprintf(&b, " %s: %s.", lb.Persona, strings.Join(ps, ", "))
	}
	return b.String()
}

type svgWriter struct {
	w   *bufio.Writer
	fs  *layout.Fonts
	err error
	buf []byte
}

func (e *svgWriter) s(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// n writes v rounded to 0.01 mm.
func (e *svgWriter) n(v float64) {
	e.buf = appendNum(e.buf[:0], v)
	if e.err == nil {
		_, e.err = e.w.Write(e.buf)
	}
}

func appendNum(b []byte, v float64) []byte {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // no -0
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// esc writes s escaped for XML text and attribute values; characters XML
// cannot hold are dropped.
func (e *svgWriter) esc(s string) {
	last := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		var rep string
		switch {
		case r == '&':
			rep = "&amp;"
		case r == '<':
			rep = "&lt;"
		case r == '>':
			rep = "&gt;"
		case r == '"':
			rep = "&quot;"
		case r == '\'':
			rep = "&apos;"
		case r == utf8.RuneError && n == 1, r < 0x20 && r != '\t' && r != '\n' && r != '\r',
			r >= 0xd800 && r < 0xe000, r == 0xfffe, r == 0xffff:
			rep = ""
		default:
			i += n
			continue
		}
		e.s(s[last:i])
		e.s(rep)
		i += n
		last = i
	}
	e.s(s[last:])
}

func (e *svgWriter) color(attr string, c render.Color) {
	e.s(" " + attr + `="` + c.Hex() + `"`)
}

func (e *svgWriter) paint(it *layout.Item) {
	if it.HasFill {
		e.color("fill", it.Fill)
	} else {
		e.s(` fill="none"`)
	}
	if it.StrokeW > 0 {
		e.color("stroke", it.Stroke)
		e.s(` stroke-width="`)
		e.n(it.StrokeW)
		e.s(`"`)
		if it.Round {
			e.s(` stroke-linecap="round" stroke-linejoin="round"`)
		}
		if len(it.Dash) > 0 {
			e.s(` stroke-dasharray="`)
			for i, d := range it.Dash {
				if i > 0 {
					e.s(" ")
				}
				e.n(d)
			}
			e.s(`"`)
		}
	}
}

func (e *svgWriter) attrs(it *layout.Item) {
	if it.Role != layout.RoleDecor {
		e.s(` class="` + it.Role.String() + `"`)
	}
	if it.ID != "" {
		e.s(` data-id="`)
		e.esc(it.ID)
		e.s(`"`)
	}
}

var fontClass = [...]string{layout.Regular: "r", layout.Bold: "b", layout.Italic: "i", layout.BoldItalic: "bi"}

// item writes one scene item as SVG. It is long because it is one switch
// over the item kinds, each case a few lines of markup.
func (e *svgWriter) item(it *layout.Item) {
	switch it.Op {
	case layout.OpRect:
		if !it.HasFill && it.StrokeW == 0 {
			return // a box that only holds text
		}
		r := it.Rect
		e.s(`<rect x="`)
		e.n(r.X)
		e.s(`" y="`)
		e.n(r.Y)
		e.s(`" width="`)
		e.n(r.W)
		e.s(`" height="`)
		e.n(r.H)
		e.s(`"`)
		if it.Radius > 0 {
			e.s(` rx="`)
			e.n(it.Radius)
			e.s(`"`)
		}
		e.paint(it)
		e.attrs(it)
		e.s("/>\n")
	case layout.OpCircle:
		e.s(`<circle cx="`)
		e.n(it.Rect.X + it.Radius)
		e.s(`" cy="`)
		e.n(it.Rect.Y + it.Radius)
		e.s(`" r="`)
		e.n(it.Radius)
		e.s(`"`)
		e.paint(it)
		e.attrs(it)
		e.s("/>\n")
	case layout.OpPath:
		e.s(`<path d="`)
		for i, sg := range it.Path {
			if i > 0 {
				e.s(" ")
			}
			switch sg.Op {
			case layout.MoveTo:
				e.s("M")
				e.pt(sg.P[0])
			case layout.LineTo:
				e.s("L")
				e.pt(sg.P[0])
			case layout.CubeTo:
				e.s("C")
				e.pt(sg.P[0])
				e.s(" ")
				e.pt(sg.P[1])
				e.s(" ")
				e.pt(sg.P[2])
			case layout.Close:
				e.s("Z")
			}
		}
		e.s(`"`)
		e.paint(it)
		e.attrs(it)
		e.s("/>\n")
	case layout.OpText:
		for _, ln := range it.Lines {
			e.s(`<text x="`)
			e.n(ln.X)
			e.s(`" y="`)
			e.n(ln.Y)
			e.s(`" font-size="`)
			e.n(it.Size * layout.PtToMM)
			// The measured width: a viewer that falls back to another font
			// squeezes or stretches the line to it instead of overflowing.
			e.s(`" textLength="`)
			e.n(ln.W)
			e.s(`" lengthAdjust="spacingAndGlyphs`)
			e.s(`" class="` + fontClass[it.Font] + `"`)
			e.color("fill", it.Color)
			e.s(">")
			e.esc(ln.S)
			e.s("</text>\n")
		}
	}
}

func (e *svgWriter) pt(p layout.Point) {
	e.n(p.X)
	e.s(",")
	e.n(p.Y)
}

// fonts writes the style sheet: one @font-face per face used, subset to
// the glyphs the drawing uses and embedded, so the drawing looks the same
// in a browser, in slides and offline. Liberation Sans shares Arial's
// metrics, so the fallbacks keep the layout if a viewer drops the fonts.
func (e *svgWriter) fonts(sc *layout.Scene) {
	var used [4]map[rune]bool
	for i := range sc.Items {
		it := &sc.Items[i]
		if it.Op != layout.OpText {
			continue
		}
		if used[it.Font] == nil {
			used[it.Font] = map[rune]bool{}
		}
		u := used[it.Font]
		for _, ln := range it.Lines {
			for _, r := range ln.S {
				u[r] = true
			}
		}
	}
	e.s("<style>\n")
	for id, u := range used {
		if u == nil {
			continue
		}
		face := e.fs.Faces[id]
		data, err := webFont(face, u)
		if err != nil {
			e.err = err
			return
		}
		e.s("@font-face{font-family:'" + layout.FontFamily + "';font-weight:" + strconv.Itoa(face.Weight))
		if face.Italic {
			e.s(";font-style:italic")
		}
		e.s(";src:url(data:font/ttf;base64,")
		e.s(base64.StdEncoding.EncodeToString(data))
		e.s(") format('truetype')}\n")
	}
	e.s(".r{font-weight:400}.b{font-weight:700}.i{font-style:italic}.bi{font-weight:700;font-style:italic}\n")
	e.s("text{white-space:pre}\n</style>\n")
}
