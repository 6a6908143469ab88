package layout

import (
	"math"
	"strings"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/mine"
)

// seenCell is a touchpoint's cell of the observed lane: what a mined log
// saw there, measured.
type seenCell struct {
	st    *NodeStat
	value Block   // the cases that reached it
	lines []Block // reach, drop-off, dwell, feedback, deviations
	h     float64
}

// tSeenValue is the observed lane's headline figure.
var tSeenValue = Text{Font: Bold, Size: 9.5, Leading: 1.2}

// measureSeen measures touchpoint tp's observed cell for an inner width:
// the cases that reached it (their share of the log's), the drop-off after
// it, the median time to the next step, its attributed NPS and CES, and
// the moves through it the map does not design. Empty without a mined log.
func (ms *measurer) measureSeen(tp *journey.Touchpoint, inner float64) seenCell {
	o := ms.obs
	if o == nil {
		return seenCell{}
	}
	fs, wd := ms.Fonts, MinedLabels(ms.Labels)
	st := o.Nodes[tp.ID]
	c := seenCell{st: st}
	var texts []string
	if st == nil || st.Events == 0 {
		c.value = fs.Wrap(capitalize(wd.Unobserved), tMDetail, inner, 3)
	} else {
		lang := wd.Lang
		c.value = fs.Line(wd.CasesN(st.Cases), tSeenValue, inner)
		texts = append(texts, wd.Reached+": "+Percent(Share(st.Cases, o.Cases()), lang))
		texts = append(texts, wd.DropOff+": "+Count(st.Ended, lang)+" ("+Percent(Share(st.Ended, st.Cases), lang)+")")
		if st.Dwell >= 0 {
			texts = append(texts, wd.Dwell+": "+Duration(st.Dwell, lang))
		}
		if f := feedbackText(st.Feedback, ms.Labels.NPS, ms.Labels.CES, lang); f != "" {
			texts = append(texts, f)
		}
		if st.Deviations > 0 {
			texts = append(texts, wd.Deviation+": "+Count(st.Deviations, lang))
		}
	}
	c.h = 2*Pad + c.value.H()
	for _, t := range texts {
		b := fs.Wrap(t, tMDetail, inner, 2)
		c.lines = append(c.lines, b)
		c.h += 0.4 + b.H()
	}
	return c
}

// feedbackText is the survey figures attributed to a touchpoint: "NPS 32
// · CES 5,1 (n 40)", or "" without any.
func feedbackText(fp *mine.Feedpoint, nps, ces, lang string) string {
	if fp == nil {
		return ""
	}
	var parts []string
	if m := fp.NPS; m != nil && m.Missing == "" && m.N > 0 {
		parts = append(parts, nps+" "+trimNum(m.Value, 0, lang))
	}
	if m := fp.CES; m != nil && m.Missing == "" && m.N > 0 {
		parts = append(parts, ces+" "+trimNum(m.Value, 1, lang))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " · ") + " (n " + Count(fp.Answers, lang) + ")"
}

// stageFunnel measures stage id's funnel line for its header.
func (ms *measurer) stageFunnel(id string, inner float64) Block {
	return ms.Fonts.Wrap(ms.funnelText(id), tGoal, inner, 3)
}

// funnelText is what a mined log saw of stage id: the cases that reached
// it and the share that went on to the next stage. "" without a log.
func (e *env) funnelText(id string) string {
	if e.obs == nil {
		return ""
	}
	wd := MinedLabels(e.Labels)
	for _, f := range e.obs.Res.Funnel {
		if f.Stage != id {
			continue
		}
		s := capitalize(wd.Funnel) + ": " + wd.CasesN(f.Reached) + " " + wd.Reached
		if f.Conversion != nil {
			s += " · " + Percent(*f.Conversion, wd.Lang) + " " + wd.Conversion
		}
		return s
	}
	return capitalize(wd.Funnel) + ": " + wd.CasesN(0) + " " + wd.Reached
}

// seenLegend explains the observed lane's marks, under its label.
func (e *env) seenLegend() string {
	wd := MinedLabels(e.Labels)
	o := e.obs
	parts := []string{wd.CasesN(o.Cases()) + ", " + wd.EventsN(o.Res.Log.Events),
		capitalize(wd.Frequency) + " (" + wd.Few + " → " + wd.Many + ")",
		capitalize(wd.Dashed) + ": " + wd.Unobserved}
	if c := o.Res.Conformance; c != nil {
		if n := len(c.UnmappedActivities); n > 0 {
			parts = append(parts, Count(int64(n), wd.Lang)+" "+wd.Activities+": "+wd.NotOnMap)
		}
	}
	return strings.Join(parts, ". ") + "."
}

// drawSeen draws a touchpoint's observed cell: filled by how many cases
// reached it (of the busiest touchpoint's), dashed when none did.
func (gp *gridPainter) drawSeen(s *Scene, ln *lane, c *column, x, top float64) {
	th, fs := gp.Theme, gp.Fonts
	h := ln.h - 2*LanePad
	it := Item{Op: OpRect, Role: RoleMetric, Rect: Rect{x, top, c.w, h}, Radius: 1.5, HasFill: true, Parent: -1, ID: c.tp.ID}
	ink, muted := th.Ink, th.Muted
	if st := c.seen.st; st == nil || st.Events == 0 {
		it.Fill, it.Stroke, it.StrokeW, it.Dash = th.Background, th.Faint, 0.35, []float64{1.2, 0.8}
	} else {
		it.Fill = Heat(th, math.Sqrt(Share(st.Cases, gp.maxSeen())))
		it.Stroke, it.StrokeW = th.CardBorder, 0.3
		ink = Contrast(it.Fill, th)
		if ink != th.Ink {
			muted = ink
		}
	}
	b := s.add(it)
	inner := c.w - 2*Pad
	ty := top + Pad
	s.text(RoleMetric, c.seen.value, x+Pad, ty, inner, Left, ink, b, fs)
	ty += c.seen.value.H()
	for _, l := range c.seen.lines {
		ty += 0.4
		s.text(RoleMetric, l, x+Pad, ty, inner, Left, muted, b, fs)
		ty += l.H()
	}
}

// maxSeen is the most cases any touchpoint of the map saw.
func (g *grid) maxSeen() int64 {
	var m int64
	for i := range g.cols {
		if st := g.cols[i].seen.st; st != nil {
			m = max(m, st.Cases)
		}
	}
	return m
}
