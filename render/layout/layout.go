// Package layout computes the drawing of a journey map once: stages as
// columns (one column per touchpoint, widths from their content), lanes as
// rows, text wrapped with the font's real metrics. It produces Scenes,
// flat lists of rectangles, paths and placed text lines, that the SVG, PDF
// and PNG back ends draw without measuring anything themselves.
//
// Coordinates are millimetres, origin at the top left, y growing down.
package layout

import (
	"strings"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
)

// Geometry, in millimetres.
const (
	Margin    = 12.0 // page margin
	LabelW    = 34.0 // the lane label column
	LabelGap  = 4.0  // between the label column and the first stage
	ColGap    = 3.0  // between two touchpoint columns of a stage
	StageGap  = 7.0  // between two stages
	Pad       = 2.5  // inside boxes
	LanePad   = 3.5  // above and below a lane's content
	BoxGap    = 2.0  // between stacked notes
	EmotionH  = 44.0 // the emotion lane
	chevron   = 3.2  // depth of the stage header's arrow tip
	headerGap = 9.0  // between the header and the grid
	footerH   = 9.0  // the footer band
	minWidth  = 300.0
)

// Column width candidates, from narrowest; a column takes the first one its
// content reads well at.
var colWidths = []float64{46, 52, 58, 66, 76}

// Type scale.
var (
	tTitle    = Text{Font: Bold, Size: 22, Leading: 1.15}
	tTitleC   = Text{Font: Bold, Size: 12, Leading: 1.2}
	tMeta     = Text{Font: Regular, Size: 8.5}
	tDesc     = Text{Font: Regular, Size: 9.5, Leading: 1.35}
	tPName    = Text{Font: Bold, Size: 12, Leading: 1.2}
	tPBody    = Text{Font: Regular, Size: 8, Leading: 1.3}
	tPQuote   = Text{Font: Italic, Size: 8.5, Leading: 1.3}
	tPHead    = Text{Font: Bold, Size: 6.5}
	tPItem    = Text{Font: Regular, Size: 7.5, Leading: 1.25}
	tInitials = Text{Font: Bold, Size: 11}
	tKicker   = Text{Font: Bold, Size: 6.5}
	tStage    = Text{Font: Bold, Size: 12, Leading: 1.15}
	tGoal     = Text{Font: Regular, Size: 8, Leading: 1.3}
	tLane     = Text{Font: Bold, Size: 7.5}
	tLaneNote = Text{Font: Regular, Size: 6.5, Leading: 1.3}
	tAction   = Text{Font: Regular, Size: 8.5, Leading: 1.3}
	tCardName = Text{Font: Bold, Size: 9, Leading: 1.2}
	tCardMeta = Text{Font: Regular, Size: 7, Leading: 1.25}
	tBadge    = Text{Font: Bold, Size: 6}
	tThought  = Text{Font: Italic, Size: 8.5, Leading: 1.3}
	tNote     = Text{Font: Regular, Size: 8, Leading: 1.3}
	tNoteMeta = Text{Font: Italic, Size: 6.5, Leading: 1.3}
	tNoteTag  = Text{Font: Bold, Size: 6}
	tMLabel   = Text{Font: Bold, Size: 7}
	tMValue   = Text{Font: Bold, Size: 10, Leading: 1.15}
	tMDetail  = Text{Font: Regular, Size: 6.5, Leading: 1.3}
	tChip     = Text{Font: Bold, Size: 6.5}
	tLevel    = Text{Font: Regular, Size: 6.5}
	tFooter   = Text{Font: Regular, Size: 7}
)

// Line limits: text longer than this is cut with an ellipsis.
const (
	maxTitle   = 3
	maxDesc    = 5
	maxName    = 4
	maxMeta    = 2
	maxBody    = 8
	maxThought = 6
	maxNoteMet = 3
	maxStage   = 3
	maxGoal    = 5
	maxPItem   = 3
	maxPItems  = 6
)

// LaneKind is a row of the map.
type LaneKind uint8

// The lanes, top to bottom.
const (
	LaneActions LaneKind = iota
	LaneTouchpoints
	LaneThoughts
	LaneEmotions
	LanePains
	LaneOpportunities
	LaneMetrics
	numLanes
)

type lane struct {
	kind  LaneKind
	label string
	note  Block // under the label: scale or targets
	h     float64
}

type card struct {
	name, meta Block
	badge      string
	badgeW     float64
	h          float64
}

