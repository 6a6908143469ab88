package layout

import (
	"math"
	"strings"

	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
)

// gridPainter draws a view's part of the grid: stage headers, lane bands
// and labels, the cells of every lane and the emotion curves.
type gridPainter struct{ *grid }

// drawGrid draws view v's stage headers and lanes with their top-left at (x0, y0).
func (gp *gridPainter) drawGrid(s *Scene, v View, x0, y0 float64) {
	th, fs, lb := gp.Theme, gp.Fonts, gp.Labels
	if v.To <= v.From {
		return
	}
	gx := x0 + LabelW + LabelGap
	right := gp.colX(v, gx, v.To-1) + gp.cols[v.To-1].w
	// Stage headers.
	for si := range gp.stages {
		sh := &gp.stages[si]
		a, b := max(sh.first, v.From), min(sh.last, v.To-1)
		if a > b {
			continue
		}
		sx := gp.colX(v, gx, a)
		sw := gp.colX(v, gx, b) + gp.cols[b].w - sx
		gp.drawStage(s, sh, si, sx, y0, sw, a > sh.first, b < sh.last, si == 0 || a > sh.first)
	}
	y := y0 + gp.stageH + laneTopGap
	top := y
	for li := v.LaneFrom; li < v.LaneTo; li++ {
		ln := &gp.lanes[li]
		fill := th.LaneFill
		if (li-v.LaneFrom)%2 == 1 {
			fill = th.LaneAltFill
		}
		s.rect(RoleDecor, Rect{x0, y, right - x0 + Pad, ln.h}, 0, fill)
		lab := s.rect(RoleLaneLabel, Rect{x0, y, LabelW, ln.h}, 0, th.LaneLabelFill)
		lblock := fs.Wrap(ln.label, tLane, LabelW-8, 3)
		s.text(RoleLaneLabel, lblock, x0+4, y+LanePad, LabelW-8, Left, th.LaneLabelText, lab, fs)
		if !ln.note.Empty() {
			s.text(RoleLaneLabel, ln.note, x0+4, y+LanePad+lblock.H()+1.5, LabelW-8, Left, th.Muted, lab, fs)
		}
		s.hline(x0, right+Pad, y, th.Rule, 0.25, nil)
		switch ln.kind {
		case LaneEmotions:
			gp.drawEmotions(s, v, ln, x0, gx, y, right)
		default:
			for i := v.From; i < v.To; i++ {
				gp.drawCell(s, ln, &gp.cols[i], gp.colX(v, gx, i), y)
			}
		}
		y += ln.h
	}
	s.hline(x0, right+Pad, y, th.Rule, 0.25, nil)
	// Stage separators across the lanes.
	for i := v.From + 1; i < v.To; i++ {
		if gp.cols[i].stage != gp.cols[i-1].stage {
			sx := gp.colX(v, gx, i) - StageGap/2
			s.vline(sx, top, y, th.Rule, 0.3, nil)
		}
	}
	_ = lb
}

