package layout

import (
	"strings"

	"github.com/journey-cx/journey/journey/score"
)

// The cover's overview: the stages in a row with their scores, the whole
// emotion curve in small, and the key figures of the map.

const (
	ovGap    = 4.0  // between stage chevrons
	ovCurveH = 30.0 // the mini emotion curve
	tileH    = 21.0 // a key figure tile
)

var (
	tOvHead  = Text{Font: Bold, Size: 8}
	tOvStage = Text{Font: Bold, Size: 9, Leading: 1.2}
	tTileVal = Text{Font: Bold, Size: 18, Leading: 1.1}
	tTileLbl = Text{Font: Bold, Size: 6.5}
	tTileDet = Text{Font: Regular, Size: 6.5}
)

// overviewBuilder lays out and draws the cover's overview: the stages in
// a row with their chips, the emotion curve in small, the key figures and
// the highlights.
type overviewBuilder struct {
	*measurer       // for the stage chips
	grid      *grid // which lanes are drawn
}

type ovStage struct {
	kicker string
	name   Block
	chips  []chip
}

type overview struct {
	lists  [2][]highlight
	listW  float64
	listsH float64
	stageW float64
	chevH  float64
	chipsH float64
	stages []ovStage
	h      float64
	tiles  []tile
}

type tile struct {
	value, label, detail string
	status               score.Status
	judged               bool
}

// build lays out the overview for a width.
func (ob *overviewBuilder) build(w float64) *overview {
	fs, lb := ob.Fonts, ob.Labels
	o := &overview{}
	n := len(ob.m.Stages)
	if n == 0 {
		return o
	}
	o.stageW = (w - float64(n-1)*ovGap) / float64(n)
	inner := o.stageW - 2*Pad - 2*chevron
	for si := range ob.m.Stages {
		st := &ob.m.Stages[si]
		os := ovStage{kicker: strings.ToUpper(lb.Stage) + " " + itoa(si+1)}
		os.name = fs.Wrap(orID(st.Name, st.ID), tOvStage, max(inner, 8), 2)
		if r := ob.stRow[st.ID]; r != nil {
			os.chips = ob.chips(r)
		}
		o.chevH = max(o.chevH, Pad+tKicker.lead()+0.6+os.name.H()+Pad)
		o.chipsH = max(o.chipsH, float64(len(os.chips))*(chipH+1.2))
		o.stages = append(o.stages, os)
	}
	o.tiles = ob.tiles()
	ob.highlights(o, w)
	o.h = tOvHead.lead() + 3 + o.chevH
	if o.chipsH > 0 {
		o.h += 2 + o.chipsH
	}
	if ob.grid.hasLane(LaneEmotions) {
		o.h += 3 + ovCurveH
	}
	o.h += 6 + tileH
	if o.listsH > 0 {
		o.h += 8 + o.listsH
	}
	return o
}

// tiles returns the key figures of the map: its touchpoints, pains and
// opportunities, and its scores with their targets.
func (ob *overviewBuilder) tiles() []tile {
	lb := ob.Labels
	var tiles []tile
	tps, pains, critical, opps := 0, 0, 0, 0
	for _, tp := range ob.m.Touchpoints() {
		tps++
		pains += len(tp.Pains)
		for _, p := range tp.Pains {
			if p.Severity == "critical" {
				critical++
			}
		}
		opps += len(tp.Opportunities)
	}
	tiles = append(tiles, tile{value: itoa(tps), label: lb.Touchpoints, detail: itoa(len(ob.m.Channels)) + " " + lb.Channels})
	pd := ""
	if critical > 0 {
		pd = itoa(critical) + " " + lb.Critical
	}
	tiles = append(tiles, tile{value: itoa(pains), label: lb.Pains, detail: pd})
	tiles = append(tiles, tile{value: itoa(opps), label: lb.Opportunities})
	if ob.scores != nil {
		tot := &ob.scores.Total
		lang := lb.Lang
		add := func(metric score.Metric, label string, f score.Figure, value string, target func(float64) string) {
			if !f.OK {
				return
			}
			t := tile{value: value, label: label, status: ob.targets.StatusOf(tot, metric)}
			t.judged = ob.targets.For(metric) != nil && t.status != score.StatusNone
			det := nDetail(&lb, f)
			if p := ob.targets.For(metric); p != nil {
				det = append(det, lb.Target+" "+target(*p))
			}
			t.detail = strings.Join(det, " · ")
			tiles = append(tiles, t)
		}
		add(score.MetricNPS, lb.NPS, tot.NPS.Figure, signed(tot.NPS.Value, 0, lang), func(v float64) string { return trimNum(v, 1, lang) })
		if tot.CES.Scale == 7 || tot.CES.Scale == 0 {
			add(score.MetricCES, lb.CES, tot.CES.Figure, num(tot.CES.Value, 1, lang), func(v float64) string { return trimNum(v, 2, lang) })
		}
		add(score.MetricCSAT, lb.CSAT, tot.CSAT.Figure, pct(tot.CSAT.Value, 0, lang), func(v float64) string { return pct(v, 0, lang) })
	}
	return tiles
}

