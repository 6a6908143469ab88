package lint

import (
	"bytes"
	"fmt"
	"strings"
)

// Markdown renders rules as the reference page docs/rules.md: an index
// table, then one section per category with each rule's summary,
// rationale and example fix.
func Markdown(rules []Rule) []byte {
	var b bytes.Buffer
	b.WriteString("<!-- Generated from the rule registry (journey/lint/registry.go) by\n")
	b.WriteString("     `go test ./journey/lint -run TestRulesDoc -update`. Do not edit by hand. -->\n\n")
	b.WriteString("# Lint rules\n\n")
	fmt.Fprintf(&b, "`journey lint` runs %d rules. Each has a default severity that `.journey.yaml` can change or\n", len(rules))
	b.WriteString("turn off, and each can be silenced on one element with `# journey:ignore RULE-ID reason`\n")
	b.WriteString("(see [lint.md](lint.md)). `journey rules` prints this list; `journey rules RULE-ID` prints one rule.\n\n")
	b.WriteString("```yaml\n# .journey.yaml\nlint:\n  fail-on: warning\n  min-sample: 30\n  rules:\n    owner-handoff: warning\n    channel-switch: \"off\"\n```\n\n")
	b.WriteString("| Rule | Category | Default | Fires when |\n|---|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s |\n", r.ID, r.ID, r.Category, r.Severity, cell(r.Summary))
	}
	for _, c := range Categories() {
		first := true
		for _, r := range rules {
			if r.Category != c {
				continue
			}
			if first {
				fmt.Fprintf(&b, "\n## %s\n", strings.ToUpper(string(c[:1]))+string(c[1:]))
				first = false
			}
			b.WriteString("\n")
			b.Write(MarkdownRule(r))
		}
	}
	return b.Bytes()
}

// MarkdownRule renders one rule as a Markdown section: a level-3
// heading with its id, its category and severity, when it fires, why, and
// an example fix.
func MarkdownRule(r Rule) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "### %s\n\n", r.ID)
	fmt.Fprintf(&b, "Category: %s. Default severity: **%s**.\n\n", r.Category, r.Severity)
	fmt.Fprintf(&b, "Fires when %s.\n\n", r.Summary)
	b.WriteString(r.Doc + "\n")
	if r.Example != "" {
		b.WriteString("\nExample fix:\n\n```yaml\n" + strings.TrimRight(r.Example, "\n") + "\n```\n")
	}
	return b.Bytes()
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}
