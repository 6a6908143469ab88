package cli

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/lipgloss/table"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/internal/report"
	"github.com/journey-cx/journey/journey/eventlog"
	"github.com/journey-cx/journey/journey/mine"
	"github.com/journey-cx/journey/journey/project"
	"github.com/journey-cx/journey/journey/score"
)

// eventFilter keeps the events whose fields match: every field named must
// match one of its values.
type eventFilter map[string][]string

// parseFilters reads --filter FIELD=VALUE flags; FIELD is activity,
// channel, resource, device or one of the --attribute columns.
func parseFilters(specs, attrs []string) (eventFilter, error) {
	f := eventFilter{}
	for _, s := range specs {
		k, v, ok := strings.Cut(s, "=")
		k = strings.TrimSpace(k)
		known := k == "activity" || k == "channel" || k == "resource" || k == "device"
		for _, a := range attrs {
			known = known || a == k
		}
		if !ok || !known {
			return nil, usagef("--filter wants FIELD=VALUE with FIELD one of activity, channel, resource, device or an --attribute column, got %q", s)
		}
		f[k] = append(f[k], v)
	}
	return f, nil
}

func (f eventFilter) keep(e *eventlog.Event) bool {
	for k, vs := range f {
		var got string
		switch k {
		case "activity":
			got = e.Activity
		case "channel":
			got = e.Channel
		case "resource":
			got = e.Resource
		case "device":
			got = e.Device
		default:
			got = e.Attrs[k]
		}
		match := false
		for _, v := range vs {
			match = match || got == v
		}
		if !match {
			return false
		}
	}
	return true
}

// mineRuleInfos are the conformance rules as report formats carry them.
func mineRuleInfos() []report.RuleInfo {
	var out []report.RuleInfo
	for _, r := range mine.Rules() {
		out = append(out, report.RuleInfo{ID: r.ID, Category: "mining", Severity: r.Severity, Summary: r.Summary, Doc: r.Doc,
			HelpURI: "https://github.com/journey-cx/journey/blob/main/docs/mining.md#" + r.ID})
	}
	return out
}

// writeMined writes the result as a table, JSON, CSV or Markdown.
func writeMined(w io.Writer, format string, res *mine.Result, mf *project.File, th theme) error {
	switch format {
	case "json":
		return output.JSON(w, res)
	case "csv":
		return minedCSV(w, res)
	}
	var secs []section
	secs = append(secs, minedSections(res)...)
	if format == "markdown" {
		return sectionsMarkdown(w, secs)
	}
	return sectionsText(w, secs, th)
}

// section is one titled table of the mining report, for text and
// Markdown alike. Cells are plain text; each format escapes them.
type section struct {
	title string
	lines []string // sentences before the table
	head  []string
	right []bool // right-aligned columns
	rows  [][]string
	more  string // a note after the table (what was left out)
}

// minedSections lays the result out as titled tables, in reading order;
// with one case asked for (--customer), that case alone.
func minedSections(res *mine.Result) []section {
	if res.Case != nil {
		return []section{caseSection(res.Case)}
	}
	secs := []section{logSection(res), variantsSection(res), edgesSection(res), startEndSection(res)}
	if len(res.Funnel) > 0 {
		secs = append(secs, funnelSection(res))
	}
	if len(res.Gaps) > 0 {
		secs = append(secs, gapsSection(res))
	}
	if res.Conformance != nil {
		secs = append(secs, conformanceSections(res.Conformance)...)
	}
	if len(res.Centrality) > 0 {
		secs = append(secs, centralitySection(res))
	}
	if res.Feedback != nil {
		secs = append(secs, feedbackSection(res.Feedback))
	}
	return secs
}

