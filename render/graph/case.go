package graph

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/journey-cx/journey/journey/mine"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// ErrNoCase is returned by RenderCase when the mined log holds no case
// view, or one of another customer.
var ErrNoCase = fmt.Errorf("the mined log has no case view")

// oneCase is what the case view adds to the process map's drawing: the
// customer's events, and the designed path drawn beside them.
type oneCase struct {
	view   *mine.CaseView
	visits map[string]int64 // events per node
}

// RenderCase draws one customer's journey: each node an action, each edge
// the step taken next labelled with its number and the time between
// (dashed where the map does not design it), laid out by the job's engine,
// and the map's designed path beside it with the touchpoints the customer
// reached. obs.Res.Case must be the customer's (journey mine --customer).
func (j *Job) RenderCase(ctx context.Context, in *render.Input, obs *layout.Observed, format string, w io.Writer) error {
	if obs.Res.Case == nil {
		return ErrNoCase
	}
	return j.draw(ctx, in, "case", format, w, func(fonts *layout.Fonts) *process { return newCase(obs, fonts, in.Labels()) })
}

// newCase builds the case view as a process map of one case: a node per
// touchpoint or activity it visited, an edge per step.
func newCase(obs *layout.Observed, fs *layout.Fonts, lb render.Labels) *process {
	cv := obs.Res.Case
	one := &oneCase{view: cv, visits: map[string]int64{}}
	p := &process{obs: obs, words: layout.MinedLabels(lb), one: one}
	index := map[string]int{}
	nodeOf := func(id string) int {
		if i, ok := index[id]; ok {
			return i
		}
		st := &layout.NodeStat{ID: id, Name: obs.Name(id), Stage: -1, Dwell: -1}
		if n := obs.Nodes[id]; n != nil {
			st.Touchpoint, st.Stage = n.Touchpoint, n.Stage
		}
		index[id] = len(p.nodes)
		p.nodes = append(p.nodes, pnode{id: id, kind: pNode, st: st})
		return len(p.nodes) - 1
	}
	if len(cv.Events) > 0 {
		first := nodeOf(cv.Events[0].Node)
		p.nodes = append(p.nodes, pnode{id: "", kind: pStart})
		p.edges = append(p.edges, pedge{from: len(p.nodes) - 1, to: first, count: 1, median: -1, label: shortTime(cv.Events[0].Time)})
	}
	for i, e := range cv.Events {
		n := nodeOf(e.Node)
		one.visits[e.Node]++
		p.nodes[n].st.Cases++
		if i == 0 {
			continue
		}
		prev := cv.Events[i-1].Node
		label := fmt.Sprintf("%d · %s", i, layout.Duration(e.SincePrevious, p.words.Lang))
		p.edges = append(p.edges, pedge{from: nodeOf(prev), to: n, count: 1, median: e.SincePrevious,
			observed: e.Deviation || (obs.Map != nil && prev != e.Node && !obs.IsDesigned(prev, e.Node)), label: label})
	}
	p.total = len(p.edges)
	p.maxCount = 1
	for i := range p.nodes {
		if st := p.nodes[i].st; st != nil {
			p.maxCases = max(p.maxCases, st.Cases)
		}
	}
	for i := range p.nodes {
		p.measure(&p.nodes[i], fs)
	}
	return p
}

// shortTime is an RFC 3339 time to the minute, for the first step's label.
func shortTime(s string) string {
	if len(s) >= 16 && s[10] == 'T' {
		return s[:10] + " " + s[11:16]
	}
	return s
}

// measure writes a node's figures: how many of the customer's events
// happened there.
func (c *oneCase) measure(n *pnode, fs *layout.Fonts, wd layout.MinedWords) {
	n.meta = fs.Line(wd.EventsN(c.visits[n.id]), layout.TMinedMeta, pTextW)
	w := math.Max(n.name.W(), n.meta.W()) + 2*pPad
	n.w = math.Ceil(math.Max(w, pMinW))
	n.h = math.Ceil((2*pPad+n.name.H()+0.8+n.meta.H())*2) / 2
}

