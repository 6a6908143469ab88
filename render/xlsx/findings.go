package xlsx

import (
	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/journey"
)

// findingsSheet writes the lint findings, one per row.
func (b *book) findingsSheet() {
	const sh = SheetFindings
	th := b.th
	heads := []string{"severity", "rule", "message", "file", "line", "column", "path", "suggestion"}
	widths := []float64{10, 22, 60, 28, 7, 7, 34, 30}
	for i, h := range heads {
		b.text(sh, i+1, 1, h)
		b.check(b.f.SetColWidth(sh, colName(i+1), colName(i+1), widths[i]))
	}
	b.style(sh, 1, 1, len(heads), 1, b.get(cellStyle{fill: th.HeaderFill, ink: th.HeaderText, bold: true}))
	textSt := b.get(cellStyle{fill: th.LaneFill, ink: th.Ink, wrap: true})
	numSt := b.get(cellStyle{fill: th.LaneFill, ink: th.Ink, number: true})
	row := 2
	for _, d := range b.in.Findings {
		b.text(sh, 1, row, d.Severity.String())
		b.text(sh, 2, row, d.Rule)
		b.text(sh, 3, row, d.Message)
		b.text(sh, 4, row, d.File)
		if d.Line > 0 {
			b.number(sh, 5, row, float64(d.Line))
		}
		if d.Column > 0 {
			b.number(sh, 6, row, float64(d.Column))
		}
		b.text(sh, 7, row, d.Path)
		b.text(sh, 8, row, d.Suggest)
		b.style(sh, 1, row, len(heads), row, textSt)
		b.style(sh, 5, row, 6, row, numSt)
		ink := th.Info
		switch d.Severity {
		case journey.SeverityError:
			ink = th.Error
		case journey.SeverityWarning:
			ink = th.Warning
		}
		b.style(sh, 1, row, 1, row, b.get(cellStyle{fill: th.LaneFill, ink: ink, bold: true}))
		row++
	}
	if b.err == nil {
		b.check(b.f.AutoFilter(sh, "A1:"+cell(len(heads), max(row-1, 1)), nil))
	}
	b.check(b.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	b.fitWidth(sh)
}
