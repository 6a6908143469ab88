package layout

import (
	"math"
	"strings"

	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
)

// View selects the part of the map one scene draws.
type View struct {
	From, To         int     // columns [From, To)
	LaneFrom, LaneTo int     // lanes [LaneFrom, LaneTo)
	Header           bool    // the full header (title, description, personas); else one line
	Page, Pages      int     // page number and count for the footer; 0 = no page number
	PageW, PageH     float64 // the scene's size when it is a page (mm); 0 = as large as the map
	NoLegend         bool    // a footer without the colour legend (table pages)
}

// Full returns the view of the whole map with its full header.
func (l *Layout) Full() View {
	return View{From: 0, To: len(l.cols), LaneFrom: 0, LaneTo: len(l.lanes), Header: true}
}

// viewGridW is the width of the columns of a view.
func (l *Layout) viewGridW(v View) float64 {
	if v.To <= v.From {
		return 0
	}
	a, b := l.cols[v.From], l.cols[v.To-1]
	return b.x + b.w - a.x
}

// cover reports whether v is a cover page: the header and an overview, no
// grid.
func (v View) cover() bool { return v.Header && v.To <= v.From }

// ContentW returns the width of a view's scene without margins.
func (l *Layout) ContentW(v View) float64 {
	if v.PageW > 0 {
		return v.PageW - 2*Margin
	}
	w := LabelW + LabelGap + l.viewGridW(v) + chevron
	if v.Header {
		w = max(w, minWidth)
	}
	return w
}

// SceneH returns the height of a view's scene, margins included, without
// building it.
func (l *Layout) SceneH(v View) float64 {
	return Margin + l.headerH(v) + headerGap + l.gridH(v) + footerH + bottomMargin
}

func (l *Layout) headerH(v View) float64 {
	if v.Header {
		h := l.header(l.ContentW(v)).h
		if v.cover() {
			h += headerGap + l.overview(l.ContentW(v)).h
		}
		return h
	}
	return l.compactHeader(l.ContentW(v)).H()
}

func (l *Layout) gridH(v View) float64 {
	if v.To <= v.From {
		return 0
	}
	h := l.stageH + laneTopGap
	for i := v.LaneFrom; i < v.LaneTo; i++ {
		h += l.lanes[i].h
	}
	return h
}

const (
	laneTopGap   = 3.0
	bottomMargin = 8.0
)

func (l *Layout) compactHeader(w float64) Block {
	return l.Fonts.Wrap(l.m.Title, tTitleC, w, 1)
}

// header is the title block and the persona panels, laid out for a width.
type header struct {
	h                 float64
	kicker            string
	kickerW           float64
	title, desc, meta Block
	titleW            float64
	side              bool // personas to the right of the title
	px, pw            float64
	personas          []personaBox
}

type personaBox struct {
	h        float64
	initials string
	name     Block
	desc     Block
	quote    Block
	leftW    float64
	listsX   float64 // from the box's left; lists below the left part when listsBelow
	listsY   float64 // from the box's top
	listW    float64
	lists    [3]plist
	listsH   float64
	leftH    float64
	color    render.Color
}

type plist struct {
	head  string
	items []Block
}

func (l *Layout) header(w float64) *header {
	fs, lb, m := l.Fonts, l.Labels, l.m
	h := &header{}
	// Personas to the right when there is room for a readable title block.
	const pwIdeal = 250.0
	h.side = len(m.Personas) > 0 && w >= 170+10+190
	h.titleW = min(w, 250)
	if h.side {
		h.pw = min(pwIdeal, w-170-10)
		h.titleW = min(w-h.pw-12, 250)
		h.px = h.titleW + 12
	} else {
		h.pw = min(w, pwIdeal+30)
	}
	h.kicker = strings.ToUpper(lb.Current)
	if m.State == "future" {
		h.kicker = strings.ToUpper(lb.Future)
	}
	h.kickerW = fs.Line(h.kicker, tBadge, 0).W() + 4
	h.title = fs.Wrap(m.Title, tTitle, h.titleW, maxTitle)
	h.desc = fs.Wrap(m.Description, tDesc, min(h.titleW, 190), maxDesc)
	var meta []string
	if m.Owner != "" {
		meta = append(meta, lb.Owner+": "+m.Owner)
	}
	if len(m.Tags) > 0 {
		tags := make([]string, len(m.Tags))
		for i, t := range m.Tags {
			tags[i] = "#" + t
		}
		meta = append(meta, strings.Join(tags, " "))
	}
	h.meta = fs.Wrap(strings.Join(meta, "  ·  "), tMeta, min(h.titleW, 190), 2)
	th := kickerH + 2.5 + h.title.H()
	if !h.desc.Empty() {
		th += 3 + h.desc.H()
	}
	if !h.meta.Empty() {
		th += 2.5 + h.meta.H()
	}
	ph := 0.0
	for i := range m.Personas {
		pb := l.personaBox(i, h.pw)
		if i > 0 {
			ph += 3
		}
		ph += pb.h
		h.personas = append(h.personas, pb)
	}
	if h.side {
		h.h = max(th, ph)
	} else {
		h.h = th
		if ph > 0 {
			h.h += 6 + ph
		}
	}
	return h
}

