package graphhelper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/journey-cx/journey/internal/helperbin"
	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/graph"
)

// TestMain lets the test binary stand in for a layout program:
// JOURNEY_GRAPHVIZ_FAKE says what it does (see fake).
func TestMain(m *testing.M) {
	if mode := os.Getenv("JOURNEY_GRAPHVIZ_FAKE"); mode != "" {
		os.Exit(fake(mode))
	}
	os.Exit(m.Run())
}

func fake(mode string) int {
	switch mode {
	case "layout": // a layout of one node, whatever the graph
		fmt.Print(`{"bb":"0,0,54,36","objects":[{"_gvid":0,"name":"a","pos":"27,18","width":"0.75","height":"0.5"}],"edges":[]}`)
		return 0
	case "fail":
		fmt.Fprintln(os.Stderr, "Error: <stdin>: syntax error in line 1")
		return 1
	case "flood": // more error output than is kept
		fmt.Fprint(os.Stderr, strings.Repeat("x", 4*maxStderr))
		return 1
	case "silent":
		return 3
	case "garbage":
		fmt.Print("not a layout")
		return 0
	case "hang":
		time.Sleep(time.Minute)
	}
	return 2
}

// fakeEngine returns an engine that runs this test binary as mode.
func fakeEngine(t *testing.T, mode string) *Engine {
	t.Helper()
	t.Setenv("JOURNEY_GRAPHVIZ_FAKE", mode)
	return &Engine{Program: "fake-" + mode, Path: os.Args[0], Args: layoutArgs}
}

// TestLayout runs the engine on stand-ins of journey-graphviz: the layout it
// writes is read, and a failure says which program failed and why.
func TestLayout(t *testing.T) {
	// Not parallel: fakeEngine sets the environment.
	ctx := context.Background()
	l, err := fakeEngine(t, "layout").Layout(ctx, []byte("digraph { a }"))
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := l.Nodes["a"]; !ok || n.W != 54 || n.H != 36 {
		t.Errorf("layout %+v, want node a of 54 x 36", l)
	}
	tests := []struct{ mode, want string }{
		{"fail", "graph layout with fake-fail (" + os.Args[0] + ") failed: exit status 1: Error: <stdin>: syntax error in line 1"},
		{"silent", "graph layout with fake-silent (" + os.Args[0] + ") failed: exit status 3"},
		{"garbage", "graph layout with fake-garbage (" + os.Args[0] + "): reading the layout:"},
	}
	for _, tt := range tests {
		_, err := fakeEngine(t, tt.mode).Layout(ctx, []byte("digraph {"))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.mode, err, tt.want)
		}
	}
	_, err = fakeEngine(t, "flood").Layout(ctx, nil)
	if err == nil || len(err.Error()) > maxStderr+200 {
		t.Errorf("flood: error of %d bytes, want at most the %d kept", len(fmt.Sprint(err)), maxStderr)
	}
	tctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if _, err := fakeEngine(t, "hang").Layout(tctx, nil); !errors.Is(err, context.DeadlineExceeded) ||
		!strings.HasPrefix(err.Error(), "graph layout with fake-hang: ") {
		t.Errorf("hang: error %v, want the deadline", err)
	}
}

