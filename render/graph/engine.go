package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"github.com/journey-cx/journey/internal/helperbin"
)

// HelperName is the layout helper's program name (plus .exe on Windows).
const HelperName = "journey-graphviz"

// DotName is Graphviz's own layout program.
const DotName = "dot"

// layoutArgs are the arguments both engines take: DOT on stdin, the layout
// as json0 on stdout.
var layoutArgs = []string{"-Tjson0"}

// ErrNoEngine is matched (errors.Is) by the error Find returns when neither
// the helper nor Graphviz is there.
var ErrNoEngine = errors.New("no graph layout engine")

// Engine is a program that lays out a DOT graph.
type Engine struct {
	Name string // HelperName or DotName
	Path string
	Args []string
}

// Locator finds the layout engine. It is a helperbin.Locator: its lookups
// are parameters, given by the command line (the real process and PATH)
// or by tests.
type Locator helperbin.Locator

// Find returns the layout engine to use, in this order: journey-graphviz in
// the folder of the running executable (or of the file it links to), then
// journey-graphviz on PATH, then Graphviz's dot on PATH. When there is none it
// returns a *NotFoundError, which explains how to get one.
func (l Locator) Find() (*Engine, error) {
	p, err := helperbin.Locator(l).Find(HelperName)
	if err == nil {
		return &Engine{Name: HelperName, Path: p, Args: layoutArgs}, nil
	}
	nf := &NotFoundError{}
	var hf *helperbin.NotFoundError
	if errors.As(err, &hf) {
		nf.Dirs = hf.Dirs
	}
	if l.LookPath != nil {
		if p, err := l.LookPath(DotName); err == nil {
			return &Engine{Name: DotName, Path: p, Args: layoutArgs}, nil
		}
	}
	return nil, nf
}

// NotFoundError says that no layout engine was found, where journey looked,
// and how to get one.
type NotFoundError struct {
	Dirs []string // folders searched for the helper before PATH
}

// Error explains where journey looked and how to get an engine.
func (e *NotFoundError) Error() string {
	where := "on PATH"
	if len(e.Dirs) > 0 {
		where = "in " + strings.Join(e.Dirs, " and ") + " or on PATH"
	}
	return fmt.Sprintf("the graph view needs a layout engine: found neither %s (looked %s) nor Graphviz's %s (on PATH). "+
		"Either put %s next to journey (it ships in the same release archive; or: go install github.com/journey-cx/journey/cmd/%s@latest), "+
		"or install Graphviz (apt install graphviz, brew install graphviz, choco install graphviz; https://graphviz.org/download/)",
		HelperName, where, DotName, HelperName, HelperName)
}

// Is makes errors.Is(err, ErrNoEngine) true.
func (e *NotFoundError) Is(target error) bool { return target == ErrNoEngine }

// maxStderr is how much of an engine's error output is kept for the message.
const maxStderr = 4 << 10

// Layout runs the engine on dot and reads the layout it writes.
func (e *Engine) Layout(ctx context.Context, dot []byte) (*Layout, error) {
	cmd := exec.CommandContext(ctx, e.Path, e.Args...)
	cmd.Stdin = bytes.NewReader(dot)
	var out bytes.Buffer
	errOut := &helperbin.LimitedBuffer{Max: maxStderr}
	cmd.Stdout, cmd.Stderr = &out, errOut
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("graph layout with %s: %w", e.Name, ctx.Err())
		}
		msg := strings.TrimSpace(errOut.String())
		if msg == "" {
			return nil, fmt.Errorf("graph layout with %s (%s) failed: %w", e.Name, e.Path, err)
		}
		return nil, fmt.Errorf("graph layout with %s (%s) failed: %w: %s", e.Name, e.Path, err, msg)
	}
	l, err := ParseLayout(out.Bytes())
	if err != nil {
		return nil, fmt.Errorf("graph layout with %s (%s): %w", e.Name, e.Path, err)
	}
	return l, nil
}