// drawStage draws stage si's header, its visible part at x, w wide,
// re-wrapped to that width when a page cuts the stage.
func (gp *gridPainter) drawStage(s *Scene, sh *stageHead, si int, x, y, w float64, contBefore, contAfter, notch bool) {
	th, fs, lb := gp.Theme, gp.Fonts, gp.Labels
	h := gp.stageH
	// A chevron: the body, a tip into the gap after it, and a notch.
	tip := chevron
	path := []Seg{{Op: MoveTo, P: [3]Point{{x, y}}}, {Op: LineTo, P: [3]Point{{x + w, y}}},
		{Op: LineTo, P: [3]Point{{x + w + tip, y + h/2}}}, {Op: LineTo, P: [3]Point{{x + w, y + h}}},
		{Op: LineTo, P: [3]Point{{x, y + h}}}}
	if notch && si > 0 {
		path = append(path, Seg{Op: LineTo, P: [3]Point{{x + tip, y + h/2}}})
	}
	path = append(path, Seg{Op: Close})
	fill := th.StageFill
	s.add(Item{Op: OpPath, Role: RoleDecor, Fill: fill, HasFill: true, Stroke: th.Ink, StrokeW: monoStroke(th),
		Path: path, Rect: Rect{x, y, w + tip, h}, Parent: -1})
	box := s.add(Item{Op: OpRect, Role: RoleStage, Rect: Rect{x, y, w, h}, Parent: -1, ID: gp.m.Stages[si].ID})
	ix := x + Pad
	if notch && si > 0 {
		ix += tip
	}
	inner := x + w - Pad - ix
	ty := y + Pad + 0.5
	kicker := sh.kicker
	if contBefore {
		kicker += " · " + strings.ToUpper(lb.Continued)
	}
	s.text(RoleStage, fs.Line(kicker, tKicker, inner), ix, ty, inner, Left, th.Muted, box, fs)
	ty += tKicker.lead() + 0.8
	name, goal, funnel := sh.name, sh.goal, sh.funnel
	chips := sh.chips
	if contBefore || contAfter || inner < gp.spanW(sh.first, sh.last)-2*Pad-chevron-0.01 {
		// Part of the stage: re-wrap to the visible width and keep what fits.
		st := &gp.m.Stages[si]
		room := y + h - Pad - ty
		name = gp.fit(orID(st.Name, st.ID), tStage, inner, maxStage, room)
		room -= name.H() + 1.2
		goal = gp.fit(st.Goal, tGoal, inner, maxGoal, room)
		if !goal.Empty() {
			room -= goal.H()
		}
		funnel = gp.fit(gp.funnelText(st.ID), tGoal, inner, 3, room-1.2)
		if !funnel.Empty() {
			room -= 1.2 + funnel.H()
		}
		if room < 2+chipH || contBefore {
			chips = nil
		}
	}
	s.text(RoleStage, name, ix, ty, inner, Left, th.StageText, box, fs)
	ty += name.H()
	if !goal.Empty() {
		ty += 1.2
		s.text(RoleStage, goal, ix, ty, inner, Left, th.Muted, box, fs)
		ty += goal.H()
	}
	if !funnel.Empty() {
		ty += 1.2
		s.text(RoleStage, funnel, ix, ty, inner, Left, th.Accent, box, fs)
		ty += funnel.H()
	}
	if len(chips) > 0 {
		ty += 2
		cx := ix
		for _, c := range chips {
			if cx > ix && cx+c.w > ix+inner {
				cx = ix
				ty += chipH + 1.2
			}
			if c.w > inner {
				break
			}
			cb := s.box(RoleDecor, Rect{cx, ty, c.w, chipH}, chipH/2, th.Background, th.Rule, 0.25)
			gp.statusDot(s, cx+2.2, ty+chipH/2, 1.0, c.status, c.judged)
			s.text(RoleDecor, fs.Line(c.text, tChip, 0), cx+4, ty+(chipH-tChip.lead())/2, c.w-5, Left, th.Ink, cb, fs)
			cx += c.w + 1.5
		}
	}
}

// fit wraps s to width with as many lines (up to maxLines) as fit in room.
func (gp *gridPainter) fit(s string, t Text, width float64, maxLines int, room float64) Block {
	n := min(maxLines, int(room/t.lead()))
	if n <= 0 {
		return Block{Font: t.Font, Size: t.Size, Lead: t.lead()}
	}
	return gp.Fonts.Wrap(s, t, width, n)
}

// statusDot marks how a figure stands against its target: by colour, and
// in the print theme by fill (full: met, half: uncertain, hollow: missed).
func (e *env) statusDot(s *Scene, cx, cy, r float64, st score.Status, judged bool) {
	th := e.Theme
	if !judged || st == score.StatusNone {
		s.circle(RoleDecor, cx, cy, r*0.8, th.Faint, false, th.Faint, 0.25)
		return
	}
	c := statusColor(th, st)
	switch {
	case !th.Mono || st == score.StatusMet:
		s.circle(RoleDecor, cx, cy, r, c, true, c, 0)
	case st == score.StatusMissed:
		s.circle(RoleDecor, cx, cy, r-0.2, th.Background, true, th.Ink, 0.4)
	default:
		s.circle(RoleDecor, cx, cy, r-0.2, th.Background, true, th.Ink, 0.4)
		s.add(Item{Op: OpPath, Role: RoleDecor, Fill: th.Ink, HasFill: true, Parent: -1, Rect: Rect{cx - r, cy - r, r, 2 * r},
			Path: []Seg{{Op: MoveTo, P: [3]Point{{cx, cy - r + 0.2}}},
				{Op: CubeTo, P: [3]Point{{cx - (r-0.2)*1.33, cy - r + 0.2}, {cx - (r-0.2)*1.33, cy + r - 0.2}, {cx, cy + r - 0.2}}},
				{Op: Close}}})
	}
}

