package layout

import (
	"math"

	"github.com/journey-cx/journey/render"
)

// Text styles of the mined views.
var (
	// TMinedTitle is the title of a mined view.
	TMinedTitle = Text{Font: Bold, Size: 16, Leading: 1.22}
	// TMinedSub is the line under the title: what the view shows.
	TMinedSub = Text{Font: Regular, Size: 8.5, Leading: 1.22}
	// TMinedName is a node's name.
	TMinedName = Text{Font: Bold, Size: 8.5, Leading: 1.22}
	// TMinedMeta is a node's figures and an edge's label.
	TMinedMeta = Text{Font: Regular, Size: 7, Leading: 1.22}
	// TMinedLegend is a legend's label.
	TMinedLegend = Text{Font: Regular, Size: 7.5, Leading: 1.22}
)

// MinedMargin is the margin around a mined view, in mm.
const MinedMargin = 8.0

// Heading is the title band of a mined view: the title and, under it, a
// line saying what is shown.
type Heading struct {
	Title, Sub Block
	H          float64
}

// NewHeading measures a heading for a view width mm wide.
func NewHeading(fs *Fonts, title, sub string, width float64) Heading {
	inner := math.Max(10, width-2*MinedMargin)
	h := Heading{Title: fs.Line(title, TMinedTitle, inner), Sub: fs.Wrap(sub, TMinedSub, inner, 2)}
	h.H = 4 + h.Title.H() + 1 + h.Sub.H() + 4
	return h
}

// HeadingWidth is the width a mined view needs for its title to show
// whole, margins included, up to an A4 page's length: a drawing narrower
// than its title grows to fit it.
func HeadingWidth(fs *Fonts, title string) float64 {
	return math.Min(fs.Line(title, TMinedTitle, 1e4).W()+2*MinedMargin, 297)
}

// W is the width the heading's text needs, margins included.
func (h Heading) W() float64 { return math.Max(h.Title.W(), h.Sub.W()) + 2*MinedMargin }

// Draw draws the band across the scene's top, width mm wide.
func (h Heading) Draw(sc *Scene, fs *Fonts, th render.Theme, width float64) {
	band := sc.rect(RoleTitle, Rect{0, 0, width, h.H}, 0, th.HeaderFill)
	sc.text(RoleTitle, h.Title, MinedMargin, 4, width-2*MinedMargin, Left, th.HeaderText, band, fs)
	sc.text(RoleTitle, h.Sub, MinedMargin, 4+h.Title.H()+1, width-2*MinedMargin, Left, th.HeaderText.Mix(th.HeaderFill, 0.2), band, fs)
}

// Swatch is how a legend entry shows its mark.
type Swatch uint8

// The legend marks.
const (
	SwatchBox    Swatch = iota // a filled square
	SwatchLine                 // a line, dashed with Dash
	SwatchCircle               // a circle
)

// LegendEntry is one mark of a legend and what it means.
type LegendEntry struct {
	Kind    Swatch
	Fill    render.Color
	Stroke  render.Color
	Dash    []float64
	Width   float64 // line or border width, mm; 0 = 0.35
	Label   string
	label   Block
	x, y, w float64
}

// Legend is a legend measured into rows of at most a width.
type Legend struct {
	Entries []LegendEntry
	W, H    float64
}

// Legend geometry, in mm.
const (
	legSwatch = 3.2
	legGap    = 1.2
	legSpace  = 4.5
	legRow    = 4.6
)

// NewLegend measures es into rows no wider than width mm.
func NewLegend(fs *Fonts, es []LegendEntry, width float64) Legend {
	lg := Legend{}
	x, y := 0.0, 0.0
	for _, e := range es {
		e.label = fs.Line(e.Label, TMinedLegend, math.Max(10, width-legSwatch-legGap))
		e.w = legSwatch + legGap + e.label.W()
		if e.Kind == SwatchLine {
			e.w += legSwatch
		}
		if x > 0 && x+e.w > width {
			x, y = 0, y+legRow
		}
		e.x, e.y = x, y
		x += e.w + legSpace
		lg.W = math.Max(lg.W, e.x+e.w)
		lg.Entries = append(lg.Entries, e)
	}
	if len(lg.Entries) > 0 {
		lg.H = y + legSwatch
	}
	return lg
}

// Draw draws the legend with its top-left corner at (x, y).
func (lg Legend) Draw(sc *Scene, fs *Fonts, th render.Theme, x, y float64) {
	for _, e := range lg.Entries {
		ex, ey := x+e.x, y+e.y
		sw := e.Width
		if sw == 0 {
			sw = 0.35
		}
		mark := legSwatch
		switch e.Kind {
		case SwatchBox:
			sc.add(Item{Op: OpRect, Role: RoleDecor, Rect: Rect{ex, ey, legSwatch, legSwatch}, Radius: 0.6,
				Fill: e.Fill, HasFill: true, Stroke: e.Stroke, StrokeW: sw, Dash: e.Dash, Parent: -1})
		case SwatchCircle:
			sc.circle(RoleDecor, ex+legSwatch/2, ey+legSwatch/2, legSwatch/2, e.Fill, true, e.Stroke, sw)
		case SwatchLine:
			mark = 2 * legSwatch
			my := ey + legSwatch/2
			sc.add(Item{Op: OpPath, Role: RoleDecor, Stroke: e.Stroke, StrokeW: sw, Dash: e.Dash, Parent: -1,
				Rect: Rect{ex, my - sw/2, mark, sw},
				Path: []Seg{{Op: MoveTo, P: [3]Point{{ex, my}}}, {Op: LineTo, P: [3]Point{{ex + mark, my}}}}})
		}
		lx := ex + mark + legGap
		sc.text(RoleDecor, e.label, lx, ey+(legSwatch-e.label.Lead)/2, e.label.W(), Left, th.Muted, -1, fs)
	}
}

// NewMinedScene starts a scene w x h mm on the theme's background.
func NewMinedScene(th render.Theme, w, h float64, in *render.Input) *Scene {
	sc := &Scene{W: w, H: h, Background: th.Background}
	if in != nil {
		sc.cancel = in.Err
	}
	sc.rect(RoleDecor, Rect{0, 0, w, h}, 0, th.Background)
	return sc
}

// Heat returns the colour of a level t (0..1) between the theme's faint
// card fill and its accent: how often, or how long.
func Heat(th render.Theme, t float64) render.Color {
	t = math.Max(0, math.Min(1, t))
	return th.CardFill.Mix(th.Accent, 0.08+0.82*t)
}

// Contrast returns the ink that reads on fill.
func Contrast(fill render.Color, th render.Theme) render.Color {
	l := 0.2126*float64(fill.R) + 0.7152*float64(fill.G) + 0.0722*float64(fill.B)
	if l < 140 {
		return render.Color{R: 255, G: 255, B: 255}
	}
	return th.Ink
}
