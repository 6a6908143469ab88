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
	Version     string              // journey's version, for formats that name the tool (SARIF); may be empty
	Files       []string            // every file checked, in order
	Diagnostics journey.Diagnostics // sorted
	Sources     map[string][]byte   // file -> content, for snippets
	Rules       []RuleInfo          // metadata of every rule (lint); nil for validate
	Lint        *LintInfo           // what only lint results carry; nil for validate
}

// LintInfo is the part of a Result that only lint has: which findings fail
// the run, and which rules did not run on which file.
type LintInfo struct {
	FailOn     journey.Severity             // findings at or above it fail the run; SeverityNone: none do
	FileFailOn map[string]journey.Severity  // file -> its own fail level, where its config sets another
	Skipped    map[string]map[string]string // file -> rule id -> why the rule did not run on the file
}

// FailLevel returns the lowest severity that fails the run for file:
// error for validate, the lint fail level (per file when a config sets it)
// for lint. SeverityNone means no finding fails.
func (r *Result) FailLevel(file string) journey.Severity {
	if r.Lint == nil {
		return journey.SeverityError
	}
	if s, ok := r.Lint.FileFailOn[file]; ok {
		return s
	}
	return r.Lint.FailOn
}

// Fails reports whether diagnostic d fails the run.
func (r *Result) Fails(d journey.Diagnostic) bool {
	lvl := r.FailLevel(d.File)
	return lvl != journey.SeverityNone && d.Severity >= lvl
}

// Passed reports whether no diagnostic fails the run: exit status 0.
func (r *Result) Passed() bool {
	for _, d := range r.Diagnostics {
		if r.Fails(d) {
			return false
		}
	}
	return true
}

// RuleInfo describes a rule for formats that carry rule metadata (SARIF,
// JUnit).
type RuleInfo struct {
	ID       string
	Category string
	Severity journey.Severity // default severity
	Summary  string           // one line
	Doc      string           // rationale, Markdown paragraphs
	Example  string           // YAML showing the fix; may be empty
	HelpURI  string           // the rule's documentation page; may be empty
}

// rule returns the metadata of rule id, and its index in r.Rules (-1 when
// r.Rules does not list it).
func (r *Result) rule(id string) (RuleInfo, int) {
	for i, ri := range r.Rules {
		if ri.ID == id {
			return ri, i
		}
	}
	return RuleInfo{ID: id}, -1
}

// Format is an output format of validate and lint.
type Format string

// The formats validate and lint print (validate: text and json only).
const (
	FormatText        Format = "text"        // human: file:line:col: severity: message, snippet, caret
	FormatJSON        Format = "json"        // JSONReport, documented in docs/lint.md
	FormatSARIF       Format = "sarif"       // SARIF 2.1.0, for GitHub code scanning
	FormatJUnit       Format = "junit"       // JUnit XML: one test case per file and rule
	FormatGitHub      Format = "github"      // GitHub Actions workflow commands (annotations)
	FormatCodeClimate Format = "codeclimate" // GitLab code quality report (Code Climate JSON)
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
	FormatText:        Text,
	FormatJSON:        JSON,
	FormatSARIF:       SARIF,
	FormatJUnit:       JUnit,
	FormatGitHub:      GitHub,
	FormatCodeClimate: CodeClimate,
}

// formatOrder is the order formats are listed in help and completion.
var formatOrder = []Format{FormatText, FormatJSON, FormatSARIF, FormatJUnit, FormatGitHub, FormatCodeClimate}

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