const kickerH = 4.2

func (l *Layout) personaBox(i int, w float64) personaBox {
	fs, lb := l.Fonts, l.Labels
	p := &l.m.Personas[i]
	pb := personaBox{color: l.Theme.PersonaLine(i)}
	pb.initials = initials(orID(p.Name, p.ID))
	inner := w - 2*3.5
	pb.leftW = min(72, inner*0.34)
	lists := [3][]string{p.Goals, p.Needs, p.Frustrations}
	heads := [3]string{lb.Goals, lb.Needs, lb.Frustrations}
	nLists := 0
	for _, li := range lists {
		if len(li) > 0 {
			nLists++
		}
	}
	below := inner-pb.leftW-6 < 3*34 || nLists == 0
	if below {
		pb.leftW = inner
	}
	avatar := 11.0
	pb.name = fs.Wrap(orID(p.Name, p.ID), tPName, pb.leftW-avatar-3, 2)
	pb.desc = fs.Wrap(p.Description, tPBody, pb.leftW, 5)
	pb.quote = fs.Wrap(quote(p.Quote, lb.Lang), tPQuote, pb.leftW, 4)
	lh := max(avatar, pb.name.H()+legendH(len(l.m.Personas)))
	if !pb.desc.Empty() {
		lh += 2.5 + pb.desc.H()
	}
	if !pb.quote.Empty() {
		lh += 2.5 + pb.quote.H()
	}
	pb.leftH = lh
	if below {
		pb.listsX, pb.listsY = 3.5, 3.5+lh+4
		pb.listW = (inner - 2*4) / 3
	} else {
		pb.listsX, pb.listsY = 3.5+pb.leftW+6, 3.5
		pb.listW = (inner - pb.leftW - 6 - 2*4) / 3
	}
	k := 0
	for j, li := range lists {
		if len(li) == 0 {
			continue
		}
		pl := plist{head: strings.ToUpper(heads[j])}
		lh := tPHead.lead() + 1
		for n, it := range li {
			if n == maxPItems {
				more := "+" + itoa(len(li)-maxPItems)
				pl.items = append(pl.items, fs.Wrap(more, tPItem, pb.listW-3, 1))
				lh += tPItem.lead()
				break
			}
			b := fs.Wrap(it, tPItem, pb.listW-3, maxPItem)
			pl.items = append(pl.items, b)
			lh += b.H() + 1
		}
		pb.lists[k] = pl
		pb.listsH = max(pb.listsH, lh)
		k++
	}
	if below {
		pb.h = pb.listsY + pb.listsH + 3.5
		if nLists == 0 {
			pb.h = 3.5 + lh + 3.5
		}
	} else {
		pb.h = 3.5 + max(lh, pb.listsH) + 3.5
	}
	return pb
}

func legendH(n int) float64 {
	if n > 1 {
		return 3.5
	}
	return 0
}

func initials(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			out = append(out, r)
			break
		}
		if len(out) == 2 {
			break
		}
	}
	return strings.ToUpper(string(out))
}