// draw draws overview o at (x, y), w wide.
func (ob *overviewBuilder) draw(s *Scene, o *overview, x, y, w float64) {
	th, fs, lb := ob.Theme, ob.Fonts, ob.Labels
	if len(o.stages) == 0 {
		return
	}
	s.text(RoleTitle, fs.Line(strings.ToUpper(lb.Overview), tOvHead, w), x, y, w, Left, th.Muted, -1, fs)
	y += tOvHead.lead() + 3
	for i, os := range o.stages {
		sx := x + float64(i)*(o.stageW+ovGap)
		h := o.chevH
		path := []Seg{{Op: MoveTo, P: [3]Point{{sx, y}}}, {Op: LineTo, P: [3]Point{{sx + o.stageW - chevron, y}}},
			{Op: LineTo, P: [3]Point{{sx + o.stageW, y + h/2}}}, {Op: LineTo, P: [3]Point{{sx + o.stageW - chevron, y + h}}},
			{Op: LineTo, P: [3]Point{{sx, y + h}}}}
		if i > 0 {
			path = append(path, Seg{Op: LineTo, P: [3]Point{{sx + chevron, y + h/2}}})
		}
		path = append(path, Seg{Op: Close})
		s.add(Item{Op: OpPath, Role: RoleDecor, Fill: th.StageFill, HasFill: true, Stroke: th.Ink, StrokeW: monoStroke(th),
			Path: path, Rect: Rect{sx, y, o.stageW, h}, Parent: -1})
		ix := sx + Pad
		if i > 0 {
			ix += chevron
		}
		iw := sx + o.stageW - chevron - Pad - ix
		box := s.add(Item{Op: OpRect, Role: RoleStage, Rect: Rect{ix - 0.01, y, iw + 0.02, h}, Parent: -1, ID: ob.m.Stages[i].ID})
		s.text(RoleStage, fs.Line(os.kicker, tKicker, iw), ix, y+Pad, iw, Left, th.Muted, box, fs)
		s.text(RoleStage, os.name, ix, y+Pad+tKicker.lead()+0.6, iw, Left, th.StageText, box, fs)
		cy := y + h + 2
		for _, c := range os.chips {
			if c.w > o.stageW {
				break
			}
			cb := s.box(RoleDecor, Rect{ix, cy, c.w, chipH}, chipH/2, th.Background, th.Rule, 0.25)
			ob.statusDot(s, ix+2.2, cy+chipH/2, 1.0, c.status, c.judged)
			s.text(RoleDecor, fs.Line(c.text, tChip, 0), ix+4, cy+(chipH-tChip.lead())/2, c.w-5, Left, th.Ink, cb, fs)
			cy += chipH + 1.2
		}
	}
	y += o.chevH
	if o.chipsH > 0 {
		y += 2 + o.chipsH
	}
	if ob.grid.hasLane(LaneEmotions) {
		y += 3
		ob.drawMiniCurve(s, o, x, y, w)
		y += ovCurveH
	}
	y += 6
	ob.drawTiles(s, o.tiles, x, y, w)
	if o.listsH > 0 {
		ob.drawHighlights(s, o, x, y+tileH+8)
	}
}

