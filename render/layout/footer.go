package layout

import (
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
)

// footer draws the page furniture under a scene: the colour legend (when
// there is room) and the page number and map id.
type footer struct {
	*env
	grid *grid // which lanes are drawn, for the legend
}

// legendEntry is one key of the footer's legend: an emotion level (emo >
// 0) or a target status.
type legendEntry struct {
	label string
	emo   int
	st    score.Status
}

// legendGroup is a headed run of legend entries, measured.
type legendGroup struct {
	head    string
	entries []legendEntry
	w       float64
}

// tLegendHead is the style of a legend group's head.
var tLegendHead = Text{Font: Bold, Size: 7}

// draw draws view v's footer at (x, y), w wide: a rule, the legend on the
// left and the page number and map id on the right. The legend groups
// (emotion levels, then target statuses) are left out, last first, when
// the footer has no room for them.
func (ft *footer) draw(s *Scene, v View, x, y, w float64) {
	th, fs, lb := ft.Theme, ft.Fonts, ft.Labels
	s.hline(x, x+w, y-2.5, th.Rule, 0.25, nil)
	groups := ft.legend(v)
	legendW := 0.0
	for _, g := range groups {
		legendW += g.w
	}
	page := ""
	if v.Pages > 0 {
		page = lb.Page + " " + itoa(v.Page) + " " + lb.Of + " " + itoa(v.Pages)
	}
	right := "journey · " + ft.m.ID
	if page != "" {
		right = page + "  ·  " + right
	}
	rw := fs.Line(right, tFooter, 0).W()
	if legendW+rw+6 > w && page != "" {
		right = page
		rw = fs.Line(right, tFooter, 0).W()
	}
	for len(groups) > 0 && legendW+rw+6 > w {
		legendW -= groups[len(groups)-1].w
		groups = groups[:len(groups)-1]
	}
	lx := ft.drawLegend(s, groups, x, y)
	rb := fs.Line(right, tFooter, max(w-(lx-x)-2, 10))
	s.text(RoleFooter, rb, x+w-rb.W(), y, rb.W(), Right, th.Faint, -1, fs)
}

// legend returns the legend groups view v's footer would show, measured.
func (ft *footer) legend(v View) []legendGroup {
	fs, lb := ft.Fonts, ft.Labels
	var groups []legendGroup
	if ft.grid.hasLane(LaneEmotions) && !v.NoLegend {
		g := legendGroup{head: lb.Emotions + ":"}
		for lv := 1; lv <= 5; lv++ {
			g.entries = append(g.entries, legendEntry{label: lb.EmotionLevels[lv], emo: lv})
		}
		groups = append(groups, g)
	}
	if !ft.targets.IsZero() && ft.grid.hasLane(LaneMetrics) && !v.NoLegend {
		g := legendGroup{head: capitalize(lb.Target) + ":"}
		for _, st := range []score.Status{score.StatusMet, score.StatusUncertain, score.StatusMissed} {
			g.entries = append(g.entries, legendEntry{label: statusLabel(lb, st), st: st})
		}
		groups = append(groups, g)
	}
	for i := range groups {
		g := &groups[i]
		g.w = fs.Line(g.head, tLegendHead, 0).W() + 2
		for _, e := range g.entries {
			g.w += 3.4 + fs.Line(e.label, tFooter, 0).W() + 3
		}
		g.w += 4
	}
	return groups
}

// drawLegend draws the legend groups from (x, y) and returns where they
// end.
func (ft *footer) drawLegend(s *Scene, groups []legendGroup, x, y float64) float64 {
	th, fs := ft.Theme, ft.Fonts
	lx := x
	for _, g := range groups {
		t := fs.Line(g.head, tLegendHead, 0)
		s.text(RoleFooter, t, lx, y, t.W(), Left, th.Muted, -1, fs)
		lx += t.W() + 2
		for _, e := range g.entries {
			if e.emo > 0 {
				s.circle(RoleDecor, lx+1.3, y+t.Lead/2, 1.3, th.Emotion[e.emo], true, th.Ink, monoStroke(th))
			} else {
				ft.statusDot(s, lx+1.2, y+t.Lead/2, 1.1, e.st, true)
			}
			b := fs.Line(e.label, tFooter, 0)
			s.text(RoleFooter, b, lx+3.4, y, b.W(), Left, th.Muted, -1, fs)
			lx += 3.4 + b.W() + 3
		}
		lx += 4
	}
	return lx
}

// statusLabel is the legend's word for a target status.
func statusLabel(lb render.Labels, st score.Status) string {
	switch st {
	case score.StatusMet:
		return lb.Met
	case score.StatusUncertain:
		return lb.Uncertain
	}
	return lb.Missed
}