// Scene draws view v.
func (l *Layout) Scene(v View) *Scene {
	th := l.Theme
	cw := l.ContentW(v)
	s := &Scene{W: cw + 2*Margin, H: l.SceneH(v), Background: th.Background}
	s.Items = make([]Item, 0, 64+40*(v.To-v.From)) // about what a touchpoint draws
	y := Margin
	if v.PageW > 0 {
		s.W, s.H = v.PageW, v.PageH
		if v.cover() {
			y = max(Margin, (s.H-l.headerH(v)-footerH-bottomMargin)/4)
		}
	}
	s.rect(RoleDecor, Rect{0, 0, s.W, s.H}, 0, th.Background)
	if v.Header {
		l.drawHeader(s, l.header(cw), Margin, y, cw)
		y += l.header(cw).h
		if v.cover() {
			y += headerGap
			l.drawOverview(s, l.overview(cw), Margin, y, cw)
		}
	} else {
		b := l.compactHeader(cw)
		t := s.text(RoleTitle, b, Margin, y, cw, Left, th.Ink, -1, l.Fonts)
		_ = t
		y += b.H()
	}
	y += headerGap
	l.drawGrid(s, v, Margin, y)
	l.drawFooter(s, v, Margin, s.H-bottomMargin-footerH+5, cw)
	return s
}

func (l *Layout) drawHeader(s *Scene, h *header, x, y, w float64) {
	th, fs := l.Theme, l.Fonts
	// Kicker pill: the map's state.
	fill, ink := th.StageFill, th.StageText
	if l.m.State == "future" {
		fill, ink = th.Accent, th.Background
	}
	if th.Mono {
		fill, ink = th.Background, th.Ink
	}
	k := s.box(RoleTitle, Rect{x, y, h.kickerW, kickerH}, kickerH/2, fill, th.Ink, monoStroke(th))
	s.text(RoleTitle, fs.Line(h.kicker, tBadge, 0), x, y+(kickerH-tBadge.lead())/2, h.kickerW, Center, ink, k, fs)
	ty := y + kickerH + 2.5
	s.text(RoleTitle, h.title, x, ty, h.titleW, Left, th.Ink, -1, fs)
	ty += h.title.H()
	if !h.desc.Empty() {
		ty += 3
		s.text(RoleTitle, h.desc, x, ty, h.titleW, Left, th.Muted, -1, fs)
		ty += h.desc.H()
	}
	if !h.meta.Empty() {
		ty += 2.5
		s.text(RoleTitle, h.meta, x, ty, h.titleW, Left, th.Muted, -1, fs)
	}
	py := y
	px := x + h.px
	if !h.side {
		py = ty + 6
		if !h.meta.Empty() {
			py += h.meta.H()
		}
	}
	for i := range h.personas {
		pb := &h.personas[i]
		l.drawPersona(s, pb, px, py, h.pw, i)
		py += pb.h + 3
	}
}

func monoStroke(th render.Theme) float64 {
	if th.Mono {
		return 0.25
	}
	return 0
}

func (l *Layout) drawPersona(s *Scene, pb *personaBox, x, y, w float64, idx int) {
	th, fs := l.Theme, l.Fonts
	box := s.box(RolePersona, Rect{x, y, w, pb.h}, 2.5, th.LaneLabelFill, th.Rule, 0.25)
	ix, iy := x+3.5, y+3.5
	// Avatar with initials.
	const av = 11.0
	s.circle(RoleDecor, ix+av/2, iy+av/2, av/2, th.HeaderFill, true, th.HeaderFill, 0)
	ib := fs.Line(pb.initials, tInitials, av)
	s.text(RolePersona, ib, ix, iy+(av-ib.H())/2, av, Center, th.HeaderText, box, fs)
	nx := ix + av + 3
	ny := iy + (max(av, pb.name.H()+legendH(len(l.m.Personas)))-pb.name.H()-legendH(len(l.m.Personas)))/2
	s.text(RolePersona, pb.name, nx, ny, pb.leftW-av-3, Left, th.Ink, box, fs)
	if len(l.m.Personas) > 1 {
		// The persona's curve sample: the legend of the emotion lane.
		ly := ny + pb.name.H() + 1.7
		it := Item{Op: OpPath, Role: RoleDecor, Stroke: pb.color, StrokeW: 0.8, Round: true, Parent: -1,
			Dash: personaDash(th, idx), Rect: Rect{nx, ly - 0.4, 10, 0.8},
			Path: []Seg{{Op: MoveTo, P: [3]Point{{nx, ly}}}, {Op: LineTo, P: [3]Point{{nx + 10, ly}}}}}
		s.add(it)
		s.circle(RoleDecor, nx+5, ly, 1.2, pb.color, true, th.Background, 0.3)
	}
	cy := iy + max(av, pb.name.H()+legendH(len(l.m.Personas)))
	if !pb.desc.Empty() {
		cy += 2.5
		s.text(RolePersona, pb.desc, ix, cy, pb.leftW, Left, th.Ink, box, fs)
		cy += pb.desc.H()
	}
	if !pb.quote.Empty() {
		cy += 2.5
		s.text(RolePersona, pb.quote, ix, cy, pb.leftW, Left, th.ThoughtText, box, fs)
	}
	lx := x + pb.listsX
	for _, pl := range pb.lists {
		if pl.head == "" {
			continue
		}
		ly := y + pb.listsY
		s.text(RolePersona, fs.Line(pl.head, tPHead, pb.listW), lx, ly, pb.listW, Left, th.Muted, box, fs)
		ly += tPHead.lead() + 1
		for _, it := range pl.items {
			s.circle(RoleDecor, lx+0.9, ly+it.Lead/2, 0.55, th.Muted, true, th.Muted, 0)
			s.text(RolePersona, it, lx+3, ly, pb.listW-3, Left, th.Ink, box, fs)
			ly += it.H() + 1
		}
		lx += pb.listW + 4
	}
}

