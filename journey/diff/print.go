package diff

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/score"
)

// Format is an output format of the diff report.
type Format string

// The formats, in display order.
const (
	FormatText     Format = "text"
	FormatJSON     Format = "json"
	FormatMarkdown Format = "markdown"
)

// Formats lists the format names in display order.
func Formats() []string {
	return []string{string(FormatText), string(FormatJSON), string(FormatMarkdown)}
}

// ParseFormat parses a format name, ignoring case and spaces; "md" is
// markdown.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	if f == "md" {
		f = FormatMarkdown
	}
	switch f {
	case FormatText, FormatJSON, FormatMarkdown:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (want %s)", s, strings.Join(Formats(), ", "))
}

// Style decorates text output; the zero Style prints plain text.
type Style struct {
	Added, Removed, Changed, Bold, Dim func(string) string
}

func apply(f func(string) string, s string) string {
	if f == nil {
		return s
	}
	return f(s)
}

// Print writes the report in format f.
func Print(w io.Writer, f Format, r *Report, st Style) error {
	switch f {
	case FormatJSON:
		return WriteJSON(w, r)
	case FormatMarkdown:
		return WriteMarkdown(w, r)
	}
	return WriteText(w, r, st)
}

// WriteJSON writes the report as indented JSON.
func WriteJSON(w io.Writer, r *Report) error {
	return output.JSON(w, r)
}

// Headline sums the report up in one line: what changed, how metrics
// moved, what lint says.
func Headline(r *Report) string {
	s := r.Summary
	if !s.Changed {
		return "no changes"
	}
	var parts []string
	if n := len(r.Map); n > 0 {
		parts = append(parts, plural(n, "map field", "map fields")+" changed")
	}
	if n := len(r.Stages); n > 0 {
		parts = append(parts, counts(plural(n, "stage", "stages"), s.StagesAdded, s.StagesRemoved, s.StagesChanged))
	}
	if n := len(r.Touchpoints); n > 0 {
		parts = append(parts, counts(plural(n, "touchpoint", "touchpoints"), s.TouchpointsAdded, s.TouchpointsRemoved, s.TouchpointsChanged))
	}
	if len(r.Metrics) > 0 {
		m := plural(len(r.Metrics), "metric", "metrics") + " moved"
		var sig []string
		if s.MetricsBetter > 0 {
			sig = append(sig, fmt.Sprintf("%d significantly better", s.MetricsBetter))
		}
		if s.MetricsWorse > 0 {
			sig = append(sig, fmt.Sprintf("%d significantly worse", s.MetricsWorse))
		}
		if len(sig) > 0 {
			m += " (" + strings.Join(sig, ", ") + ")"
		}
		parts = append(parts, m)
	}
	if s.FindingsIntroduced > 0 || s.FindingsFixed > 0 {
		parts = append(parts, fmt.Sprintf("%s introduced, %d fixed", plural(s.FindingsIntroduced, "finding", "findings"), s.FindingsFixed))
	}
	return strings.Join(parts, "; ")
}

