package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey/score"
)

func scoreMarkdown(w io.Writer, results []*scored) error {
	var b strings.Builder
	for i, sc := range results {
		if i > 0 {
			b.WriteString("\n")
		}
		markdownOne(&b, sc)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownOne writes the section of one map: heading, table, gates, notes.
func markdownOne(b *strings.Builder, sc *scored) {
	rep := sc.rep
	fmt.Fprintf(b, "### %s\n\n", output.Markdown(rep.Title))
	fmt.Fprintf(b, "`%s`", strings.ReplaceAll(sc.lm.Name, "`", "'"))
	if t := targetsLine(sc.th); t != "" {
		fmt.Fprintf(b, " · targets: %s", t)
	}
	b.WriteString("\n\n")
	head := []string{strings.ToUpper(string(sc.by)[:1]) + string(sc.by)[1:], "NPS", "±95%", "n", "CES", "n", "CSAT", "n"}
	align := []string{":--", "--:", "--:", "--:", "--:", "--:", "--:", "--:"}
	if hasEmotion(sc.by) {
		head, align = append(head, "Emotion"), append(align, "--:")
	}
	head, align = append(head, "Source"), append(align, ":--")
	fmt.Fprintf(b, "| %s |\n|%s|\n", strings.Join(head, " | "), strings.Join(align, "|"))
	for _, r := range displayRows(sc) {
		fmt.Fprintf(b, "| %s |\n", strings.Join(markdownCells(sc, &r), " | "))
	}
	if sc.gated && !sc.th.IsZero() {
		b.WriteString("\n")
		if len(sc.misses) == 0 {
			fmt.Fprintf(b, "✅ Every gate met (%s).\n", gateWords(sc.th))
		} else {
			fmt.Fprintf(b, "❌ %d %s missed:\n\n", len(sc.misses), plural(len(sc.misses), "gate", "gates"))
			for _, m := range sc.misses {
				fmt.Fprintf(b, "- %s\n", output.Markdown(m.String()))
			}
		}
	}
	b.WriteString("\n<sub>" + strings.Join(markdownNotes(sc), " · ") + ".</sub>\n")
}

// markdownCells is the cells of one row of a map's Markdown table.
func markdownCells(sc *scored, r *score.Row) []string {
	mark := func(m score.Metric, text string) string {
		f := r.Figure(m)
		if !f.OK {
			return "–"
		}
		switch sc.th.StatusOf(r, m) {
		case score.StatusMet:
			return text + " ✅"
		case score.StatusUncertain:
			return text + " ⚠️"
		case score.StatusMissed:
			return text + " ❌"
		}
		return text
	}
	label := output.Markdown(r.Name)
	if r.Level == score.LevelTouchpoint || r.Level == score.LevelStage || r.Level == score.LevelChannel || r.Level == score.LevelOwner {
		if r.ID != "" {
			label += " (`" + r.ID + "`)"
		}
	}
	if r.Segment != "" && r.Level != score.LevelSegment {
		label = "↳ " + output.Markdown(segmentLabel(r.Segment))
	}
	if r.Level == score.LevelMap {
		label = "**Whole map**"
		if r.Segment != "" {
			label = "↳ " + output.Markdown(segmentLabel(r.Segment))
		}
	}
	cells := []string{label,
		mark(score.MetricNPS, figureText(score.MetricNPS, r.NPS.Figure, 0)), marginText(score.MetricNPS, r.NPS.Figure), nText(r.NPS.Figure),
		mark(score.MetricCES, figureText(score.MetricCES, r.CES.Figure, r.CES.Scale)), nText(r.CES.Figure),
		mark(score.MetricCSAT, figureText(score.MetricCSAT, r.CSAT.Figure, 0)), nText(r.CSAT.Figure)}
	if hasEmotion(sc.by) {
		cells = append(cells, emotionText(sc.rep, r))
	}
	return append(cells, sourceText(r))
}

// markdownNotes is the footnote of a map's section: what each input held,
// and the legend.
func markdownNotes(sc *scored) []string {
	var notes []string
	for _, t := range sc.rep.Inputs {
		var rej int64
		for _, r := range t.Rejected {
			rej += r.Count
		}
		notes = append(notes, fmt.Sprintf("`%s`: %s, %d counted, %s rejected, %s of touchpoints not in the map",
			strings.ReplaceAll(t.File, "`", "'"), count(t.Rows, "row", "rows"), t.Counted, count(rej, "cell", "cells"), count(t.UnknownRows, "row", "rows")))
	}
	foot := "– = no data"
	if small(displayRows(sc)) {
		foot += fmt.Sprintf("; * n < %d, margin unreliable", score.SmallN)
	}
	return append(notes, foot)
}
