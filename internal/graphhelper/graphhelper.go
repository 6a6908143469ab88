// Package graphhelper is how journey lays out the graph view (`journey
// render --view graph`) without linking Graphviz: it runs a layout program,
// the journey-graphviz helper (cmd/journey-graphviz, which embeds Graphviz
// compiled to WebAssembly and pays a compile in every process that links
// it) or Graphviz's own dot, and implements render/graph's Engine with it.
//
// The program gets the DOT graph on standard input and writes the layout as
// json0 on standard output, which render/graph reads (graph.ParseLayout).
//
// This package links no Graphviz code: journey imports it.
package graphhelper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"github.com/journey-cx/journey/internal/helperbin"
	"github.com/journey-cx/journey/render/graph"
)

// HelperName is the layout helper's program name (plus .exe on Windows).
const HelperName = "journey-graphviz"

// DotName is Graphviz's own layout program.
const DotName = "dot"

// layoutArgs are the arguments both programs take: DOT on stdin, the layout
// as json0 on stdout.
var layoutArgs = []string{"-Tjson0"}

// ErrNoEngine is matched (errors.Is) by the error Find returns when neither
// the helper nor Graphviz is there.
var ErrNoEngine = errors.New("no graph layout engine")

// Engine is a program that lays out a DOT graph: a graph.Engine.
type Engine struct {
	Program string // HelperName or DotName
	Path    string
	Args    []string
}

var _ graph.Engine = (*Engine)(nil)

// newEngine returns the engine that runs program (HelperName or DotName) at
// path with the layout arguments both take.
func newEngine(program, path string) *Engine {
	return &Engine{Program: program, Path: path, Args: layoutArgs}
}

// Find returns the layout engine loc finds, in this order: journey-graphviz
// in the folder of the running executable (or of the file it links to),
// then journey-graphviz on PATH, then Graphviz's dot on PATH. When there is
// none it returns a *NotFoundError, which explains how to get one.
func Find(loc helperbin.Locator) (*Engine, error) {
	p, err := loc.Find(HelperName)
	if err == nil {
		return newEngine(HelperName, p), nil
	}
	nf := &NotFoundError{}
	var hf *helperbin.NotFoundError
	if errors.As(err, &hf) {
		nf.Dirs = hf.Dirs
	}
	if loc.LookPath != nil {
		if p, err := loc.LookPath(DotName); err == nil {
			return newEngine(DotName, p), nil
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

// Name is the program's name, for messages.
func (e *Engine) Name() string { return e.Program }

// Layout runs the program on dot and reads the layout it writes.
func (e *Engine) Layout(ctx context.Context, dot []byte) (*graph.Layout, error) {
	cmd := exec.CommandContext(ctx, e.Path, e.Args...)
	cmd.Stdin = bytes.NewReader(dot)
	var out bytes.Buffer
	errOut := &helperbin.LimitedBuffer{Max: maxStderr}
	cmd.Stdout, cmd.Stderr = &out, errOut
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("graph layout with %s: %w", e.Program, ctx.Err())
		}
		msg := strings.TrimSpace(errOut.String())
		if msg == "" {
			return nil, fmt.Errorf("graph layout with %s (%s) failed: %w", e.Program, e.Path, err)
		}
		return nil, fmt.Errorf("graph layout with %s (%s) failed: %w: %s", e.Program, e.Path, err, msg)
	}
	l, err := graph.ParseLayout(out.Bytes())
	if err != nil {
		return nil, fmt.Errorf("graph layout with %s (%s): %w", e.Program, e.Path, err)
	}
	return l, nil
}
