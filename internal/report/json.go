package report

import (
	"encoding/json"
	"io"

	"github.com/journey-cx/journey/journey"
)

// JSONFormatVersion is the version of the JSON envelope; it changes only
// when a field is removed or changes meaning.
const JSONFormatVersion = "1"

// JSONReport is the documented JSON envelope of validate and lint.
type JSONReport struct {
	FormatVersion string               `json:"format_version"`
	Command       string               `json:"command"`
	Valid         bool                 `json:"valid"`
	FileCount     int                  `json:"file_count"`
	ErrorCount    int                  `json:"error_count"`
	WarningCount  int                  `json:"warning_count"`
	InfoCount     int                  `json:"info_count"`
	FailOn        string               `json:"fail_on,omitempty"` // lint: the lowest severity that fails the run (error, warning, info, none)
	Passed        *bool                `json:"passed,omitempty"`  // lint: no finding at or above fail_on (exit status 0)
	Files         []string             `json:"files"`
	Diagnostics   []journey.Diagnostic `json:"diagnostics"`
}

// JSON prints the result as one indented JSONReport.
func JSON(w io.Writer, r *Result, _ Theme) error {
	e, wn, i := r.Diagnostics.Counts()
	rep := JSONReport{
		FormatVersion: JSONFormatVersion,
		Command:       r.Command,
		Valid:         e == 0,
		FileCount:     len(r.Files),
		ErrorCount:    e,
		WarningCount:  wn,
		InfoCount:     i,
		Files:         append([]string{}, r.Files...),
		Diagnostics:   append([]journey.Diagnostic{}, r.Diagnostics...),
	}
	if r.Lint != nil {
		passed := r.Passed()
		rep.FailOn, rep.Passed = r.Lint.FailOn.String(), &passed
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}
