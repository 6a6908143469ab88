package graph

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/draw"
	"github.com/journey-cx/journey/render/layout"
)

// ProcessOptions choose what the process map of a mined log shows.
type ProcessOptions struct {
	MinEdge  int64  // leave out the steps taken fewer times than this (0 or 1 keeps all)
	TopPaths int    // keep only the steps of the N most frequent paths; 0 keeps all
	Measure  string // what colours nodes and edges: "frequency" (default) or "duration"
}

// Measures are the accepted ProcessOptions.Measure values.
var Measures = []string{"frequency", "duration"}

// Process node kinds. Where cases end is a figure of each node, not a
// node: a sink every node points to would cross the whole map.
const (
	pNode  = iota // a touchpoint or an activity
	pStart        // where cases begin
)

// pnode is one node of the process map, its text measured.
type pnode struct {
	id         string
	kind       int
	st         *layout.NodeStat
	name, meta layout.Block
	w, h       float64
}

// pedge is one step drawn: a directly-follows edge, or a start or end.
type pedge struct {
	from, to int
	count    int64
	median   float64 // seconds; -1 for starts
	observed bool    // observed only: the map does not design it
	label    string  // the label drawn on it; "" = its count or median
}

// process is the process map of a mined log, chosen and measured.
type process struct {
	obs       *layout.Observed
	opt       ProcessOptions
	words     layout.MinedWords
	nodes     []pnode
	edges     []pedge
	total     int // steps before the options left some out
	maxCases  int64
	maxCount  int64
	maxMedian float64
	one       *oneCase // the case view: one customer's steps; nil for the process map
}

// Process node geometry, in mm.
const (
	pTextW   = 40.0
	pMinW    = 22.0
	pGrowW   = 22.0 // added to the narrowest width for the busiest node
	pPad     = 2.2
	pEndW    = 14.0
	pEdgeMin = 0.25
	pEdgeMax = 1.5
)

// RenderProcess draws the process map of the mined log obs (the
// directly-follows graph, laid out by the job's engine) in format to w.
func (j *Job) RenderProcess(ctx context.Context, in *render.Input, obs *layout.Observed, opt ProcessOptions, format string, w io.Writer) error {
	return j.draw(ctx, in, "process", format, w, func(fonts *layout.Fonts) *process { return newProcess(obs, opt, fonts, in.Labels()) })
}

// draw lays out the process-shaped view build makes (the process map, or
// one customer's journey) with the job's engine and writes it in format.
func (j *Job) draw(ctx context.Context, in *render.Input, view, format string, w io.Writer, build func(*layout.Fonts) *process) error {
	if !validFormat(format) {
		return fmt.Errorf("%s view: unknown format %q (want %s)", view, format, strings.Join(Formats, ", "))
	}
	fonts, err := loadFonts()
	if err != nil {
		return err
	}
	p := build(fonts)
	var dot bytes.Buffer
	if err := p.writeDOT(&dot); err != nil {
		return err
	}
	l, err := j.layoutOf(ctx, dot.Bytes())
	if err != nil {
		return err
	}
	sc, err := p.scene(l, theme(in), fonts, in)
	if err != nil {
		return err
	}
	return WriteScene(w, p.doc(fonts, in), sc, format)
}

// WriteScene writes a scene of a mined view in format (svg, pdf or png)
// with the map's back ends: the PDF is one page the size of the drawing.
func WriteScene(w io.Writer, doc draw.Doc, sc *layout.Scene, format string) error {
	return write(w, doc, sc, format)
}

// MinedTitle is the title of a mined view: the map's title and the view's
// name, or the name alone for a log without a map.
func MinedTitle(in *render.Input, view string) string {
	if in.Map != nil && strings.TrimSpace(in.Map.Title) != "" {
		return in.Map.Title + " — " + view
	}
	return view
}

func (p *process) doc(fs *layout.Fonts, in *render.Input) draw.Doc {
	lb := in.Labels()
	return draw.Doc{Fonts: fs, Title: MinedTitle(in, p.title()), Desc: p.summary(), Lang: lb.Lang}
}

