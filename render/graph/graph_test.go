package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/internal/mapgen"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
)

var fixtures = []struct{ name, path string }{
	{"seguro-hogar", "../../examples/seguro-hogar.journey.yaml"},
	{"saas-onboarding", "../../examples/saas-onboarding.journey.yaml"},
	{"telecom-support", "../../examples/telecom-support.journey.yaml"},
	{"hostile", "../mermaid/testdata/hostile.journey.yaml"},
}

func load(t testing.TB, path string) *journey.Map {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := journey.Load(filepath.Base(path), data, journey.Options{})
	if diags.HasErrors() {
		t.Fatalf("%s: %v", path, diags)
	}
	return m
}

// helper builds cmd/journey-graphviz once into a temporary folder.
var helper = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "journey-graphviz-test-")
	if err != nil {
		return "", err
	}
	exe := filepath.Join(dir, HelperName)
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", exe, "github.com/journey-cx/journey/cmd/journey-graphviz").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("building the helper: %v\n%s", err, out)
	}
	return exe, nil
})

func helperEngine(t testing.TB) *Engine {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the layout helper")
	}
	exe, err := helper()
	if err != nil {
		t.Fatal(err)
	}
	return &Engine{Name: HelperName, Path: exe, Args: layoutArgs}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if exe, err := helper(); err == nil && exe != "" {
		_ = os.RemoveAll(filepath.Dir(exe))
	}
	os.Exit(code)
}

func TestWriteDOTGolden(t *testing.T) {
	t.Parallel()
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			in := &render.Input{Map: load(t, fx.path)}
			var a, b bytes.Buffer
			if err := WriteDOT(&a, in); err != nil {
				t.Fatal(err)
			}
			if err := WriteDOT(&b, in); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("two writes of the same map differ")
			}
			golden.Assert(t, "testdata/"+fx.name+".dot.golden", a.Bytes())
		})
	}
}

func TestQuote(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, id, label string }{
		{"plain", `"plain"`, `"plain"`},
		{`say "hi"`, `"say \"hi\""`, `"say \"hi\""`},
		{`back\slash`, `"back\\slash"`, `"back\\slash"`},
		{`ends with \`, `"ends with \\"`, `"ends with \\"`},
		{`\N \G \l`, `"\\N \\G \\l"`, `"\\N \\G \\l"`},
		{"two\nlines\r\n", `"two lines  "`, `"two\nlines\n"`},
		{"tab\there", `"tab here"`, `"tab here"`},
		{"<b>&amp;</b> ñ", `"<b>&amp;</b> ñ"`, `"<b>&amp;</b> ñ"`},
		{"} digraph { a -> b", `"} digraph { a -> b"`, `"} digraph { a -> b"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := quote(tt.in); got != tt.id {
				t.Errorf("quote(%q) = %s, want %s", tt.in, got, tt.id)
			}
			if got := quoteLabel(tt.in); got != tt.label {
				t.Errorf("quoteLabel(%q) = %s, want %s", tt.in, got, tt.label)
			}
		})
	}
}

// TestDOTParsesBack lays out the hostile map's DOT with the helper (and with
// Graphviz's dot when installed) and checks every node and label came
// through intact: the escaping holds for a real DOT parser.
func TestDOTParsesBack(t *testing.T) {
	t.Parallel()
	engines := []*Engine{helperEngine(t)}
	if p, err := exec.LookPath(DotName); err == nil {
		engines = append(engines, &Engine{Name: DotName, Path: p, Args: layoutArgs})
	}
	m := load(t, fixtures[3].path)
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	fontsMu.Lock()
	g, err := build(&render.Input{Map: m}, fonts)
	fontsMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	var dot bytes.Buffer
	if err := g.writeDOT(&dot, render.Default, false); err != nil {
		t.Fatal(err)
	}
	for _, eng := range engines {
		t.Run(eng.Name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(eng.Path, "-Tjson0")
			cmd.Stdin = bytes.NewReader(dot.Bytes())
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("%s: %v", eng.Name, err)
			}
			labels, err := jsonLabels(out)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range g.nodes {
				want := n.label()
				// Graphviz keeps the escString as written: \\ for a backslash,
				// \n for a line break.
				want = strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(want)
				if got, ok := labels[n.id]; !ok {
					t.Errorf("node %q missing from the layout", n.id)
				} else if got != want {
					t.Errorf("node %q label %q, want %q", n.id, got, want)
				}
			}
		})
	}
}

