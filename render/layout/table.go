package layout

import (
	"sort"
	"strings"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
)

// tableMaker lays out and draws the pages of tables that follow the map in
// a document: the scores and the lint findings.
type tableMaker struct {
	*env
	foot *footer
}

// table is a table laid out over pages.
type table struct {
	title  string
	cols   []tcol
	rows   []trow
	pre    []trow // rows under the header on every page (targets)
	legend bool   // the footer explains the colours (emotions, targets)
}

type tcol struct {
	head  string
	w     float64 // mm; 0 = takes the remaining width
	align Align
}

type tcell struct {
	text   string
	font   FontID
	color  render.Color
	dot    bool // a status dot before the text
	status score.Status
	judged bool
	emo    float64 // > 0: an emotion dot of this level
}

type trow struct {
	cells []tcell
	group bool // a stage row, shaded
	total bool // the whole-map row, ruled above
}

const (
	tableText = 8.0
	tableHead = 6.5
)

var (
	tCell   = Text{Font: Regular, Size: tableText, Leading: 1.3}
	tTHead  = Text{Font: Bold, Size: tableHead}
	tTitle2 = Text{Font: Bold, Size: 14, Leading: 1.2}
)

// widths resolves the flexible column's width for a table width.
func (t *table) widths(w float64) []float64 {
	out := make([]float64, len(t.cols))
	fixed, flex := 0.0, 0
	for _, c := range t.cols {
		fixed += c.w
		if c.w == 0 {
			flex++
		}
	}
	for i, c := range t.cols {
		out[i] = c.w
		if c.w == 0 {
			out[i] = max(30, (w-fixed)/float64(max(flex, 1)))
		}
	}
	return out
}

const cellPad = 1.35

// rowBlocks wraps a row's cells to the column widths ws and returns them and the row's height.
func (tm *tableMaker) rowBlocks(r trow, ws []float64) ([]Block, float64) {
	bs := make([]Block, len(r.cells))
	h := 0.0
	for i, c := range r.cells {
		if i >= len(ws) {
			break
		}
		t := tCell
		t.Font = c.font
		iw := ws[i] - 2*cellPad
		if c.dot || c.emo > 0 {
			iw -= 3
		}
		bs[i] = tm.Fonts.Wrap(c.text, t, max(iw, 4), 6)
		h = max(h, bs[i].H())
	}
	return bs, h + 2*cellPad
}

// tableTop is the y of a table's header row, under the page's title.
func (tm *tableMaker) tableTop() float64 {
	return Margin + tTitle2.lead() + 2 + tCell.lead() + 6
}

// paginate splits a table's rows into pages of height h.
func (tm *tableMaker) paginate(t *table, w, h float64) [][]int {
	ws := t.widths(w)
	_, headH := tm.headRow(t, ws)
	preH := 0.0
	for _, r := range t.pre {
		_, rh := tm.rowBlocks(r, ws)
		preH += rh
	}
	bottom := h - bottomMargin - footerH
	var pages [][]int
	var cur []int
	y := tm.tableTop() + headH + preH
	for i, r := range t.rows {
		_, rh := tm.rowBlocks(r, ws)
		if len(cur) > 0 && y+rh > bottom {
			pages = append(pages, cur)
			cur = nil
			y = tm.tableTop() + headH + preH
		}
		cur = append(cur, i)
		y += rh
	}
	if len(cur) > 0 || len(pages) == 0 {
		pages = append(pages, cur)
	}
	// No widows: a last page of one or two rows takes a few from the page
	// before (moving rows to an emptier page always fits).
	if n := len(pages); n > 1 && len(pages[n-1]) < 3 && len(pages[n-2]) > 6 {
		prev := pages[n-2]
		k := 3 - len(pages[n-1])
		pages[n-1] = append(append([]int(nil), prev[len(prev)-k:]...), pages[n-1]...)
		pages[n-2] = prev[:len(prev)-k]
	}
	return pages
}

