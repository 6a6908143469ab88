package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-isatty"
	"github.com/muesli/termenv"

	"github.com/journey-cx/journey/internal/helperbin"
	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey/project"
)

// Factory is what every command runs with, in the style of gh's
// cmdutil.Factory: the streams, the working directory, the environment,
// where the helper programs are and the clock. Commands read the process
// state only through it, so each is testable in process with fake streams
// and a temporary folder as its working directory.
type Factory struct {
	In       io.Reader
	Out      io.Writer // machine-readable output
	ErrOut   io.Writer // human messages, progress, summaries
	ColorOut bool      // Out takes ANSI colour
	ColorErr bool      // ErrOut takes ANSI colour
	TermOut  bool      // Out is a terminal: machine output goes through the terminal sanitiser
	TermErr  bool      // ErrOut is a terminal (progress bars)
	TermIn   bool      // In is a terminal: a command may ask (init without arguments)
	Getenv   func(string) string
	Getwd    func() (string, error)
	Helpers  helperbin.Locator // finds journey-xlsx and journey-graphviz
	Now      func() time.Time

	temps *tempSet // temporary files being written, for Main to remove on a forced exit; set by System

	unread *atomic.Int64 // paths a loader could not read and left out: Main then exits 2; set by System and Test
}

// System returns the process's factory: its streams, with colour decided
// from the terminal, NO_COLOR, TERM=dumb and CLICOLOR_FORCE; its
// environment, working directory and clock; helpers beside the executable
// or on PATH.
func System() *Factory {
	app := &Factory{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Getenv: os.Getenv, Getwd: os.Getwd,
		Helpers: helperbin.System(), Now: time.Now, temps: &tempSet{}, unread: &atomic.Int64{}}
	app.TermErr = isatty.IsTerminal(os.Stderr.Fd())
	app.TermIn = isatty.IsTerminal(os.Stdin.Fd())
	app.TermOut = isatty.IsTerminal(os.Stdout.Fd())
	app.ColorOut = colorAllowed(app.TermOut, os.Getenv)
	app.ColorErr = colorAllowed(app.TermErr, os.Getenv)
	return app
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

// Test returns a factory over buffers, with no colour, an empty
// environment, the process's working directory and helpers as the
// process finds them (tests point Helpers at the ones they build).
func Test() (app *Factory, in *bytes.Buffer, out *bytes.Buffer, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	app = &Factory{In: in, Out: out, ErrOut: errOut,
		Getenv:  func(string) string { return "" },
		Getwd:   os.Getwd,
		Helpers: helperbin.System(),
		Now:     time.Now,
		unread:  &atomic.Int64{},
	}
	return app, in, out, errOut
}

// Loader returns the map loader for a command: relative paths resolve
// against the working directory, "-" reads the factory's input.
func (app *Factory) Loader(f loadFlags, configFile string) (*project.Loader, error) {
	wd, err := app.Getwd()
	if err != nil {
		return nil, fmt.Errorf("can't tell the working directory: %w", err)
	}
	return &project.Loader{Dir: wd, Stdin: app.In, MaxSize: int64(f.maxSize), ConfigFile: configFile, OnSkip: app.skipped, AllowOutside: f.allowOutside}, nil
}

// skipped says on stderr that a loader left a path out. A path that could
// not be read makes the command exit 2 once the rest is done (Main).
func (app *Factory) skipped(s project.Skip) {
	if s.Err == nil {
		fmt.Fprintf(app.ErrOut, "journey: skipped %s: %s\n", output.Terminal(s.Name), output.Terminal(s.Reason))
		return
	}
	if app.unread != nil {
		app.unread.Add(1)
	}
	fmt.Fprintf(app.ErrOut, "journey: %s; skipped, the rest go on\n", output.Terminal(s.Err.Error()))
}

// writeOut runs write with standard output for machine output (JSON,
// CSV, Markdown, SARIF, a map): as it is when standard output is a file
// or a pipe, through the terminal sanitiser (output.TerminalWriter) when
// it is a terminal, so that text from a map or a survey can't write the
// clipboard or clear the screen. Human output is sanitised where it is
// made (output.Terminal) and keeps its colours.
func (app *Factory) writeOut(write func(io.Writer) error) error {
	if !app.TermOut {
		return write(app.Out)
	}
	tw := output.NewTerminalWriter(app.Out)
	if err := write(tw); err != nil {
		tw.Flush()
		return err
	}
	return tw.Flush()
}

// Abs resolves p against the factory's working directory. Standard input
// or output ("-"), "" and absolute paths stay as they are, and so does p
// when the working directory can't be told (the command then fails on
// its first Getwd).
func (app *Factory) Abs(p string) string {
	if p == "" || p == "-" || filepath.IsAbs(p) {
		return p
	}
	wd, err := app.Getwd()
	if err != nil {
		return p
	}
	return filepath.Join(wd, p)
}

// Stat is os.Stat of p resolved against the working directory.
func (app *Factory) Stat(p string) (fs.FileInfo, error) { return os.Stat(app.Abs(p)) }

// Lstat is os.Lstat of p resolved against the working directory.
func (app *Factory) Lstat(p string) (fs.FileInfo, error) { return os.Lstat(app.Abs(p)) }

// MkdirAll creates the folder p (resolved against the working directory)
// and its parents; the error says "can't create P: ...".
func (app *Factory) MkdirAll(p string) error {
	if err := os.MkdirAll(app.Abs(p), 0o755); err != nil {
		return fmt.Errorf("can't create %s: %w", p, unwrapPathError(err))
	}
	return nil
}

// WriteAtomic replaces the file name (resolved against the working
// directory) atomically with what fill writes, as writeAtomic does;
// messages name the file as given. Temporary files that a killed journey
// left beside it are removed first, and said so on stderr.
func (app *Factory) WriteAtomic(ctx context.Context, name string, fill func(io.Writer) error) error {
	path := app.Abs(name)
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	for _, f := range removeStale(path, time.Now()) {
		fmt.Fprintf(app.ErrOut, "journey: removed %s, left by an interrupted write of %s\n", output.Terminal(filepath.Base(f)), output.Terminal(name))
	}
	return replaceFile(ctx, path, name, app.temps, fill)
}

// WriteFile writes data to the file name (resolved against the working
// directory) atomically, in a folder created when missing. Errors say
// "can't write NAME: ...".
func (app *Factory) WriteFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(app.Abs(name)), 0o755); err != nil {
		return fmt.Errorf("can't write %s: %w", name, unwrapPathError(err))
	}
	return app.WriteAtomic(context.Background(), name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
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
