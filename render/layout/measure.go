package layout

import (
	"strings"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
)

// measurer fits the map's text into the cells of the grid: it wraps each
// touchpoint's texts to a column width and each stage's to its span, and
// sizes the boxes that hold them.
type measurer struct{ *env }

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

type chip struct {
	text   string
	w      float64
	status score.Status
	judged bool
}

// measureCol measures column c's cells at width w.
func (ms *measurer) measureCol(c *column, w float64) {
	fs, lb := ms.Fonts, ms.Labels
	c.w = w
	tp := c.tp
	if tp == nil {
		return
	}
	inner := w - 2*Pad
	c.action = fs.Wrap(tp.Action, tAction, w, maxBody)
	c.card = ms.measureCard(tp, inner)
	c.thought = fs.Wrap(quote(tp.Thought, lb.Lang), tThought, inner, maxThought)
	ms.measureNotes(c, inner)
	c.metrics = ms.metricsOf(tp, inner)
	c.seen = ms.measureSeen(tp, inner)
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

// measureCard measures a touchpoint's card for an inner width: its name
// (leaving room for the moment-of-truth badge), channel and owner.
func (ms *measurer) measureCard(tp *journey.Touchpoint, inner float64) card {
	fs, lb := ms.Fonts, ms.Labels
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
	if ch := ms.m.Channel(tp.Channel); ch != nil {
		meta = append(meta, orID(ch.Name, ch.ID))
	} else if tp.Channel != "" {
		meta = append(meta, tp.Channel)
	}
	if o := ms.m.OwnerByID(tp.Owner); o != nil {
		meta = append(meta, orID(o.Name, o.ID))
	} else if tp.Owner != "" {
		meta = append(meta, tp.Owner)
	}
	if len(tp.Actors) > 0 {
		meta = append(meta, strings.Join(tp.Actors, ", "))
	}
	cd.meta = fs.Wrap(strings.Join(meta, " · "), tCardMeta, inner-1.2, maxMeta)
	cd.h = Pad + cd.name.H() + Pad
	if !cd.meta.Empty() {
		cd.h += 1 + cd.meta.H()
	}
	return cd
}

// measureNotes measures column c's pain and opportunity notes for an
// inner width.
func (ms *measurer) measureNotes(c *column, inner float64) {
	fs, lb := ms.Fonts, ms.Labels
	tp := c.tp
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
		if ow := ms.m.OwnerByID(o.Owner); ow != nil {
			bits = append(bits, orID(ow.Name, ow.ID))
		} else if o.Owner != "" {
			bits = append(bits, o.Owner)
		}
		n.meta = fs.Wrap(strings.Join(bits, " · "), tNoteMeta, inner-1, maxNoteMet)
		n.h = noteH(n)
		c.opps = append(c.opps, n)
	}
}

// noteH is the height of a note box.
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

