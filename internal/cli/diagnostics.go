package cli

import (
	"github.com/journey-cx/journey/internal/report"
	"github.com/journey-cx/journey/journey"
)

// printDiagnostics writes diagnostics on stderr the one way every command
// does: internal/report's text layout (file:line:col: severity: message,
// the source line with a caret when sources holds the file, the help
// line), coloured only when stderr takes colour.
func printDiagnostics(app *Factory, diags journey.Diagnostics, sources map[string][]byte) error {
	if len(diags) == 0 {
		return nil
	}
	r := &report.Result{Diagnostics: diags, Sources: sources}
	return report.Print(app.ErrOut, report.FormatText, r, newTheme(app.ErrOut, app.ColorErr).report())
}

// note is an informational diagnostic at a line of file (0: the file).
func note(file string, line int, msg string) journey.Diagnostic {
	return journey.Diagnostic{Severity: journey.SeverityInfo, File: file, Line: line, Message: msg}
}

// warning is a warning diagnostic about file.
func warning(file string, line int, msg string) journey.Diagnostic {
	return journey.Diagnostic{Severity: journey.SeverityWarning, File: file, Line: line, Message: msg}
}