// statusColor is the theme's colour for a target status.
func statusColor(th render.Theme, st score.Status) render.Color {
	switch st {
	case score.StatusMet:
		return th.Good
	case score.StatusUncertain:
		return th.Warn
	case score.StatusMissed:
		return th.Bad
	}
	return th.NoTarget
}

// drawCell draws column c's cell of lane ln, whose top is at y.
func (gp *gridPainter) drawCell(s *Scene, ln *lane, c *column, x, y float64) {
	if c.tp == nil {
		return
	}
	top := y + LanePad
	switch ln.kind {
	case LaneActions:
		gp.drawAction(s, c, x, top)
	case LaneTouchpoints:
		gp.drawCard(s, ln, c, x, top)
	case LaneThoughts:
		gp.drawThought(s, c, x, top)
	case LanePains, LaneOpportunities:
		gp.drawNotes(s, ln, c, x, top)
	case LaneMetrics:
		gp.drawMetrics(s, c, x, top)
	case LaneObserved:
		gp.drawSeen(s, ln, c, x, top)
	}
}

// drawAction draws a column's action, top at top.
func (gp *gridPainter) drawAction(s *Scene, c *column, x, top float64) {
	th, fs := gp.Theme, gp.Fonts
	id := c.tp.ID
	if c.action.Empty() {
		return
	}
	b := s.add(Item{Op: OpRect, Role: RoleAction, Rect: Rect{x, top, c.w, c.action.H()}, Parent: -1, ID: id})
	s.text(RoleAction, c.action, x, top, c.w, Left, th.Ink, b, fs)
}

// drawCard draws a touchpoint card: its emotion stripe, badge, name and meta.
func (gp *gridPainter) drawCard(s *Scene, ln *lane, c *column, x, top float64) {
	th, fs := gp.Theme, gp.Fonts
	inner := c.w - 2*Pad
	id := c.tp.ID
	h := ln.h - 2*LanePad
	b := s.box(RoleCard, Rect{x, top, c.w, h}, 1.8, th.CardFill, th.CardBorder, 0.3)
	s.Items[b].ID = id
	// The emotion stripe down the card's left edge.
	if v, ok := c.tp.MeanEmotion(); ok {
		s.add(Item{Op: OpPath, Role: RoleDecor, Fill: th.EmotionColor(v), HasFill: true, Parent: -1,
			Rect: Rect{x, top, 1.4, h}, Path: leftRounded(x+0.15, top+0.15, 1.4, h-0.3, 1.65)})
	}
	tx := x + Pad + 1.2
	if c.card.badge != "" {
		bw := c.card.badgeW
		bb := s.box(RoleBadge, Rect{x + c.w - Pad - bw, top + Pad - 0.2, bw, 3.8}, 1.9, th.Accent, th.Accent, 0)
		s.text(RoleBadge, fs.Line(c.card.badge, tBadge, 0), x+c.w-Pad-bw, top+Pad-0.2+(3.8-tBadge.lead())/2, bw, Center, th.Background, bb, fs)
	}
	s.text(RoleCard, c.card.name, tx, top+Pad, inner-1.2, Left, th.Ink, b, fs)
	if !c.card.meta.Empty() {
		s.text(RoleCard, c.card.meta, tx, top+h-Pad-c.card.meta.H(), inner-1.2, Left, th.Muted, b, fs)
	}
}

