package graph

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/draw"
	"github.com/journey-cx/journey/render/layout"
)

// Formats lists the output formats of the graph view.
var Formats = []string{"svg", "pdf", "png"}

// Page geometry, in mm.
const (
	margin      = 8.0
	titleSize   = 16.0 // pt
	stageSize   = 10.0 // pt
	legendSize  = 7.5  // pt
	arrowLength = 7.0 * ptMM
	arrowWidth  = 5.0 * ptMM
	edgeWidth   = 0.35
)

// Dash patterns, in mm.
var (
	backDash        = []float64{1.2, 0.8} // an edge back in file order: a loop
	placeholderDash = []float64{1, 0.7}   // an empty stage's placeholder node
)

// Render lays out the flow graph of in's map with the job's engine (the
// layout kept from an earlier call when the graph is the same) and draws it
// in format (svg, pdf or png) to w.
func (j *Job) Render(ctx context.Context, in *render.Input, format string, w io.Writer) error {
	if !validFormat(format) {
		return fmt.Errorf("graph view: unknown format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	fonts, err := loadFonts()
	if err != nil {
		return err
	}
	g, err := build(in, fonts)
	if err != nil {
		return err
	}
	th := theme(in)
	var dot bytes.Buffer
	if err := g.writeDOT(&dot, th, true); err != nil {
		return err
	}
	l, err := j.layoutOf(ctx, dot.Bytes())
	if err != nil {
		return err
	}
	lb := in.Labels()
	sc, err := g.scene(l, th, fonts, lb)
	if err != nil {
		return err
	}
	doc := draw.Doc{Fonts: fonts, Title: g.title, Desc: draw.MapSummary(in.Map, lb), Lang: lb.Lang}
	return write(w, doc, sc, format)
}

func validFormat(f string) bool {
	for _, x := range Formats {
		if x == f {
			return true
		}
	}
	return false
}

// write encodes the scene with the map's back ends: SVG and PDF with the
// text as text in the embedded font, PNG at the map's density on the
// theme's opaque background. The PDF is one page the size of the drawing.
func write(w io.Writer, doc draw.Doc, sc *layout.Scene, format string) error {
	switch format {
	case "svg":
		return draw.WriteSVG(w, doc, sc)
	case "pdf":
		return draw.WritePDF(w, doc, []layout.PageScene{{Scene: sc, Scale: 1}}, sc.W, sc.H)
	case "png":
		return draw.WritePNG(w, doc, sc)
	}
	return fmt.Errorf("graph view: unknown format %q", format)
}

// scene draws the laid-out graph: title band, stage clusters, edges, nodes
// and the emotion legend. Page coordinates are mm from the top left, y
// down; Graphviz's are points from the bottom left, y up.
// It is long because the bands, clusters, edges, nodes and legend are drawn in one
// pass over the shared coordinate transform, in paint order.
func (g *graph) scene(l *Layout, th render.Theme, fs *layout.Fonts, lb render.Labels) (*layout.Scene, error) {
	bbW, bbH := (l.BB.X1-l.BB.X0)*ptMM, (l.BB.Y1-l.BB.Y0)*ptMM
	titleH := lineHeight(titleSize) + 6
	legendH := lineHeight(legendSize) + 6
	title := line(fs, clip(g.title, 300), tTitle, 0)
	legend := g.legend(th, fs, lb)
	width := math.Max(bbW, math.Max(title.W(), legend.width)) + 2*margin
	width = math.Max(width, 80)
	height := titleH + margin + bbH + margin + legendH

	sc := &layout.Scene{W: width, H: height, Background: th.Background}
	// The background, drawn so SVG and PDF show it too.
	sc.Add(rect(layout.RoleDecor, layout.Rect{W: width, H: height}, 0, th.Background))

	// Title band.
	band := sc.Add(rect(layout.RoleTitle, layout.Rect{W: width, H: titleH}, 0, th.HeaderFill))
	sc.Text(layout.RoleTitle, title, margin, (titleH-title.Lead)/2, width-2*margin, layout.Left, th.HeaderText, band, fs)

	// Graph coordinates (points, y up) to page (mm, y down).
	ox, oy := margin+(width-2*margin-bbW)/2, titleH+margin
	at := func(p Point) layout.Point {
		return layout.Point{X: ox + (p.X-l.BB.X0)*ptMM, Y: oy + (l.BB.Y1-p.Y)*ptMM}
	}

	// Stage clusters, the stage's name in the top-left corner.
	for si, st := range g.stages {
		cl, ok := l.Clusters[fmt.Sprintf("cluster_%d", si)]
		if !ok {
			continue
		}
		p0, p1 := at(Point{cl.BB.X0, cl.BB.Y1}), at(Point{cl.BB.X1, cl.BB.Y0})
		r := layout.Rect{X: p0.X, Y: p0.Y, W: p1.X - p0.X, H: p1.Y - p0.Y}
		box := rect(layout.RoleStage, r, 2, th.StageFill)
		box.ID = st.id
		i := sc.Add(box)
		name := line(fs, st.name, tStage, math.Max(5, r.W-4))
		sc.Text(layout.RoleStage, name, r.X+2, r.Y+1.5, r.W-4, layout.Left, th.StageText, i, fs)
	}

	// Edges under the nodes.
	back := g.backEdges()
	for _, e := range l.Edges {
		if e.Invisible || len(e.Points) < 4 {
			continue
		}
		col, dash := th.Muted, []float64(nil)
		if back.next(e.Tail, e.Head) {
			col, dash = th.Accent, backDash
		}
		path := []layout.Seg{{Op: layout.MoveTo, P: [3]layout.Point{at(e.Points[0])}}}
		for i := 1; i+2 < len(e.Points); i += 3 {
			path = append(path, layout.Seg{Op: layout.CubeTo, P: [3]layout.Point{at(e.Points[i]), at(e.Points[i+1]), at(e.Points[i+2])}})
		}
		sc.Add(layout.Item{Op: layout.OpPath, Role: layout.RoleEdge, Rect: pathBounds(path), Path: path,
			Stroke: col, StrokeW: edgeWidth, Dash: dash, Parent: -1})
		if e.End != nil {
			arrow(sc, at(e.Points[len(e.Points)-1]), at(*e.End), col)
		}
		if e.Start != nil {
			arrow(sc, at(e.Points[0]), at(*e.Start), col)
		}
	}

	// Nodes.
	for i := range g.nodes {
		n := &g.nodes[i]
		ln, ok := l.Nodes[n.id]
		if !ok {
			return nil, fmt.Errorf("graph layout lacks node %q", n.id)
		}
		c := at(ln.Pos)
		r := layout.Rect{X: c.X - n.w/2, Y: c.Y - n.h/2, W: n.w, H: n.h}
		fill, stroke, sw := th.CardFill, th.CardBorder, 0.25
		if n.hasEmo {
			fill = th.EmotionColor(n.emotion)
		}
		if n.moment {
			stroke, sw = th.Accent, 0.6
		}
		ink := contrast(fill, th)
		box := layout.Item{Op: layout.OpRect, Role: layout.RoleCard, Rect: r, Radius: 1.6,
			Fill: fill, HasFill: true, Stroke: stroke, StrokeW: sw, Parent: -1}
		if n.tp == nil {
			box.Fill, box.Stroke, box.Dash = th.Background, th.Faint, placeholderDash
			ink = th.Faint
		} else {
			box.ID = n.tp.ID
			if n.name.Truncated {
				box.Title = n.tp.Name
			}
		}
		bi := sc.Add(box)
		sc.Text(layout.RoleCard, n.name, r.X, r.Y+padY, r.W, layout.Center, ink, bi, fs)
		sc.Text(layout.RoleCard, n.meta, r.X, r.Y+padY+max(n.name.H(), n.name.Lead)+metaGap, r.W, layout.Center, ink, bi, fs)
	}

	legend.draw(sc, fs, (width-legend.width)/2, height-margin-swatch)
	return sc, nil
}

// rect is a filled rectangle without a stroke.
func rect(role layout.Role, r layout.Rect, radius float64, fill render.Color) layout.Item {
	return layout.Item{Op: layout.OpRect, Role: role, Rect: r, Radius: radius, Fill: fill, HasFill: true, Parent: -1}
}

// pathBounds returns the box of a path's points (control points included).
func pathBounds(path []layout.Seg) layout.Rect {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range path {
		n := 1
		switch s.Op {
		case layout.CubeTo:
			n = 3
		case layout.Close:
			n = 0
		}
		for _, p := range s.P[:n] {
			x0, y0, x1, y1 = math.Min(x0, p.X), math.Min(y0, p.Y), math.Max(x1, p.X), math.Max(y1, p.Y)
		}
	}
	if x0 > x1 {
		return layout.Rect{}
	}
	return layout.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

// edgeKinds tells the laid-out edges that go back in file order from the
// others. Two edges can join the same nodes the same way in the DOT (a flow
// a -> b within a stage, written b -> a, and a loop b -> a), so they are
// told apart by their order, which Graphviz keeps.
type edgeKinds map[[2]string][]bool

// backEdges returns, for every tail and head as written in the DOT (so
// reversed when flipped), whether each edge between them goes back in file
// order, in the order written.
func (g *graph) backEdges() edgeKinds {
	k := edgeKinds{}
	for _, e := range g.edges {
		t, h := g.nodes[e.tail].id, g.nodes[e.head].id
		if e.flipped {
			t, h = h, t
		}
		k[[2]string{t, h}] = append(k[[2]string{t, h}], e.back)
	}
	return k
}

// next reports whether the next laid-out edge from tail to head goes back.
func (k edgeKinds) next(tail, head string) bool {
	key := [2]string{tail, head}
	q := k[key]
	if len(q) == 0 {
		return false
	}
	k[key] = q[1:]
	return q[0]
}

// arrow adds an arrowhead from the spline's end from to tip: Graphviz
// leaves that gap for it, so its base meets the line.
func arrow(sc *layout.Scene, from, tip layout.Point, col render.Color) {
	dx, dy := tip.X-from.X, tip.Y-from.Y
	d := math.Hypot(dx, dy)
	if d == 0 {
		return
	}
	ux, uy := dx/d, dy/d
	l := math.Min(d, 2*arrowLength)
	bx, by := tip.X-ux*l, tip.Y-uy*l
	px, py := -uy*arrowWidth/2, ux*arrowWidth/2
	path := []layout.Seg{
		{Op: layout.MoveTo, P: [3]layout.Point{tip}},
		{Op: layout.LineTo, P: [3]layout.Point{{X: bx + px, Y: by + py}}},
		{Op: layout.LineTo, P: [3]layout.Point{{X: bx - px, Y: by - py}}},
		{Op: layout.Close},
	}
	sc.Add(layout.Item{Op: layout.OpPath, Role: layout.RoleEdge, Rect: pathBounds(path), Path: path,
		Fill: col, HasFill: true, Parent: -1})
}

// legendRow is the emotion key under the graph.
type legendRow struct {
	items  []legendItem
	width  float64 // from the first swatch to the end of the last label
	ink    render.Color
	border render.Color
}

type legendItem struct {
	fill  render.Color
	label layout.Block
}

// Legend geometry, in mm.
const (
	swatch    = 3.2 // the colour sample's side
	swatchGap = 1.2 // between a sample and its label
	legendGap = 4.0 // between two entries
)

func (g *graph) legend(th render.Theme, fs *layout.Fonts, lb render.Labels) legendRow {
	r := legendRow{ink: th.Muted, border: th.CardBorder}
	add := func(fill render.Color, label string) {
		b := fs.Line(label, tLegend, 0)
		if len(r.items) > 0 {
			r.width += legendGap
		}
		r.items = append(r.items, legendItem{fill, b})
		r.width += swatch + swatchGap + b.W()
	}
	for v := 1; v <= 5; v++ {
		add(th.EmotionColor(float64(v)), fmt.Sprintf("%d %s", v, lb.EmotionLevels[v]))
	}
	add(th.CardFill, lb.NoData)
	return r
}

// draw adds the legend with its swatches' top-left corner at (x, y).
func (r legendRow) draw(sc *layout.Scene, fs *layout.Fonts, x, y float64) {
	for _, it := range r.items {
		sc.Add(layout.Item{Op: layout.OpRect, Role: layout.RoleDecor, Rect: layout.Rect{X: x, Y: y, W: swatch, H: swatch}, Radius: 0.6,
			Fill: it.fill, HasFill: true, Stroke: r.border, StrokeW: 0.15, Parent: -1})
		lx := x + swatch + swatchGap
		sc.Text(layout.RoleDecor, it.label, lx, y+(swatch-it.label.Lead)/2, it.label.W(), layout.Left, r.ink, -1, fs)
		x = lx + it.label.W() + legendGap
	}
}
