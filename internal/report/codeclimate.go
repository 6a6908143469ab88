package report

import (
	"encoding/json"
	"io"

	"github.com/journey-cx/journey/journey"
)

type ccIssue struct {
	Type        string     `json:"type"`
	CheckName   string     `json:"check_name"`
	Description string     `json:"description"`
	Categories  []string   `json:"categories"`
	Location    ccLocation `json:"location"`
	Severity    string     `json:"severity"`
	Fingerprint string     `json:"fingerprint"`
}

type ccLocation struct {
	Path  string  `json:"path"`
	Lines ccLines `json:"lines"`
}

type ccLines struct {
	Begin int `json:"begin"`
}

// ccSeverity maps a severity to a Code Climate one, as GitLab shows it.
func ccSeverity(s journey.Severity) string {
	switch s {
	case journey.SeverityError:
		return "major"
	case journey.SeverityWarning:
		return "minor"
	}
	return "info"
}

// CodeClimate prints the result as a GitLab code quality report: a JSON
// array of Code Climate issues. The fingerprint depends on the file, the
// rule and the message (not the line), so GitLab can tell new findings
// from old ones that only moved.
func CodeClimate(w io.Writer, r *Result, _ Theme) error {
	issues := make([]ccIssue, 0, len(r.Diagnostics))
	fp := newFingerprinter()
	for _, d := range r.Diagnostics {
		category := "Clarity"
		if d.Severity == journey.SeverityError {
			category = "Bug Risk"
		}
		issues = append(issues, ccIssue{
			Type:        "issue",
			CheckName:   d.Rule,
			Description: message(d),
			Categories:  []string{category},
			Location:    ccLocation{Path: d.File, Lines: ccLines{Begin: max(d.Line, 1)}},
			Severity:    ccSeverity(d.Severity),
			Fingerprint: fp.of(d),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}