// drawThought draws a thought bubble with its tail.
func (gp *gridPainter) drawThought(s *Scene, c *column, x, top float64) {
	th, fs := gp.Theme, gp.Fonts
	inner := c.w - 2*Pad
	id := c.tp.ID
	if c.thought.Empty() {
		return
	}
	h := c.thought.H() + 2*Pad
	b := s.box(RoleThought, Rect{x, top, c.w, h}, 2.5, th.ThoughtFill, th.CardBorder, monoStroke(th))
	s.Items[b].ID = id
	// The bubble's tail, pointing down to the emotion curve.
	tx := x + 6
	s.add(Item{Op: OpPath, Role: RoleDecor, Fill: th.ThoughtFill, HasFill: true, Stroke: th.CardBorder, StrokeW: monoStroke(th), Parent: -1,
		Rect: Rect{tx, top + h - 0.1, 4, thoughtTail}, Path: []Seg{{Op: MoveTo, P: [3]Point{{tx, top + h - 0.1}}},
			{Op: LineTo, P: [3]Point{{tx + 1, top + h + thoughtTail - 0.2}}}, {Op: LineTo, P: [3]Point{{tx + 4, top + h - 0.1}}}}})
	s.text(RoleThought, c.thought, x+Pad, top+Pad, inner, Left, th.ThoughtText, b, fs)
}

// drawNotes draws the stacked pain or opportunity notes of a column.
func (gp *gridPainter) drawNotes(s *Scene, ln *lane, c *column, x, top float64) {
	th, fs := gp.Theme, gp.Fonts
	inner := c.w - 2*Pad
	id := c.tp.ID
	notes, fill, accent, role := c.pains, th.PainFill, th.PainAccent, RolePain
	if ln.kind == LaneOpportunities {
		notes, fill, accent, role = c.opps, th.OppFill, th.OppAccent, RoleOpportunity
	}
	ny := top
	base := accent
	for _, n := range notes {
		// Pains: the accent says how bad; low and medium ones are quieter.
		accent := base
		if role == RolePain && n.level > 0 && n.level <= 2 {
			accent = th.Warn
			if n.level == 1 || th.Mono {
				accent = th.Muted
			}
		}
		b := s.box(role, Rect{x, ny, c.w, n.h}, 1.5, fill, accent, monoStroke(th))
		s.Items[b].ID = id
		s.add(Item{Op: OpPath, Role: RoleDecor, Fill: accent, HasFill: true, Parent: -1,
			Rect: Rect{x, ny, 1, n.h}, Path: leftRounded(x, ny, 1, n.h, 1.5)})
		ty := ny + Pad
		if n.tag != "" {
			s.text(role, fs.Line(n.tag, tNoteTag, inner-1), x+Pad+1, ty, inner-1, Left, accent, b, fs)
			ty += tNoteTag.lead() + 0.3
		}
		s.text(role, n.text, x+Pad+1, ty, inner-1, Left, th.Ink, b, fs)
		ty += n.text.H()
		if !n.meta.Empty() {
			s.text(role, n.meta, x+Pad+1, ty+0.8, inner-1, Left, th.Muted, b, fs)
		}
		ny += n.h + BoxGap
	}
}

// drawMetrics draws a column's metrics box: per row a status dot, label, value and detail.
func (gp *gridPainter) drawMetrics(s *Scene, c *column, x, top float64) {
	th, fs := gp.Theme, gp.Fonts
	inner := c.w - 2*Pad
	id := c.tp.ID
	if len(c.metrics) == 0 {
		return
	}
	b := s.box(RoleMetric, Rect{x, top, c.w, c.mh}, 1.5, th.CardFill, th.CardBorder, 0.3)
	s.Items[b].ID = id
	my := top + Pad
	for i, mt := range c.metrics {
		if i > 0 {
			my += 2
		}
		vl := fs.Line(mt.value, tMValue, 0)
		col := th.Ink
		if mt.judged {
			col = statusColor(th, mt.status)
			if th.Mono {
				col = th.Ink
			}
		}
		gp.statusDot(s, x+Pad+1, my+vl.Lead/2, 1.05, mt.status, mt.judged)
		lbl := mt.labelB
		off := labelOff(fs) // label and value share a baseline
		s.text(RoleMetric, lbl, x+Pad+3, my+off, inner-3, Left, th.Muted, b, fs)
		s.text(RoleMetric, vl, x+Pad+3, my, inner-3, Right, col, b, fs)
		my += max(vl.Lead, off+lbl.H())
		if !mt.detail.Empty() {
			s.text(RoleMetric, mt.detail, x+Pad+3, my, inner-3, Left, th.Muted, b, fs)
			my += mt.detail.H()
		}
	}
}

