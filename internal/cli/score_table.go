package cli

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/lipgloss/table"
	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey/score"
)

func levelTitle(l score.Level) string {
	return strings.ToUpper(string(l))
}

// figureCell formats a figure for text output; "-" when missing.
func figureText(metric score.Metric, f score.Figure, scale int) string {
	if !f.OK {
		return "-"
	}
	s := score.Format(metric, f.Value)
	switch {
	case metric == score.MetricCSAT:
		s += "%"
	case metric == score.MetricCES && scale == 5:
		s += "/5"
	}
	return s
}

func marginText(metric score.Metric, f score.Figure) string {
	return f.Interval(func(v float64) string { return score.Format(metric, v) })
}

func nText(f score.Figure) string {
	if !f.OK {
		return ""
	}
	if f.Small {
		return strconv.Itoa(f.N) + "*"
	}
	return strconv.Itoa(f.N)
}

// sourceText sums up where a row's figures came from.
func sourceText(r *score.Row) string {
	seen := map[score.Origin]bool{}
	for _, m := range score.Metrics {
		if f := r.Figure(m); f.OK {
			seen[f.Origin] = true
		}
	}
	switch {
	case len(seen) == 0:
		return ""
	case len(seen) > 1 || seen[score.OriginMixed]:
		return string(score.OriginMixed)
	case seen[score.OriginInline]:
		return string(score.OriginInline)
	}
	return string(score.OriginResponses)
}

func rowLabel(r *score.Row) string {
	if r.ID == "" {
		return "(none)"
	}
	if r.Level == score.LevelSegment {
		return segmentLabel(r.ID)
	}
	return r.ID
}

func segmentLabel(s string) string {
	if s == "" {
		return score.SegmentBlank
	}
	return s
}

// emotionOf returns a row's emotion text, for touchpoint and stage rows.
func emotionText(rep *score.Report, r *score.Row) string {
	if r.Segment != "" {
		return ""
	}
	switch r.Level {
	case score.LevelTouchpoint:
		for _, p := range rep.Curve.Points {
			if p.Touchpoint == r.ID && p.OK {
				return strconv.FormatFloat(p.Emotion, 'f', 1, 64)
			}
		}
		return "-"
	case score.LevelStage:
		for _, s := range rep.Curve.Stages {
			if s.Stage == r.ID && s.OK {
				return strconv.FormatFloat(s.Mean, 'f', 1, 64)
			}
		}
		return "-"
	}
	return ""
}

// small reports whether some figure of rows has fewer than SmallN answers.
func small(rows []score.Row) bool {
	for i := range rows {
		for _, m := range score.Metrics {
			if rows[i].Figure(m).Small {
				return true
			}
		}
	}
	return false
}

// dim renders s dimmed; empty stays empty (no stray escape codes).
func dim(th theme, s string) string {
	if s == "" {
		return ""
	}
	return th.dimStyle.Render(s)
}

func hasEmotion(by score.Level) bool { return by == score.LevelTouchpoint || by == score.LevelStage }

// displayRows returns the rows shown for a level, then the total; each is
// followed by its segment rows that have some figure.
func displayRows(sc *scored) []score.Row {
	var out []score.Row
	segs := func(rs []score.Row) {
		if sc.by == score.LevelSegment {
			return
		}
		for _, s := range rs {
			if s.NPS.OK || s.CES.OK || s.CSAT.OK {
				out = append(out, s)
			}
		}
	}
	for _, r := range sc.rep.Rows(sc.by) {
		out = append(out, r)
		segs(r.Segments)
	}
	out = append(out, sc.rep.Total)
	segs(sc.rep.Total.Segments)
	return out
}

func scoreTable(w io.Writer, th theme, r *lipgloss.Renderer, results []*scored) error {
	for i, sc := range results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		scoreTableOne(w, th, r, sc)
	}
	return nil
}

// missingReasons counts why figures are missing, in the order first seen.
type missingReasons struct {
	count map[string]int
	order []string
}

func (m *missingReasons) add(reason string) {
	if _, ok := m.count[reason]; !ok {
		m.order = append(m.order, reason)
	}
	m.count[reason]++
}

