package layout

import (
	"strings"

	"github.com/journey-cx/journey/journey"
)

type lane struct {
	kind  LaneKind
	label string
	note  Block // under the label: scale or targets
	h     float64
}

type column struct {
	stage   int
	tp      *journey.Touchpoint // nil: a stage without touchpoints
	x, w    float64             // x from the grid's left edge
	action  Block
	card    card
	thought Block
	pains   []note
	opps    []note
	metrics []mrow
	mh      float64 // metrics box height
	seen    seenCell
}

type stageHead struct {
	first, last int // column range
	kicker      string
	name, goal  Block
	chips       []chip
	funnel      Block // what a mined log saw of the stage; empty without one
	h           float64
}

// grid is the map's table: one column per touchpoint (widths chosen from
// their content), the stage headers above them, and the lanes that have
// content, each measured with the measurer.
type grid struct {
	*measurer
	cols   []column
	stages []stageHead
	lanes  []lane // present lanes only, top to bottom
	stageH float64
}

// newGrid chooses column widths and measures every cell and lane.
func newGrid(ms *measurer) *grid {
	g := &grid{measurer: ms}
	g.measureCols()
	g.measureStages()
	g.place()
	g.measureLanes()
	return g
}

// measureCols makes the columns and gives each the narrowest width its
// content reads well at.
func (g *grid) measureCols() {
	for si := range g.m.Stages {
		st := &g.m.Stages[si]
		if len(st.Touchpoints) == 0 {
			g.cols = append(g.cols, column{stage: si})
			continue
		}
		for ti := range st.Touchpoints {
			g.cols = append(g.cols, column{stage: si, tp: &st.Touchpoints[ti]})
		}
	}
	for i := range g.cols {
		c := &g.cols[i]
		for wi, w := range colWidths {
			g.measureCol(c, w)
			if wi == len(colWidths)-1 || c.readsWell() {
				break
			}
		}
	}
}

// measureStages measures the stage headers, widening a stage's columns
// until its name and goal read well.
func (g *grid) measureStages() {
	first := 0
	for si := range g.m.Stages {
		last := first
		for last+1 < len(g.cols) && g.cols[last+1].stage == si {
			last++
		}
		h := stageHead{first: first, last: last}
		for {
			g.measureStage(&h, si, g.spanW(first, last))
			if h.readsWell() || !g.widen(first, last) {
				break
			}
		}
		g.stages = append(g.stages, h)
		first = last + 1
	}
}

// place sets each column's x and the height of the stage header row.
func (g *grid) place() {
	x := 0.0
	for i := range g.cols {
		if i > 0 {
			if g.cols[i].stage != g.cols[i-1].stage {
				x += StageGap
			} else {
				x += ColGap
			}
		}
		g.cols[i].x = x
		x += g.cols[i].w
	}
	for _, s := range g.stages {
		g.stageH = max(g.stageH, s.h)
	}
}

// readsWell reports whether a column's texts are short enough at its width.
func (c *column) readsWell() bool {
	if c.tp == nil {
		return true
	}
	if len(c.card.name.Lines) > 3 || len(c.action.Lines) > 5 || len(c.thought.Lines) > 5 {
		return false
	}
	for _, n := range append(append([]note(nil), c.pains...), c.opps...) {
		if len(n.text.Lines) > 5 {
			return false
		}
	}
	return true
}

// readsWell reports whether a stage's name and goal are short enough at its span.
func (h *stageHead) readsWell() bool { return len(h.name.Lines) <= 2 && len(h.goal.Lines) <= 4 }

// widen grows the columns first..last to the next width; false when they
// are all at the widest.
func (g *grid) widen(first, last int) bool {
	grew := false
	for i := first; i <= last; i++ {
		c := &g.cols[i]
		for _, w := range colWidths {
			if w > c.w {
				g.measureCol(c, w)
				grew = true
				break
			}
		}
	}
	return grew
}

// spanW is the width of columns first..last of one stage, gaps included.
func (g *grid) spanW(first, last int) float64 {
	w := 0.0
	for i := first; i <= last; i++ {
		w += g.cols[i].w
	}
	return w + float64(last-first)*ColGap
}