// leftRounded is a rectangle path with its left corners rounded.
func leftRounded(x, y, w, h, r float64) []Seg {
	r = min(r, h/2)
	const k = 0.5523
	return []Seg{
		{Op: MoveTo, P: [3]Point{{x + r, y}}},
		{Op: LineTo, P: [3]Point{{x + w, y}}},
		{Op: LineTo, P: [3]Point{{x + w, y + h}}},
		{Op: LineTo, P: [3]Point{{x + r, y + h}}},
		{Op: CubeTo, P: [3]Point{{x + r - k*r, y + h}, {x, y + h - r + k*r}, {x, y + h - r}}},
		{Op: LineTo, P: [3]Point{{x, y + r}}},
		{Op: CubeTo, P: [3]Point{{x, y + r - k*r}, {x + r - k*r, y}, {x + r, y}}},
		{Op: Close},
	}
}

// Emotion plot geometry inside the lane.
const (
	emoTop    = 13.0 // from the lane's top to level 5
	emoBottom = 6.0  // from level 1 to the lane's bottom
	pointR    = 2.3
)

// emoY is the y of emotion level v in lane ln, whose top is at y.
func (gp *gridPainter) emoY(ln *lane, y, v float64) float64 {
	top, bot := y+emoTop, y+ln.h-emoBottom
	return top + (5-v)/4*(bot-top)
}

// drawEmotions draws the emotion lane ln of view v, whose top is at y: the
// tinted bands and level guides, one curve per persona clipped to the
// view, and the points.
func (gp *gridPainter) drawEmotions(s *Scene, v View, ln *lane, x0, gx, y, right float64) {
	gp.emotionGuides(s, ln, x0, gx, y, right)
	personas := gp.personaIDs()
	all := gp.emotionCurves(s, v, ln, personas, gx, y, right)
	gp.emotionPoints(s, v, ln, personas, all, gx, y)
}

// emoPoint is one emotion value of a persona: its column and level.
type emoPoint struct {
	col int
	v   float64
}

// emotionGuides draws the tints above and below neutral, and the level
// guides with their labels in the label column.
func (gp *gridPainter) emotionGuides(s *Scene, ln *lane, x0, gx, y, right float64) {
	th, fs, lb := gp.Theme, gp.Fonts, gp.Labels
	y3 := gp.emoY(ln, y, 3)
	if !th.Mono {
		s.rect(RoleDecor, Rect{gx - 1, gp.emoY(ln, y, 5) - 3, right - gx + 2, y3 - gp.emoY(ln, y, 5) + 3}, 0, th.PositiveTint)
		s.rect(RoleDecor, Rect{gx - 1, y3, right - gx + 2, gp.emoY(ln, y, 1) + 3 - y3}, 0, th.NegativeTint)
	}
	for lv := 1; lv <= 5; lv++ {
		ly := gp.emoY(ln, y, float64(lv))
		if lv == 3 {
			s.hline(gx-1, right+1, ly, th.Faint, 0.3, []float64{1.2, 0.9})
		} else {
			s.hline(gx-1, right+1, ly, th.Rule, 0.25, []float64{0.6, 0.9})
		}
		if lv%2 == 1 {
			b := fs.Line(lb.EmotionLevels[lv], tLevel, LabelW-6)
			s.text(RoleDecor, b, x0+2, ly-b.H()/2, LabelW-5, Right, th.Muted, -1, fs)
		}
	}
}

