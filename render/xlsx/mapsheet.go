package xlsx

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
)

// Map sheet geometry.
const (
	labelWidth  = 20.0 // column A, in characters
	columnWidth = 30.0 // every touchpoint column
	lineHeight  = 13.0 // points per line of 10-point text
	maxRowPts   = 409  // Excel's largest row height
)

// column is one touchpoint column of the grid; tp is nil for an empty stage.
type column struct {
	stage int
	tp    *journey.Touchpoint
	index int // the touchpoint's index in file order; -1 for none
}

// lane is one row of the grid.
type lane struct {
	label string
	cell  func(c column) string // text of a touchpoint cell
	fill  render.Color
	ink   render.Color
	bold  bool
	ital  bool
}

// mapSheet writes the journey grid.
func (b *book) mapSheet() {
	const sh = SheetMap
	cols, stageSpan := b.gridColumns()
	last := max(len(cols)+1, 2)

	b.check(b.f.SetColWidth(sh, "A", "A", labelWidth))
	b.check(b.f.SetColWidth(sh, "B", colName(last), columnWidth))
	b.titleBands(sh, last)
	row := b.stageRows(sh, 3, stageSpan)
	tpRow := row
	for _, l := range b.topLanes() {
		b.laneRow(sh, row, cols, l)
		row++
	}
	emo, row := b.emotionRows(sh, row, cols)
	for _, l := range b.bottomLanes() {
		b.laneRow(sh, row, cols, l)
		row++
	}

	b.check(b.f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 0, TopLeftCell: "B1", ActivePane: "topRight"}))
	b.printSetup(sh)
	if len(cols) == 0 || b.err != nil || len(b.m.Touchpoints()) == 0 {
		return
	}
	b.emotionChart(sh, len(cols), last, tpRow, row, emo)
}

// gridColumns returns the touchpoint columns of the grid (an empty stage
// gets one of its own) and the first and last column of each stage.
func (b *book) gridColumns() ([]column, [][2]int) {
	m := b.m
	var cols []column
	stageSpan := make([][2]int, len(m.Stages))
	idx := 0
	for i := range m.Stages {
		first := len(cols) + 2
		if len(m.Stages[i].Touchpoints) == 0 {
			cols = append(cols, column{stage: i, index: -1})
		}
		for j := range m.Stages[i].Touchpoints {
			cols = append(cols, column{stage: i, tp: &m.Stages[i].Touchpoints[j], index: idx})
			idx++
		}
		stageSpan[i] = [2]int{first, len(cols) + 1}
	}
	return cols, stageSpan
}

// titleBands writes the title and subtitle on rows 1 and 2, merged across
// the grid up to column last.
func (b *book) titleBands(sh string, last int) {
	th := b.th
	if b.m.Title != "" {
		b.text(sh, 1, 1, b.m.Title)
		b.check(b.f.MergeCell(sh, cell(1, 1), cell(last, 1)))
	}
	b.style(sh, 1, 1, last, 1, b.get(cellStyle{fill: th.HeaderFill, ink: th.HeaderText, bold: true, size: 16}))
	b.check(b.f.SetRowHeight(sh, 1, 30))
	if sub := b.subtitle(); sub != "" {
		b.text(sh, 1, 2, sub)
		b.check(b.f.MergeCell(sh, cell(1, 2), cell(last, 2)))
	}
	b.style(sh, 1, 2, last, 2, b.get(cellStyle{fill: th.HeaderFill, ink: th.HeaderText, italic: true}))
	b.check(b.f.SetRowHeight(sh, 2, 18))
}

