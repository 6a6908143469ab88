package graph

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"io"
	"math"
	"strings"
	"sync"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"
	"github.com/tdewolff/canvas/renderers/rasterizer"
	"github.com/tdewolff/canvas/renderers/svg"

	"github.com/journey-cx/journey/render"
)

// Formats lists the output formats of the graph view.
var Formats = []string{"svg", "pdf", "png"}

// Page geometry, in mm.
const (
	margin      = 8.0
	titleSize   = 16.0          // pt
	stageSize   = 10.0          // pt
	legendSize  = 7.5           // pt
	pngDPMM     = 2 * 96 / 25.4 // PNG pixels per mm: twice CSS density, as the map's PNG
	maxPNGPix   = 60_000_000    // larger graphs are drawn at a lower density
	arrowLength = 7.0 * ptMM
	arrowWidth  = 5.0 * ptMM
)

// Render lays out the flow graph of in's map with the engine SystemLocator
// finds and draws it in format (svg, pdf or png) to w.
func Render(ctx context.Context, in *render.Input, format string, w io.Writer) error {
	eng, err := SystemLocator().Find()
	if err != nil {
		return err
	}
	return RenderWith(ctx, eng, in, format, w)
}

// RenderWith is Render with a given layout engine.
func RenderWith(ctx context.Context, eng *Engine, in *render.Input, format string, w io.Writer) error {
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
	fontsMu.Lock()
	g, err := build(in, fonts)
	fontsMu.Unlock()
	if err != nil {
		return err
	}
	th := theme(in)
	var dot bytes.Buffer
	if err := g.writeDOT(&dot, th, true); err != nil {
		return err
	}
	l, err := cachedLayout(ctx, eng, dot.Bytes())
	if err != nil {
		return err
	}
	fontsMu.Lock()
	defer fontsMu.Unlock()
	c, err := g.draw(l, th, fonts, in.Labels())
	if err != nil {
		return err
	}
	return write(w, c, format, g.title)
}

// lastLayout keeps the latest layout, so one map drawn in several formats
// (-o flow.svg -o flow.png) runs the engine once.
var lastLayout struct {
	sync.Mutex
	engine, dot string
	layout      *Layout
}

func cachedLayout(ctx context.Context, eng *Engine, dot []byte) (*Layout, error) {
	lastLayout.Lock()
	defer lastLayout.Unlock()
	if lastLayout.layout != nil && lastLayout.engine == eng.Path && lastLayout.dot == string(dot) {
		return lastLayout.layout, nil
	}
	l, err := eng.Layout(ctx, dot)
	if err != nil {
		return nil, err
	}
	lastLayout.engine, lastLayout.dot, lastLayout.layout = eng.Path, string(dot), l
	return l, nil
}

func validFormat(f string) bool {
	for _, x := range Formats {
		if x == f {
			return true
		}
	}
	return false
}

// write encodes the canvas.
func write(w io.Writer, c *canvas.Canvas, format, title string) error {
	wd, ht := c.Size()
	switch format {
	case "svg":
		r := svg.New(w, wd, ht, &svg.Options{EmbedFonts: true, SubsetFonts: true, SizeUnits: "mm", ImageEncoding: svg.DefaultOptions.ImageEncoding})
		c.RenderTo(r)
		return r.Close()
	case "pdf":
		r := pdf.New(w, wd, ht, &pdf.Options{Compress: true, SubsetFonts: true, ImageEncoding: pdf.DefaultOptions.ImageEncoding})
		r.SetInfo(title, "", "", "", "journey")
		c.RenderTo(r)
		return r.Close()
	case "png":
		res := pngDPMM
		if px := wd * ht * res * res; px > maxPNGPix {
			res *= math.Sqrt(maxPNGPix / px)
		}
		img := rasterizer.Draw(c, canvas.DPMM(res), canvas.LinearColorSpace{})
		enc := png.Encoder{CompressionLevel: png.BestSpeed} // as the map's PNG: size matters less than time
		return enc.Encode(w, img)
	}
	return fmt.Errorf("graph view: unknown format %q", format)
}