// emotionCurves draws one curve per persona through the whole map,
// clipped to the view, and returns each persona's points.
func (gp *gridPainter) emotionCurves(s *Scene, v View, ln *lane, personas []string, gx, y, right float64) [][]emoPoint {
	th := gp.Theme
	clipL := gx - StageGap/2
	if v.From == 0 {
		clipL = gx
	}
	clipR := right + StageGap/2
	if v.To == len(gp.cols) {
		clipR = right
	}
	all := make([][]emoPoint, len(personas))
	for pi, pid := range personas {
		var pts []Point
		for i := range gp.cols {
			c := &gp.cols[i]
			if c.tp == nil {
				continue
			}
			val, ok := emotionOf(c, pid, len(personas))
			if !ok {
				continue
			}
			all[pi] = append(all[pi], emoPoint{i, val})
			pts = append(pts, Point{gp.colX(v, gx, i) + c.w/2, gp.emoY(ln, y, val)})
		}
		col := th.EmotionLine
		if len(personas) > 1 {
			col = th.PersonaLine(pi)
		}
		segs := clipX(smooth(pts), clipL, clipR)
		if len(segs) > 0 {
			s.add(Item{Op: OpPath, Role: RoleCurve, Stroke: col, StrokeW: 0.8, Round: true, Dash: personaDash(th, pi),
				Path: segs, Rect: bounds(segs), Parent: -1})
		}
	}
	return all
}

// emotionPoints draws the points of the view's columns; points of several
// personas at one value sit side by side.
func (gp *gridPainter) emotionPoints(s *Scene, v View, ln *lane, personas []string, all [][]emoPoint, gx, y float64) {
	same := map[emoPoint][]int{}
	for pi := range personas {
		for _, p := range all[pi] {
			same[p] = append(same[p], pi)
		}
	}
	for pi := range personas {
		for _, p := range all[pi] {
			if p.col < v.From || p.col >= v.To {
				continue
			}
			c := &gp.cols[p.col]
			cx := gp.colX(v, gx, p.col) + c.w/2
			if group := same[p]; len(group) > 1 {
				for k, q := range group {
					if q == pi {
						cx += (float64(k) - float64(len(group)-1)/2) * 3.4
					}
				}
			}
			gp.emotionPoint(s, c, cx, gp.emoY(ln, y, p.v), p.v, len(personas))
		}
	}
}

// emotionPoint draws one point of level v at (cx, cy), with the level
// written in it when there is one persona of n and v is whole.
func (gp *gridPainter) emotionPoint(s *Scene, c *column, cx, cy, v float64, n int) {
	th, fs := gp.Theme, gp.Fonts
	fill := th.EmotionColor(v)
	stroke, sw := th.Background, 0.5
	if th.Mono {
		stroke, sw = th.Ink, 0.3
	}
	r := pointR
	if n > 1 {
		r = 2.0
	}
	pi := s.circle(RolePoint, cx, cy, r, fill, true, stroke, sw)
	s.Items[pi].ID = c.tp.ID
	if n == 1 && v == math.Trunc(v) {
		ink := th.Background
		if luminance(fill) > 0.55 {
			ink = th.Ink
		}
		d := fs.Line(itoa(int(v)), Text{Font: Bold, Size: 6}, 0)
		s.text(RoleDecor, d, cx-r, cy-d.H()/2, 2*r, Center, ink, -1, fs)
	}
}

// personaIDs returns the personas that get a curve: "" alone for a map
// with at most one persona.
func (e *env) personaIDs() []string {
	if len(e.personas) <= 1 {
		return []string{""}
	}
	ids := make([]string, len(e.personas))
	for i, p := range e.personas {
		ids[i] = p.ID
	}
	return ids
}

// emotionOf is a column's emotion for a persona (the mean when n <= 1).
func emotionOf(c *column, persona string, n int) (float64, bool) {
	if n <= 1 {
		return c.tp.MeanEmotion()
	}
	for _, e := range c.tp.Emotion {
		if e.Persona == persona {
			return e.Value, true
		}
	}
	for _, e := range c.tp.Emotion {
		if e.Persona == "" {
			return e.Value, true
		}
	}
	return 0, false
}

// luminance is a colour's relative brightness, 0 to 1.
func luminance(c render.Color) float64 {
	return (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
}