func personaDash(th render.Theme, i int) []float64 {
	if !th.Mono || i == 0 {
		return nil
	}
	switch i % 3 {
	case 1:
		return []float64{2.2, 1.2}
	case 2:
		return []float64{0.4, 1.2}
	}
	return []float64{3, 1, 0.4, 1}
}

// colX returns the left edge of column i in a scene whose grid starts at gx
// for view v.
func (l *Layout) colX(v View, gx float64, i int) float64 {
	return gx + l.cols[i].x - l.cols[v.From].x
}

func (l *Layout) drawGrid(s *Scene, v View, x0, y0 float64) {
	th, fs, lb := l.Theme, l.Fonts, l.Labels
	if v.To <= v.From {
		return
	}
	gx := x0 + LabelW + LabelGap
	right := l.colX(v, gx, v.To-1) + l.cols[v.To-1].w
	// Stage headers.
	for si := range l.stages {
		sh := &l.stages[si]
		a, b := max(sh.first, v.From), min(sh.last, v.To-1)
		if a > b {
			continue
		}
		sx := l.colX(v, gx, a)
		sw := l.colX(v, gx, b) + l.cols[b].w - sx
		l.drawStage(s, sh, si, sx, y0, sw, a > sh.first, b < sh.last, si == 0 || a > sh.first)
	}
	y := y0 + l.stageH + laneTopGap
	top := y
	for li := v.LaneFrom; li < v.LaneTo; li++ {
		ln := &l.lanes[li]
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
			l.drawEmotions(s, v, ln, x0, gx, y, right)
		default:
			for i := v.From; i < v.To; i++ {
				l.drawCell(s, ln, &l.cols[i], l.colX(v, gx, i), y)
			}
		}
		y += ln.h
	}
	s.hline(x0, right+Pad, y, th.Rule, 0.25, nil)
	// Stage separators across the lanes.
	for i := v.From + 1; i < v.To; i++ {
		if l.cols[i].stage != l.cols[i-1].stage {
			sx := l.colX(v, gx, i) - StageGap/2
			s.vline(sx, top, y, th.Rule, 0.3, nil)
		}
	}
	_ = lb
}

func (l *Layout) drawStage(s *Scene, sh *stageHead, si int, x, y, w float64, contBefore, contAfter, notch bool) {
	th, fs, lb := l.Theme, l.Fonts, l.Labels
	h := l.stageH
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
	box := s.add(Item{Op: OpRect, Role: RoleStage, Rect: Rect{x, y, w, h}, Parent: -1, ID: l.m.Stages[si].ID})
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
	name, goal := sh.name, sh.goal
	chips := sh.chips
	if contBefore || contAfter || inner < l.spanW(sh.first, sh.last)-2*Pad-chevron-0.01 {
		// Part of the stage: re-wrap to the visible width and keep what fits.
		st := &l.m.Stages[si]
		room := y + h - Pad - ty
		name = l.fit(orID(st.Name, st.ID), tStage, inner, maxStage, room)
		room -= name.H() + 1.2
		goal = l.fit(st.Goal, tGoal, inner, maxGoal, room)
		if !goal.Empty() {
			room -= goal.H()
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
			l.statusDot(s, cx+2.2, ty+chipH/2, 1.0, c.status, c.judged)
			s.text(RoleDecor, fs.Line(c.text, tChip, 0), cx+4, ty+(chipH-tChip.lead())/2, c.w-5, Left, th.Ink, cb, fs)
			cx += c.w + 1.5
		}
	}
}