// headRow wraps the column heads to the widths ws and returns them and the row's height.
func (tm *tableMaker) headRow(t *table, ws []float64) ([]Block, float64) {
	bs := make([]Block, len(t.cols))
	h := 0.0
	for i, c := range t.cols {
		head := c.head
		if len([]rune(head)) > 1 {
			head = strings.ToUpper(head)
		}
		bs[i] = tm.Fonts.Wrap(head, tTHead, max(ws[i]-2*cellPad, 4), 2)
		h = max(h, bs[i].H())
	}
	return bs, h + 2*cellPad
}

// scene draws the rows of a table on one page.
func (tm *tableMaker) scene(t *table, rows []int, w, h float64, v View) *Scene {
	th, fs := tm.Theme, tm.Fonts
	s := &Scene{W: w, H: h, Background: th.Background}
	s.rect(RoleDecor, Rect{0, 0, w, h}, 0, th.Background)
	cw := w - 2*Margin
	x0 := Margin
	y := Margin
	tb := fs.Wrap(t.title, tTitle2, cw, 1)
	s.text(RoleTitle, tb, x0, y, cw, Left, th.Ink, -1, fs)
	y += tb.H() + 2
	sub := fs.Wrap(tm.m.Title, tCell, cw, 1)
	s.text(RoleTitle, sub, x0, y, cw, Left, th.Muted, -1, fs)
	y = tm.tableTop()
	ws := t.widths(cw)
	hb, hh := tm.headRow(t, ws)
	x := x0
	for i, b := range hb {
		s.text(RoleTable, b, x+cellPad, y+hh-cellPad-b.H(), ws[i]-2*cellPad, t.cols[i].align, th.Muted, -1, fs)
		x += ws[i]
	}
	y += hh
	s.hline(x0, x0+cw, y, th.Ink, 0.35, nil)
	draw := func(r trow) {
		bs, rh := tm.rowBlocks(r, ws)
		if r.group {
			s.rect(RoleDecor, Rect{x0, y, cw, rh}, 0, th.StageFill)
		}
		if r.total {
			s.hline(x0, x0+cw, y, th.Ink, 0.35, nil)
		}
		x := x0
		for i, c := range r.cells {
			if i >= len(ws) {
				break
			}
			cell := s.add(Item{Op: OpRect, Role: RoleTable, Rect: Rect{x, y, ws[i], rh}, Parent: -1})
			tx, tw := x+cellPad, ws[i]-2*cellPad
			if c.dot || c.emo > 0 {
				dy := y + cellPad + tCell.lead()/2
				bw := bs[i].W()
				dx := tx + 1.1
				if t.cols[i].align == Right {
					dx = tx + tw - bw - 2.1
				}
				if c.emo > 0 {
					s.circle(RoleDecor, dx, dy, 1.2, th.EmotionColor(c.emo), true, th.Ink, monoStroke(th))
				} else {
					tm.statusDot(s, dx, dy, 1.0, c.status, c.judged)
				}
				if t.cols[i].align != Right {
					tx += 3
					tw -= 3
				}
			}
			col := c.color
			if col == (render.Color{}) {
				col = th.Ink
			}
			s.text(RoleTable, bs[i], tx, y+cellPad, tw, t.cols[i].align, col, cell, fs)
			x += ws[i]
		}
		y += rh
		s.hline(x0, x0+cw, y, th.Rule, 0.2, nil)
	}
	for _, r := range t.pre {
		draw(r)
	}
	for _, i := range rows {
		draw(t.rows[i])
	}
	v.NoLegend = !t.legend
	tm.foot.draw(s, v, Margin, h-bottomMargin-footerH+5, cw)
	return s
}