// stageRows writes the stage and goal rows from row, merged across each
// stage's columns, and returns the row after them.
func (b *book) stageRows(sh string, row int, stageSpan [][2]int) int {
	m, th, lb := b.m, b.th, b.lb
	for _, l := range []struct {
		label string
		text  func(s *journey.Stage) string
		st    cellStyle
	}{
		{lb.Stage, func(s *journey.Stage) string { return nameOr(s.Name, s.ID) }, cellStyle{fill: th.StageFill, ink: th.StageText, bold: true, size: 12, wrap: true}},
		{lb.Goal, func(s *journey.Stage) string { return s.Goal }, cellStyle{fill: th.StageFill, ink: th.StageText, italic: true, wrap: true}},
	} {
		b.text(sh, 1, row, l.label)
		b.style(sh, 1, row, 1, row, b.labelStyle())
		height := 1
		for i := range m.Stages {
			s := &m.Stages[i]
			c1, c2 := stageSpan[i][0], stageSpan[i][1]
			t := l.text(s)
			b.text(sh, c1, row, t)
			if c2 > c1 && t != "" { // exceljs cannot read a merge whose first cell is empty
				b.check(b.f.MergeCell(sh, cell(c1, row), cell(c2, row)))
			}
			b.style(sh, c1, row, c2, row, b.get(l.st))
			height = max(height, textLines(t, columnWidth*float64(c2-c1+1)))
		}
		b.rowHeight(sh, row, height)
		row++
	}
	return row
}

// topLanes are the lanes above the emotions: touchpoint, channel, owner,
// actors and moment of truth (each when some touchpoint has them), action,
// thought.
func (b *book) topLanes() []lane {
	m, th, lb := b.m, b.th, b.lb
	anyMoment, anyActors := false, false
	for _, t := range m.Touchpoints() {
		anyMoment = anyMoment || t.MomentOfTruth != ""
		anyActors = anyActors || len(t.Actors) > 0
	}
	lanes := []lane{
		{label: lb.Touchpoints, bold: true, fill: th.CardFill, ink: th.Ink, cell: func(c column) string { return nameOr(c.tp.Name, c.tp.ID) }},
		{label: lb.Channel, fill: th.LaneAltFill, ink: th.Muted, cell: func(c column) string {
			if c.tp.Channel == "" {
				return ""
			}
			return b.channelName(c.tp.Channel)
		}},
		{label: lb.Owner, fill: th.LaneFill, ink: th.Muted, cell: func(c column) string {
			if c.tp.Owner == "" {
				return ""
			}
			return b.ownerName(c.tp.Owner)
		}},
	}
	if anyActors {
		lanes = append(lanes, lane{label: lb.Actors, fill: th.LaneAltFill, ink: th.Muted, cell: func(c column) string {
			return strings.Join(c.tp.Actors, ", ")
		}})
	}
	if anyMoment {
		lanes = append(lanes, lane{label: lb.MomentOfTruth, bold: true, fill: th.LaneAltFill, ink: th.Accent, cell: func(c column) string {
			if l, ok := lb.Moments[c.tp.MomentOfTruth]; ok {
				return l
			}
			return c.tp.MomentOfTruth
		}})
	}
	return append(lanes,
		lane{label: lb.Actions, fill: th.LaneFill, ink: th.Ink, cell: func(c column) string { return c.tp.Action }},
		lane{label: lb.Thoughts, ital: true, fill: th.ThoughtFill, ink: th.ThoughtText, cell: func(c column) string {
			if c.tp.Thought == "" {
				return ""
			}
			return "“" + c.tp.Thought + "”"
		}},
	)
}

// bottomLanes are the lanes below the emotions: pains, opportunities,
// metrics.
func (b *book) bottomLanes() []lane {
	th, lb := b.th, b.lb
	rows := b.rep.Touchpoints
	return []lane{
		{label: lb.Pains, fill: th.PainFill, ink: th.Ink, cell: func(c column) string { return b.painsText(c.tp) }},
		{label: lb.Opportunities, fill: th.OppFill, ink: th.Ink, cell: func(c column) string { return b.oppsText(c.tp) }},
		{label: lb.Metrics, fill: th.LaneAltFill, ink: th.Ink, cell: func(c column) string {
			if c.index >= len(rows) {
				return ""
			}
			return b.metricsText(c.tp, &rows[c.index])
		}},
	}
}

// emoRow is an emotion row of the grid: the persona's, or the mean when
// persona is "".
type emoRow struct {
	row     int
	persona string
}

