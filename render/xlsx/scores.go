package xlsx

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
)

// Scores sheet columns (1-based).
const (
	scLevel = iota + 1
	scID
	scName
	scNPS
	scNPSLow // the 95% interval, capped to the scale (the margin itself can leave it)
	scNPSHigh
	scNPSN
	scCES
	scCESLow
	scCESHigh
	scCESN
	scCESScale
	scCSAT
	scCSATLow
	scCSATHigh
	scCSATN
	scSmall // the metrics of the row with fewer than score.SmallN answers
	scLast  = scSmall
)

// scoresSheet writes the figures per stage and touchpoint, with the targets
// on row 2 and conditional formatting against them.
func (b *book) scoresSheet() {
	const sh = SheetScores
	b.scoresHeader(sh)
	last := b.scoreRows(sh)
	b.scoreFormats(sh, last)
	b.scoreColours(sh, last)
	b.check(b.f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 3, YSplit: 2, TopLeftCell: "D3", ActivePane: "bottomRight"}))
	b.fitWidth(sh)
}

// scoresHeader writes the column heads on row 1 and the targets on row 2.
func (b *book) scoresHeader(sh string) {
	th, lb := b.th, b.lb
	heads := []string{lb.Scores, "id", lb.Touchpoint, lb.NPS, "low", "high", lb.Responses, lb.CES, "low", "high", lb.Responses, "scale",
		lb.CSAT + " %", "low", "high", lb.Responses, lb.SmallSample + " (" + lb.Responses + " < " + strconv.Itoa(score.SmallN) + ")"}
	widths := []float64{16, 18, 40, 9, 7, 7, 7, 9, 7, 7, 7, 7, 9, 7, 7, 7, 22}
	for i, h := range heads {
		b.text(sh, i+1, 1, h)
		b.check(b.f.SetColWidth(sh, colName(i+1), colName(i+1), widths[i]))
	}
	b.style(sh, 1, 1, scLast, 1, b.get(cellStyle{fill: th.HeaderFill, ink: th.HeaderText, bold: true}))

	b.text(sh, scLevel, 2, capitalize(lb.Target))
	targets := score.TargetsOf(b.m)
	for _, t := range []struct {
		col int
		v   *float64
	}{{scNPS, targets.NPS}, {scCES, targets.CES}, {scCSAT, targets.CSAT}} {
		if t.v != nil {
			b.number(sh, t.col, 2, *t.v)
		}
	}
	b.style(sh, 1, 2, scLast, 2, b.get(cellStyle{fill: th.StageFill, ink: th.StageText, bold: true, italic: true}))
	b.style(sh, scNPS, 2, scLast, 2, b.get(cellStyle{fill: th.StageFill, ink: th.StageText, bold: true, italic: true, number: true}))
}

// scoreRows writes, from row 3, each stage (in bold) followed by its
// touchpoints, then the whole map; it returns the last row.
func (b *book) scoreRows(sh string) int {
	th, lb, rep := b.th, b.lb, b.rep
	row := 3
	tps := rep.Touchpoints
	next := 0
	stageSt := b.get(cellStyle{fill: th.StageFill, ink: th.StageText, bold: true})
	stageNum := b.get(cellStyle{fill: th.StageFill, ink: th.StageText, bold: true, number: true})
	tpSt := b.get(cellStyle{fill: th.LaneFill, ink: th.Ink})
	tpNum := b.get(cellStyle{fill: th.LaneFill, ink: th.Ink, number: true})
	for si := range b.m.Stages {
		if si < len(rep.Stages) {
			b.scoreRow(sh, row, lb.Stage, &rep.Stages[si])
			b.style(sh, 1, row, scName, row, stageSt)
			b.style(sh, scNPS, row, scLast, row, stageNum)
			row++
		}
		for range b.m.Stages[si].Touchpoints {
			if next >= len(tps) {
				break
			}
			b.scoreRow(sh, row, lb.Touchpoint, &tps[next])
			b.style(sh, 1, row, scName, row, tpSt)
			b.style(sh, scNPS, row, scLast, row, tpNum)
			next++
			row++
		}
	}
	b.scoreRow(sh, row, lb.Overall, &rep.Total)
	b.style(sh, 1, row, scName, row, stageSt)
	b.style(sh, scNPS, row, scLast, row, stageNum)
	return row
}

