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
	"regexp"
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
	version string // journey's, for the reinstall hint
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
//
// journey-graphviz must be of journey's own build: asked its version
// (-V), it must answer loc.Version, or Find returns the
// *helperbin.HandshakeError that names it, both versions and how to
// reinstall (and does not fall back to dot: the installation is broken).
func Find(loc helperbin.Locator) (*Engine, error) {
	p, err := loc.Find(HelperName)
	if err == nil {
		if err := helperbin.Handshake(context.Background(), HelperName, p, loc.Version, 0); err != nil {
			return nil, err
		}
		e := newEngine(HelperName, p)
		e.version = loc.Version
		return e, nil
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
	if err == nil {
		err = covers(l, dot)
	}
	if err != nil {
		hint := "check the Graphviz installation (dot -V)"
		if e.Program == HelperName {
			hint = helperbin.Reinstall(e.version)
		}
		return nil, fmt.Errorf("graph layout with %s (%s): %w: the program is broken or not the one journey expects, nothing written; %s", e.Program, e.Path, err, hint)
	}
	return l, nil
}

// covers reports whether layout l places every node the DOT graph
// declares, as render/graph writes them: one statement per line, the
// node's id (quoted or not) then its attributes.
func covers(l *graph.Layout, dot []byte) error {
	missing, total := "", 0
	for _, line := range strings.Split(string(dot), "\n") {
		m := nodeRe.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil || m[2] == "graph" || m[2] == "node" || m[2] == "edge" {
			continue
		}
		id := m[2]
		if m[1] != "" {
			id = strings.ReplaceAll(m[1], `\"`, `"`)
		}
		total++
		if _, ok := l.Nodes[id]; !ok && missing == "" {
			missing = id
		}
	}
	if missing != "" {
		return fmt.Errorf("the layout lacks node %q (of %d in the graph, it places %d)", missing, total, len(l.Nodes))
	}
	return nil
}

// nodeRe is a node statement: "id" [ or id [.
var nodeRe = regexp.MustCompile(`^(?:"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*))\s*\[`)
