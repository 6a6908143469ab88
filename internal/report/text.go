package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/journey-cx/journey/internal/output"
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
	fmt.Fprintf(b, "%s: %s: %s%s\n", apply(t.Location, output.Terminal(d.Location())), sev, apply(t.Bold, output.Terminal(d.Message)), rule)
	if snip, ok := Snippet(lines, d.Line, d.Column); ok {
		gutter := fmt.Sprintf("%5d | ", d.Line)
		pad := strings.Repeat(" ", len(gutter)-2) + "| "
		b.WriteString(apply(t.Dim, gutter) + snip.Code + "\n")
		if d.Column > 0 {
			b.WriteString(apply(t.Dim, pad) + snip.Indent + apply(style, "^") + "\n")
		}
	}
	if d.Suggest != "" {
		fmt.Fprintf(b, "      %s %s\n", apply(t.Dim, "= help:"), output.Terminal(d.Suggest))
	}
}

// SnippetLine is one source line prepared for display, with the whitespace
// that puts a caret under a column.
type SnippetLine struct {
	Code   string // the line, tabs kept, trailing CR removed
	Indent string // spaces and tabs as wide as the text before the column
}

// Snippet returns source line `line` and the indent to column `col`
// (1-based, in characters); wide characters count double, tabs stay tabs,
// and controls show as the sanitiser's escapes (output.Terminal), the
// caret still under the character it points at.
func Snippet(lines []string, line, col int) (SnippetLine, bool) {
	if line < 1 || line > len(lines) {
		return SnippetLine{}, false
	}
	src := strings.TrimRight(lines[line-1], "\r")
	const maxLen = 200
	var code, ind strings.Builder
	for i, n := 0, 0; i < len(src); n++ {
		if n == maxLen && col < maxLen {
			code.WriteString("…")
			break
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		shown := output.Terminal(src[i : i+size])
		i += size
		code.WriteString(shown)
		switch {
		case n >= col-1:
		case r == '\t':
			ind.WriteByte('\t')
		default:
			ind.WriteString(strings.Repeat(" ", max(1, runewidth.StringWidth(shown))))
		}
	}
	return SnippetLine{Code: code.String(), Indent: ind.String()}, true
}

func splitLines(src []byte) []string {
	if src == nil {
		return nil
	}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	return strings.Split(string(src), "\n")
}
