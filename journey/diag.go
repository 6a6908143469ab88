package journey

import (
	"fmt"
	"sort"
	"strings"
)

// Severity ranks a diagnostic: error, warning or info.
type Severity int

// The severities, from least to most severe; the zero value is SeverityNone.
const (
	SeverityNone Severity = iota
	SeverityInfo
	SeverityWarning
	SeverityError
)

// String returns the lowercase name used in every output.
func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return "none"
}

// ParseSeverity parses "error", "warning", "info" or "none" ("off" too).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return SeverityError, nil
	case "warning", "warn":
		return SeverityWarning, nil
	case "info":
		return SeverityInfo, nil
	case "none", "off":
		return SeverityNone, nil
	}
	return SeverityNone, fmt.Errorf("unknown severity %q (want error, warning, info or none)", s)
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// RuleInvalid is the rule id of every validation (schema or reference) error.
const RuleInvalid = "invalid"

// Pos is a position in a map file: 1-based line, and 1-based column counted
// in Unicode characters (not bytes). Zero means unknown.
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// IsZero reports whether the position is unknown.
func (p Pos) IsZero() bool { return p.Line == 0 }

// Diagnostic is one problem found in a file by validate, lint or score.
type Diagnostic struct {
	Rule      string   `json:"rule"`
	Severity  Severity `json:"severity"`
	Message   string   `json:"message"`
	File      string   `json:"file"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	EndLine   int      `json:"end_line,omitempty"`
	EndColumn int      `json:"end_column,omitempty"`
	Path      string   `json:"path,omitempty"`
	Suggest   string   `json:"suggestion,omitempty"`
}

// Pos returns the diagnostic's start position.
func (d Diagnostic) Pos() Pos { return Pos{Line: d.Line, Column: d.Column} }

// String formats the diagnostic as file:line:col: severity: message [rule].
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Location())
	fmt.Fprintf(&b, ": %s: %s", d.Severity, d.Message)
	if d.Suggest != "" {
		fmt.Fprintf(&b, " (%s)", d.Suggest)
	}
	if d.Rule != "" && d.Rule != RuleInvalid {
		fmt.Fprintf(&b, " [%s]", d.Rule)
	}
	return b.String()
}

// Location formats file:line:col, leaving out what is unknown.
func (d Diagnostic) Location() string {
	switch {
	case d.Line == 0:
		return d.File
	case d.Column == 0:
		return fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	return fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Column)
}

// Diagnostics is a set of diagnostics; Sort orders and de-duplicates it.
type Diagnostics []Diagnostic

// Sort orders by file, line, column, rule and message, and drops duplicates.
func (ds *Diagnostics) Sort() {
	s := *ds
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
	out := s[:0]
	for i, d := range s {
		if i > 0 && d == s[i-1] {
			continue
		}
		out = append(out, d)
	}
	*ds = out
}

// HasAtLeast reports whether some diagnostic is at or above sev.
func (ds Diagnostics) HasAtLeast(sev Severity) bool {
	if sev == SeverityNone {
		return false
	}
	for _, d := range ds {
		if d.Severity >= sev {
			return true
		}
	}
	return false
}

// HasErrors reports whether some diagnostic is an error.
func (ds Diagnostics) HasErrors() bool { return ds.HasAtLeast(SeverityError) }

// Counts returns how many errors, warnings and infos the set holds.
func (ds Diagnostics) Counts() (errors, warnings, infos int) {
	for _, d := range ds {
		switch d.Severity {
		case SeverityError:
			errors++
		case SeverityWarning:
			warnings++
		case SeverityInfo:
			infos++
		}
	}
	return
}