func logSection(res *mine.Result) section {
	l := res.Log
	s := section{title: "Log"}
	s.lines = append(s.lines, fmt.Sprintf("%s cases, %s events, %s activities, %s variants, %s directly-follows edges",
		num(l.Cases), num(l.Events), num(int64(l.Activities)), num(int64(l.Variants)), num(int64(l.Edges))))
	if l.First != "" {
		s.lines = append(s.lines, fmt.Sprintf("from %s to %s; events per case: %d min, %s median, %d max",
			l.First, l.Last, l.EventsPerCase.Min, trimFloat(l.EventsPerCase.Median), l.EventsPerCase.Max))
	}
	rw := res.DFG.Rework
	s.lines = append(s.lines, fmt.Sprintf("rework: %s cases repeat an activity (%s repeats); self-loops: %s in %s cases",
		num(rw.Cases), num(rw.Occurrences), num(res.DFG.SelfLoops.Count), num(res.DFG.SelfLoops.Cases)))
	return s
}

func variantsSection(res *mine.Result) section {
	s := section{title: "Variants", head: []string{"cases", "share", "median", "p90", "path"}, right: []bool{true, true, true, true, false}}
	for _, v := range res.Variants {
		path := strings.Join(v.Path, " → ")
		if v.Other {
			path = fmt.Sprintf("(%s other variants)", num(int64(v.Variants)))
		}
		s.rows = append(s.rows, []string{num(v.Cases), pct(v.Share), dur(v.MedianSeconds), dur(v.P90Seconds), path})
	}
	return s
}

// maxEdgeRows is how many edges the table and Markdown show; JSON and
// CSV hold them all.
const maxEdgeRows = 25

func edgesSection(res *mine.Result) section {
	s := section{title: "Directly-follows graph", head: []string{"from", "to", "count", "cases", "median", "p90"}, right: []bool{false, false, true, true, true, true}}
	for i, e := range res.DFG.Edges {
		if i == maxEdgeRows {
			s.more = fmt.Sprintf("%d more edges in --format json or csv", len(res.DFG.Edges)-maxEdgeRows)
			break
		}
		s.rows = append(s.rows, []string{e.From, e.To, num(e.Count), num(e.Cases), dur(e.MedianSeconds), dur(e.P90Seconds)})
	}
	return s
}

func startEndSection(res *mine.Result) section {
	s := section{title: "Start and end", head: []string{"activity", "starts", "ends"}, right: []bool{false, true, true}}
	seen := map[string]bool{}
	var nodes []string
	for _, m := range []map[string]int64{res.DFG.Start, res.DFG.End} {
		for _, k := range sortedByCount(m) {
			if !seen[k] {
				seen[k] = true
				nodes = append(nodes, k)
			}
		}
	}
	for _, n := range nodes {
		s.rows = append(s.rows, []string{n, num(res.DFG.Start[n]), num(res.DFG.End[n])})
	}
	return s
}

func funnelSection(res *mine.Result) section {
	s := section{title: "Funnel by stage", head: []string{"stage", "reached", "left here", "to next stage", "median time in stage"}, right: []bool{false, true, true, true, true}}
	for _, st := range res.Funnel {
		conv := "–"
		if st.Conversion != nil {
			conv = pct(*st.Conversion)
		}
		s.rows = append(s.rows, []string{st.Name + " (" + st.Stage + ")", num(st.Reached), num(st.Left), conv, dur(st.MedianSeconds)})
	}
	return s
}

func gapsSection(res *mine.Result) section {
	s := section{title: "Gaps: channel, device and owner switches", head: []string{"kind", "from", "to", "switches", "cases", "end within 2", "base rate"},
		right: []bool{false, false, false, true, true, true, true}}
	for i, g := range res.Gaps {
		if i == maxEdgeRows {
			s.more = fmt.Sprintf("%d more switches in --format json or csv", len(res.Gaps)-maxEdgeRows)
			break
		}
		s.rows = append(s.rows, []string{g.Kind, g.From, g.To, num(g.Count), num(g.Cases), pct(g.DropOffRate), pct(g.BaseRate)})
	}
	return s
}