// scoreFormats gives the figures of rows 2..last their number formats: NPS
// and CSAT with one decimal, CES with two.
func (b *book) scoreFormats(sh string, last int) {
	one := "0.0"
	two := "0.00"
	for _, c := range []struct {
		col int
		f   string
	}{{scNPS, one}, {scNPSLow, one}, {scNPSHigh, one}, {scCES, two}, {scCESLow, two}, {scCESHigh, two},
		{scCSAT, one}, {scCSATLow, one}, {scCSATHigh, one}} {
		for r := 2; r <= last; r++ {
			st, err := b.f.GetCellStyle(sh, cell(c.col, r))
			b.check(err)
			b.style(sh, c.col, r, c.col, r, b.withFormat(st, c.f))
		}
	}
}

// scoreColours colours each figure of rows 3..last against the target
// above it: met, uncertain or missed.
func (b *book) scoreColours(sh string, last int) {
	th := b.th
	met := b.condStyle(th.Good)
	uncertain := b.condStyle(th.Warn)
	missed := b.condStyle(th.Bad)
	for _, c := range []struct{ col, high int }{{scNPS, scNPSHigh}, {scCES, scCESHigh}, {scCSAT, scCSATHigh}} {
		v := fmt.Sprintf("%s3", colName(c.col))
		t := fmt.Sprintf("%s$2", colName(c.col))
		hi := fmt.Sprintf("%s3", colName(c.high))
		base := fmt.Sprintf("ISNUMBER(%s),ISNUMBER(%s)", v, t)
		if c.col == scCES {
			base += fmt.Sprintf(",$%s3=7", colName(scCESScale))
		}
		within := fmt.Sprintf("AND(ISNUMBER(%s),%s>=%s)", hi, hi, t) // value + margin, capped: targets are on the scale
		b.check(b.f.SetConditionalFormat(sh, fmt.Sprintf("%s3:%s%d", colName(c.col), colName(c.col), last), []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: fmt.Sprintf("AND(%s,%s>=%s)", base, v, t), Format: &met, StopIfTrue: true},
			{Type: "formula", Criteria: fmt.Sprintf("AND(%s,%s<%s,%s)", base, v, t, within), Format: &uncertain, StopIfTrue: true},
			{Type: "formula", Criteria: fmt.Sprintf("AND(%s,%s<%s,NOT(%s))", base, v, t, within), Format: &missed, StopIfTrue: true},
		}))
	}
}

// scoreRow writes one row of figures.
func (b *book) scoreRow(sh string, row int, level string, r *score.Row) {
	b.text(sh, scLevel, row, level)
	b.text(sh, scID, row, r.ID)
	b.text(sh, scName, row, r.Name)
	var small []string
	fig := func(col int, metric score.Metric, label string, f score.Figure) {
		if !f.OK {
			return
		}
		b.number(sh, col, row, score.Round(metric, f.Value))
		if f.HasMargin {
			b.number(sh, col+1, row, score.Round(metric, f.Low))
			b.number(sh, col+2, row, score.Round(metric, f.High))
		}
		if f.N > 0 {
			b.number(sh, col+3, row, float64(f.N))
		}
		if f.Small {
			small = append(small, label)
		}
	}
	fig(scNPS, score.MetricNPS, b.lb.NPS, r.NPS.Figure)
	fig(scCES, score.MetricCES, b.lb.CES, r.CES.Figure)
	if r.CES.OK {
		b.number(sh, scCESScale, row, float64(r.CES.Scale))
	}
	fig(scCSAT, score.MetricCSAT, b.lb.CSAT, r.CSAT.Figure)
	if small != nil {
		b.text(sh, scSmall, row, strings.Join(small, ", "))
	}
}

// withFormat returns style id with a custom number format.
func (b *book) withFormat(id int, format string) int {
	key := fmt.Sprintf("fmt %d %s", id, format)
	if v, ok := b.styles[key]; ok {
		return v
	}
	s, err := b.f.GetStyle(id)
	b.check(err)
	if s == nil {
		return id
	}
	s.NumFmt = 0
	s.CustomNumFmt = &format
	return b.newStyle(key, s)
}

// condStyle returns a conditional format that tints a cell with c.
func (b *book) condStyle(c render.Color) int {
	key := "cond " + c.Hex()
	if v, ok := b.styles[key]; ok {
		return v
	}
	bg := render.Color{R: 255, G: 255, B: 255}.Mix(c, 0.2)
	id, err := b.f.NewConditionalStyle(&excelize.Style{
		Font: &excelize.Font{Color: c.Hex(), Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{bg.Hex()}},
	})
	b.check(err)
	b.styles[key] = id
	return id
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