func TestLocator(t *testing.T) {
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
		loc      Locator
		wantName string
		wantPath string
	}{
		{"helper next to journey", Locator{Executable: exe("/opt/j/journey"), LookPath: path(map[string]string{"dot": "/usr/bin/dot"}), Stat: stat(fsys{"/opt/j/journey-graphviz": true})}, HelperName, "/opt/j/journey-graphviz"},
		{"helper next to journey on windows", Locator{Executable: exe("/opt/j/journey.exe"), LookPath: notFound, Stat: stat(fsys{"/opt/j/journey-graphviz.exe": true}), GOOS: "windows"}, HelperName, "/opt/j/journey-graphviz.exe"},
		{"helper on PATH before dot", Locator{Executable: exe("/opt/j/journey"), LookPath: path(map[string]string{"journey-graphviz": "/usr/local/bin/journey-graphviz", "dot": "/usr/bin/dot"}), Stat: stat(fsys{})}, HelperName, "/usr/local/bin/journey-graphviz"},
		{"dot as the fallback", Locator{Executable: exe("/opt/j/journey"), LookPath: path(map[string]string{"dot": "/usr/bin/dot"}), Stat: stat(fsys{})}, DotName, "/usr/bin/dot"},
		{"executable unknown", Locator{Executable: func() (string, error) { return "", errors.New("no") }, LookPath: path(map[string]string{"dot": "/usr/bin/dot"})}, DotName, "/usr/bin/dot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			eng, err := tt.loc.Find()
			if err != nil {
				t.Fatal(err)
			}
			if eng.Name != tt.wantName || filepath.ToSlash(eng.Path) != tt.wantPath {
				t.Errorf("Find() = %s at %s, want %s at %s", eng.Name, eng.Path, tt.wantName, tt.wantPath)
			}
			if strings.Join(eng.Args, " ") != "-Tjson0" {
				t.Errorf("args %q, want -Tjson0", eng.Args)
			}
		})
	}
	t.Run("none", func(t *testing.T) {
		t.Parallel()
		_, err := Locator{Executable: exe("/opt/j/journey"), LookPath: notFound, Stat: stat(fsys{})}.Find()
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
}

// jsonLabels returns the label of every node in a json0 layout, as written.
func jsonLabels(data []byte) (map[string]string, error) {
	var g struct {
		Objects []struct {
			Name  string `json:"name"`
			Label string `json:"label"`
			Pos   string `json:"pos"`
		} `json:"objects"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, o := range g.Objects {
		if o.Pos != "" {
			out[o.Name] = o.Label
		}
	}
	return out, nil
}

// TestFindBuiltHelper finds the helper built into a temporary folder as if
// journey ran from that folder, and renders with it.
func TestFindBuiltHelper(t *testing.T) {
	t.Parallel()
	exe := helperEngine(t).Path
	loc := Locator{
		Executable: func() (string, error) { return filepath.Join(filepath.Dir(exe), "journey"), nil },
		LookPath:   func(string) (string, error) { return "", exec.ErrNotFound },
		Stat:       os.Stat,
		GOOS:       runtime.GOOS,
	}
	eng, err := loc.Find()
	if err != nil {
		t.Fatal(err)
	}
	if eng.Path != exe || eng.Name != HelperName {
		t.Fatalf("Find() = %s at %s, want the helper at %s", eng.Name, eng.Path, exe)
	}
	var out bytes.Buffer
	if err := RenderWith(context.Background(), eng, &render.Input{Map: load(t, fixtures[1].path), Theme: render.Print}, "png", &out); err != nil {
		t.Fatal(err)
	}
}

type fakeInfo struct{ fs.FileInfo }

func (fakeInfo) IsDir() bool { return false }

func TestRender(t *testing.T) {
	t.Parallel()
	eng := helperEngine(t)
	for _, fx := range fixtures {
		for _, format := range Formats {
			t.Run(fx.name+"/"+format, func(t *testing.T) {
				t.Parallel()
				in := &render.Input{Map: load(t, fx.path), Theme: render.Default}
				var out bytes.Buffer
				if err := RenderWith(context.Background(), eng, in, format, &out); err != nil {
					t.Fatal(err)
				}
				b := out.Bytes()
				switch format {
				case "svg":
					if !bytes.HasPrefix(b, []byte("<svg")) || !bytes.HasSuffix(b, []byte("</svg>")) {
						t.Errorf("not an SVG document: %.60q", b)
					}
					if bytes.Contains(b, []byte("<script")) || bytes.Contains(b, []byte("<img")) {
						t.Error("user markup reached the SVG unescaped")
					}
				case "pdf":
					if !bytes.HasPrefix(b, []byte("%PDF-")) {
						t.Errorf("not a PDF: %.20q", b)
					}
				case "png":
					img, err := png.Decode(bytes.NewReader(b))
					if err != nil {
						t.Fatal(err)
					}
					if r := img.Bounds(); r.Dx() < 100 || r.Dy() < 100 || r.Dx()*r.Dy() > maxPNGPix*1.01 {
						t.Errorf("PNG of %v", r)
					}
					if _, _, _, a := img.At(1, 1).RGBA(); a != 0xffff {
						t.Error("PNG background is not opaque")
					}
				}
				if os.Getenv("JOURNEY_KEEP_RENDERS") != "" {
					_ = os.WriteFile(filepath.Join(os.TempDir(), fx.name+"-graph."+format), b, 0o644)
				}
			})
		}
	}
}

func TestRenderWithDot(t *testing.T) {
	t.Parallel()
	p, err := exec.LookPath(DotName)
	if err != nil {
		t.Skip("Graphviz's dot is not installed")
	}
	in := &render.Input{Map: load(t, fixtures[0].path)}
	var out bytes.Buffer
	if err := RenderWith(context.Background(), &Engine{Name: DotName, Path: p, Args: layoutArgs}, in, "svg", &out); err != nil {
		t.Fatal(err)
	}
}

func TestRenderErrors(t *testing.T) {
	t.Parallel()
	in := &render.Input{Map: load(t, fixtures[0].path)}
	if err := RenderWith(context.Background(), &Engine{}, in, "gif", &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "unknown format") {
		t.Errorf("format gif: error %v, want unknown format", err)
	}
	failing := &Engine{Name: "false", Path: os.Args[0], Args: []string{"-test.run=^$", "-no-such-flag"}}
	if err := RenderWith(context.Background(), failing, in, "svg", &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "failed") {
		t.Errorf("failing engine: error %v, want a failure", err)
	}
	if err := RenderWith(context.Background(), &Engine{}, &render.Input{}, "svg", &bytes.Buffer{}); err == nil {
		t.Error("no map: want an error")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	time.Sleep(time.Millisecond)
	if err := RenderWith(ctx, helperEngine(t), in, "svg", &bytes.Buffer{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("expired context: error %v, want deadline exceeded", err)
	}
}

func TestParseLayout(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{``, `{}`, `{"bb":"0,0,1,1","objects":[{"_gvid":0,"name":"a","pos":"x"}]}`,
		`{"bb":"0,0,1,1","objects":[],"edges":[{"_gvid":0,"tail":0,"head":1}]}`} {
		if _, err := ParseLayout([]byte(bad)); err == nil {
			t.Errorf("ParseLayout(%q): want an error", bad)
		}
	}
}

func TestWrap(t *testing.T) {
	t.Parallel()
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	long := "Ñandú " + strings.Repeat("x", 2000) + " fin"
	fontsMu.Lock()
	defer fontsMu.Unlock()
	lines := wrap(fonts.name, long, textWidth, nameLines)
	if len(lines) != nameLines || !strings.HasSuffix(lines[nameLines-1], "…") {
		t.Errorf("wrap(2,000 characters) = %q, want %d lines ending in …", lines, nameLines)
	}
	for _, l := range lines {
		if w := fonts.name.TextWidth(l); w > textWidth {
			t.Errorf("line %q is %.1f mm wide, over %v", l, w, textWidth)
		}
	}
	if got := wrap(fonts.name, "Pago", textWidth, nameLines); len(got) != 1 || got[0] != "Pago" {
		t.Errorf("wrap(short) = %q", got)
	}
}

// BenchmarkLayout200 times the layout of a 200-touchpoint map with the
// helper: process start, WASM load and layout together.
func BenchmarkLayout200(b *testing.B) {
	eng := helperEngine(b)
	m, diags := journey.Load("gen.journey.yaml", mapgen.Map(1, 200), journey.Options{})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	fonts, err := loadFonts()
	if err != nil {
		b.Fatal(err)
	}
	g, err := build(&render.Input{Map: m}, fonts)
	if err != nil {
		b.Fatal(err)
	}
	var dot bytes.Buffer
	if err := g.writeDOT(&dot, render.Default, true); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := eng.Layout(context.Background(), dot.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender200 times the graph view of a 200-touchpoint map to PNG and
// SVG: the drawing, since the layout is cached after the first run (see
// BenchmarkLayout200 for the layout).
func BenchmarkRender200(b *testing.B) {
	eng := helperEngine(b)
	m, diags := journey.Load("gen.journey.yaml", mapgen.Map(1, 200), journey.Options{})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	for _, format := range []string{"svg", "png"} {
		b.Run(format, func(b *testing.B) {
			var out bytes.Buffer
			for b.Loop() {
				out.Reset()
				if err := RenderWith(context.Background(), eng, &render.Input{Map: m}, format, &out); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(out.Len()), "bytes")
		})
	}
}