// scoresTable lists every touchpoint's figures by stage, with the stage
// roll-ups and the whole map; nil when the map has no figure and no
// emotion at all.
func (tm *tableMaker) scoresTable() *table {
	if tm.scores == nil {
		return nil
	}
	lb, th := tm.Labels, tm.Theme
	t := &table{title: lb.Scores, legend: true}
	marginHead := pct(95, 0, lb.Lang) // the margin columns: ±margin or the capped 95% interval
	t.cols = []tcol{
		{head: lb.Touchpoint}, {head: lb.Channel, w: 33}, {head: lb.Emotions, w: 19, align: Right},
		{head: lb.NPS, w: 17, align: Right}, {head: marginHead, w: 14, align: Right}, {head: lb.Responses, w: 13, align: Right},
		{head: lb.CES, w: 17, align: Right}, {head: marginHead, w: 14, align: Right}, {head: lb.Responses, w: 13, align: Right},
		{head: lb.CSAT, w: 17, align: Right}, {head: marginHead, w: 14, align: Right}, {head: lb.Responses, w: 13, align: Right},
	}
	sc := &scoreCells{env: tm.env}
	stageEmo := map[string]score.StageEmotion{}
	for _, se := range tm.scores.Curve.Stages {
		stageEmo[se.Stage] = se
	}
	for si := range tm.m.Stages {
		st := &tm.m.Stages[si]
		if r := tm.stRow[st.ID]; r != nil {
			se := stageEmo[st.ID]
			cells := []tcell{{text: orID(st.Name, st.ID), font: Bold}, {}, sc.emotion(se.Mean, se.OK, true)}
			t.rows = append(t.rows, trow{group: true, cells: append(cells, sc.figures(r, true)...)})
		}
		for ti := range st.Touchpoints {
			tp := &st.Touchpoints[ti]
			r := tm.tpRow[tp.ID]
			if r == nil {
				continue
			}
			ch := ""
			if c := tm.m.Channel(tp.Channel); c != nil {
				ch = orID(c.Name, c.ID)
			}
			v, ok := tp.MeanEmotion()
			cells := []tcell{{text: orID(tp.Name, tp.ID)}, {text: ch, color: th.Muted}, sc.emotion(v, ok, false)}
			t.rows = append(t.rows, trow{cells: append(cells, sc.figures(r, false)...)})
		}
	}
	t.rows = append(t.rows, tm.totalRow(sc))
	if sc.small {
		note := tcell{text: "* " + lb.SmallSample + ": " + lb.Responses + " < " + itoa(score.SmallN), font: Italic, color: th.Muted}
		t.rows = append(t.rows, trow{cells: []tcell{note}})
	}
	if !tm.targets.IsZero() {
		t.pre = []trow{tm.targetsRow()}
	}
	if !sc.any {
		return nil
	}
	return t
}

// totalRow is the scores table's whole-map row: the mean of the curve's
// points and the map's figures.
func (tm *tableMaker) totalRow(sc *scoreCells) trow {
	tot := tm.scores.Total
	var mean float64
	var n int
	for _, p := range tm.scores.Curve.Points {
		if p.OK {
			mean += p.Emotion
			n++
		}
	}
	cells := []tcell{{text: tm.Labels.Overall, font: Bold}, {}, sc.emotion(mean/float64(max(n, 1)), n > 0, true)}
	return trow{total: true, cells: append(cells, sc.figures(&tot, true)...)}
}

// targetsRow is the row under the scores table's header that gives the
// targets.
func (tm *tableMaker) targetsRow() trow {
	lb, th := tm.Labels, tm.Theme
	lang := lb.Lang
	tg := func(p *float64, f func(float64) string) tcell {
		if p == nil {
			return tcell{}
		}
		return tcell{text: f(*p), font: Italic, color: th.Muted}
	}
	return trow{cells: []tcell{{text: capitalize(lb.Target), font: Italic, color: th.Muted}, {}, {},
		tg(tm.targets.NPS, func(v float64) string { return trimNum(v, 1, lang) }), {}, {},
		tg(tm.targets.CES, func(v float64) string { return trimNum(v, 2, lang) }), {}, {},
		tg(tm.targets.CSAT, func(v float64) string { return pct(v, 0, lang) }), {}, {}}}
}

// scoreCells makes the cells of the scores table, and notes whether any
// of them holds a figure or an emotion (else the table is left out).
type scoreCells struct {
	*env
	any   bool
	small bool // some figure has fewer than score.SmallN answers (a note follows the table)
}