// laneContent returns which lanes have content, and the tallest content
// of each.
func (g *grid) laneContent() (has [numLanes]bool, h [numLanes]float64) {
	for i := range g.cols {
		c := &g.cols[i]
		if c.tp == nil {
			continue
		}
		has[LaneTouchpoints] = true
		h[LaneTouchpoints] = max(h[LaneTouchpoints], c.card.h)
		if !c.action.Empty() {
			has[LaneActions] = true
			h[LaneActions] = max(h[LaneActions], c.action.H())
		}
		if !c.thought.Empty() {
			has[LaneThoughts] = true
			h[LaneThoughts] = max(h[LaneThoughts], c.thought.H()+2*Pad+thoughtTail)
		}
		if len(c.tp.Emotion) > 0 {
			has[LaneEmotions] = true
		}
		if len(c.pains) > 0 {
			has[LanePains] = true
			h[LanePains] = max(h[LanePains], stackH(c.pains))
		}
		if len(c.opps) > 0 {
			has[LaneOpportunities] = true
			h[LaneOpportunities] = max(h[LaneOpportunities], stackH(c.opps))
		}
		if len(c.metrics) > 0 {
			has[LaneMetrics] = true
			h[LaneMetrics] = max(h[LaneMetrics], c.mh)
		}
		if g.obs != nil {
			has[LaneObserved] = true
			h[LaneObserved] = max(h[LaneObserved], c.seen.h)
		}
	}
	return has, h
}

// measureLanes keeps the lanes that have content and sizes them.
func (g *grid) measureLanes() {
	lb, fs := g.Labels, g.Fonts
	has, h := g.laneContent()
	wd := MinedLabels(lb)
	names := [numLanes]string{lb.Actions, lb.Touchpoints, lb.Thoughts, lb.Emotions, lb.Pains, lb.Opportunities, lb.Metrics, wd.Map}
	labelInner := LabelW - 2*4
	for k := LaneKind(0); k < numLanes; k++ {
		if !has[k] {
			continue
		}
		ln := lane{kind: k, label: strings.ToUpper(names[k])}
		lbl := fs.Wrap(ln.label, tLane, labelInner, 3)
		minH := lbl.H() + 2*LanePad
		switch k {
		case LaneEmotions:
			ln.h = EmotionH
			if len(g.personas) > 1 {
				ln.h += 6
			}
		case LaneMetrics:
			var bits []string
			if t := g.targets.NPS; t != nil {
				bits = append(bits, lb.NPS+" "+trimNum(*t, 1, lb.Lang))
			}
			if t := g.targets.CES; t != nil {
				bits = append(bits, lb.CES+" "+trimNum(*t, 2, lb.Lang))
			}
			if t := g.targets.CSAT; t != nil {
				bits = append(bits, lb.CSAT+" "+pct(*t, 0, lb.Lang))
			}
			if len(bits) > 0 {
				ln.note = fs.Wrap(capitalize(lb.Target)+": "+strings.Join(bits, " · "), tLaneNote, labelInner, 4)
				minH += 1.5 + ln.note.H() + 6
			}
			ln.h = h[k] + 2*LanePad
		case LaneObserved:
			ln.note = fs.Wrap(g.seenLegend(), tLaneNote, labelInner, 12)
			minH += 1.5 + ln.note.H()
			ln.h = h[k] + 2*LanePad
		default:
			ln.h = h[k] + 2*LanePad
		}
		ln.h = max(ln.h, minH)
		g.lanes = append(g.lanes, ln)
	}
}

const thoughtTail = 2.2

// stackH is the height of notes stacked with BoxGap between them.
func stackH(ns []note) float64 {
	h := 0.0
	for i, n := range ns {
		if i > 0 {
			h += BoxGap
		}
		h += n.h
	}
	return h
}

// w returns the width of all the columns, gaps included.
func (g *grid) w() float64 {
	if len(g.cols) == 0 {
		return 0
	}
	c := g.cols[len(g.cols)-1]
	return c.x + c.w
}

// viewW is the width of the columns of a view.
func (g *grid) viewW(v View) float64 {
	if v.To <= v.From {
		return 0
	}
	a, b := g.cols[v.From], g.cols[v.To-1]
	return b.x + b.w - a.x
}

// height is the height of a view's part of the grid: the stage headers and
// its lanes.
func (g *grid) height(v View) float64 {
	if v.To <= v.From {
		return 0
	}
	h := g.stageH + laneTopGap
	for i := v.LaneFrom; i < v.LaneTo; i++ {
		h += g.lanes[i].h
	}
	return h
}

// colX returns the left edge of column i in a scene whose grid starts at gx
// for view v.
func (g *grid) colX(v View, gx float64, i int) float64 {
	return gx + g.cols[i].x - g.cols[v.From].x
}

// hasLane reports whether the lane k is drawn.
func (g *grid) hasLane(k LaneKind) bool {
	for _, ln := range g.lanes {
		if ln.kind == k {
			return true
		}
	}
	return false
}