// drawTiles draws the key figure tiles in a row from (x, y), w wide.
func (ob *overviewBuilder) drawTiles(s *Scene, tiles []tile, x, y, w float64) {
	th, fs := ob.Theme, ob.Fonts
	n := len(tiles)
	tw := (w - float64(n-1)*4) / float64(n)
	for i, t := range tiles {
		tx := x + float64(i)*(tw+4)
		b := s.box(RoleMetric, Rect{tx, y, tw, tileH}, 2, th.CardFill, th.CardBorder, 0.3)
		col := th.Ink
		if t.judged && !th.Mono {
			col = statusColor(th, t.status)
		}
		iw := tw - 2*3
		s.text(RoleMetric, fs.Line(strings.ToUpper(t.label), tTileLbl, iw), tx+3, y+2.5, iw, Left, th.Muted, b, fs)
		vx := tx + 3
		if t.judged {
			ob.statusDot(s, tx+4.2, y+2.5+tTileLbl.lead()+1+tTileVal.lead()/2, 1.3, t.status, true)
			vx += 3.5
		}
		s.text(RoleMetric, fs.Line(t.value, tTileVal, iw-(vx-tx-3)), vx, y+2.5+tTileLbl.lead()+1, iw-(vx-tx-3), Left, col, b, fs)
		if t.detail != "" {
			s.text(RoleMetric, fs.Line(t.detail, tTileDet, iw), tx+3, y+tileH-2.5-tTileDet.lead(), iw, Left, th.Muted, b, fs)
		}
	}
}

// drawMiniCurve draws every persona's emotion curve across the stage row.
func (ob *overviewBuilder) drawMiniCurve(s *Scene, o *overview, x, y, w float64) {
	th := ob.Theme
	top, bot := y+4, y+ovCurveH-4
	ly := func(v float64) float64 { return top + (5-v)/4*(bot-top) }
	if !th.Mono {
		s.rect(RoleDecor, Rect{x, top - 2, w, ly(3) - top + 2}, 0, th.PositiveTint)
		s.rect(RoleDecor, Rect{x, ly(3), w, bot + 2 - ly(3)}, 0, th.NegativeTint)
	}
	for lv := 1; lv <= 5; lv++ {
		if lv == 3 {
			s.hline(x, x+w, ly(3), th.Faint, 0.3, []float64{1.2, 0.9})
		} else {
			s.hline(x, x+w, ly(float64(lv)), th.Rule, 0.25, []float64{0.6, 0.9})
		}
	}
	personas := ob.personaIDs()
	for pi, pid := range personas {
		var pts []Point
		var vals []float64
		for si := range ob.m.Stages {
			st := &ob.m.Stages[si]
			sx := x + float64(si)*(o.stageW+ovGap)
			n := len(st.Touchpoints)
			for ti := range st.Touchpoints {
				c := column{tp: &st.Touchpoints[ti]}
				v, ok := emotionOf(&c, pid, len(personas))
				if !ok {
					continue
				}
				px := sx + (float64(ti)+0.5)*(o.stageW-chevron)/float64(n) + chevron/2
				pts = append(pts, Point{px, ly(v)})
				vals = append(vals, v)
			}
		}
		col := th.EmotionLine
		if len(personas) > 1 {
			col = th.PersonaLine(pi)
		}
		if segs := smooth(pts); len(segs) > 1 {
			s.add(Item{Op: OpPath, Role: RoleCurve, Stroke: col, StrokeW: 0.6, Round: true, Dash: personaDash(th, pi),
				Path: segs, Rect: bounds(segs), Parent: -1})
		}
		for i, p := range pts {
			s.circle(RoleDecor, p.X, p.Y, 1.3, th.EmotionColor(vals[i]), true, th.Background, 0.3)
		}
	}
}

var severityRank = map[string]int{"critical": 4, "high": 3, "medium": 2, "low": 1}

type highlight struct {
	tag   string
	text  Block
	where Block
	bad   bool // a pain (else an opportunity)
	level int  // severity rank, for the tag's colour
}

