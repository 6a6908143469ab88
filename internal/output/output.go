// Package output is the one home of journey's tabular and document output
// formats: JSON as every command writes it, CSV cells that spreadsheets
// cannot take for formulas, Markdown (GitHub-flavoured) text, code spans
// and tables, and the terminal sanitiser (Terminal, TerminalText,
// TerminalWriter) that every human message and every machine output to a
// terminal goes through. Each target has exactly one escaper, tested here
// once; score, diff, rules, models and the diagnostics printers use it.
package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// JSON writes v as indented JSON with a final newline; <, > and & stay as
// they are (the output is data, not HTML).
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// CSVCell makes user text safe for spreadsheets: a cell starting with
// = + - @, a tab or a carriage return is prefixed with ' so that Excel,
// LibreOffice and Google Sheets show it as text instead of running it as
// a formula.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// mdEscaper turns what GitHub Markdown would read as markup into
// character references: HTML, table pipes, emphasis, links, images,
// headings, mentions, issue references and emoji shortcodes.
var mdEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;", "|", "&#124;", "\\", "&#92;", "`", "&#96;",
	"*", "&#42;", "_", "&#95;", "[", "&#91;", "]", "&#93;", "~", "&#126;", "#", "&#35;", "@", "&#64;",
	"!", "&#33;", ":", "&#58;",
)

// Markdown escapes user text for GitHub Markdown, in a paragraph or a
// table cell: markup shows as the characters typed, never as formatting,
// HTML, a link or a mention; line breaks become spaces and other controls
// show as escapes (\x1b), as Terminal shows them.
func Markdown(s string) string {
	return mdEscaper.Replace(Terminal(lineBreaks.Replace(s)))
}

// lineBreaks turns line breaks and tabs into spaces, for text that must
// stay on one line of a table.
var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")

// Code writes s as a Markdown code span that survives a table cell:
// backticks become ', pipes are escaped, line breaks become spaces, other
// controls show as escapes (\x1b). Empty stays empty.
func Code(s string) string {
	if s == "" {
		return ""
	}
	s = strings.NewReplacer("`", "'", "|", "\\|").Replace(lineBreaks.Replace(s))
	return "`" + Terminal(s) + "`"
}

// Cut shortens s to at most n characters, ending it with … when cut.
func Cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// Align is a Markdown table column's alignment.
type Align int

// The alignments of a Markdown table column.
const (
	Left Align = iota
	Right
	Center
)

// MarkdownTable writes a GitHub Markdown table. The cells must already be
// escaped (Markdown, Code): the table adds no escaping of its own.
func MarkdownTable(w io.Writer, head []string, align []Align, rows [][]string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "| %s |\n|", strings.Join(head, " | "))
	for i := range head {
		a := Left
		if i < len(align) {
			a = align[i]
		}
		b.WriteString(map[Align]string{Left: ":--", Right: "--:", Center: ":-:"}[a] + "|")
	}
	b.WriteString("\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s |\n", strings.Join(r, " | "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