// draw paints the laid-out graph: title band, stage clusters, edges, nodes
// and the emotion legend.
func (g *graph) draw(l *Layout, th render.Theme, fs *fontSet, lb render.Labels) (*canvas.Canvas, error) {
	bbW, bbH := (l.BB.X1-l.BB.X0)*ptMM, (l.BB.Y1-l.BB.Y0)*ptMM
	titleH := lineHeight(titleSize) + 6
	legendH := lineHeight(legendSize) + 6
	titleFace := fs.bold.Face(titleSize, th.HeaderText.RGBA())
	title := clip(strings.Join(strings.Fields(g.title), " "), 300)
	legend := g.legend(th, fs, lb)
	width := math.Max(bbW, math.Max(titleFace.TextWidth(title), legend.width)) + 2*margin
	width = math.Max(width, 80)
	height := bbH + titleH + legendH + 2*margin

	c := canvas.New(width, height)
	ctx := canvas.NewContext(c)
	// Background: PNG is transparent otherwise.
	ctx.SetFillColor(th.Background.RGBA())
	ctx.DrawPath(0, 0, canvas.Rectangle(width, height))

	// Title band.
	ctx.SetFillColor(th.HeaderFill.RGBA())
	ctx.DrawPath(0, height-titleH, canvas.Rectangle(width, titleH))
	title = wrap(titleFace, title, width-2*margin, 1)[0]
	ctx.DrawText(margin, height-titleH+(titleH-titleSize*ptMM*0.72)/2, canvas.NewTextLine(titleFace, title, canvas.Left))

	// Graph coordinates (points, y up) to page (mm, y up).
	ox, oy := margin+(width-2*margin-bbW)/2, margin+legendH
	at := func(p Point) (float64, float64) { return ox + (p.X-l.BB.X0)*ptMM, oy + (p.Y-l.BB.Y0)*ptMM }

	// Stage clusters.
	stageFace := fs.bold.Face(stageSize, th.StageText.RGBA())
	for si, st := range g.stages {
		cl, ok := l.Clusters[fmt.Sprintf("cluster_%d", si)]
		if !ok {
			continue
		}
		x0, y0 := at(Point{cl.BB.X0, cl.BB.Y0})
		x1, y1 := at(Point{cl.BB.X1, cl.BB.Y1})
		ctx.SetFillColor(th.StageFill.RGBA())
		ctx.SetStrokeColor(canvas.Transparent)
		ctx.DrawPath(x0, y0, canvas.RoundedRectangle(x1-x0, y1-y0, 2))
		name := wrap(stageFace, st.name, math.Max(5, x1-x0-4), 1)[0]
		ctx.DrawText(x0+2, y1-2-stageSize*ptMM*0.8, canvas.NewTextLine(stageFace, name, canvas.Left))
	}

	// Edges under the nodes.
	ctx.SetFillColor(canvas.Transparent)
	for _, e := range l.Edges {
		if e.Invisible || len(e.Points) < 4 {
			continue
		}
		col, dashed := th.Muted, false
		if g.isBack(e.Tail, e.Head) {
			col, dashed = th.Accent, true
		}
		p := &canvas.Path{}
		p.MoveTo(at(e.Points[0]))
		for i := 1; i+2 < len(e.Points); i += 3 {
			x1, y1 := at(e.Points[i])
			x2, y2 := at(e.Points[i+1])
			x3, y3 := at(e.Points[i+2])
			p.CubeTo(x1, y1, x2, y2, x3, y3)
		}
		ctx.SetFillColor(canvas.Transparent)
		ctx.SetStrokeColor(col.RGBA())
		ctx.SetStrokeWidth(0.35)
		if dashed {
			ctx.SetDashes(0, 1.2, 0.8)
		} else {
			ctx.SetDashes(0)
		}
		ctx.DrawPath(0, 0, p)
		ctx.SetDashes(0)
		if e.End != nil {
			fx, fy := at(e.Points[len(e.Points)-1])
			tx, ty := at(*e.End)
			drawArrow(ctx, fx, fy, tx, ty, col)
		}
		if e.Start != nil {
			fx, fy := at(e.Points[0])
			tx, ty := at(*e.Start)
			drawArrow(ctx, fx, fy, tx, ty, col)
		}
	}

	// Nodes.
	for i := range g.nodes {
		n := &g.nodes[i]
		ln, ok := l.Nodes[n.id]
		if !ok {
			return nil, fmt.Errorf("graph layout lacks node %q", n.id)
		}
		cx, cy := at(ln.Pos)
		w, h := n.w, n.h
		x, y := cx-w/2, cy-h/2
		fill, stroke, sw := th.CardFill, th.CardBorder, 0.25
		if n.hasEmo {
			fill = th.EmotionColor(n.emotion)
		}
		if n.moment {
			stroke, sw = th.Accent, 0.6
		}
		ink := contrast(fill, th)
		ctx.SetFillColor(fill.RGBA())
		ctx.SetStrokeColor(stroke.RGBA())
		ctx.SetStrokeWidth(sw)
		if n.tp == nil {
			ctx.SetFillColor(th.Background.RGBA())
			ctx.SetStrokeColor(th.Faint.RGBA())
			ctx.SetDashes(0, 1, 0.7)
			ink = th.Faint
		}
		ctx.DrawPath(x, y, canvas.RoundedRectangle(w, h, 1.6))
		ctx.SetDashes(0)
		nameFace := fs.bold.Face(nameSize, ink.RGBA())
		ty := y + h - padY - nameSize*ptMM*0.8
		for _, line := range n.name {
			ctx.DrawText(cx, ty, canvas.NewTextLine(nameFace, line, canvas.Center))
			ty -= lineHeight(nameSize)
		}
		if n.meta != "" {
			metaFace := fs.regular.Face(metaSize, ink.RGBA())
			ctx.DrawText(cx, y+padY+metaSize*ptMM*0.25, canvas.NewTextLine(metaFace, n.meta, canvas.Center))
		}
	}

	legend.draw(ctx, (width-legend.width)/2, margin)
	return c, nil
}

