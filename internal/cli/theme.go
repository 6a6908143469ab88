package cli

import (
	"io"

	"github.com/charmbracelet/lipgloss"

	"github.com/journey-cx/journey/internal/report"
)

// theme is the palette of journey's terminal output, built per stream.
type theme struct {
	errorStyle, warnStyle, infoStyle, locStyle, dimStyle, boldStyle, okStyle lipgloss.Style
}

func newTheme(w io.Writer, color bool) theme {
	r := renderer(w, color)
	return theme{
		errorStyle: r.NewStyle().Foreground(lipgloss.Color("9")).Bold(true),
		warnStyle:  r.NewStyle().Foreground(lipgloss.Color("11")).Bold(true),
		infoStyle:  r.NewStyle().Foreground(lipgloss.Color("12")),
		locStyle:   r.NewStyle().Bold(true),
		dimStyle:   r.NewStyle().Foreground(lipgloss.Color("8")),
		boldStyle:  r.NewStyle().Bold(true),
		okStyle:    r.NewStyle().Foreground(lipgloss.Color("10")).Bold(true),
	}
}

func (t theme) errorLabel(s string) string { return t.errorStyle.Render(s) }

// report returns the theme as report decorations.
func (t theme) report() report.Theme {
	fn := func(st lipgloss.Style) func(string) string {
		return func(s string) string { return st.Render(s) }
	}
	return report.Theme{
		Error:    fn(t.errorStyle),
		Warning:  fn(t.warnStyle),
		Info:     fn(t.infoStyle),
		Location: fn(t.locStyle),
		Dim:      fn(t.dimStyle),
		Bold:     fn(t.boldStyle),
	}
}
