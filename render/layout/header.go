package layout

import (
	"strings"

	"github.com/journey-cx/journey/render"
)

// heading lays out and draws the top of a scene: the full header (state,
// title, description, personas) or the one-line title of later pages.
type heading struct{ *env }

// compact is the one-line title of pages after the first, for a width.
func (hb *heading) compact(w float64) Block {
	return hb.Fonts.Wrap(hb.m.Title, tTitleC, w, 1)
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

// measure lays out the full header for a width.
func (hb *heading) measure(w float64) *header {
	fs, lb, m := hb.Fonts, hb.Labels, hb.m
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
		pb := hb.personaBox(i, h.pw)
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

// personaBox lays out the panel of persona i for a width.
func (hb *heading) personaBox(i int, w float64) personaBox {
	fs, lb := hb.Fonts, hb.Labels
	p := &hb.m.Personas[i]
	pb := personaBox{color: hb.Theme.PersonaLine(i)}
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
	lh := max(avatar, pb.name.H()+legendH(len(hb.m.Personas)))
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

// legendH is the room under a persona's name for its curve sample, when there are n > 1.
func legendH(n int) float64 {
	if n > 1 {
		return 3.5
	}
	return 0
}

// initials returns the upper-case first letters of a name's first two words.
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

// draw draws header h at (x, y), w wide.
func (hb *heading) draw(s *Scene, h *header, x, y, w float64) {
	th, fs := hb.Theme, hb.Fonts
	// Kicker pill: the map's state.
	fill, ink := th.StageFill, th.StageText
	if hb.m.State == "future" {
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
		hb.drawPersona(s, pb, px, py, h.pw, i)
		py += pb.h + 3
	}
}

// monoStroke is the outline width the print theme gives filled shapes (0: none).
func monoStroke(th render.Theme) float64 {
	if th.Mono {
		return 0.25
	}
	return 0
}

// drawPersona draws persona panel pb (persona idx) at (x, y), w wide.
func (hb *heading) drawPersona(s *Scene, pb *personaBox, x, y, w float64, idx int) {
	th, fs := hb.Theme, hb.Fonts
	box := s.box(RolePersona, Rect{x, y, w, pb.h}, 2.5, th.LaneLabelFill, th.Rule, 0.25)
	ix, iy := x+3.5, y+3.5
	// Avatar with initials.
	const av = 11.0
	s.circle(RoleDecor, ix+av/2, iy+av/2, av/2, th.HeaderFill, true, th.HeaderFill, 0)
	ib := fs.Line(pb.initials, tInitials, av)
	s.text(RolePersona, ib, ix, iy+(av-ib.H())/2, av, Center, th.HeaderText, box, fs)
	nx := ix + av + 3
	ny := iy + (max(av, pb.name.H()+legendH(len(hb.m.Personas)))-pb.name.H()-legendH(len(hb.m.Personas)))/2
	s.text(RolePersona, pb.name, nx, ny, pb.leftW-av-3, Left, th.Ink, box, fs)
	if len(hb.m.Personas) > 1 {
		// The persona's curve sample: the legend of the emotion lane.
		ly := ny + pb.name.H() + 1.7
		it := Item{Op: OpPath, Role: RoleDecor, Stroke: pb.color, StrokeW: 0.8, Round: true, Parent: -1,
			Dash: personaDash(th, idx), Rect: Rect{nx, ly - 0.4, 10, 0.8},
			Path: []Seg{{Op: MoveTo, P: [3]Point{{nx, ly}}}, {Op: LineTo, P: [3]Point{{nx + 10, ly}}}}}
		s.add(it)
		s.circle(RoleDecor, nx+5, ly, 1.2, pb.color, true, th.Background, 0.3)
	}
	cy := iy + max(av, pb.name.H()+legendH(len(hb.m.Personas)))
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

// personaDash is persona i's curve dash in the print theme (nil: solid).
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