type note struct {
	level int    // pain severity rank (1 low .. 4 critical), 0 = not given
	tag   string // severity or status, upper case
	text  Block
	meta  Block
	h     float64
}

type mrow struct {
	label  string
	labelB Block
	value  string
	detail Block
	status score.Status
	judged bool // there is a target to judge against
	h      float64
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
}

type stageHead struct {
	first, last int // column range
	kicker      string
	name, goal  Block
	chips       []chip
	h           float64
}

type chip struct {
	text   string
	w      float64
	status score.Status
	judged bool
}

// Layout is a journey map measured and placed, ready to be drawn as one
// scene (SVG, PNG) or as pages (PDF).
type Layout struct {
	Fonts  *Fonts
	Theme  render.Theme
	Labels render.Labels
	Input  *render.Input

	m        *journey.Map
	scores   *score.Report
	targets  score.Thresholds
	tpRow    map[string]*score.Row
	stRow    map[string]*score.Row
	cols     []column
	stages   []stageHead
	lanes    []lane // present lanes only, top to bottom
	stageH   float64
	personas []journey.Persona
}

// New measures in's map. It fails only when the fonts cannot be loaded.
func New(in *render.Input) (*Layout, error) {
	fs, err := LoadFonts()
	if err != nil {
		return nil, err
	}
	l := &Layout{Fonts: fs, Theme: in.Theme, Labels: in.Labels(), Input: in, m: in.Map}
	if l.Theme.Name == "" {
		l.Theme = render.Default
	}
	l.scores = in.ScoresOf()
	l.targets = score.TargetsOf(in.Map)
	l.tpRow, l.stRow = map[string]*score.Row{}, map[string]*score.Row{}
	if l.scores != nil {
		for i := range l.scores.Touchpoints {
			r := &l.scores.Touchpoints[i]
			l.tpRow[r.ID] = r
		}
		for i := range l.scores.Stages {
			r := &l.scores.Stages[i]
			l.stRow[r.ID] = r
		}
	}
	l.personas = in.Map.Personas
	l.measure()
	return l, nil
}

// measure chooses column widths and measures every cell and lane.
func (l *Layout) measure() {
	m := l.m
	for si := range m.Stages {
		st := &m.Stages[si]
		if len(st.Touchpoints) == 0 {
			l.cols = append(l.cols, column{stage: si})
			continue
		}
		for ti := range st.Touchpoints {
			l.cols = append(l.cols, column{stage: si, tp: &st.Touchpoints[ti]})
		}
	}
	for i := range l.cols {
		c := &l.cols[i]
		for wi, w := range colWidths {
			l.measureCol(c, w)
			if wi == len(colWidths)-1 || c.readsWell() {
				break
			}
		}
	}
	// Stage headers: widen a stage's columns until its name and goal read well.
	first := 0
	for si := range m.Stages {
		last := first
		for last+1 < len(l.cols) && l.cols[last+1].stage == si {
			last++
		}
		h := stageHead{first: first, last: last}
		for {
			l.measureStage(&h, si, l.spanW(first, last))
			if h.readsWell() || !l.widen(first, last) {
				break
			}
		}
		l.stages = append(l.stages, h)
		first = last + 1
	}
	x := 0.0
	for i := range l.cols {
		if i > 0 {
			if l.cols[i].stage != l.cols[i-1].stage {
				x += StageGap
			} else {
				x += ColGap
			}
		}
		l.cols[i].x = x
		x += l.cols[i].w
	}
	for _, s := range l.stages {
		l.stageH = max(l.stageH, s.h)
	}
	l.measureLanes()
}

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

func (h *stageHead) readsWell() bool { return len(h.name.Lines) <= 2 && len(h.goal.Lines) <= 4 }

// widen grows the columns first..last to the next width; false when they
// are all at the widest.
func (l *Layout) widen(first, last int) bool {
	grew := false
	for i := first; i <= last; i++ {
		c := &l.cols[i]
		for _, w := range colWidths {
			if w > c.w {
				l.measureCol(c, w)
				grew = true
				break
			}
		}
	}
	return grew
}

// spanW is the width of columns first..last of one stage, gaps included.
func (l *Layout) spanW(first, last int) float64 {
	w := 0.0
	for i := first; i <= last; i++ {
		w += l.cols[i].w
	}
	return w + float64(last-first)*ColGap
}