func conformanceSections(c *mine.Conformance) []section {
	s := section{title: "Conformance with the map"}
	s.lines = append(s.lines,
		fmt.Sprintf("fitness by case: %s (%s of %s cases move only along designed edges)", pct(c.FitnessByCase), num(c.FittingCases), num(c.Cases)),
		fmt.Sprintf("fitness by move: %s (%s of %s moves are designed)", pct(c.FitnessByMove), num(c.DesignedMoves), num(c.Moves)))
	if len(c.UnobservedTouchpoints) > 0 {
		s.lines = append(s.lines, "designed touchpoints never observed: "+strings.Join(c.UnobservedTouchpoints, ", "))
	}
	if len(c.UnobservedEdges) > 0 {
		var es []string
		for _, e := range c.UnobservedEdges {
			es = append(es, e.From+" → "+e.To)
		}
		s.lines = append(s.lines, "designed edges never observed: "+strings.Join(es, ", "))
	}
	for _, sk := range c.SkippedStages {
		s.lines = append(s.lines, fmt.Sprintf("stage %s skipped by %s cases", sk.Stage, num(sk.Cases)))
	}
	out := []section{s}
	if len(c.Deviations) > 0 {
		d := section{title: "Deviations: observed moves the map does not design", head: []string{"from", "to", "count", "cases"}, right: []bool{false, false, true, true}}
		for i, e := range c.Deviations {
			if i == maxEdgeRows {
				d.more = fmt.Sprintf("%d more in --format json or csv", len(c.Deviations)-maxEdgeRows)
				break
			}
			d.rows = append(d.rows, []string{e.From, e.To, num(e.Count), num(e.Cases)})
		}
		out = append(out, d)
	}
	if len(c.UnmappedActivities) > 0 {
		u := section{title: "Activities with no touchpoint", head: []string{"activity", "events", "cases"}, right: []bool{false, true, true}}
		for _, a := range c.UnmappedActivities {
			u.rows = append(u.rows, []string{a.Activity, num(a.Events), num(a.Cases)})
		}
		out = append(out, u)
	}
	return out
}

func centralitySection(res *mine.Result) section {
	s := section{title: "Centrality: the touchpoints journeys depend on", head: []string{"node", "pagerank", "betweenness"}, right: []bool{false, true, true}}
	for i, c := range res.Centrality {
		if i == maxEdgeRows {
			s.more = fmt.Sprintf("%d more in --format json or csv", len(res.Centrality)-maxEdgeRows)
			break
		}
		s.rows = append(s.rows, []string{c.Node, strconv.FormatFloat(c.PageRank, 'f', 3, 64), strconv.FormatFloat(c.Betweenness, 'f', 1, 64)})
	}
	return s
}

func feedbackSection(f *mine.Feedback) section {
	s := section{title: "Feedback at the point of the journey", head: []string{"touchpoint", "answers", "NPS", "±95%", "CES", "CSAT"}, right: []bool{false, true, true, true, true, true}}
	u := f.Unattributed
	s.lines = append(s.lines, fmt.Sprintf("%s of %s answers attributed; not attributed: %d unknown customer, %d with no event before the answer, %d outside the window, %d naming an unknown touchpoint",
		num(f.Attributed), num(f.Answers), u.UnknownCustomer, u.NoEventBefore, u.OutsideWindow, u.UnknownTouchpoint))
	small := false
	for _, p := range f.Touchpoints {
		nps, margin := metricText(p.NPS, 1, ""), ""
		if p.NPS != nil && p.NPS.Missing == "" {
			margin = intervalText(p.NPS, 1)
		}
		s.rows = append(s.rows, []string{p.Touchpoint, num(p.Answers), nps, margin, metricText(p.CES, 2, ""), metricText(p.CSAT, 1, "%")})
		small = small || slices.ContainsFunc([]*mine.Metric{p.NPS, p.CES, p.CSAT}, func(m *mine.Metric) bool { return m != nil && m.Small })
	}
	if small {
		s.lines = append(s.lines, fmt.Sprintf("* n < %d: a small sample, too few answers for the margin to be reliable", score.SmallN))
	}
	return s
}

// metricText writes a figure with its unit and sample size: 66.7% (n=72).
func metricText(m *mine.Metric, prec int, unit string) string {
	if m == nil || m.Missing != "" {
		return "–"
	}
	if m.Small {
		return strconv.FormatFloat(m.Value, 'f', prec, 64) + unit + fmt.Sprintf(" (n=%d*)", m.N)
	}
	return strconv.FormatFloat(m.Value, 'f', prec, 64) + unit + fmt.Sprintf(" (n=%d)", m.N)
}