// isBack reports whether the laid-out edge tail -> head (as written in the
// DOT, so reversed when flipped) goes back in file order.
func (g *graph) isBack(tail, head string) bool {
	for _, e := range g.edges {
		t, h := g.nodes[e.tail].id, g.nodes[e.head].id
		if e.flipped {
			t, h = h, t
		}
		if t == tail && h == head {
			return e.back
		}
	}
	return false
}

// drawArrow draws an arrowhead from the spline's end from toward tip.
func drawArrow(ctx *canvas.Context, fx, fy, tx, ty float64, col render.Color) {
	dx, dy := tx-fx, ty-fy
	d := math.Hypot(dx, dy)
	if d == 0 {
		return
	}
	ux, uy := dx/d, dy/d
	bx, by := tx-ux*math.Min(arrowLength, d+arrowLength), ty-uy*math.Min(arrowLength, d+arrowLength)
	px, py := -uy*arrowWidth/2, ux*arrowWidth/2
	p := &canvas.Path{}
	p.MoveTo(tx, ty)
	p.LineTo(bx+px, by+py)
	p.LineTo(bx-px, by-py)
	p.Close()
	ctx.SetStrokeColor(canvas.Transparent)
	ctx.SetFillColor(col.RGBA())
	ctx.DrawPath(0, 0, p)
	ctx.SetFillColor(canvas.Transparent)
}

// legendRow is the emotion key under the graph.
type legendRow struct {
	items  []legendItem
	width  float64
	face   *canvas.FontFace
	border render.Color
}

type legendItem struct {
	fill  render.Color
	label string
	w     float64
}

const swatch = 3.2

func (g *graph) legend(th render.Theme, fs *fontSet, lb render.Labels) legendRow {
	r := legendRow{face: fs.regular.Face(legendSize, th.Muted.RGBA()), border: th.CardBorder}
	add := func(fill render.Color, label string) {
		w := swatch + 1.2 + r.face.TextWidth(label) + 4
		r.items = append(r.items, legendItem{fill, label, w})
		r.width += w
	}
	for v := 1; v <= 5; v++ {
		add(th.EmotionColor(float64(v)), fmt.Sprintf("%d %s", v, lb.EmotionLevels[v]))
	}
	add(th.CardFill, lb.NoData)
	return r
}

func (r legendRow) draw(ctx *canvas.Context, x, y float64) {
	for _, it := range r.items {
		ctx.SetFillColor(it.fill.RGBA())
		ctx.SetStrokeColor(r.border.RGBA())
		ctx.SetStrokeWidth(0.15)
		ctx.DrawPath(x, y, canvas.RoundedRectangle(swatch, swatch, 0.6))
		ctx.SetStrokeColor(canvas.Transparent)
		ctx.DrawText(x+swatch+1.2, y+0.5, canvas.NewTextLine(r.face, it.label, canvas.Left))
		x += it.w
	}
}