// highlights picks the worst pains and the most promising opportunities.
func (ob *overviewBuilder) highlights(o *overview, w float64) {
	fs, lb := ob.Fonts, ob.Labels
	o.listW = (w - 8) / 2
	type cand struct {
		h    highlight
		rank int
		idx  int
		text string
		tp   string
	}
	var pains, opps []cand
	for _, tp := range ob.m.Touchpoints() {
		name := orID(tp.Name, tp.ID)
		for _, p := range tp.Pains {
			if r := severityRank[p.Severity]; r >= 2 {
				pains = append(pains, cand{rank: r, idx: len(pains), text: p.Text, tp: name,
					h: highlight{tag: strings.ToUpper(lb.Severities[p.Severity]), bad: true, level: r}})
			}
		}
		for _, op := range tp.Opportunities {
			if op.Impact == 0 || op.Status == "done" {
				continue
			}
			effort := op.Effort
			if effort == 0 {
				effort = 3
			}
			tag := lb.Impact + " " + itoa(op.Impact)
			if op.Effort > 0 {
				tag += " · " + lb.Effort + " " + itoa(op.Effort)
			}
			if st := lb.Statuses[op.Status]; st != "" {
				tag += " · " + st
			}
			opps = append(opps, cand{rank: op.Impact*10 - effort, idx: len(opps), text: op.Text, tp: name,
				h: highlight{tag: strings.ToUpper(tag)}})
		}
	}
	sortCands := func(cs []cand) {
		for i := 1; i < len(cs); i++ {
			for j := i; j > 0 && (cs[j].rank > cs[j-1].rank || (cs[j].rank == cs[j-1].rank && cs[j].idx < cs[j-1].idx)); j-- {
				cs[j], cs[j-1] = cs[j-1], cs[j]
			}
		}
	}
	sortCands(pains)
	sortCands(opps)
	for k, cs := range [2][]cand{pains, opps} {
		h := 0.0
		for i, c := range cs {
			if i == 5 {
				break
			}
			c.h.text = fs.Wrap(c.text, tNote, o.listW-4, 2)
			c.h.where = fs.Line(c.tp, tNoteMeta, o.listW-4)
			o.lists[k] = append(o.lists[k], c.h)
			h += tNoteTag.lead() + 0.3 + c.h.text.H() + c.h.where.H() + 2.5
		}
		if len(o.lists[k]) > 0 {
			o.listsH = max(o.listsH, tOvHead.lead()+2+h)
		}
	}
}

// drawHighlights draws the top pains and opportunities in two columns from (x, y).
func (ob *overviewBuilder) drawHighlights(s *Scene, o *overview, x, y float64) {
	th, fs, lb := ob.Theme, ob.Fonts, ob.Labels
	heads := [2]string{lb.TopPains, lb.TopOpps}
	col := 0
	for k, list := range o.lists {
		if len(list) == 0 {
			continue
		}
		lx := x + float64(col)*(o.listW+8)
		col++
		s.text(RoleTitle, fs.Line(strings.ToUpper(heads[k]), tOvHead, o.listW), lx, y, o.listW, Left, th.Muted, -1, fs)
		ly := y + tOvHead.lead() + 2
		for _, hl := range list {
			h := tNoteTag.lead() + 0.3 + hl.text.H() + hl.where.H()
			accent := th.OppAccent
			if hl.bad {
				accent = th.PainAccent
				if hl.level <= 2 {
					accent = th.Warn
					if th.Mono {
						accent = th.Muted
					}
				}
			}
			s.add(Item{Op: OpPath, Role: RoleDecor, Fill: accent, HasFill: true, Parent: -1,
				Rect: Rect{lx, ly, 1, h}, Path: leftRounded(lx, ly, 1, h, 0.5)})
			b := s.add(Item{Op: OpRect, Role: RoleAction, Rect: Rect{lx + 2.5, ly, o.listW - 2.5, h}, Parent: -1})
			s.text(RoleAction, fs.Line(hl.tag, tNoteTag, o.listW-4), lx+3, ly, o.listW-4, Left, accent, b, fs)
			ty := ly + tNoteTag.lead() + 0.3
			s.text(RoleAction, hl.text, lx+3, ty, o.listW-4, Left, th.Ink, b, fs)
			ty += hl.text.H()
			s.text(RoleAction, hl.where, lx+3, ty, o.listW-4, Left, th.Muted, b, fs)
			ly += h + 2.5
		}
	}
}