// fit wraps s to width with as many lines (up to maxLines) as fit in room.
func (l *Layout) fit(s string, t Text, width float64, maxLines int, room float64) Block {
	n := min(maxLines, int(room/t.lead()))
	if n <= 0 {
		return Block{Font: t.Font, Size: t.Size, Lead: t.lead()}
	}
	return l.Fonts.Wrap(s, t, width, n)
}

// statusDot marks how a figure stands against its target: by colour, and
// in the print theme by fill (full: met, half: uncertain, hollow: missed).
func (l *Layout) statusDot(s *Scene, cx, cy, r float64, st score.Status, judged bool) {
	th := l.Theme
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

func (l *Layout) drawCell(s *Scene, ln *lane, c *column, x, y float64) {
	th, fs := l.Theme, l.Fonts
	if c.tp == nil {
		return
	}
	top := y + LanePad
	inner := c.w - 2*Pad
	id := c.tp.ID
	switch ln.kind {
	case LaneActions:
		if c.action.Empty() {
			return
		}
		b := s.add(Item{Op: OpRect, Role: RoleAction, Rect: Rect{x, top, c.w, c.action.H()}, Parent: -1, ID: id})
		s.text(RoleAction, c.action, x, top, c.w, Left, th.Ink, b, fs)
	case LaneTouchpoints:
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
	case LaneThoughts:
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
	case LanePains, LaneOpportunities:
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
	case LaneMetrics:
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
			l.statusDot(s, x+Pad+1, my+vl.Lead/2, 1.05, mt.status, mt.judged)
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

func (l *Layout) emoY(ln *lane, y, v float64) float64 {
	top, bot := y+emoTop, y+ln.h-emoBottom
	return top + (5-v)/4*(bot-top)
}

func (l *Layout) drawEmotions(s *Scene, v View, ln *lane, x0, gx, y, right float64) {
	th, fs, lb := l.Theme, l.Fonts, l.Labels
	// Tints above and below neutral, and the level guides.
	y3 := l.emoY(ln, y, 3)
	if !th.Mono {
		s.rect(RoleDecor, Rect{gx - 1, l.emoY(ln, y, 5) - 3, right - gx + 2, y3 - l.emoY(ln, y, 5) + 3}, 0, th.PositiveTint)
		s.rect(RoleDecor, Rect{gx - 1, y3, right - gx + 2, l.emoY(ln, y, 1) + 3 - y3}, 0, th.NegativeTint)
	}
	for lv := 1; lv <= 5; lv++ {
		ly := l.emoY(ln, y, float64(lv))
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
	// One curve per persona, clipped to the view.
	personas := l.personaIDs()
	clipL := gx - StageGap/2
	if v.From == 0 {
		clipL = gx
	}
	clipR := right + StageGap/2
	if v.To == len(l.cols) {
		clipR = right
	}
	type pt struct {
		col int
		v   float64
	}
	all := make([][]pt, len(personas))
	for pi, pid := range personas {
		var pts []Point
		for i := range l.cols {
			c := &l.cols[i]
			if c.tp == nil {
				continue
			}
			val, ok := emotionOf(c, pid, len(personas))
			if !ok {
				continue
			}
			all[pi] = append(all[pi], pt{i, val})
			pts = append(pts, Point{l.colX(v, gx, i) + c.w/2, l.emoY(ln, y, val)})
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
	// Points of several personas at one value sit side by side.
	type key struct {
		col int
		v   float64
	}
	same := map[key][]int{}
	for pi := range personas {
		for _, p := range all[pi] {
			k := key{p.col, p.v}
			same[k] = append(same[k], pi)
		}
	}
	for pi := range personas {
		for _, p := range all[pi] {
			if p.col < v.From || p.col >= v.To {
				continue
			}
			c := &l.cols[p.col]
			cx := l.colX(v, gx, p.col) + c.w/2
			if group := same[key{p.col, p.v}]; len(group) > 1 {
				for k, q := range group {
					if q == pi {
						cx += (float64(k) - float64(len(group)-1)/2) * 3.4
					}
				}
			}
			cy := l.emoY(ln, y, p.v)
			fill := th.EmotionColor(p.v)
			stroke, sw := th.Background, 0.5
			if th.Mono {
				stroke, sw = th.Ink, 0.3
			}
			r := pointR
			if len(personas) > 1 {
				r = 2.0
			}
			pi := s.circle(RolePoint, cx, cy, r, fill, true, stroke, sw)
			s.Items[pi].ID = c.tp.ID
			if len(personas) == 1 && p.v == math.Trunc(p.v) {
				ink := th.Background
				if luminance(fill) > 0.55 {
					ink = th.Ink
				}
				d := fs.Line(itoa(int(p.v)), Text{Font: Bold, Size: 6}, 0)
				s.text(RoleDecor, d, cx-r, cy-d.H()/2, 2*r, Center, ink, -1, fs)
			}
		}
	}
}

// personaIDs returns the personas that get a curve: "" alone for a map
// with at most one persona.
func (l *Layout) personaIDs() []string {
	if len(l.personas) <= 1 {
		return []string{""}
	}
	ids := make([]string, len(l.personas))
	for i, p := range l.personas {
		ids[i] = p.ID
	}
	return ids
}

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

func luminance(c render.Color) float64 {
	return (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
}

func (l *Layout) drawFooter(s *Scene, v View, x, y, w float64) {
	th, fs, lb := l.Theme, l.Fonts, l.Labels
	s.hline(x, x+w, y-2.5, th.Rule, 0.25, nil)
	head := Text{Font: Bold, Size: 7}
	// The legend: emotion levels, then target statuses; each is left out
	// when the footer has no room for it.
	type entry struct {
		label string
		emo   int
		st    score.Status
	}
	type group struct {
		head    string
		entries []entry
		w       float64
	}
	var groups []group
	if l.hasLane(LaneEmotions) && !v.NoLegend {
		g := group{head: lb.Emotions + ":"}
		for lv := 1; lv <= 5; lv++ {
			g.entries = append(g.entries, entry{label: lb.EmotionLevels[lv], emo: lv})
		}
		groups = append(groups, g)
	}
	if !l.targets.IsZero() && l.hasLane(LaneMetrics) && !v.NoLegend {
		g := group{head: capitalize(lb.Target) + ":"}
		for _, st := range []score.Status{score.StatusMet, score.StatusUncertain, score.StatusMissed} {
			g.entries = append(g.entries, entry{label: statusLabel(lb, st), st: st})
		}
		groups = append(groups, g)
	}
	legendW := 0.0
	for i := range groups {
		g := &groups[i]
		g.w = fs.Line(g.head, head, 0).W() + 2
		for _, e := range g.entries {
			g.w += 3.4 + fs.Line(e.label, tFooter, 0).W() + 3
		}
		g.w += 4
		legendW += g.w
	}
	page := ""
	if v.Pages > 0 {
		page = lb.Page + " " + itoa(v.Page) + " " + lb.Of + " " + itoa(v.Pages)
	}
	right := "journey · " + l.m.ID
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
	lx := x
	for _, g := range groups {
		t := fs.Line(g.head, head, 0)
		s.text(RoleFooter, t, lx, y, t.W(), Left, th.Muted, -1, fs)
		lx += t.W() + 2
		for _, e := range g.entries {
			if e.emo > 0 {
				s.circle(RoleDecor, lx+1.3, y+t.Lead/2, 1.3, th.Emotion[e.emo], true, th.Ink, monoStroke(th))
			} else {
				l.statusDot(s, lx+1.2, y+t.Lead/2, 1.1, e.st, true)
			}
			b := fs.Line(e.label, tFooter, 0)
			s.text(RoleFooter, b, lx+3.4, y, b.W(), Left, th.Muted, -1, fs)
			lx += 3.4 + b.W() + 3
		}
		lx += 4
	}
	rb := fs.Line(right, tFooter, max(w-(lx-x)-2, 10))
	s.text(RoleFooter, rb, x+w-rb.W(), y, rb.W(), Right, th.Faint, -1, fs)
}

func statusLabel(lb render.Labels, st score.Status) string {
	switch st {
	case score.StatusMet:
		return lb.Met
	case score.StatusUncertain:
		return lb.Uncertain
	}
	return lb.Missed
}

func (l *Layout) hasLane(k LaneKind) bool {
	for _, ln := range l.lanes {
		if ln.kind == k {
			return true
		}
	}
	return false
}