// title is the view's name: the process map, or one customer's journey.
func (p *process) title() string {
	if p.one != nil {
		return p.words.Case + ": " + p.one.view.ID
	}
	return p.words.Process
}

// newProcess chooses the steps to draw and measures every node.
func newProcess(obs *layout.Observed, opt ProcessOptions, fs *layout.Fonts, lb render.Labels) *process {
	p := &process{obs: obs, opt: opt, words: layout.MinedLabels(lb)}
	index := map[string]int{}
	nodeOf := func(id string, kind int) int {
		key := fmt.Sprint(kind, ":", id)
		if i, ok := index[key]; ok {
			return i
		}
		index[key] = len(p.nodes)
		p.nodes = append(p.nodes, pnode{id: id, kind: kind, st: obs.Nodes[id]})
		return len(p.nodes) - 1
	}
	keep := p.topSteps()
	var all []pedge
	add := func(from, to string, fk, tk int, count int64, median float64, observed bool) {
		p.total++
		if count < opt.MinEdge || (keep != nil && !keep[[2]string{from, to}]) {
			return
		}
		all = append(all, pedge{from: nodeOf(from, fk), to: nodeOf(to, tk), count: count, median: median, observed: observed})
	}
	res := obs.Res
	for _, id := range sortedKeys(res.DFG.Start) {
		add("", id, pStart, pNode, res.DFG.Start[id], -1, false)
	}
	for _, e := range res.DFG.Edges {
		add(e.From, e.To, pNode, pNode, e.Count, e.MedianSeconds, !obs.IsDesigned(e.From, e.To))
	}
	p.edges = all
	for _, e := range p.edges {
		p.maxCount = max(p.maxCount, e.count)
		p.maxMedian = math.Max(p.maxMedian, e.median)
	}
	for i := range p.nodes {
		if st := p.nodes[i].st; st != nil && p.nodes[i].kind == pNode {
			p.maxCases = max(p.maxCases, st.Cases)
		}
	}
	for i := range p.nodes {
		p.measure(&p.nodes[i], fs)
	}
	return p
}

// topSteps returns the steps of the TopPaths most frequent paths (the
// start included, from ""), or nil to keep every step.
func (p *process) topSteps() map[[2]string]bool {
	if p.opt.TopPaths <= 0 {
		return nil
	}
	keep := map[[2]string]bool{}
	n := 0
	for _, v := range p.obs.Res.Variants {
		if v.Other || len(v.Path) == 0 || n == p.opt.TopPaths {
			continue
		}
		n++
		keep[[2]string{"", v.Path[0]}] = true
		for i := 1; i < len(v.Path); i++ {
			keep[[2]string{v.Path[i-1], v.Path[i]}] = true
		}
	}
	return keep
}

func sortedKeys(m map[string]int64) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// measure lays out a node's text and sizes it: wider and taller the more
// cases reach it.
func (p *process) measure(n *pnode, fs *layout.Fonts) {
	wd := p.words
	switch n.kind {
	case pStart:
		n.name = fs.Line(wd.Start, layout.TMinedMeta, pTextW)
		n.w, n.h = math.Max(pEndW, n.name.W()+2*pPad), 6
		return
	}
	n.name = wrap(fs, p.obs.Name(n.id), layout.TMinedName, pTextW, 2)
	if p.one != nil {
		p.one.measure(n, fs, wd)
		return
	}
	meta := []string{wd.CasesN(n.st.Cases)}
	var more []string
	if n.st.Ended > 0 {
		more = append(more, layout.Count(n.st.Ended, wd.Lang)+" "+wd.EndHere)
	}
	if p.opt.Measure == "duration" && n.st.Dwell >= 0 {
		more = append(more, layout.Duration(n.st.Dwell, wd.Lang))
	}
	if len(more) > 0 {
		meta = append(meta, strings.Join(more, " · "))
	}
	n.meta = fs.Wrap(strings.Join(meta, "\n"), layout.TMinedMeta, pTextW, 3)
	share := math.Sqrt(layout.Share(n.st.Cases, p.maxCases))
	w := math.Max(n.name.W(), n.meta.W()) + 2*pPad
	n.w = math.Ceil(math.Max(w, pMinW+pGrowW*share))
	n.h = math.Ceil((2*pPad+n.name.H()+0.8+n.meta.H()+4*share)*2) / 2
}

