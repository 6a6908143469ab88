package graph

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/render"
)

// The layout programs the tests run; the command line's engine, which runs
// them for journey, is internal/graphhelper's.
const (
	helperName = "journey-graphviz"
	dotName    = "dot"
)

// layoutArgs ask both programs for the json0 layout.
var layoutArgs = []string{"-Tjson0"}

// execEngine runs a layout program: journey-graphviz built for the tests,
// or Graphviz's dot. It is the tests' own, so this package runs no program
// outside them.
type execEngine struct{ name, path string }

func (e *execEngine) Name() string { return e.name }

func (e *execEngine) Layout(ctx context.Context, dot []byte) (*Layout, error) {
	cmd := exec.CommandContext(ctx, e.path, layoutArgs...)
	cmd.Stdin = bytes.NewReader(dot)
	var errOut strings.Builder
	cmd.Stderr = &errOut
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s failed: %w: %s", e.name, err, errOut.String())
	}
	return ParseLayout(out)
}

// fakeEngine returns layout (or err) whatever the graph, and counts its
// calls and the graphs it got.
type fakeEngine struct {
	layout *Layout
	err    error
	calls  atomic.Int32

	mu   sync.Mutex
	dots []string
}

func (e *fakeEngine) Name() string { return "fake" }

func (e *fakeEngine) Layout(_ context.Context, dot []byte) (*Layout, error) {
	e.calls.Add(1)
	e.mu.Lock()
	e.dots = append(e.dots, string(dot))
	e.mu.Unlock()
	if e.err != nil {
		return nil, e.err
	}
	return e.layout, nil
}

// TestJobKeepsLayout renders one map in every format with one job: the
// engine runs once, and the drawing is the one a fresh job makes. Another
// map, or another job, lays out again.
func TestJobKeepsLayout(t *testing.T) {
	t.Parallel()
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	fx := sceneFixtures[0]
	in := &render.Input{Map: maptest.Load(t, fx.Path)}
	g, err := build(in, fonts)
	if err != nil {
		t.Fatal(err)
	}
	eng := &fakeEngine{layout: storedLayout(t, fx.Name, g)}
	job := NewJob(eng)
	first := map[string][]byte{}
	for _, format := range Formats {
		var out bytes.Buffer
		if err := job.Render(context.Background(), in, format, &out); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		first[format] = out.Bytes()
	}
	if n := eng.calls.Load(); n != 1 {
		t.Fatalf("%d layouts for %d formats of one map, want 1", n, len(Formats))
	}
	var again bytes.Buffer
	if err := NewJob(eng).Render(context.Background(), in, "svg", &again); err != nil {
		t.Fatal(err)
	}
	if n := eng.calls.Load(); n != 2 {
		t.Errorf("a new job ran the engine %d times in all, want 2", n)
	}
	if !bytes.Equal(again.Bytes(), first["svg"]) {
		t.Error("the SVG from the kept layout differs from a fresh job's")
	}
	// Another graph (here the same map in other colours) is laid out
	// again, even by the same job.
	other := &render.Input{Map: in.Map, Theme: render.Print}
	var a, b bytes.Buffer
	if err := g.writeDOT(&a, theme(in), true); err != nil {
		t.Fatal(err)
	}
	if err := g.writeDOT(&b, theme(other), true); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the print theme writes the same DOT: the test needs another graph")
	}
	if err := job.Render(context.Background(), other, "svg", io.Discard); err != nil {
		t.Fatal(err)
	}
	if n := eng.calls.Load(); n != 3 {
		t.Errorf("another graph with the same job: %d layouts in all, want 3", n)
	}
	eng.mu.Lock()
	defer eng.mu.Unlock()
	if len(eng.dots) != 3 || eng.dots[0] != a.String() || eng.dots[2] != b.String() {
		t.Error("the engine did not get the graphs as written")
	}
}