// emotionRows writes the emotion rows from row: numbers with the emotion
// colours, one row per persona when the map gives emotions per persona. It
// returns them and the row after them.
func (b *book) emotionRows(sh string, row int, cols []column) ([]emoRow, int) {
	m, th, lb := b.m, b.th, b.lb
	var emo []emoRow
	personas := perPersona(m)
	if len(personas) == 0 {
		personas = []string{""}
	}
	for _, p := range personas {
		label := lb.Emotions
		if p != "" {
			label += " · " + personaName(m, p)
		}
		b.text(sh, 1, row, label)
		b.style(sh, 1, row, 1, row, b.labelStyle())
		for i, c := range cols {
			col := i + 2
			var v float64
			var ok bool
			if c.tp != nil {
				if p == "" {
					v, ok = c.tp.MeanEmotion()
				} else {
					v, ok = c.tp.EmotionOf(p)
				}
			}
			if !ok {
				b.style(sh, col, row, col, row, b.get(cellStyle{fill: th.LaneFill, ink: th.Faint, center: true, number: true}))
				continue
			}
			b.number(sh, col, row, v)
			fill := th.EmotionColor(v)
			b.style(sh, col, row, col, row, b.get(cellStyle{fill: fill, ink: contrast(fill, th), bold: true, center: true, number: true, size: 12}))
		}
		b.check(b.f.SetRowHeight(sh, row, 24))
		emo = append(emo, emoRow{row, p})
		row++
	}
	return emo, row
}

// emotionChart draws the emotion curve of the emo rows under the grid,
// after row: ncols touchpoint columns, the last one last, named by the
// touchpoint row tpRow.
func (b *book) emotionChart(sh string, ncols, last, tpRow, row int, emo []emoRow) {
	th, lb := b.th, b.lb
	ref := func(r int) string { return fmt.Sprintf("%s!$B$%d:$%s$%d", sh, r, colName(last), r) }
	var series []excelize.ChartSeries
	for i, e := range emo {
		color := th.EmotionLine
		if e.persona != "" {
			color = th.PersonaLine(i)
		}
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$A$%d", sh, e.row),
			Categories: ref(tpRow),
			Values:     ref(e.row),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color.Hex()}}, // the line's colour
			Line:       excelize.LineOptions{Width: 2.25},
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 7, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color.Hex()}}},
		})
	}
	lo, hi := 1.0, 5.0
	width := uint(math.Min(8000, 150+float64(ncols)*215))
	b.check(b.f.AddChart(sh, cell(1, row+1), &excelize.Chart{
		Type:         excelize.Line,
		Series:       series,
		Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: lb.Emotions}}},
		Legend:       excelize.ChartLegend{Position: "bottom"},
		Dimension:    excelize.ChartDimension{Width: width, Height: 320},
		YAxis:        excelize.ChartAxis{Minimum: &lo, Maximum: &hi, MajorUnit: 1, MajorGridLines: true},
		ShowBlanksAs: "gap",
		Format:       excelize.GraphicOptions{AltText: lb.Emotions},
	}))
}

// printSetup prints the grid on A3 landscape, every lane on one page high,
// as many pages wide as it takes, with the lane names repeated on each.
func (b *book) printSetup(sh string) {
	a3, landscape, tall, wide, fit := 8, "landscape", 1, 0, true
	b.check(b.f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &a3, Orientation: &landscape, FitToHeight: &tall, FitToWidth: &wide}))
	b.check(b.f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}))
	b.check(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: sh + "!$A:$A", Scope: sh}))
}

// laneRow writes one lane: its label and a cell per touchpoint column.
func (b *book) laneRow(sh string, row int, cols []column, l lane) {
	b.text(sh, 1, row, l.label)
	b.style(sh, 1, row, 1, row, b.labelStyle())
	height := 1
	st := b.get(cellStyle{fill: l.fill, ink: l.ink, bold: l.bold, italic: l.ital, wrap: true})
	for i, c := range cols {
		if c.tp == nil {
			continue
		}
		t := l.cell(c)
		b.text(sh, i+2, row, t)
		height = max(height, textLines(t, columnWidth))
	}
	if len(cols) > 0 {
		b.style(sh, 2, row, len(cols)+1, row, st)
	}
	b.rowHeight(sh, row, height)
}

func (b *book) labelStyle() int {
	return b.get(cellStyle{fill: b.th.LaneLabelFill, ink: b.th.LaneLabelText, bold: true, wrap: true})
}

// rowHeight sets a row tall enough for n lines.
func (b *book) rowHeight(sh string, row, n int) {
	h := math.Min(maxRowPts, math.Max(18, float64(n)*lineHeight+5))
	b.check(b.f.SetRowHeight(sh, row, h))
}

