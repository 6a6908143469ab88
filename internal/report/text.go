package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/journey-cx/journey/journey"
)

// Text prints diagnostics grouped by file: a head line
// `file:line:col: severity: message [rule]`, the source line with a caret
// under the column, and a help line with the suggestion.
func Text(w io.Writer, r *Result, t Theme) error {
	files, diags := byFile(r)
	var b bytes.Buffer
	for _, f := range files {
		ds := diags[f]
		if len(ds) == 0 {
			continue
		}
		lines := splitLines(r.Sources[f])
		for _, d := range ds {
			writeDiagnostic(&b, d, lines, t)
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func writeDiagnostic(b *bytes.Buffer, d journey.Diagnostic, lines []string, t Theme) {
	style := t.Error
	switch d.Severity {
	case journey.SeverityWarning:
		style = t.Warning
	case journey.SeverityInfo:
		style = t.Info
	}
	sev := apply(style, d.Severity.String())
	rule := ""
	if d.Rule != "" && d.Rule != journey.RuleInvalid {
		rule = " " + apply(t.Dim, "["+d.Rule+"]")
	}
	fmt.Fprintf(b, "%s: %s: %s%s\n", apply(t.Location, d.Location()), sev, apply(t.Bold, printable(d.Message)), rule)
	if snip, ok := Snippet(lines, d.Line, d.Column); ok {
		gutter := fmt.Sprintf("%5d | ", d.Line)
		pad := strings.Repeat(" ", len(gutter)-2) + "| "
		b.WriteString(apply(t.Dim, gutter) + snip.Code + "\n")
		if d.Column > 0 {
			b.WriteString(apply(t.Dim, pad) + snip.Indent + apply(style, "^") + "\n")
		}
	}
	if d.Suggest != "" {
		fmt.Fprintf(b, "      %s %s\n", apply(t.Dim, "= help:"), printable(d.Suggest))
	}
}

// printable shows control characters of user text as escapes (\n, \x1b),
// so a message stays on one line and cannot drive the terminal.
func printable(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isControl(r rune) bool { return r != '\t' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)) }

// SnippetLine is one source line prepared for display, with the whitespace
// that puts a caret under a column.
type SnippetLine struct {
	Code   string // the line, tabs kept, trailing CR removed
	Indent string // spaces and tabs as wide as the text before the column
}

// Snippet returns source line `line` and the indent to column `col`
// (1-based, in characters); wide characters count double, tabs stay tabs.
func Snippet(lines []string, line, col int) (SnippetLine, bool) {
	if line < 1 || line > len(lines) {
		return SnippetLine{}, false
	}
	code := Printable(strings.TrimRight(lines[line-1], "\r"))
	const maxLen = 200
	runes := []rune(code)
	if len(runes) > maxLen && col < maxLen {
		code = string(runes[:maxLen]) + "…"
	}
	var ind strings.Builder
	for i, r := range runes {
		if i >= col-1 {
			break
		}
		switch {
		case r == '\t':
			ind.WriteByte('\t')
		default:
			ind.WriteString(strings.Repeat(" ", max(1, runewidth.RuneWidth(r))))
		}
	}
	return SnippetLine{Code: code, Indent: ind.String()}, true
}

// Printable replaces control characters other than tab (ESC sequences that
// would retitle or recolour a terminal, NUL, CR...) with U+FFFD, one for
// one, so user text is shown, never obeyed, and columns stay aligned
// (printable escapes them instead, for one-line messages).
func Printable(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

func splitLines(src []byte) []string {
	if src == nil {
		return nil
	}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	return strings.Split(string(src), "\n")
}