// intervalText writes a figure's 95% interval: ±margin, or low–high where
// ±margin would leave the metric's scale.
func intervalText(m *mine.Metric, prec int) string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', prec, 64) }
	const tol = 0.002 // value, margin and bounds are each rounded to 3 decimals
	if m.Low > m.Value-m.Margin+tol || m.High < m.Value+m.Margin-tol {
		return f(m.Low) + "\u2013" + f(m.High)
	}
	return "\u00b1" + f(m.Margin)
}

func caseSection(c *mine.CaseView) section {
	s := section{title: "Customer " + c.ID, head: []string{"time", "after", "activity", "touchpoint", "channel", "row", ""}, right: []bool{false, true, false, false, false, true, false}}
	if !c.Found {
		s.lines = []string{"no events for this case in the log"}
		return s
	}
	for _, e := range c.Events {
		mark := ""
		if e.Deviation {
			mark = "deviation"
		}
		s.rows = append(s.rows, []string{e.Time, dur(e.SincePrevious), e.Activity, e.Node, e.Channel, strconv.FormatInt(e.Row, 10), mark})
	}
	moves := "every move is designed by the map"
	if len(c.Deviations) > 0 {
		ds := make([]string, len(c.Deviations))
		for i, d := range c.Deviations {
			ds[i] = d.From + " → " + d.To
		}
		moves = "moves the map does not design: " + strings.Join(ds, ", ")
	}
	s.lines = []string{count(int64(len(c.Events)), "event", "events") + "; " + moves}
	return s
}