// figures returns the value, margin and responses cells of a row's NPS,
// CES and CSAT, in bold for roll-ups.
func (sc *scoreCells) figures(r *score.Row, bold bool) []tcell {
	lang := sc.Labels.Lang
	f := Regular
	if bold {
		f = Bold
	}
	var out []tcell
	out = sc.figure(out, r, score.MetricNPS, r.NPS.Figure, signed(r.NPS.Value, 0, lang), func(v float64) string { return num(v, 0, lang) }, f)
	out = sc.figure(out, r, score.MetricCES, r.CES.Figure, num(r.CES.Value, 1, lang), func(v float64) string { return num(v, 1, lang) }, f)
	return sc.figure(out, r, score.MetricCSAT, r.CSAT.Figure, pct(r.CSAT.Value, 0, lang), func(v float64) string { return num(v, 0, lang) }, f)
}

// figure appends to out the three cells of one figure: its value (with a
// status dot when it has a target), its margin (the capped interval where
// ±margin would leave the scale, numbers formatted by margin) and its number
// of responses, starred under score.SmallN.
func (sc *scoreCells) figure(out []tcell, r *score.Row, metric score.Metric, fig score.Figure, value string, margin func(float64) string, f FontID) []tcell {
	th := sc.Theme
	if !fig.OK {
		return append(out, tcell{text: "–", font: f, color: th.Faint}, tcell{}, tcell{})
	}
	sc.any = true
	st := sc.targets.StatusOf(r, metric)
	judged := sc.targets.For(metric) != nil && st != score.StatusNone
	c := tcell{text: value, font: f, dot: judged, status: st, judged: judged}
	if judged && !th.Mono {
		c.color = statusColor(th, st)
	}
	m := tcell{text: "", font: Regular, color: th.Muted}
	m.text = fig.Interval(margin)
	n := tcell{text: itoa(fig.N), font: Regular, color: th.Muted}
	switch {
	case fig.N == 0:
		n.text = ""
	case fig.Small:
		n.text += "*"
		sc.small = true
	}
	return append(out, c, m, n)
}

// emotion returns the cell of a mean emotion (ok: there is one), with its
// emotion dot.
func (sc *scoreCells) emotion(v float64, ok bool, bold bool) tcell {
	if !ok {
		return tcell{text: "–", color: sc.Theme.Faint}
	}
	sc.any = true
	f := Regular
	if bold {
		f = Bold
	}
	return tcell{text: trimNum(v, 1, sc.Labels.Lang), font: f, emo: v}
}

// findingsTable lists the lint findings; nil when there are none.
func (tm *tableMaker) findingsTable() *table {
	fnd := tm.Input.Findings
	if len(fnd) == 0 {
		return nil
	}
	lb, th := tm.Labels, tm.Theme
	t := &table{title: lb.Findings}
	t.cols = []tcol{{head: lb.Severity, w: 22}, {head: lb.Rule, w: 48},
		{head: lb.Location, w: 20, align: Right}, {head: lb.Message}}
	// The most severe first; file order within a severity.
	fnd = append(journey.Diagnostics(nil), fnd...)
	sort.SliceStable(fnd, func(i, j int) bool { return fnd[i].Severity > fnd[j].Severity })
	for _, d := range fnd {
		sev := d.Severity.String()
		col := th.Info
		switch d.Severity {
		case journey.SeverityError:
			col = th.Error
		case journey.SeverityWarning:
			col = th.Warning
		}
		loc := ""
		if d.Line > 0 {
			loc = itoa(d.Line)
			if d.Column > 0 {
				loc += ":" + itoa(d.Column)
			}
		}
		msg := d.Message
		if d.Suggest != "" {
			msg += " — " + d.Suggest
		}
		label := lb.Levels[sev]
		if label == "" {
			label = sev
		}
		t.rows = append(t.rows, trow{cells: []tcell{{text: label, font: Bold, color: col}, {text: d.Rule, color: th.Muted},
			{text: loc, color: th.Muted}, {text: msg}}})
	}
	return t
}