func counts(what string, added, removed, changed int) string {
	var c []string
	if added > 0 {
		c = append(c, fmt.Sprintf("%d added", added))
	}
	if removed > 0 {
		c = append(c, fmt.Sprintf("%d removed", removed))
	}
	if changed > 0 {
		c = append(c, fmt.Sprintf("%d changed", changed))
	}
	return what + " (" + strings.Join(c, ", ") + ")"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// value shows a field value: text quoted, numbers as written, nothing as
// (none).
func value(v any) string {
	switch x := v.(type) {
	case nil:
		return "(none)"
	case string:
		if strings.HasPrefix(x, "(") && strings.HasSuffix(x, ")") {
			return x
		}
		return strconv.Quote(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// fieldText describes one field change: `emotion: 2 -> 4`, `pains: + "a"; - "b"`.
func fieldText(f FieldChange) string {
	if f.Added != nil || f.Removed != nil {
		var parts []string
		for _, a := range f.Added {
			parts = append(parts, "+ "+strconv.Quote(a))
		}
		for _, r := range f.Removed {
			parts = append(parts, "- "+strconv.Quote(r))
		}
		return f.Field + ": " + strings.Join(parts, "; ")
	}
	if f.Item != "" {
		kind, field, _ := strings.Cut(f.Field, " ")
		return fmt.Sprintf("%s %s: %s %s -> %s", kind, strconv.Quote(f.Item), field, value(f.Old), value(f.New))
	}
	return f.Field + ": " + value(f.Old) + " -> " + value(f.New)
}

func moveText(m *Move) string {
	if m.FromStage != "" {
		return fmt.Sprintf("moved from stage %s to %s", m.FromStage, m.ToStage)
	}
	return fmt.Sprintf("moved from position %d to %d", m.From, m.To)
}

// metricFigures returns "12.0 -> 31.0" and "+19.0 ± 14.2, significantly better".
func metricFigures(c *MetricChange) (string, string) {
	m := score.Metric(c.Metric)
	show := func(f *Figure) string {
		if f == nil {
			return "-"
		}
		s := score.Format(m, f.Value)
		switch {
		case f.N > 0 && f.Small:
			s += fmt.Sprintf(" (n=%d, small sample)", f.N)
		case f.N > 0:
			s += fmt.Sprintf(" (n=%d)", f.N)
		}
		return s
	}
	figures := show(c.Old) + " -> " + show(c.New)
	if c.Old == nil || c.New == nil || c.Note != "" && !c.HasMargin && c.Direction == "" {
		return figures, c.Note
	}
	change := score.Format(m, c.Change)
	if !strings.HasPrefix(change, "-") {
		change = "+" + change
	}
	verdict := ""
	switch {
	case !c.HasMargin:
		verdict = "significance unknown (no margin of error)"
	case c.Significant:
		verdict = "significantly " + c.Direction
	default:
		verdict = "not significant"
	}
	if c.HasMargin {
		change += " ± " + score.Format(m, c.Margin)
	}
	return figures, change + ", " + verdict
}

func metricName(m string) string { return strings.ToUpper(m) }

// WriteText writes the report for a terminal.
func WriteText(w io.Writer, r *Report, st Style) error {
	b := &strings.Builder{}
	fmt.Fprintf(b, "%s %s\n%s %s\n", apply(st.Removed, "---"), output.Terminal(r.Old), apply(st.Added, "+++"), output.Terminal(r.New))
	if !r.Summary.Changed {
		b.WriteString("\nno changes\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	if len(r.Map) > 0 {
		fmt.Fprintf(b, "\n%s\n", apply(st.Bold, "Map"))
		for _, f := range r.Map {
			fmt.Fprintf(b, "  %s %s\n", apply(st.Changed, "~"), fieldText(f))
		}
	}
	textElements(b, st, "Stages", r.Stages, false)
	textElements(b, st, "Touchpoints", r.Touchpoints, true)
	textMetrics(b, st, r.Metrics)
	textFindings(b, st, r.Findings)
	fmt.Fprintf(b, "\n%s\n", Headline(r))
	_, err := io.WriteString(w, b.String())
	return err
}

// textElements writes the stages or the touchpoints that changed, under
// title; touchpoints name their stage.
func textElements(b *strings.Builder, st Style, title string, es []ElementChange, touchpoints bool) {
	if len(es) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s\n", apply(st.Bold, title))
	for i := range es {
		e := &es[i]
		head := output.Terminal(e.ID) + " " + strconv.Quote(e.Name)
		switch e.Status {
		case StatusAdded:
			if touchpoints {
				head += " in " + e.Stage
			}
			fmt.Fprintf(b, "  %s %s\n", apply(st.Added, "+"), head)
		case StatusRemoved:
			if touchpoints {
				head += " (was in " + e.Stage + ")"
			}
			fmt.Fprintf(b, "  %s %s\n", apply(st.Removed, "-"), head)
		default:
			if touchpoints {
				head += " in " + e.Stage
			}
			fmt.Fprintf(b, "  %s %s\n", apply(st.Changed, "~"), head)
			if e.Moved != nil {
				fmt.Fprintf(b, "      %s\n", moveText(e.Moved))
			}
			for _, f := range e.Fields {
				fmt.Fprintf(b, "      %s\n", fieldText(f))
			}
		}
	}
}

// textMetrics writes the metrics that moved, marked ▲ significantly
// better, ▼ regressed, ~ otherwise.
func textMetrics(b *strings.Builder, st Style, metrics []MetricChange) {
	if len(metrics) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s\n", apply(st.Bold, "Metrics (significance at 95%)"))
	for i := range metrics {
		c := &metrics[i]
		figures, verdict := metricFigures(c)
		line := fmt.Sprintf("%s %s %s: %s", c.Level, c.ID, metricName(c.Metric), figures)
		if verdict != "" {
			line += "  " + verdict
		}
		mark := apply(st.Changed, "~")
		switch {
		case c.Regression():
			mark = apply(st.Removed, "▼")
		case c.Significant && c.Direction == "better":
			mark = apply(st.Added, "▲")
		}
		fmt.Fprintf(b, "  %s %s\n", mark, line)
	}
}

// textFindings writes the lint (or, without lint, validation) findings
// introduced and fixed.
func textFindings(b *strings.Builder, st Style, f Findings) {
	if len(f.Introduced)+len(f.Fixed) == 0 {
		return
	}
	title := "Lint"
	if !f.Compared {
		title = "Validation"
	}
	fmt.Fprintf(b, "\n%s\n", apply(st.Bold, title))
	for _, d := range f.Introduced {
		fmt.Fprintf(b, "  %s %s\n", apply(st.Removed, "+"), output.Terminal(d.String()))
	}
	for _, d := range f.Fixed {
		fmt.Fprintf(b, "  %s fixed: %s\n", apply(st.Added, "-"), output.Terminal(d.String()))
	}
}

// WriteMarkdown writes the report as GitHub-flavoured Markdown, made to be
// posted as a pull-request comment. Every piece of map text is escaped:
// it cannot open HTML, break a table, mention people (@team) or link
// issues (#12).
func WriteMarkdown(w io.Writer, r *Report) error {
	b := &strings.Builder{}
	fmt.Fprintf(b, "### Journey map changes: %s\n\n", code(r.New))
	if r.Old != r.New {
		fmt.Fprintf(b, "Compared with %s.\n\n", code(r.Old))
	}
	if !r.Summary.Changed {
		b.WriteString("No changes.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	verdict := ""
	if r.Summary.Regression {
		verdict = "⚠️ "
	}
	fmt.Fprintf(b, "%s**%s**\n", verdict, md(Headline(r)))
	mdMap(b, r.Map)
	mdElements(b, "Stages", r.Stages, false)
	mdElements(b, "Touchpoints", r.Touchpoints, true)
	mdMetrics(b, r.Metrics)
	mdFindings(b, r.Findings)
	_, err := io.WriteString(w, b.String())
	return err
}

// mdMap writes the table of the map's own fields that changed.
func mdMap(b *strings.Builder, fields []FieldChange) {
	if len(fields) == 0 {
		return
	}
	b.WriteString("\n#### Map\n\n| Field | Before | After |\n|---|---|---|\n")
	for _, f := range fields {
		before, after := mdValues(f)
		if f.Added != nil || f.Removed != nil {
			before, after = mdItems("➖", f.Removed), mdItems("➕", f.Added)
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", code(f.Field), before, after)
	}
}

// mdElements writes the table of the stages or the touchpoints that
// changed, under title; touchpoints have a Stage column.
func mdElements(b *strings.Builder, title string, es []ElementChange, touchpoints bool) {
	if len(es) == 0 {
		return
	}
	fmt.Fprintf(b, "\n#### %s\n\n", title)
	if touchpoints {
		b.WriteString("| | Touchpoint | Stage | Changes |\n|---|---|---|---|\n")
	} else {
		b.WriteString("| | Stage | Changes |\n|---|---|---|\n")
	}
	for i := range es {
		e := &es[i]
		mark, what := mdChanges(e)
		name := code(e.ID) + " " + md(e.Name)
		if touchpoints {
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", mark, name, code(e.Stage), strings.Join(what, "<br>"))
		} else {
			fmt.Fprintf(b, "| %s | %s | %s |\n", mark, name, strings.Join(what, "<br>"))
		}
	}
}

// mdChanges returns an element's mark (➕ added, ➖ removed, ✏️ changed)
// and the lines of its Changes cell.
func mdChanges(e *ElementChange) (string, []string) {
	mark, what := "✏️", []string{}
	switch e.Status {
	case StatusAdded:
		mark, what = "➕", []string{"added"}
	case StatusRemoved:
		mark, what = "➖", []string{"removed"}
	}
	if e.Moved != nil {
		what = append(what, md(moveText(e.Moved)))
	}
	for _, f := range e.Fields {
		before, after := mdValues(f)
		switch {
		case f.Added != nil || f.Removed != nil:
			what = append(what, fmt.Sprintf("%s: %s", code(f.Field), mdList(f)))
		case f.Item != "":
			what = append(what, fmt.Sprintf("%s of “%s”: %s → %s", code(f.Field), md(f.Item), before, after))
		default:
			what = append(what, fmt.Sprintf("%s: %s → %s", code(f.Field), before, after))
		}
	}
	return mark, what
}

// mdMetrics writes the table of the metrics that moved, with their change
// at 95%.
func mdMetrics(b *strings.Builder, metrics []MetricChange) {
	if len(metrics) == 0 {
		return
	}
	b.WriteString("\n#### Metrics\n\n| | Where | Metric | Before → after | Change (95%) |\n|---|---|---|---|---|\n")
	for i := range metrics {
		c := &metrics[i]
		figures, verdict := metricFigures(c)
		mark := ""
		switch {
		case c.Regression():
			mark = "🔻"
		case c.Significant && c.Direction == "better":
			mark = "🔺"
		}
		where := c.Level + " " + code(c.ID)
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", mark, where, metricName(c.Metric), md(strings.ReplaceAll(figures, "->", "→")), md(verdict))
	}
}

// mdFindings writes the findings introduced and fixed, folded in a
// <details> block.
func mdFindings(b *strings.Builder, f Findings) {
	if len(f.Introduced)+len(f.Fixed) == 0 {
		return
	}
	title := "Lint"
	if !f.Compared {
		title = "Validation"
	}
	fmt.Fprintf(b, "\n#### %s\n\n<details><summary>%d introduced, %d fixed</summary>\n\n| | Severity | Rule | Finding | Where |\n|---|---|---|---|---|\n",
		title, len(f.Introduced), len(f.Fixed))
	row := func(mark string, d journey.Diagnostic) {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", mark, d.Severity, code(d.Rule), md(d.Message), code(d.Location()))
	}
	for _, d := range f.Introduced {
		row("➕", d)
	}
	for _, d := range f.Fixed {
		row("✅", d)
	}
	b.WriteString("\n</details>\n")
}

func mdValues(f FieldChange) (string, string) {
	show := func(v any) string {
		if v == nil {
			return "—"
		}
		if s, ok := v.(string); ok {
			return md(s)
		}
		return md(value(v))
	}
	return show(f.Old), show(f.New)
}

func mdItems(mark string, items []string) string {
	if len(items) == 0 {
		return "—"
	}
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = mark + " " + md(it)
	}
	return strings.Join(parts, "<br>")
}

func mdList(f FieldChange) string {
	var parts []string
	for _, a := range f.Added {
		parts = append(parts, "➕ "+md(a))
	}
	for _, r := range f.Removed {
		parts = append(parts, "➖ "+md(r))
	}
	return strings.Join(parts, ", ")
}

// mdMaxText is how many characters of one text a Markdown cell shows.
const mdMaxText = 280

// md escapes text for a Markdown table cell, cut to mdMaxText characters.
func md(s string) string { return output.Markdown(output.Cut(s, mdMaxText)) }

// code writes s as inline code in a table cell.
func code(s string) string { return output.Code(s) }