// writeDOT writes the graph for the engine: nodes by index (the names are
// the user's, and stay out of the DOT), fixed sizes, top to bottom, heavy
// steps kept straight.
func (p *process) writeDOT(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "digraph process {\n\tgraph [rankdir=TB, nodesep=0.3, ranksep=0.4];\n\tnode [shape=box, fixedsize=true];\n")
	for i, n := range p.nodes {
		fmt.Fprintf(bw, "\tn%d [width=%s, height=%s];\n", i, inches(n.w), inches(n.h))
	}
	for i, n := range p.nodes {
		if n.kind == pStart {
			fmt.Fprintf(bw, "\t{rank=source; n%d}\n", i)
		}
	}
	for _, e := range p.edges {
		wt := 1 + int(math.Round(4*math.Sqrt(layout.Share(e.count, p.maxCount))))
		fmt.Fprintf(bw, "\tn%d -> n%d [weight=%d];\n", e.from, e.to, wt)
	}
	fmt.Fprintf(bw, "}\n")
	return bw.Flush()
}

// summary is the line under the title: the log, and what was left out.
func (p *process) summary() string {
	if p.one != nil {
		return p.one.summary(p.words)
	}
	wd, log := p.words, p.obs.Res.Log
	parts := []string{wd.CasesN(log.Cases), wd.EventsN(log.Events),
		layout.Count(int64(log.Activities), wd.Lang) + " " + wd.Activities}
	if len(p.edges) < p.total {
		s := fmt.Sprintf(wd.ShownOf, layout.Count(int64(len(p.edges)), wd.Lang), layout.Count(int64(p.total), wd.Lang))
		var why []string
		if p.opt.TopPaths > 0 {
			why = append(why, fmt.Sprintf(wd.TopPathsN, p.opt.TopPaths))
		}
		if p.opt.MinEdge > 1 {
			why = append(why, fmt.Sprintf(wd.MinEdgeN, layout.Count(p.opt.MinEdge, wd.Lang)))
		}
		if len(why) > 0 {
			s += " (" + strings.Join(why, "; ") + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " · ")
}

// edgeColour is the colour of a step: darker the more often it is taken,
// or, measuring duration, the longer it takes (on a log scale).
func (p *process) edgeColour(e pedge, th render.Theme) render.Color {
	if p.opt.Measure == "duration" {
		if e.median < 0 || p.maxMedian <= 0 {
			return th.Faint
		}
		return th.Faint.Mix(th.PainAccent, math.Log1p(e.median)/math.Log1p(p.maxMedian))
	}
	return th.Faint.Mix(th.Ink, 0.25+0.75*math.Sqrt(layout.Share(e.count, p.maxCount)))
}

// nodeFill is a node's fill: by cases, or, measuring duration, by its
// median time to the next step.
func (p *process) nodeFill(n *pnode, th render.Theme) render.Color {
	if p.opt.Measure == "duration" {
		if n.st.Dwell < 0 || p.maxMedian <= 0 {
			return th.CardFill
		}
		return th.CardFill.Mix(th.PainAccent, 0.08+0.8*math.Min(1, math.Log1p(n.st.Dwell)/math.Log1p(p.maxMedian)))
	}
	return layout.Heat(th, math.Sqrt(layout.Share(n.st.Cases, p.maxCases)))
}

// scene draws the laid-out process map: heading, edges with their
// counts, nodes, legend.
// It is long because edges, their labels and the nodes share one
// coordinate transform and are drawn in paint order.
func (p *process) scene(l *Layout, th render.Theme, fs *layout.Fonts, in *render.Input) (*layout.Scene, error) {
	wd := p.words
	bbW, bbH := (l.BB.X1-l.BB.X0)*ptMM, (l.BB.Y1-l.BB.Y0)*ptMM
	m := layout.MinedMargin
	legend := layout.NewLegend(fs, p.legend(th), math.Max(bbW, 150))
	width := math.Max(math.Max(bbW+2*m, 160), legend.W+2*m)
	var side panel
	if p.one != nil {
		side = p.one.panel(p.obs, fs, th, wd)
		width = math.Max(width, bbW+2*m+side.w+m)
	}
	title := MinedTitle(in, p.title())
	width = math.Max(width, layout.HeadingWidth(fs, title))
	head := layout.NewHeading(fs, title, p.summary(), width)
	height := head.H + m + math.Max(bbH, side.h) + m + legend.H + m
	sc := layout.NewMinedScene(th, width, height, in)
	head.Draw(sc, fs, th, width)
	ox, oy := (width-side.w-bbW)/2, head.H+m
	if side.draw != nil {
		ox = m
		side.draw(sc, width-m-side.w, oy)
	}
	at := func(pt Point) layout.Point {
		return layout.Point{X: ox + (pt.X-l.BB.X0)*ptMM, Y: oy + (l.BB.Y1-pt.Y)*ptMM}
	}
	type label struct {
		b   layout.Block
		pos layout.Point
		col render.Color
	}
	var labels []label
	byEnds := map[[2]string]int{}
	for i, e := range p.edges {
		byEnds[[2]string{fmt.Sprintf("n%d", e.from), fmt.Sprintf("n%d", e.to)}] = i
	}
	for _, e := range l.Edges {
		ei, ok := byEnds[[2]string{e.Tail, e.Head}]
		if e.Invisible || len(e.Points) < 4 || !ok {
			continue
		}
		pe := p.edges[ei]
		col := p.edgeColour(pe, th)
		var dash []float64
		if pe.observed {
			dash = []float64{1.6, 1.0}
		}
		sw := pEdgeMin + (pEdgeMax-pEdgeMin)*math.Sqrt(layout.Share(pe.count, p.maxCount))
		path := []layout.Seg{{Op: layout.MoveTo, P: [3]layout.Point{at(e.Points[0])}}}
		for k := 1; k+2 < len(e.Points); k += 3 {
			path = append(path, layout.Seg{Op: layout.CubeTo, P: [3]layout.Point{at(e.Points[k]), at(e.Points[k+1]), at(e.Points[k+2])}})
		}
		sc.Add(layout.Item{Op: layout.OpPath, Role: layout.RoleEdge, Rect: pathBounds(path), Path: path,
			Stroke: col, StrokeW: sw, Dash: dash, Parent: -1, ID: p.nodes[pe.from].id + " → " + p.nodes[pe.to].id})
		if e.End != nil {
			arrow(sc, at(e.Points[len(e.Points)-1]), at(*e.End), col)
		}
		text := layout.Count(pe.count, wd.Lang)
		switch {
		case pe.label != "":
			text = pe.label
		case p.opt.Measure == "duration" && pe.median >= 0:
			text = layout.Duration(pe.median, wd.Lang)
		}
		labels = append(labels, label{fs.Line(text, layout.TMinedMeta, 0), splineMid(path), col})
	}
	for i := range p.nodes {
		n := &p.nodes[i]
		ln, ok := l.Nodes[fmt.Sprintf("n%d", i)]
		if !ok {
			return nil, fmt.Errorf("process layout lacks node %d", i)
		}
		c := at(ln.Pos)
		r := layout.Rect{X: c.X - n.w/2, Y: c.Y - n.h/2, W: n.w, H: n.h}
		if n.kind != pNode {
			bi := sc.Add(layout.Item{Op: layout.OpRect, Role: layout.RoleCard, Rect: r, Radius: n.h / 2, Fill: th.HeaderFill, HasFill: true, Parent: -1})
			sc.Text(layout.RoleCard, n.name, r.X, r.Y+(r.H-n.name.Lead)/2, r.W, layout.Center, th.HeaderText, bi, fs)
			continue
		}
		fill := p.nodeFill(n, th)
		box := layout.Item{Op: layout.OpRect, Role: layout.RoleCard, Rect: r, Radius: 1.6, Fill: fill, HasFill: true,
			Stroke: th.CardBorder, StrokeW: 0.25, Parent: -1, ID: n.id}
		if n.name.Truncated {
			box.Title = p.obs.Name(n.id)
		}
		if p.obs.Map != nil && !n.st.Touchpoint {
			box.Dash = []float64{1, 0.7} // an activity the map has no touchpoint for
			box.Stroke, box.StrokeW = th.Muted, 0.35
		}
		bi := sc.Add(box)
		ink := layout.Contrast(fill, th)
		ty := r.Y + (r.H-n.name.H()-0.8-n.meta.H())/2
		sc.Text(layout.RoleCard, n.name, r.X, ty, r.W, layout.Center, ink, bi, fs)
		sc.Text(layout.RoleCard, n.meta, r.X, ty+n.name.H()+0.8, r.W, layout.Center, ink, bi, fs)
	}
	// Step counts on top, each on a small plate so it reads over the lines.
	for _, lb := range labels {
		r := layout.Rect{X: lb.pos.X - lb.b.W()/2 - 0.6, Y: lb.pos.Y - lb.b.Lead/2, W: lb.b.W() + 1.2, H: lb.b.Lead}
		r.X = math.Max(0, math.Min(r.X, width-r.W))
		bi := sc.Add(layout.Item{Op: layout.OpRect, Role: layout.RoleDecor, Rect: r, Radius: 0.6, Fill: th.Background, HasFill: true, Parent: -1})
		sc.Text(layout.RoleEdge, lb.b, r.X+0.6, r.Y, lb.b.W(), layout.Left, th.Muted, bi, fs)
	}
	legend.Draw(sc, fs, th, (width-legend.W)/2, height-m-legend.H)
	return sc, nil
}

// legend explains the marks of the process map.
func (p *process) legend(th render.Theme) []layout.LegendEntry {
	wd := p.words
	var es []layout.LegendEntry
	switch {
	case p.one != nil:
		return p.one.legend(p.obs, th, wd)
	case p.opt.Measure == "duration":
		es = append(es,
			layout.LegendEntry{Kind: layout.SwatchLine, Stroke: th.Faint.Mix(th.PainAccent, 0.2), Width: 0.8, Label: wd.Fast},
			layout.LegendEntry{Kind: layout.SwatchLine, Stroke: th.PainAccent, Width: 0.8, Label: wd.Slow + " (" + wd.Median + ")"})
	default:
		es = append(es,
			layout.LegendEntry{Kind: layout.SwatchBox, Fill: layout.Heat(th, 0.1), Stroke: th.CardBorder, Width: 0.2, Label: wd.Few},
			layout.LegendEntry{Kind: layout.SwatchBox, Fill: layout.Heat(th, 1), Stroke: th.CardBorder, Width: 0.2, Label: wd.Many})
	}
	es = append(es, layout.LegendEntry{Kind: layout.SwatchLine, Stroke: th.Ink, Width: 0.5, Label: wd.Designed})
	if p.obs.Map != nil {
		es = append(es, layout.LegendEntry{Kind: layout.SwatchLine, Stroke: th.Ink, Width: 0.5, Dash: []float64{1.6, 1.0}, Label: wd.ObservedOnly})
	}
	return es
}

// splineMid returns the middle of a path of cubic segments: the middle of
// its middle segment.
func splineMid(path []layout.Seg) layout.Point {
	n := len(path) - 1
	if n < 1 {
		return path[0].P[0]
	}
	k := 1 + (n-1)/2
	p0 := path[k-1].P[2]
	if k == 1 {
		p0 = path[0].P[0]
	}
	s := path[k]
	t := 0.5
	if n%2 == 0 {
		t = 1 // an even count: the joint between the two middle segments
	}
	u := 1 - t
	f := func(a, b, c, d float64) float64 { return u*u*u*a + 3*u*u*t*b + 3*u*t*t*c + t*t*t*d }
	return layout.Point{X: f(p0.X, s.P[0].X, s.P[1].X, s.P[2].X), Y: f(p0.Y, s.P[0].Y, s.P[1].Y, s.P[2].Y)}
}