// sectionsText prints the sections as aligned plain-text tables.
func sectionsText(w io.Writer, secs []section, th theme) error {
	var b strings.Builder
	for i, s := range secs {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(th.boldStyle.Render(strings.ToUpper(s.title)) + "\n")
		for _, l := range s.lines {
			b.WriteString("  " + output.Terminal(l) + "\n")
		}
		if len(s.head) > 0 && len(s.rows) > 0 {
			sectionTable(&b, s, th)
		}
		if s.more != "" {
			b.WriteString("  " + th.dimStyle.Render("… "+s.more) + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// sectionTable writes a section's rows as an aligned table without
// borders, indented by two spaces, numbers aligned to the right.
func sectionTable(b *strings.Builder, s section, th theme) {
	rows := make([][]string, len(s.rows))
	for i, r := range s.rows {
		rows[i] = make([]string, len(r))
		for j, c := range r {
			rows[i][j] = output.Terminal(c)
		}
	}
	head := make([]string, len(s.head))
	for i, h := range s.head {
		head[i] = strings.ToUpper(h)
	}
	plain := th.boldStyle.UnsetBold()
	t := table.New().Border(lipgloss.HiddenBorder()).
		BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
		BorderColumn(false).BorderHeader(false).
		Headers(head...).Rows(rows...).
		StyleFunc(func(row, col int) lipgloss.Style {
			st := plain
			if row == table.HeaderRow {
				st = th.boldStyle
			}
			if col < len(head)-1 {
				st = st.PaddingRight(2)
			}
			if col < len(s.right) && s.right[col] {
				st = st.Align(lipgloss.Right)
			}
			return st
		})
	for _, line := range strings.Split(t.Render(), "\n") {
		if line = strings.TrimRight(line, " "); line != "" {
			b.WriteString("  " + line + "\n")
		}
	}
}

// sectionsMarkdown prints the sections as GitHub Markdown.
func sectionsMarkdown(w io.Writer, secs []section) error {
	for i, s := range secs {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		var b strings.Builder
		fmt.Fprintf(&b, "### %s\n\n", output.Markdown(s.title))
		for _, l := range s.lines {
			fmt.Fprintf(&b, "- %s\n", output.Markdown(l))
		}
		if len(s.lines) > 0 {
			b.WriteString("\n")
		}
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
		if len(s.head) > 0 && len(s.rows) > 0 {
			align := make([]output.Align, len(s.head))
			head := make([]string, len(s.head))
			for j, h := range s.head {
				head[j] = output.Markdown(h)
				if j < len(s.right) && s.right[j] {
					align[j] = output.Right
				}
			}
			rows := make([][]string, len(s.rows))
			for j, r := range s.rows {
				rows[j] = make([]string, len(r))
				for k, c := range r {
					rows[j][k] = output.Markdown(c)
				}
			}
			if err := output.MarkdownTable(w, head, align, rows); err != nil {
				return err
			}
		}
		if s.more != "" {
			if _, err := fmt.Fprintf(w, "\n_%s_\n", output.Markdown(s.more)); err != nil {
				return err
			}
		}
	}
	return nil
}

// minedCSV writes every figure as one tidy row: section, item, to
// (edges, gaps and deviations), metric, value. Durations are seconds.
func minedCSV(w io.Writer, res *mine.Result) error {
	cw := csv.NewWriter(w)
	row := func(sec, item, to, metric string, v any) {
		var s string
		switch x := v.(type) {
		case float64:
			s = strconv.FormatFloat(x, 'f', -1, 64)
		case int64:
			s = strconv.FormatInt(x, 10)
		case int:
			s = strconv.Itoa(x)
		case string:
			s = output.CSVCell(x)
		}
		_ = cw.Write([]string{sec, output.CSVCell(item), output.CSVCell(to), metric, s})
	}
	_ = cw.Write([]string{"section", "item", "to", "metric", "value"})
	minedRows(res, row)
	cw.Flush()
	return cw.Error()
}

// minedRows calls row for every figure of the result.
func minedRows(res *mine.Result, row func(sec, item, to, metric string, v any)) {
	l := res.Log
	for _, f := range []struct {
		m string
		v any
	}{{"cases", l.Cases}, {"events", l.Events}, {"activities", l.Activities}, {"variants", l.Variants}, {"edges", l.Edges},
		{"first", l.First}, {"last", l.Last}, {"events_per_case_min", l.EventsPerCase.Min}, {"events_per_case_median", l.EventsPerCase.Median},
		{"events_per_case_max", l.EventsPerCase.Max}, {"rework_cases", res.DFG.Rework.Cases}, {"rework_occurrences", res.DFG.Rework.Occurrences},
		{"self_loops", res.DFG.SelfLoops.Count}, {"self_loop_cases", res.DFG.SelfLoops.Cases}} {
		row("log", "", "", f.m, f.v)
	}
	for _, v := range res.Variants {
		p := strings.Join(v.Path, " > ")
		if v.Other {
			p = "(other)"
		}
		row("variant", p, "", "cases", v.Cases)
		row("variant", p, "", "share", v.Share)
		row("variant", p, "", "median_seconds", v.MedianSeconds)
		row("variant", p, "", "p90_seconds", v.P90Seconds)
	}
	for _, e := range res.DFG.Edges {
		row("edge", e.From, e.To, "count", e.Count)
		row("edge", e.From, e.To, "cases", e.Cases)
		row("edge", e.From, e.To, "median_seconds", e.MedianSeconds)
		row("edge", e.From, e.To, "p90_seconds", e.P90Seconds)
	}
	for _, k := range sortedByCount(res.DFG.Start) {
		row("start", k, "", "cases", res.DFG.Start[k])
	}
	for _, k := range sortedByCount(res.DFG.End) {
		row("end", k, "", "cases", res.DFG.End[k])
	}
	for _, a := range res.DFG.Rework.Activities {
		row("rework", a.Activity, "", "cases", a.Cases)
		row("rework", a.Activity, "", "occurrences", a.Occurrences)
	}
	minedMapRows(res, row)
}

// minedMapRows are the figures of the sections beyond the log itself.
func minedMapRows(res *mine.Result, row func(sec, item, to, metric string, v any)) {
	for _, s := range res.Funnel {
		row("funnel", s.Stage, "", "reached", s.Reached)
		row("funnel", s.Stage, "", "left", s.Left)
		row("funnel", s.Stage, "", "converted", s.Converted)
		if s.Conversion != nil {
			row("funnel", s.Stage, "", "conversion", *s.Conversion)
		}
		row("funnel", s.Stage, "", "median_seconds", s.MedianSeconds)
	}
	for _, g := range res.Gaps {
		k := "gap_" + g.Kind
		row(k, g.From, g.To, "count", g.Count)
		row(k, g.From, g.To, "cases", g.Cases)
		row(k, g.From, g.To, "ended_within_two", g.EndedWithinTwo)
		row(k, g.From, g.To, "drop_off_rate", g.DropOffRate)
		row(k, g.From, g.To, "base_rate", g.BaseRate)
	}
	if c := res.Conformance; c != nil {
		row("conformance", "", "", "fitness_by_case", c.FitnessByCase)
		row("conformance", "", "", "fitness_by_move", c.FitnessByMove)
		for _, d := range c.Deviations {
			row("deviation", d.From, d.To, "count", d.Count)
			row("deviation", d.From, d.To, "cases", d.Cases)
		}
		for _, t := range c.UnobservedTouchpoints {
			row("unobserved_touchpoint", t, "", "cases", int64(0))
		}
		for _, e := range c.UnobservedEdges {
			row("unobserved_edge", e.From, e.To, "count", int64(0))
		}
		for _, s := range c.SkippedStages {
			row("skipped_stage", s.Stage, "", "cases", s.Cases)
		}
		for _, u := range c.UnmappedActivities {
			row("unmapped_activity", u.Activity, "", "events", u.Events)
			row("unmapped_activity", u.Activity, "", "cases", u.Cases)
		}
	}
	for _, c := range res.Centrality {
		row("centrality", c.Node, "", "pagerank", c.PageRank)
		row("centrality", c.Node, "", "betweenness", c.Betweenness)
	}
	if f := res.Feedback; f != nil {
		row("feedback", "", "", "answers", f.Answers)
		row("feedback", "", "", "attributed", f.Attributed)
		for _, p := range f.Touchpoints {
			row("feedback", p.Touchpoint, "", "answers", p.Answers)
			for _, m := range []struct {
				name string
				m    *mine.Metric
			}{{"nps", p.NPS}, {"ces", p.CES}, {"csat", p.CSAT}} {
				if m.m != nil && m.m.Missing == "" {
					row("feedback", p.Touchpoint, "", m.name, m.m.Value)
					row("feedback", p.Touchpoint, "", m.name+"_margin", m.m.Margin)
					row("feedback", p.Touchpoint, "", m.name+"_low", m.m.Low)
					row("feedback", p.Touchpoint, "", m.name+"_high", m.m.High)
					row("feedback", p.Touchpoint, "", m.name+"_n", m.m.N)
				}
			}
		}
	}
	if c := res.Case; c != nil {
		for _, e := range c.Events {
			row("case", e.Activity, e.Time, "since_previous_seconds", e.SincePrevious)
		}
	}
}

// sortedByCount returns the keys of m, the largest count first, then by name.
func sortedByCount(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if m[a] != m[b] {
			if m[a] > m[b] {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	return keys
}

// num writes a count with thin groups of three: 35,999.
func num(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return "-" + num(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func pct(f float64) string { return strconv.FormatFloat(f*100, 'f', 1, 64) + "%" }

func trimFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// dur writes seconds for people: 45s, 12m, 3.5h, 2.1d.
func dur(sec float64) string {
	d := time.Duration(sec * float64(time.Second))
	switch {
	case sec == 0:
		return "0s"
	case d < time.Minute:
		return strconv.FormatFloat(math.Round(sec), 'f', 0, 64) + "s"
	case d < time.Hour:
		return strconv.FormatFloat(d.Minutes(), 'f', 0, 64) + "m"
	case d < 48*time.Hour:
		return strconv.FormatFloat(d.Hours(), 'f', 1, 64) + "h"
	}
	return strconv.FormatFloat(d.Hours()/24, 'f', 1, 64) + "d"
}