// TestLayoutCoversEveryNode: a layout that misses a node the graph
// declares (quoted, as the map's graph writes ids, or bare, as the process
// view does) is refused, naming the node and the program.
func TestLayoutCoversEveryNode(t *testing.T) {
	// Not parallel: fakeEngine sets the environment.
	ctx := context.Background()
	for _, tt := range []struct{ dot, missing string }{
		{"digraph {\n\tgraph [rankdir=LR];\n\tnode [shape=box];\n\t\"a\" [label=\"A\"];\n\t\"a\" -> \"b\" [style=dashed];\n}\n", ""},
		{"digraph {\n\tsubgraph \"cluster_0\" {\n\t\t\"a\" [label=\"A\"];\n\t\t\"b-2\" [label=\"B\"];\n\t}\n}\n", "b-2"},
		{"digraph process {\n\ta [width=1];\n\tn1 [width=1];\n\ta -> n1 [weight=2];\n}\n", "n1"},
		{"digraph {\n\t\"say \\\"hi\\\"\" [label=x];\n}\n", `say \"hi\"`},
	} {
		_, err := fakeEngine(t, "layout").Layout(ctx, []byte(tt.dot))
		if tt.missing == "" {
			if err != nil {
				t.Errorf("%q: %v", tt.dot, err)
			}
			continue
		}
		want := fmt.Sprintf("graph layout with fake-layout (%s): the layout lacks node %q", os.Args[0], strings.ReplaceAll(tt.missing, `\"`, `"`))
		if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "nothing written") {
			t.Errorf("%q: error %v, want %q", tt.dot, err, want)
		}
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	type fsys map[string]bool
	notFound := func(string) (string, error) { return "", exec.ErrNotFound }
	stat := func(files fsys) func(string) (fs.FileInfo, error) {
		return func(p string) (fs.FileInfo, error) {
			if files[filepath.ToSlash(p)] {
				return fakeInfo{}, nil
			}
			return nil, fs.ErrNotExist
		}
	}
	exe := func(p string) func() (string, error) { return func() (string, error) { return p, nil } }
	path := func(m map[string]string) func(string) (string, error) {
		return func(f string) (string, error) {
			if p, ok := m[f]; ok {
				return p, nil
			}
			return "", exec.ErrNotFound
		}
	}
	tests := []struct {
		name     string
		loc      helperbin.Locator
		wantName string
		wantPath string
	}{
		{"helper next to journey", helperbin.Locator{Executable: exe("/opt/j/journey"), LookPath: path(map[string]string{"dot": "/usr/bin/dot"}), Stat: stat(fsys{"/opt/j/journey-graphviz": true})}, HelperName, "/opt/j/journey-graphviz"},
		{"helper next to journey on windows", helperbin.Locator{Executable: exe("/opt/j/journey.exe"), LookPath: notFound, Stat: stat(fsys{"/opt/j/journey-graphviz.exe": true}), GOOS: "windows"}, HelperName, "/opt/j/journey-graphviz.exe"},
		{"helper on PATH before dot", helperbin.Locator{Executable: exe("/opt/j/journey"), LookPath: path(map[string]string{"journey-graphviz": "/usr/local/bin/journey-graphviz", "dot": "/usr/bin/dot"}), Stat: stat(fsys{})}, HelperName, "/usr/local/bin/journey-graphviz"},
		{"dot as the fallback", helperbin.Locator{Executable: exe("/opt/j/journey"), LookPath: path(map[string]string{"dot": "/usr/bin/dot"}), Stat: stat(fsys{})}, DotName, "/usr/bin/dot"},
		{"executable unknown", helperbin.Locator{Executable: func() (string, error) { return "", errors.New("no") }, LookPath: path(map[string]string{"dot": "/usr/bin/dot"})}, DotName, "/usr/bin/dot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			eng, err := Find(tt.loc)
			if err != nil {
				t.Fatal(err)
			}
			if eng.Name() != tt.wantName || filepath.ToSlash(eng.Path) != tt.wantPath {
				t.Errorf("Find() = %s at %s, want %s at %s", eng.Name(), eng.Path, tt.wantName, tt.wantPath)
			}
			if strings.Join(eng.Args, " ") != "-Tjson0" {
				t.Errorf("args %q, want -Tjson0", eng.Args)
			}
		})
	}
	t.Run("none", func(t *testing.T) {
		t.Parallel()
		_, err := Find(helperbin.Locator{Executable: exe("/opt/j/journey"), LookPath: notFound, Stat: stat(fsys{})})
		if !errors.Is(err, ErrNoEngine) {
			t.Fatalf("Find() error %v, want ErrNoEngine", err)
		}
		msg := err.Error()
		for _, want := range []string{"journey-graphviz", "/opt/j", "Graphviz", "go install", "apt install graphviz"} {
			if !strings.Contains(msg, want) {
				t.Errorf("message %q lacks %q", msg, want)
			}
		}
	})
	t.Run("zero locator", func(t *testing.T) {
		t.Parallel()
		if _, err := Find(helperbin.Locator{}); !errors.Is(err, ErrNoEngine) || !strings.Contains(err.Error(), "(looked on PATH)") {
			t.Errorf("Find() error %v, want ErrNoEngine", err)
		}
	})
}

type fakeInfo struct{ fs.FileInfo }

func (fakeInfo) IsDir() bool { return false }

// TestFindBuiltHelper builds journey-graphviz into a temporary folder, finds
// it as if journey ran from that folder, and draws a map with it.
func TestFindBuiltHelper(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds and runs the layout helper")
	}
	dir := t.TempDir()
	exe := filepath.Join(dir, HelperName)
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", exe, "github.com/journey-cx/journey/cmd/journey-graphviz").CombinedOutput()
	if err != nil {
		t.Fatalf("building the helper: %v\n%s", err, out)
	}
	loc := helperbin.Locator{
		Executable: func() (string, error) { return filepath.Join(dir, "journey"), nil },
		LookPath:   func(string) (string, error) { return "", exec.ErrNotFound },
		Stat:       os.Stat,
		GOOS:       runtime.GOOS,
	}
	eng, err := Find(loc)
	if err != nil {
		t.Fatal(err)
	}
	if eng.Path != exe || eng.Name() != HelperName {
		t.Fatalf("Find() = %s at %s, want the helper at %s", eng.Name(), eng.Path, exe)
	}
	var img bytes.Buffer
	in := &render.Input{Map: maptest.Load(t, maptest.Fixtures[1].Path), Theme: render.Print}
	if err := graph.NewJob(eng).Render(context.Background(), in, "png", &img); err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(&img); err != nil {
		t.Errorf("not a PNG: %v", err)
	}
}

// TestDot draws a map with Graphviz's dot, when it is installed.
func TestDot(t *testing.T) {
	t.Parallel()
	eng, err := Find(helperbin.Locator{LookPath: exec.LookPath})
	if err != nil || eng.Name() != DotName {
		t.Skipf("Graphviz's dot is not installed (%v)", err)
	}
	var svg bytes.Buffer
	in := &render.Input{Map: maptest.Load(t, maptest.Fixtures[0].Path)}
	if err := graph.NewJob(eng).Render(context.Background(), in, "svg", &svg); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg.Bytes(), []byte("<svg")) {
		t.Errorf("not an SVG: %.60q", svg.Bytes())
	}
}
