// Package report prints the diagnostics of validate and lint in every
// output format: one enum, one printer per format.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/journey-cx/journey/journey"
)

// Result is what a validate or lint run found.
type Result struct {
	Command     string              // "validate" or "lint"
	Files       []string            // every file checked, in order
	Diagnostics journey.Diagnostics // sorted
	Sources     map[string][]byte   // file -> content, for snippets
	Rules       []RuleInfo          // metadata of the rules that ran (lint)
}

// RuleInfo describes a rule for formats that carry rule metadata (SARIF).
type RuleInfo struct {
	ID       string
	Category string
	Severity journey.Severity
	Summary  string
	Doc      string
}

// Format is an output format of validate and lint.
type Format string

// The formats validate and lint print.
const (
	FormatText Format = "text"
	FormatJSON Format = "json"
)

// Theme decorates text output; the zero Theme prints plain text.
type Theme struct {
	Error, Warning, Info, Location, Dim, Bold func(string) string
}

func apply(f func(string) string, s string) string {
	if f == nil {
		return s
	}
	return f(s)
}

// Printer writes a result in one format.
type Printer func(w io.Writer, r *Result, t Theme) error

var printers = map[Format]Printer{
	FormatText: Text,
	FormatJSON: JSON,
}

// formatOrder is the order formats are listed in help and completion.
var formatOrder = []Format{FormatText, FormatJSON}

// AllFormats returns the names of the formats in display order.
func AllFormats() []string {
	out := make([]string, len(formatOrder))
	for i, f := range formatOrder {
		out[i] = string(f)
	}
	return out
}

// ParseFormat parses a format name, ignoring case and spaces.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := printers[f]; !ok {
		return "", fmt.Errorf("unknown format %q (want %s)", s, strings.Join(AllFormats(), ", "))
	}
	return f, nil
}

// Print writes r in format f.
func Print(w io.Writer, f Format, r *Result, t Theme) error {
	p, ok := printers[f]
	if !ok {
		return fmt.Errorf("unknown format %q", f)
	}
	return p(w, r, t)
}

// Summary returns "3 errors, 5 warnings in 2 files" or "2 files, no problems".
func Summary(r *Result) string {
	e, w, i := r.Diagnostics.Counts()
	files := map[string]bool{}
	for _, d := range r.Diagnostics {
		files[d.File] = true
	}
	var parts []string
	if e > 0 {
		parts = append(parts, plural(e, "error"))
	}
	if w > 0 {
		parts = append(parts, plural(w, "warning"))
	}
	if i > 0 {
		parts = append(parts, plural(i, "info"))
	}
	if len(parts) == 0 {
		return fmt.Sprintf("%s checked, no problems", plural(len(r.Files), "file"))
	}
	return fmt.Sprintf("%s in %s (%s checked)", strings.Join(parts, ", "), plural(len(files), "file"), plural(len(r.Files), "file"))
}

func plural(n int, word string) string {
	if n == 1 || word == "info" {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// byFile returns the files of r (checked ones first, in order), each with its diagnostics.
func byFile(r *Result) ([]string, map[string]journey.Diagnostics) {
	m := map[string]journey.Diagnostics{}
	for _, d := range r.Diagnostics {
		m[d.File] = append(m[d.File], d)
	}
	files := append([]string(nil), r.Files...)
	for f := range m {
		found := false
		for _, g := range files {
			if g == f {
				found = true
				break
			}
		}
		if !found {
			files = append(files, f)
		}
	}
	return files, m
}
