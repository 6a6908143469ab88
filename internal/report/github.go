package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey"
)

// GitHub prints one GitHub Actions workflow command per diagnostic
// (`::error file=F,line=L,col=C,title=RULE::MESSAGE`), which the runner
// turns into annotations on the pull request. Info findings become
// notices. Messages and properties are escaped as the runner expects.
func GitHub(w io.Writer, r *Result, _ Theme) error {
	var b bytes.Buffer
	for _, d := range r.Diagnostics {
		cmd := "notice"
		switch d.Severity {
		case journey.SeverityError:
			cmd = "error"
		case journey.SeverityWarning:
			cmd = "warning"
		}
		props := []string{"file=" + escapeProperty(d.File)}
		if d.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Line))
			if d.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", d.Column))
			}
			if d.EndLine > 0 {
				props = append(props, fmt.Sprintf("endLine=%d", d.EndLine))
				if d.EndColumn > 0 {
					props = append(props, fmt.Sprintf("endColumn=%d", d.EndColumn))
				}
			}
		}
		props = append(props, "title="+escapeProperty("journey "+d.Rule))
		fmt.Fprintf(&b, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(message(d)))
	}
	_, err := w.Write(b.Bytes())
	return err
}

// escapeData escapes the message of a workflow command: %, CR and LF as
// GitHub's runner expects (it turns them back), and the controls that the
// runner would pass to the log as they are (ESC, C1, bidi overrides) shown
// as the terminal sanitiser shows them (\x1b), since the log viewer obeys
// colour and other sequences and the runner has no escape for them.
func escapeData(s string) string {
	return dataEscaper.Replace(output.TerminalText(s))
}

// escapeProperty escapes a property value of a workflow command (the
// file, the title): what escapeData does, plus : and , which end a
// property.
func escapeProperty(s string) string {
	return propertyEscaper.Replace(output.TerminalText(s))
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