// scoreTableOne writes the table of one map, then its footnotes.
func scoreTableOne(w io.Writer, th theme, r *lipgloss.Renderer, sc *scored) {
	rep := sc.rep
	fmt.Fprintf(w, "%s  %s\n", th.boldStyle.Render(output.Terminal(sc.lm.Name)), output.Terminal(rep.Title))
	headers := []string{levelTitle(sc.by), "NPS", "±95%", "n", "CES", "n", "CSAT", "n"}
	if hasEmotion(sc.by) {
		headers = append(headers, "EMOTION")
	}
	headers = append(headers, "SOURCE")
	rows := displayRows(sc)
	reasons := &missingReasons{count: map[string]int{}}
	var data [][]string
	for ri := range rows {
		data = append(data, tableLine(th, r, sc, &rows[ri], reasons))
	}
	total := slices.IndexFunc(rows, func(r score.Row) bool { return r.Level == score.LevelMap })
	t := table.New().
		Border(lipgloss.NormalBorder()).
		BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
		BorderColumn(false).BorderHeader(true).
		BorderStyle(th.dimStyle).
		Headers(headers...).
		Rows(data...).
		StyleFunc(func(row, col int) lipgloss.Style {
			s := r.NewStyle()
			if col < len(headers)-1 {
				s = s.PaddingRight(2)
			}
			if row == table.HeaderRow || row == total {
				s = s.Bold(true)
			}
			if col > 0 && col < len(headers)-1 {
				s = s.Align(lipgloss.Right)
			}
			return s
		})
	for _, line := range strings.Split(t.Render(), "\n") {
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	tableFootnotes(w, th, sc, rows, reasons)
}

// tableLine is the cells of one row; missing figures are counted in reasons.
func tableLine(th theme, r *lipgloss.Renderer, sc *scored, row *score.Row, reasons *missingReasons) []string {
	label := output.Terminal(rowLabel(row))
	if row.Level == score.LevelMap {
		label = "whole map"
	}
	if row.Segment != "" && sc.by != score.LevelSegment {
		label = "  └ " + output.Terminal(segmentLabel(row.Segment))
	}
	if row.Level == score.LevelMap && sc.by == score.LevelSegment {
		label = "all segments"
	}
	cell := func(m score.Metric, text string) string {
		f := row.Figure(m)
		if !f.OK {
			reasons.add(f.Missing)
			return th.dimStyle.Render("-")
		}
		return statusStyle(th, r, sc.th.StatusOf(row, m)).Render(text)
	}
	line := []string{
		label,
		cell(score.MetricNPS, figureText(score.MetricNPS, row.NPS.Figure, 0)),
		dim(th, marginText(score.MetricNPS, row.NPS.Figure)),
		nText(row.NPS.Figure),
		cell(score.MetricCES, figureText(score.MetricCES, row.CES.Figure, row.CES.Scale)),
		nText(row.CES.Figure),
		cell(score.MetricCSAT, figureText(score.MetricCSAT, row.CSAT.Figure, 0)),
		nText(row.CSAT.Figure),
	}
	if hasEmotion(sc.by) {
		line = append(line, emotionText(sc.rep, row))
	}
	return append(line, sourceText(row))
}

// statusStyle colours a figure by how it stands against its target.
func statusStyle(th theme, r *lipgloss.Renderer, s score.Status) lipgloss.Style {
	switch s {
	case score.StatusMet:
		return th.okStyle
	case score.StatusUncertain:
		return th.warnStyle
	case score.StatusMissed:
		return th.errorStyle
	}
	return r.NewStyle()
}

// tableFootnotes explains the table: why figures are missing, small samples,
// the lowest emotions and the targets.
func tableFootnotes(w io.Writer, th theme, sc *scored, rows []score.Row, reasons *missingReasons) {
	rep := sc.rep
	if len(reasons.order) > 0 {
		var parts []string
		for _, reason := range reasons.order {
			parts = append(parts, fmt.Sprintf("%s (%d)", reason, reasons.count[reason]))
		}
		fmt.Fprintf(w, "%s\n", th.dimStyle.Render("- no figure: "+strings.Join(parts, "; ")))
	}
	if small(rows) {
		fmt.Fprintf(w, "%s\n", th.dimStyle.Render(fmt.Sprintf("* n < %d: too few answers for the margin to be reliable", score.SmallN)))
	}
	if hasEmotion(sc.by) && len(rep.Curve.Valleys) > 0 {
		var ids []string
		for _, p := range rep.Curve.Valleys {
			ids = append(ids, p.Touchpoint)
		}
		fmt.Fprintf(w, "Lowest emotion (%s): %s\n", strconv.FormatFloat(rep.Curve.Valleys[0].Emotion, 'f', 1, 64), strings.Join(ids, ", "))
	}
	if t := targetsLine(sc.th); t != "" {
		fmt.Fprintf(w, "%s\n", th.dimStyle.Render("Targets: "+t))
	}
}

func targetsLine(t score.Thresholds) string { return gateWords(t) }