func (l *Layout) measureCol(c *column, w float64) {
	fs, lb := l.Fonts, l.Labels
	c.w = w
	tp := c.tp
	if tp == nil {
		return
	}
	inner := w - 2*Pad
	c.action = fs.Wrap(tp.Action, tAction, w, maxBody)

	// Card: name (leaving room for the badge), channel and owner.
	cd := card{}
	nameW := inner - 1.2 // the emotion stripe
	if tp.MomentOfTruth != "" {
		cd.badge = lb.Moments[tp.MomentOfTruth]
		if cd.badge == "" {
			cd.badge = strings.ToUpper(tp.MomentOfTruth)
		}
		cd.badgeW = fs.Line(cd.badge, tBadge, 0).W() + 3
		nameW -= cd.badgeW + 1.5
	}
	name := tp.Name
	if name == "" {
		name = tp.ID
	}
	cd.name = fs.Wrap(name, tCardName, nameW, maxName)
	var meta []string
	if ch := l.m.Channel(tp.Channel); ch != nil {
		meta = append(meta, orID(ch.Name, ch.ID))
	} else if tp.Channel != "" {
		meta = append(meta, tp.Channel)
	}
	if o := l.m.OwnerByID(tp.Owner); o != nil {
		meta = append(meta, orID(o.Name, o.ID))
	} else if tp.Owner != "" {
		meta = append(meta, tp.Owner)
	}
	cd.meta = fs.Wrap(strings.Join(meta, " · "), tCardMeta, inner-1.2, maxMeta)
	cd.h = Pad + cd.name.H() + Pad
	if !cd.meta.Empty() {
		cd.h += 1 + cd.meta.H()
	}
	c.card = cd

	c.thought = fs.Wrap(quote(tp.Thought, lb.Lang), tThought, inner, maxThought)

	c.pains = c.pains[:0]
	for _, p := range tp.Pains {
		n := note{tag: strings.ToUpper(lb.Severities[p.Severity]), level: severityRank[p.Severity]}
		n.text = fs.Wrap(p.Text, tNote, inner-1, maxBody)
		n.meta = fs.Wrap(p.Evidence, tNoteMeta, inner-1, maxNoteMet)
		n.h = noteH(n)
		c.pains = append(c.pains, n)
	}
	c.opps = c.opps[:0]
	for _, o := range tp.Opportunities {
		n := note{tag: strings.ToUpper(lb.Statuses[o.Status])}
		n.text = fs.Wrap(o.Text, tNote, inner-1, maxBody)
		var bits []string
		if o.Impact > 0 {
			bits = append(bits, lb.Impact+" "+itoa(o.Impact))
		}
		if o.Effort > 0 {
			bits = append(bits, lb.Effort+" "+itoa(o.Effort))
		}
		if ow := l.m.OwnerByID(o.Owner); ow != nil {
			bits = append(bits, orID(ow.Name, ow.ID))
		} else if o.Owner != "" {
			bits = append(bits, o.Owner)
		}
		n.meta = fs.Wrap(strings.Join(bits, " · "), tNoteMeta, inner-1, maxNoteMet)
		n.h = noteH(n)
		c.opps = append(c.opps, n)
	}
	c.metrics = l.metricsOf(tp, inner)
	c.mh = 0
	if len(c.metrics) > 0 {
		c.mh = Pad
		for i, mt := range c.metrics {
			if i > 0 {
				c.mh += 2
			}
			c.mh += mt.h
		}
		c.mh += Pad
	}
}

func noteH(n note) float64 {
	h := Pad + n.text.H() + Pad
	if n.tag != "" {
		h += tNoteTag.lead() + 0.3
	}
	if !n.meta.Empty() {
		h += 0.8 + n.meta.H()
	}
	return h
}

func (l *Layout) measureStage(h *stageHead, si int, w float64) {
	fs, lb := l.Fonts, l.Labels
	st := &l.m.Stages[si]
	inner := w - 2*Pad - chevron
	h.kicker = strings.ToUpper(lb.Stage) + " " + itoa(si+1)
	h.name = fs.Wrap(orID(st.Name, st.ID), tStage, inner, maxStage)
	h.goal = fs.Wrap(st.Goal, tGoal, inner, maxGoal)
	h.chips = nil
	if r := l.stRow[st.ID]; r != nil {
		h.chips = l.chips(r)
	}
	h.h = Pad + 0.5 + tKicker.lead() + 0.8 + h.name.H()
	if !h.goal.Empty() {
		h.h += 1.2 + h.goal.H()
	}
	if len(h.chips) > 0 {
		// Chips flow in rows.
		rows, x := 1, 0.0
		for _, c := range h.chips {
			if x > 0 && x+c.w > inner {
				rows++
				x = 0
			}
			x += c.w + 1.5
		}
		h.h += 2 + float64(rows)*(chipH+1.2) - 1.2
	}
	h.h += Pad + 0.5
}