// summary is the line under the title: the customer's events, when, and
// the steps off the design.
func (c *oneCase) summary(wd layout.MinedWords) string {
	if !c.view.Found || len(c.view.Events) == 0 {
		return c.view.ID + ": " + wd.NotFound
	}
	evs := c.view.Events
	parts := []string{wd.EventsN(int64(len(evs))), shortTime(evs[0].Time) + " → " + shortTime(evs[len(evs)-1].Time)}
	if n := len(c.view.Deviations); n > 0 {
		parts = append(parts, layout.Count(int64(n), wd.Lang)+" "+wd.Deviation)
	}
	return strings.Join(parts, " · ")
}

// legend explains the case view's marks.
func (c *oneCase) legend(obs *layout.Observed, th render.Theme, wd layout.MinedWords) []layout.LegendEntry {
	es := []layout.LegendEntry{{Kind: layout.SwatchLine, Stroke: th.Ink, Width: 0.5, Label: wd.Between}}
	if obs.Map != nil {
		es = append(es,
			layout.LegendEntry{Kind: layout.SwatchLine, Stroke: th.Ink, Width: 0.5, Dash: []float64{1.6, 1.0}, Label: wd.ObservedOnly},
			layout.LegendEntry{Kind: layout.SwatchBox, Fill: th.Accent, Label: wd.Hit},
			layout.LegendEntry{Kind: layout.SwatchBox, Fill: th.Background, Stroke: th.Faint, Dash: []float64{1, 0.7}, Label: wd.Missed})
	}
	return es
}

// panel is a drawing beside the graph: its size, and how to draw it at a
// top-left corner. The zero panel is empty.
type panel struct {
	w, h float64
	draw func(sc *layout.Scene, x, y float64)
}

// Designed path panel geometry, in mm.
const (
	dpW    = 46.0
	dpGap  = 2.4
	dpPad  = 1.6
	dpHead = 6.0
)

// panel is the designed path beside the case: the map's touchpoints in
// order, the ones the customer reached filled. Empty without a map.
func (c *oneCase) panel(obs *layout.Observed, fs *layout.Fonts, th render.Theme, wd layout.MinedWords) panel {
	m := obs.Map
	if m == nil {
		return panel{}
	}
	type row struct {
		id   string
		name layout.Block
		hit  bool
		h    float64
	}
	var rows []row
	h := dpHead
	for si := range m.Stages {
		for ti := range m.Stages[si].Touchpoints {
			tp := &m.Stages[si].Touchpoints[ti]
			r := row{id: tp.ID, hit: c.visits[tp.ID] > 0}
			r.name = wrap(fs, layout.OrID(tp.Name, tp.ID), layout.TMinedMeta, dpW-2*dpPad, 2)
			r.h = r.name.H() + 2*dpPad
			rows = append(rows, r)
			h += r.h + dpGap
		}
	}
	return panel{w: dpW, h: h - dpGap, draw: func(sc *layout.Scene, x, y float64) {
		title := fs.Line(wd.DesignedPath, layout.TMinedName, dpW)
		sc.Text(layout.RoleDecor, title, x, y, dpW, layout.Left, th.Muted, -1, fs)
		yy := y + dpHead
		for i, r := range rows {
			box := layout.Item{Op: layout.OpRect, Role: layout.RoleCard, Rect: layout.Rect{X: x, Y: yy, W: dpW, H: r.h}, Radius: 1.2,
				Fill: th.Background, HasFill: true, Stroke: th.Faint, StrokeW: 0.3, Dash: []float64{1, 0.7}, Parent: -1, ID: r.id}
			ink := th.Muted
			if r.hit {
				box.Fill, box.Stroke, box.Dash, ink = th.Accent, th.Accent, nil, layout.Contrast(th.Accent, th)
			}
			bi := sc.Add(box)
			sc.Text(layout.RoleCard, r.name, x+dpPad, yy+dpPad, dpW-2*dpPad, layout.Left, ink, bi, fs)
			if i+1 < len(rows) {
				mid := x + dpW/2
				arrow(sc, layout.Point{X: mid, Y: yy + r.h}, layout.Point{X: mid, Y: yy + r.h + dpGap}, th.Faint)
			}
			yy += r.h + dpGap
		}
	}}
}
