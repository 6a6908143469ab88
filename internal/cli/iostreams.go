package cli

import (
	"bytes"
	"io"
	"os"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-isatty"
	"github.com/muesli/termenv"
)

// IOStreams are the streams and environment a command runs with.
type IOStreams struct {
	In       io.Reader
	Out      io.Writer // machine-readable output
	ErrOut   io.Writer // human messages, progress, summaries
	ColorOut bool      // Out takes ANSI colour
	ColorErr bool      // ErrOut takes ANSI colour
	TermErr  bool      // ErrOut is a terminal (progress bars)
	Getenv   func(string) string
	Getwd    func() (string, error)
}

// System returns the process's streams, with colour decided from the
// terminal, NO_COLOR, TERM=dumb and CLICOLOR_FORCE.
func System() *IOStreams {
	ios := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Getenv: os.Getenv, Getwd: os.Getwd}
	ios.TermErr = isatty.IsTerminal(os.Stderr.Fd())
	ios.ColorOut = colorAllowed(isatty.IsTerminal(os.Stdout.Fd()), os.Getenv)
	ios.ColorErr = colorAllowed(ios.TermErr, os.Getenv)
	return ios
}

func colorAllowed(tty bool, getenv func(string) string) bool {
	if getenv("NO_COLOR") != "" {
		return false
	}
	if f := getenv("CLICOLOR_FORCE"); f != "" && f != "0" {
		return true
	}
	return tty && getenv("TERM") != "dumb"
}

// Test returns streams over buffers, with no colour and an empty environment.
func Test() (ios *IOStreams, in *bytes.Buffer, out *bytes.Buffer, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	ios = &IOStreams{In: in, Out: out, ErrOut: errOut,
		Getenv: func(string) string { return "" },
		Getwd:  os.Getwd,
	}
	return ios, in, out, errOut
}

// renderer returns a lipgloss renderer for w that colours only when on is set.
func renderer(w io.Writer, on bool) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(w)
	if on {
		r.SetColorProfile(termenv.ANSI256)
	} else {
		r.SetColorProfile(termenv.Ascii)
	}
	return r
}