const chipH = 4.4

// chips returns the stage's roll-up figures as small labels.
func (l *Layout) chips(r *score.Row) []chip {
	lb := l.Labels
	var out []chip
	add := func(metric score.Metric, label, value string) {
		c := chip{text: label + " " + value, status: l.targets.StatusOf(r, metric)}
		c.judged = l.targets.For(metric) != nil
		c.w = l.Fonts.Line(c.text, tChip, 0).W() + 4 + 2.6
		out = append(out, c)
	}
	if r.NPS.OK {
		add(score.MetricNPS, lb.NPS, signed(r.NPS.Value, 0, lb.Lang))
	}
	if r.CES.OK {
		add(score.MetricCES, lb.CES, num(r.CES.Value, 1, lb.Lang))
	}
	if r.CSAT.OK {
		add(score.MetricCSAT, lb.CSAT, pct(r.CSAT.Value, 0, lb.Lang))
	}
	return out
}

// metricsOf returns the measures shown in a touchpoint's metrics box.
func (l *Layout) metricsOf(tp *journey.Touchpoint, inner float64) []mrow {
	lb, fs := l.Labels, l.Fonts
	r := l.tpRow[tp.ID]
	var out []mrow
	add := func(mt mrow, detail []string) {
		mt.detail = fs.Wrap(strings.Join(detail, " · "), tMDetail, inner-3, 2)
		mt.h = tMValue.lead()
		if !mt.detail.Empty() {
			mt.h += mt.detail.H()
		}
		out = append(out, mt)
	}
	declared := func(f func(*journey.Metrics) bool) bool { return tp.Metrics != nil && f(tp.Metrics) }
	target := func(metric score.Metric, format func(float64) string) string {
		if t := l.targets.For(metric); t != nil {
			return lb.Target + " " + format(*t)
		}
		return ""
	}
	figure := func(metric score.Metric, label string, f score.Figure, value string, margin func(float64) string, tgt string) {
		mt := mrow{label: label, value: value}
		var detail []string
		if !f.OK {
			mt.value = "–"
			detail = append(detail, lb.NoData)
		} else {
			if f.N > 0 {
				detail = append(detail, lb.Responses+"\u00a0=\u00a0"+itoa(f.N))
			}
			if f.HasMargin {
				detail = append(detail, "±"+margin(f.Margin))
			}
			if r != nil {
				mt.status = l.targets.StatusOf(r, metric)
			}
			mt.judged = l.targets.For(metric) != nil && mt.status != score.StatusNone
		}
		if tgt != "" {
			detail = append(detail, tgt)
		}
		add(mt, detail)
	}
	if r != nil && (r.NPS.OK || declared(func(m *journey.Metrics) bool { return m.NPS != nil })) {
		figure(score.MetricNPS, lb.NPS, r.NPS.Figure, signed(r.NPS.Value, 0, lb.Lang),
			func(v float64) string { return num(v, 0, lb.Lang) },
			target(score.MetricNPS, func(v float64) string { return trimNum(v, 1, lb.Lang) }))
	}
	if r != nil && (r.CES.OK || declared(func(m *journey.Metrics) bool { return m.CES != nil })) {
		scale := r.CES.Scale
		if scale == 0 {
			scale = 7
		}
		tgt := ""
		if scale == 7 {
			tgt = target(score.MetricCES, func(v float64) string { return trimNum(v, 2, lb.Lang) })
		}
		figure(score.MetricCES, lb.CES, r.CES.Figure, num(r.CES.Value, 1, lb.Lang)+"\u2009/\u2009"+itoa(scale),
			func(v float64) string { return num(v, 1, lb.Lang) }, tgt)
	}
	if r != nil && (r.CSAT.OK || declared(func(m *journey.Metrics) bool { return m.CSAT != nil })) {
		figure(score.MetricCSAT, lb.CSAT, r.CSAT.Figure, pct(r.CSAT.Value, 0, lb.Lang),
			func(v float64) string { return num(v, 0, lb.Lang) },
			target(score.MetricCSAT, func(v float64) string { return pct(v, 0, lb.Lang) }))
	}
	if tp.Metrics != nil {
		for _, k := range tp.Metrics.KPIs {
			mt := mrow{label: orID(k.Name, "KPI"), value: "–"}
			var detail []string
			if k.Value != nil {
				mt.value = unit(trimNum(*k.Value, 2, lb.Lang), k.Unit, lb.Lang)
			}
			if k.Target != nil {
				detail = append(detail, lb.Target+" "+unit(trimNum(*k.Target, 2, lb.Lang), k.Unit, lb.Lang))
				if k.Value != nil {
					mt.judged = true
					met := *k.Value >= *k.Target
					if k.Better == "lower" {
						met = *k.Value <= *k.Target
					}
					mt.status = score.StatusMissed
					if met {
						mt.status = score.StatusMet
					}
				}
			}
			add(mt, detail)
		}
	}
	// A label longer than the room beside its value wraps there.
	for i := range out {
		lw := inner - 3 - fs.Line(out[i].value, tMValue, 0).W() - 2
		out[i].labelB = fs.Wrap(out[i].label, tMLabel, max(lw, 8), 3)
		out[i].h += max(tMValue.lead(), labelOff(fs)+out[i].labelB.H()) - tMValue.lead()
	}
	return out
}