// measureStage measures stage si's header for a span w wide.
func (ms *measurer) measureStage(h *stageHead, si int, w float64) {
	fs, lb := ms.Fonts, ms.Labels
	st := &ms.m.Stages[si]
	inner := w - 2*Pad - chevron
	h.kicker = strings.ToUpper(lb.Stage) + " " + itoa(si+1)
	h.name = fs.Wrap(orID(st.Name, st.ID), tStage, inner, maxStage)
	h.goal = fs.Wrap(st.Goal, tGoal, inner, maxGoal)
	h.chips = nil
	if r := ms.stRow[st.ID]; r != nil {
		h.chips = ms.chips(r)
	}
	h.funnel = ms.stageFunnel(st.ID, inner)
	h.h = Pad + 0.5 + tKicker.lead() + 0.8 + h.name.H()
	if !h.goal.Empty() {
		h.h += 1.2 + h.goal.H()
	}
	if !h.funnel.Empty() {
		h.h += 1.2 + h.funnel.H()
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
func (ms *measurer) chips(r *score.Row) []chip {
	lb := ms.Labels
	var out []chip
	add := func(metric score.Metric, label, value string) {
		c := chip{text: label + " " + value, status: ms.targets.StatusOf(r, metric)}
		c.judged = ms.targets.For(metric) != nil
		c.w = ms.Fonts.Line(c.text, tChip, 0).W() + 4 + 2.6
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

// metricsOf returns the measures shown in a touchpoint's metrics box: its
// scores (NPS, CES, CSAT) and KPIs, for an inner width.
func (ms *measurer) metricsOf(tp *journey.Touchpoint, inner float64) []mrow {
	fs := ms.Fonts
	out := ms.scoreRows(tp, inner)
	if tp.Metrics != nil {
		for _, k := range tp.Metrics.KPIs {
			out = append(out, ms.kpiRow(k, inner))
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

// metricRow finishes a metrics row: its detail line, wrapped to the inner
// width, and its height.
func (ms *measurer) metricRow(mt mrow, detail []string, inner float64) mrow {
	mt.detail = ms.Fonts.Wrap(strings.Join(detail, " · "), tMDetail, inner-3, 2)
	mt.h = tMValue.lead()
	if !mt.detail.Empty() {
		mt.h += mt.detail.H()
	}
	return mt
}

// targetText is "target X" for a metric with a target, formatted, or "".
func (ms *measurer) targetText(metric score.Metric, format func(float64) string) string {
	if t := ms.targets.For(metric); t != nil {
		return ms.Labels.Target + " " + format(*t)
	}
	return ""
}

// scoreRows returns the rows of the scores a touchpoint has figures for or
// declares.
func (ms *measurer) scoreRows(tp *journey.Touchpoint, inner float64) []mrow {
	lb := ms.Labels
	r := ms.tpRow[tp.ID]
	var out []mrow
	declared := func(f func(*journey.Metrics) bool) bool { return tp.Metrics != nil && f(tp.Metrics) }
	figure := func(metric score.Metric, label string, f score.Figure, value string, margin func(float64) string, tgt string) {
		out = append(out, ms.figureRow(r, metric, label, f, value, margin, tgt, inner))
	}
	if r != nil && (r.NPS.OK || declared(func(m *journey.Metrics) bool { return m.NPS != nil })) {
		figure(score.MetricNPS, lb.NPS, r.NPS.Figure, signed(r.NPS.Value, 0, lb.Lang),
			func(v float64) string { return num(v, 0, lb.Lang) },
			ms.targetText(score.MetricNPS, func(v float64) string { return trimNum(v, 1, lb.Lang) }))
	}
	if r != nil && (r.CES.OK || declared(func(m *journey.Metrics) bool { return m.CES != nil })) {
		scale := r.CES.Scale
		if scale == 0 {
			scale = 7
		}
		tgt := ""
		if scale == 7 {
			tgt = ms.targetText(score.MetricCES, func(v float64) string { return trimNum(v, 2, lb.Lang) })
		}
		figure(score.MetricCES, lb.CES, r.CES.Figure, num(r.CES.Value, 1, lb.Lang)+"\u2009/\u2009"+itoa(scale),
			func(v float64) string { return num(v, 1, lb.Lang) }, tgt)
	}
	if r != nil && (r.CSAT.OK || declared(func(m *journey.Metrics) bool { return m.CSAT != nil })) {
		figure(score.MetricCSAT, lb.CSAT, r.CSAT.Figure, pct(r.CSAT.Value, 0, lb.Lang),
			func(v float64) string { return num(v, 0, lb.Lang) },
			ms.targetText(score.MetricCSAT, func(v float64) string { return pct(v, 0, lb.Lang) }))
	}
	return out
}

// figureRow is the row of one score figure f of row r (nil: no figures):
// its value, responses, margin and target, and how it stands.
func (ms *measurer) figureRow(r *score.Row, metric score.Metric, label string, f score.Figure, value string, margin func(float64) string, tgt string, inner float64) mrow {
	lb := ms.Labels
	mt := mrow{label: label, value: value}
	var detail []string
	if !f.OK {
		mt.value = "–"
		detail = append(detail, lb.NoData)
	} else {
		detail = append(detail, nDetail(&lb, f)...)
		if f.HasMargin {
			detail = append(detail, f.Interval(margin))
		}
		if r != nil {
			mt.status = ms.targets.StatusOf(r, metric)
		}
		mt.judged = ms.targets.For(metric) != nil && mt.status != score.StatusNone
	}
	if tgt != "" {
		detail = append(detail, tgt)
	}
	return ms.metricRow(mt, detail, inner)
}

// nDetail returns the words on a figure's answers: "n = 2" and, under
// score.SmallN answers, the small-sample mark.
func nDetail(lb *render.Labels, f score.Figure) []string {
	var out []string
	if f.N > 0 {
		out = append(out, lb.Responses+"\u00a0=\u00a0"+itoa(f.N))
	}
	if f.Small {
		out = append(out, lb.SmallSample)
	}
	return out
}

// kpiRow is the row of one KPI: its value and target, met or missed.
func (ms *measurer) kpiRow(k journey.KPI, inner float64) mrow {
	lb := ms.Labels
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
	return ms.metricRow(mt, detail, inner)
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