// textLines estimates how many lines s takes in a column width characters
// wide.
func textLines(s string, width float64) int {
	if s == "" {
		return 1
	}
	per := int(width * 1.1)
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n += max(1, (utf8.RuneCountInString(l)+per-1)/per)
	}
	return n
}

// contrast returns the text colour that reads on fill.
func contrast(fill render.Color, th render.Theme) render.Color {
	l := 0.2126*float64(fill.R) + 0.7152*float64(fill.G) + 0.0722*float64(fill.B)
	if l < 140 {
		return render.Color{R: 255, G: 255, B: 255}
	}
	return th.Ink
}

// subtitle is the second band: persona, state and owner.
func (b *book) subtitle() string {
	var parts []string
	var names []string
	for _, p := range b.m.Personas {
		names = append(names, nameOr(p.Name, p.ID))
	}
	if len(names) > 0 {
		parts = append(parts, b.lb.Persona+": "+strings.Join(names, ", "))
	}
	if b.m.State == "future" {
		parts = append(parts, b.lb.Future)
	} else {
		parts = append(parts, b.lb.Current)
	}
	if b.m.Owner != "" {
		parts = append(parts, b.m.Owner)
	}
	return strings.Join(parts, " · ")
}

// painsText lists a touchpoint's pains, one per line.
func (b *book) painsText(t *journey.Touchpoint) string {
	var out []string
	for _, p := range t.Pains {
		s := "• " + oneLine(p.Text)
		if l, ok := b.lb.Severities[p.Severity]; ok {
			s += " (" + strings.ToLower(l) + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, "\n")
}

// oppsText lists a touchpoint's opportunities, one per line.
func (b *book) oppsText(t *journey.Touchpoint) string {
	var out []string
	for _, o := range t.Opportunities {
		s := "• " + oneLine(o.Text)
		var meta []string
		if l, ok := b.lb.Statuses[o.Status]; ok {
			meta = append(meta, l)
		}
		if o.Impact > 0 {
			meta = append(meta, fmt.Sprintf("%s %d", strings.ToLower(b.lb.Impact), o.Impact))
		}
		if o.Effort > 0 {
			meta = append(meta, fmt.Sprintf("%s %d", strings.ToLower(b.lb.Effort), o.Effort))
		}
		if o.Owner != "" {
			meta = append(meta, b.ownerName(o.Owner))
		}
		if len(meta) > 0 {
			s += " (" + strings.Join(meta, " · ") + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, "\n")
}

// metricsText summarises a touchpoint's figures and KPIs.
func (b *book) metricsText(t *journey.Touchpoint, r *score.Row) string {
	var out []string
	fig := func(label string, metric score.Metric, f score.Figure, unit string) {
		if !f.OK {
			return
		}
		s := label + " " + score.Format(metric, f.Value) + unit
		if m := f.Interval(func(v float64) string { return score.Format(metric, v) }); m != "" {
			s += " " + m
		}
		switch {
		case f.N > 0 && f.Small:
			s += fmt.Sprintf(" (%s=%d, %s)", b.lb.Responses, f.N, b.lb.SmallSample)
		case f.N > 0:
			s += fmt.Sprintf(" (%s=%d)", b.lb.Responses, f.N)
		}
		out = append(out, s)
	}
	fig(b.lb.NPS, score.MetricNPS, r.NPS.Figure, "")
	fig(b.lb.CES, score.MetricCES, r.CES.Figure, "")
	fig(b.lb.CSAT, score.MetricCSAT, r.CSAT.Figure, "%")
	if t.Metrics != nil {
		for _, k := range t.Metrics.KPIs {
			s := oneLine(k.Name)
			if k.Value != nil {
				s += ": " + num(*k.Value)
				if k.Unit != "" {
					s += " " + oneLine(k.Unit)
				}
			}
			if k.Target != nil {
				s += " (" + b.lb.Target + " " + num(*k.Target) + ")"
			}
			out = append(out, s)
		}
	}
	return strings.Join(out, "\n")
}

// nameOr returns name, or id when name is blank.
func nameOr(name, id string) string {
	if strings.TrimSpace(name) == "" {
		return id
	}
	return name
}