// labelOff is how far below a metric row's top its label starts so that
// label and value share a baseline.
func labelOff(fs *Fonts) float64 {
	f := fs.Faces[Bold]
	base := func(t Text) float64 {
		sz := t.Size * PtToMM
		return (t.lead()-(f.Asc+f.Desc)*sz)/2 + f.Asc*sz
	}
	return base(tMValue) - base(tMLabel)
}

// measureLanes keeps the lanes that have content and sizes them.
func (l *Layout) measureLanes() {
	lb, fs := l.Labels, l.Fonts
	var has [numLanes]bool
	var h [numLanes]float64
	for i := range l.cols {
		c := &l.cols[i]
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
	}
	names := [numLanes]string{lb.Actions, lb.Touchpoints, lb.Thoughts, lb.Emotions, lb.Pains, lb.Opportunities, lb.Metrics}
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
			if len(l.personas) > 1 {
				ln.h += 6
			}
		case LaneMetrics:
			var bits []string
			if t := l.targets.NPS; t != nil {
				bits = append(bits, lb.NPS+" "+trimNum(*t, 1, lb.Lang))
			}
			if t := l.targets.CES; t != nil {
				bits = append(bits, lb.CES+" "+trimNum(*t, 2, lb.Lang))
			}
			if t := l.targets.CSAT; t != nil {
				bits = append(bits, lb.CSAT+" "+pct(*t, 0, lb.Lang))
			}
			if len(bits) > 0 {
				ln.note = fs.Wrap(capitalize(lb.Target)+": "+strings.Join(bits, " · "), tLaneNote, labelInner, 4)
				minH += 1.5 + ln.note.H() + 6
			}
			ln.h = h[k] + 2*LanePad
		default:
			ln.h = h[k] + 2*LanePad
		}
		ln.h = max(ln.h, minH)
		l.lanes = append(l.lanes, ln)
	}
}

const thoughtTail = 2.2

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

// GridW returns the width of all the columns, gaps included.
func (l *Layout) GridW() float64 {
	if len(l.cols) == 0 {
		return 0
	}
	c := l.cols[len(l.cols)-1]
	return c.x + c.w
}

// NumCols returns the number of touchpoint columns.
func (l *Layout) NumCols() int { return len(l.cols) }

// NumLanes returns the number of lanes drawn (empty lanes are left out).
func (l *Layout) NumLanes() int { return len(l.lanes) }

// Lanes returns the kinds of the lanes drawn, top to bottom.
func (l *Layout) Lanes() []LaneKind {
	out := make([]LaneKind, len(l.lanes))
	for i, ln := range l.lanes {
		out[i] = ln.kind
	}
	return out
}

func orID(name, id string) string {
	if strings.TrimSpace(name) != "" {
		return name
	}
	return id
}

func itoa(i int) string {
	return strings.TrimSpace(trimNum(float64(i), 0, ""))
}

func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// quote wraps a thought in the language's quotation marks unless it is
// already quoted.
func quote(s, lang string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, q := range []string{"“", "\"", "«", "‘", "'", "„", "»"} {
		if strings.HasPrefix(s, q) {
			return s
		}
	}
	if lang == "es" {
		return "«" + s + "»"
	}
	return "“" + s + "”"
}
