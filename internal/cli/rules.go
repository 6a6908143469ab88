package cli

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/lint"
)

// rulesFormats are the output formats of journey rules, in display order.
var rulesFormats = []string{"text", "json", "markdown"}

type rulesOptions struct {
	format string
}

func newRulesCmd(app *Factory) *cobra.Command {
	opts := &rulesOptions{}
	cmd := &cobra.Command{
		Use:   "rules [RULE-ID]",
		Short: "List the lint rules, or explain one",
		Long: strings.TrimSpace(`
List the rules journey lint runs, with their category, default severity and
what fires them; with a RULE-ID, explain that rule: why it matters and an
example fix. The markdown format is the one docs/rules.md is generated in.`),
		Example: examples(`
  journey rules
  journey rules emotion-drop
  journey rules --format json | jq -r '.[] | select(.default_severity == "error") | .id'`),
		GroupID: "info",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("%s takes at most one rule id, got %d arguments", cmd.CommandPath(), len(args))
			}
			return nil
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completeWords(lint.IDs())(cmd, args, toComplete)
		},
		RunE: func(_ *cobra.Command, args []string) error {
			return rulesRun(app, opts, args)
		},
	}
	cmd.Flags().StringVarP(&opts.format, "format", "f", "text", "output format: "+strings.Join(rulesFormats, ", "))
	_ = cmd.RegisterFlagCompletionFunc("format", completeWords(rulesFormats))
	return cmd
}

func rulesRun(app *Factory, opts *rulesOptions, args []string) error {
	format := strings.ToLower(strings.TrimSpace(opts.format))
	switch format {
	case "text", "json", "markdown", "md":
	default:
		return usagef("unknown format %q for rules (want %s)", opts.format, strings.Join(rulesFormats, ", "))
	}
	th := newTheme(app.Out, app.ColorOut)
	if len(args) == 1 {
		r, ok := lint.Lookup(args[0])
		if !ok {
			msg := fmt.Sprintf("unknown rule %q", args[0])
			if s := journey.Suggest(args[0], lint.IDs()); s != "" {
				msg += "; " + s
			}
			return usagef("%s (journey rules lists them)", msg)
		}
		switch format {
		case "json":
			return writeRulesJSON(app.Out, r)
		case "markdown", "md":
			_, err := app.Out.Write(lint.MarkdownRule(r))
			return err
		}
		return writeRuleText(app.Out, th, r)
	}
	rules := lint.Rules()
	switch format {
	case "json":
		return writeRulesJSON(app.Out, rules)
	case "markdown", "md":
		_, err := app.Out.Write(lint.Markdown(rules))
		return err
	}
	return writeRulesTable(app.Out, th, rules)
}

func writeRulesJSON(w io.Writer, v any) error { return output.JSON(w, v) }

func (t theme) ruleSeverity(s journey.Severity, text string) string {
	switch s {
	case journey.SeverityError:
		return t.errorStyle.Render(text)
	case journey.SeverityWarning:
		return t.warnStyle.Render(text)
	case journey.SeverityInfo:
		return t.infoStyle.Render(text)
	}
	return text
}

// rulePad right-pads s to width characters; padding is added before styling
// so that colour codes do not break the columns.
func rulePad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-utf8.RuneCountInString(s)))
}

// writeRulesTable lists the rules grouped by category: id, default
// severity, summary.
func writeRulesTable(w io.Writer, th theme, rules []lint.Rule) error {
	idW := 0
	for _, r := range rules {
		idW = max(idW, len(r.ID))
	}
	var b strings.Builder
	for _, c := range lint.Categories() {
		first := true
		for _, r := range rules {
			if r.Category != c {
				continue
			}
			if first {
				if b.Len() > 0 {
					b.WriteString("\n")
				}
				b.WriteString(th.boldStyle.Render(strings.ToUpper(string(c))) + "\n")
				first = false
			}
			fmt.Fprintf(&b, "  %s  %s  %s\n", th.boldStyle.Render(rulePad(r.ID, idW)), th.ruleSeverity(r.Severity, rulePad(r.Severity.String(), 7)), r.Summary)
		}
	}
	fmt.Fprintf(&b, "\n%d rules. `journey rules RULE-ID` explains one; .journey.yaml changes their severity.\n", len(rules))
	_, err := io.WriteString(w, b.String())
	return err
}

// writeRuleText explains one rule.
func writeRuleText(w io.Writer, th theme, r lint.Rule) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s, %s by default\n\n", th.boldStyle.Render(r.ID), r.Category, th.ruleSeverity(r.Severity, r.Severity.String()))
	fmt.Fprintf(&b, "Fires when %s.\n\n", r.Summary)
	b.WriteString(ruleWrap(r.Doc, 78) + "\n")
	if r.Example != "" {
		b.WriteString("\n" + th.boldStyle.Render("Example fix:") + "\n\n")
		for _, line := range strings.Split(strings.TrimRight(r.Example, "\n"), "\n") {
			b.WriteString("    " + line + "\n")
		}
	}
	fmt.Fprintf(&b, "\nSilence it on one element with `# journey:ignore %s reason`, or set its\nseverity in .journey.yaml under lint.rules.\n", r.ID)
	_, err := io.WriteString(w, b.String())
	return err
}

// ruleWrap breaks text into lines of at most width characters, at spaces.
func ruleWrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, word := range strings.Fields(text) {
		wl := utf8.RuneCountInString(word)
		switch {
		case n == 0:
		case n+1+wl > width:
			b.WriteString("\n")
			n = 0
		default:
			b.WriteString(" ")
			n++
		}
		b.WriteString(word)
		n += wl
	}
	return b.String()
}
