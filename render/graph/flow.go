package graph

import (
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

// FlowOptions choose what the flow view of a mined log shows.
type FlowOptions struct {
	TopPaths int    // the most frequent paths followed; 0 = DefaultFlowPaths
	From     string // a node id (Observed.Resolve) the paths are followed from; "" = where each case starts
}

// DefaultFlowPaths is how many paths the flow view follows by default.
const DefaultFlowPaths = 10

// flowSteps is how many steps the flow follows; cases that go on are
// gathered in one "more steps" sink.
const flowSteps = 12

// Flow sink kinds: where a path leaves the drawing.
const (
	fNode     = iota // a touchpoint or activity at a step
	fDrop            // the path ends here, short of a journey's end
	fFinished        // the path ends at a touchpoint the map designs no step after
	fMore            // the path goes on past flowSteps
)

// fnode is what a flow node shows beside its bar.
type fnode struct {
	id         string
	kind       int
	name, meta layout.Block
	col        render.Color
}

// flow is the flow view of a mined log: the top paths as a Sankey, step
// by step, with the drop-off at each step as its own sink.
type flow struct {
	obs    *layout.Observed
	opt    FlowOptions
	words  layout.MinedWords
	nodes  []layout.SankeyNode
	info   []fnode
	links  []layout.SankeyLink
	paths  int   // paths followed
	cases  int64 // cases on them
	stages []int // the map's stages seen, in order
}

// RenderFlow draws the flow view of the mined log obs in format to w: no
// graph engine, the Sankey is laid out by render/layout.
func RenderFlow(ctx context.Context, in *render.Input, obs *layout.Observed, opt FlowOptions, format string, w io.Writer) error {
	if !validFormat(format) {
		return fmt.Errorf("flow view: unknown format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	fonts, err := loadFonts()
	if err != nil {
		return err
	}
	th := theme(in)
	f := newFlow(obs, opt, in.Labels(), th, fonts)
	return write(w, f.doc(fonts, in), f.scene(th, fonts, in), format)
}

// doc is the flow view's document: its title and, for screen readers, the
// summary line.
func (f *flow) doc(fs *layout.Fonts, in *render.Input) draw.Doc {
	return draw.Doc{Fonts: fs, Title: MinedTitle(in, f.words.Flow), Desc: f.summary(), Lang: f.words.Lang}
}

// newFlow follows the top paths and measures every node's label.
func newFlow(obs *layout.Observed, opt FlowOptions, lb render.Labels, th render.Theme, fs *layout.Fonts) *flow {
	if opt.TopPaths <= 0 {
		opt.TopPaths = DefaultFlowPaths
	}
	f := &flow{obs: obs, opt: opt, words: layout.MinedLabels(lb)}
	index := map[[2]string]int{}
	linkOf := map[[2]int]int{}
	node := func(col int, kind int, id string) int {
		key := [2]string{fmt.Sprint(col, ":", kind), id}
		i, ok := index[key]
		if !ok {
			i = len(f.nodes)
			index[key] = i
			f.nodes = append(f.nodes, layout.SankeyNode{Col: col, Sink: kind != fNode})
			f.info = append(f.info, fnode{id: id, kind: kind})
		}
		return i
	}
	flowTo := func(from, to int, c int64) {
		f.nodes[to].Value += c
		if from < 0 {
			return
		}
		li, ok := linkOf[[2]int{from, to}]
		if !ok {
			li = len(f.links)
			linkOf[[2]int{from, to}] = li
			f.links = append(f.links, layout.SankeyLink{From: from, To: to})
		}
		f.links[li].Value += c
	}
	finals := f.finals()
	for _, path := range f.followed() {
		steps, c := path.steps, path.cases
		prev := -1
		for k, id := range steps[:min(len(steps), flowSteps)] {
			n := node(k, fNode, id)
			flowTo(prev, n, c)
			prev = n
		}
		switch last := steps[len(steps)-1]; {
		case len(steps) > flowSteps:
			flowTo(prev, node(flowSteps, fMore, ""), c)
		case finals[last]:
			flowTo(prev, node(len(steps), fFinished, ""), c)
		default:
			flowTo(prev, node(len(steps), fDrop, ""), c)
		}
	}
	f.measure(th, fs)
	return f
}

// flowPath is one path followed and the cases that took it.
type flowPath struct {
	steps []string
	cases int64
}

// followed returns the TopPaths most frequent paths (from From: the most
// frequent paths through it, each cut to start there, equal ones merged).
func (f *flow) followed() []flowPath {
	var out []flowPath
	for _, v := range f.obs.Res.Variants {
		if v.Other || len(v.Path) == 0 || f.paths == f.opt.TopPaths {
			continue
		}
		steps := v.Path
		if f.opt.From != "" {
			i := slices.Index(steps, f.opt.From)
			if i < 0 {
				continue
			}
			steps = steps[i:]
		}
		f.paths++
		f.cases += v.Cases
		if j := slices.IndexFunc(out, func(p flowPath) bool { return slices.Equal(p.steps, steps) }); j >= 0 {
			out[j].cases += v.Cases
			continue
		}
		out = append(out, flowPath{steps: steps, cases: v.Cases})
	}
	return out
}

// finals returns the map's touchpoints it designs no step after: a path
// ending at one has completed the journey. Nil without a map.
func (f *flow) finals() map[string]bool {
	if f.obs.Map == nil {
		return nil
	}
	from := map[string]bool{}
	for e := range f.obs.Designed {
		from[e[0]] = true
	}
	out := map[string]bool{}
	for id, n := range f.obs.Nodes {
		if n.Touchpoint && !from[id] {
			out[id] = true
		}
	}
	return out
}

// Flow label geometry, in mm.
const (
	flowLabelW = layout.SankeyGap - 5
	flowLabelX = layout.SankeyBar + 1.2
	flowHeadH  = 6.0 // the step numbers over the columns
)

// measure colours each node and measures its label: the name, then the
// cases and their share of the step before (a sink) or of the cases
// followed (a node).
func (f *flow) measure(th render.Theme, fs *layout.Fonts) {
	wd := f.words
	colIn := map[int]int64{}
	for _, n := range f.nodes {
		if !n.Sink {
			colIn[n.Col] += n.Value
		}
	}
	seen := map[int]bool{}
	for i := range f.nodes {
		n, fi := &f.nodes[i], &f.info[i]
		var name string
		share := layout.Share(n.Value, f.cases)
		switch fi.kind {
		case fDrop:
			name, fi.col = wd.DropOff, th.PainAccent
			share = layout.Share(n.Value, colIn[n.Col-1])
		case fFinished:
			name, fi.col = wd.Finished, th.Good
			share = layout.Share(n.Value, colIn[n.Col-1])
		case fMore:
			name, fi.col = wd.MoreSteps, th.Faint
		default:
			name, fi.col = f.obs.Name(fi.id), f.nodeColour(fi.id, th)
			if st := f.obs.Nodes[fi.id]; st != nil && st.Stage >= 0 && !seen[st.Stage] {
				seen[st.Stage] = true
				f.stages = append(f.stages, st.Stage)
			}
		}
		fi.name = wrap(fs, name, layout.TMinedName, flowLabelW, 2)
		fi.meta = fs.Line(wd.CasesN(n.Value)+" · "+layout.Percent(share, wd.Lang), layout.TMinedMeta, flowLabelW)
		n.LabelH = fi.name.H() + fi.meta.H()
	}
	slices.Sort(f.stages)
}

// nodeColour is a node's colour: its stage's, grey for an activity the map
// lacks, the accent without a map.
func (f *flow) nodeColour(id string, th render.Theme) render.Color {
	st := f.obs.Nodes[id]
	switch {
	case f.obs.Map == nil:
		return th.Accent
	case st == nil || st.Stage < 0:
		return th.Muted
	}
	return th.PersonaLines[st.Stage%len(th.PersonaLines)]
}

// summary is the line under the title: the paths followed and the cases on
// them, of the log's.
func (f *flow) summary() string {
	wd := f.words
	parts := []string{fmt.Sprintf(wd.TopPathsN, f.paths)}
	if f.opt.From != "" {
		parts[0] += " " + fmt.Sprintf(wd.FromX, f.obs.Name(f.opt.From))
	}
	total := f.obs.Cases()
	parts = append(parts, fmt.Sprintf(wd.FlowShare, layout.Count(f.cases, wd.Lang), layout.Percent(layout.Share(f.cases, total), wd.Lang)),
		wd.CasesN(total))
	return strings.Join(parts, " · ")
}

// scene draws the flow: heading, step numbers, bands, bars, labels, legend.
func (f *flow) scene(th render.Theme, fs *layout.Fonts, in *render.Input) *layout.Scene {
	wd := f.words
	sk := layout.LayoutSankey(f.nodes, f.links)
	m := layout.MinedMargin
	legend := layout.NewLegend(fs, f.legend(th), math.Max(sk.W, 150))
	width := math.Max(math.Max(sk.W+2*m, 160), legend.W+2*m)
	title := MinedTitle(in, wd.Flow)
	width = math.Max(width, layout.HeadingWidth(fs, title))
	head := layout.NewHeading(fs, title, f.summary(), width)
	height := head.H + m + flowHeadH + sk.H + m + legend.H + m
	sc := layout.NewMinedScene(th, width, height, in)
	head.Draw(sc, fs, th, width)
	ox, oy := m, head.H+m+flowHeadH
	cols := 0
	for _, n := range sk.Nodes {
		cols = max(cols, n.Col+1)
	}
	for c := range cols {
		b := fs.Line(fmt.Sprintf(wd.StepN, c+1), layout.TMinedMeta, layout.SankeyGap)
		sc.Text(layout.RoleDecor, b, ox+float64(c)*(layout.SankeyBar+layout.SankeyGap), oy-flowHeadH, b.W(), layout.Left, th.Muted, -1, fs)
	}
	for _, l := range sk.Links {
		path := sk.Band(l, ox, oy)
		col := f.info[l.From].col
		if f.info[l.To].kind != fNode {
			col = f.info[l.To].col
		}
		sc.Add(layout.Item{Op: layout.OpPath, Role: layout.RoleEdge, Rect: pathBounds(path), Path: path,
			Fill: th.Background.Mix(col, 0.28), HasFill: true, Parent: -1, ID: f.linkID(l)})
	}
	for i, n := range sk.Nodes {
		fi := &f.info[i]
		r := layout.Rect{X: ox + n.X, Y: oy + n.Y, W: layout.SankeyBar, H: n.H}
		bar := layout.Item{Op: layout.OpRect, Role: layout.RoleCard, Rect: r, Fill: fi.col, HasFill: true, Parent: -1, ID: fi.id}
		if fi.name.Truncated {
			bar.Title = f.obs.Name(fi.id)
		}
		sc.Add(bar)
		ty := r.Y + (r.H-n.LabelH)/2
		sc.Text(layout.RoleCard, fi.name, r.X+flowLabelX, ty, flowLabelW, layout.Left, th.Ink, -1, fs)
		sc.Text(layout.RoleCard, fi.meta, r.X+flowLabelX, ty+fi.name.H(), flowLabelW, layout.Left, th.Muted, -1, fs)
	}
	legend.Draw(sc, fs, th, (width-legend.W)/2, height-m-legend.H)
	return sc
}

// linkID names a band by its ends: "from → to", a sink as "from → ∅".
func (f *flow) linkID(l layout.SankeyLink) string {
	to := f.info[l.To].id
	if f.info[l.To].kind != fNode {
		to = "∅"
	}
	return f.info[l.From].id + " → " + to
}

// legend explains the colours: each stage seen, activities the map lacks,
// and the sinks.
func (f *flow) legend(th render.Theme) []layout.LegendEntry {
	wd := f.words
	var es []layout.LegendEntry
	if m := f.obs.Map; m != nil {
		for _, si := range f.stages {
			es = append(es, layout.LegendEntry{Kind: layout.SwatchBox, Fill: th.PersonaLines[si%len(th.PersonaLines)], Label: layout.OrID(m.Stages[si].Name, m.Stages[si].ID)})
		}
	}
	kinds := map[int]bool{}
	unmapped := false
	for _, fi := range f.info {
		kinds[fi.kind] = true
		if st := f.obs.Nodes[fi.id]; fi.kind == fNode && f.obs.Map != nil && (st == nil || st.Stage < 0) {
			unmapped = true
		}
	}
	if unmapped {
		es = append(es, layout.LegendEntry{Kind: layout.SwatchBox, Fill: th.Muted, Label: wd.NotOnMap})
	}
	for _, k := range []struct {
		kind  int
		col   render.Color
		label string
	}{{fDrop, th.PainAccent, wd.DropOff}, {fFinished, th.Good, wd.Finished}, {fMore, th.Faint, wd.MoreSteps}} {
		if kinds[k.kind] {
			es = append(es, layout.LegendEntry{Kind: layout.SwatchBox, Fill: k.col, Label: k.label})
		}
	}
	return es
}
