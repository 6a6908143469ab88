package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/graphhelper"
	"github.com/journey-cx/journey/internal/mapgen"
	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/project"
	"github.com/journey-cx/journey/render"
)

const smallMap = "../../render/testdata/small.journey.yaml"

func TestRenderOutputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	names := []string{"m.svg", "m.pdf", "m.png", "m.xlsx", "m.mmd", "m.dot"}
	args := []string{"render", smallMap}
	for _, n := range names {
		args = append(args, "-o", filepath.Join(dir, n))
	}
	out, errOut, code := run(t, args...)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	if out != "" {
		t.Errorf("stdout should be empty, got %q", out)
	}
	magic := map[string]string{".svg": "<?xml", ".pdf": "%PDF-", ".png": "\x89PNG", ".xlsx": "PK", ".mmd": "journey", ".dot": "digraph"}
	for _, n := range names {
		p := filepath.Join(dir, n)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		if want := magic[filepath.Ext(n)]; !bytes.HasPrefix(bytes.TrimSpace(data), []byte(want)) && !bytes.Contains(data[:min(len(data), 400)], []byte(want)) {
			t.Errorf("%s does not start like a %s file: %q", n, filepath.Ext(n), data[:min(len(data), 20)])
		}
		if !strings.Contains(errOut, "wrote "+p) {
			t.Errorf("stderr does not report %s:\n%s", p, errOut)
		}
	}
	// Nothing else in the folder: no temporary file left behind.
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(names) {
		t.Errorf("%d files in the output folder, want %d", len(entries), len(names))
	}
}

func TestRenderStdout(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		args   []string
		prefix string
	}{
		{"svg by default", []string{"render", smallMap, "-o", "-"}, "<?xml"},
		{"mermaid", []string{"render", smallMap, "-o", "-", "--format", "mermaid"}, ""},
		{"dot", []string{"render", smallMap, "-f", "dot", "-o", "-"}, "digraph"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := run(t, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d; stderr:\n%s", code, errOut)
			}
			if !strings.HasPrefix(out, tt.prefix) || out == "" {
				t.Errorf("stdout starts %q, want %q", out[:min(len(out), 40)], tt.prefix)
			}
			// Mermaid's warnings (a persona mean) are for the user; the
			// "wrote" line is not, with -o -.
			if errOut != "" && (tt.name != "mermaid" || strings.Contains(errOut, "wrote")) {
				t.Errorf("stderr should hold no progress with -o -, got %q", errOut)
			}
		})
	}
}

func TestRenderOutDir(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "dist")
	_, errOut, code := run(t, "render", "../../examples", "--out-dir", dir, "--format", "pdf,svg", "--theme", "print", "--paper", "A4")
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	maps, _ := filepath.Glob("../../examples/*.journey.yaml")
	for _, m := range maps {
		base := strings.TrimSuffix(filepath.Base(m), ".journey.yaml")
		for _, ext := range []string{".pdf", ".svg"} {
			if st, err := os.Stat(filepath.Join(dir, base+ext)); err != nil || st.Size() == 0 {
				t.Errorf("%s%s not written: %v", base, ext, err)
			}
		}
	}
}

func TestRenderInvalidMap(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	outFile := filepath.Join(dir, "bad.svg")
	out, errOut, code := run(t, "render", "testdata/validate/mixed.journey.yaml", "-o", outFile)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, errOut)
	}
	if out != "" {
		t.Errorf("stdout should be empty, got %q", out)
	}
	// The validation errors, printed as validate prints them.
	want, _, _ := run(t, "validate", "testdata/validate/mixed.journey.yaml")
	if !strings.Contains(errOut, strings.TrimSpace(want)) {
		t.Errorf("stderr does not hold validate's report:\n%s\nwant:\n%s", errOut, want)
	}
	if _, err := os.Stat(outFile); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an invalid map was rendered to %s", outFile)
	}
}

func TestRenderUsage(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		args []string
		msg  string
	}{
		{"no map", []string{"render"}, "render needs a map"},
		{"unknown format", []string{"render", smallMap, "-f", "docx", "-o", "x.docx"}, `unknown format "docx"`},
		{"unknown extension", []string{"render", smallMap, "-o", "x.docx"}, "can't tell the format"},
		{"binary to stdout", []string{"render", smallMap, "-f", "pdf", "-o", "-"}, "pdf is binary"},
		{"two stdouts", []string{"render", smallMap, "-o", "-", "-o", "-"}, "more than once"},
		{"theme", []string{"render", smallMap, "--theme", "neon", "-o", "-"}, `unknown theme "neon"`},
		{"paper", []string{"render", smallMap, "--paper", "A0", "-o", "-"}, `unknown paper "A0"`},
		{"locale", []string{"render", smallMap, "--locale", "xx", "-o", "-"}, `no labels for locale "xx"`},
		{"view", []string{"render", smallMap, "--view", "3d", "-o", "-"}, `unknown view "3d"`},
		{"-o and --out-dir", []string{"render", smallMap, "-o", "a.svg", "--out-dir", "d"}, "don't go together"},
		{"-o with several maps", []string{"render", "../../examples", "-o", "x.svg"}, "-o renders one map"},
		{"-o and --format disagree", []string{"render", smallMap, "-o", "a.pdf", "--format", "svg"}, "-o a.pdf is named as pdf but --format asks for svg"},
		{"-o outside --format's list", []string{"render", smallMap, "-o", "a.svg", "-o", "a.png", "--format", "svg,pdf"}, "-o a.png is named as png"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, errOut, code := run(t, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr:\n%s", code, errOut)
			}
			if !strings.Contains(errOut, tt.msg) {
				t.Errorf("stderr %q does not say %q", errOut, tt.msg)
			}
			// A usage error writes nothing.
			for _, f := range []string{"x.svg", "x.docx", "a.svg", "a.pdf", "a.png"} {
				if _, err := os.Stat(f); err == nil {
					os.Remove(f)
					t.Errorf("%s was written before the usage error", f)
				}
			}
		})
	}
}

// TestWriteAtomic: a failed write leaves the previous file as it was and no
// temporary file; a good one replaces it whole.
func TestWriteAtomic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "map.svg")
	if err := os.WriteFile(p, []byte("previous"), 0o640); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := writeAtomic(context.Background(), p, func(w io.Writer) error {
		w.Write(bytes.Repeat([]byte("partial "), 100_000))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "previous" {
		t.Errorf("the previous file changed: %q", got[:min(len(got), 20)])
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files left in the folder, want only the previous one", len(entries))
	}
	if err := writeAtomic(context.Background(), p, func(w io.Writer) error {
		_, err := w.Write([]byte("new"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	if string(got) != "new" || st.Mode().Perm() != 0o640 {
		t.Errorf("after a good write: %q, mode %v; want \"new\", 0640 kept", got, st.Mode().Perm())
	}
	// A folder that does not exist: an error, nothing created.
	if err := writeAtomic(context.Background(), filepath.Join(dir, "nope", "x.svg"), func(w io.Writer) error { return nil }); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
}

func TestRenderReplacesAtomically(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "m.svg")
	if err := os.WriteFile(p, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	// An invalid map: not rendered, the previous file stays.
	if _, _, code := run(t, "render", "testdata/validate/mixed.journey.yaml", "-o", p); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if got, _ := os.ReadFile(p); string(got) != "previous" {
		t.Errorf("the previous file changed")
	}
	if _, _, code := run(t, "render", smallMap, "-o", p); code != 0 {
		t.Fatalf("exit %d, want 0", code)
	}
	if got, _ := os.ReadFile(p); !bytes.HasPrefix(got, []byte("<?xml")) {
		t.Errorf("the file was not replaced by the render")
	}
}

// TestRenderGraphView draws --view graph through the CLI, with the layout
// engine the command line finds (journey-graphviz or Graphviz's dot; CI
// installs dot).
func TestRenderGraphView(t *testing.T) {
	t.Parallel()
	if _, err := graphhelper.Find(testHelpers); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("no graph layout engine here: %v", err)
		}
		t.Fatalf("CI must have a graph layout engine: %v", err)
	}
	p := filepath.Join(t.TempDir(), "flow.svg")
	_, errOut, code := run(t, "render", "../../examples/saas-onboarding.journey.yaml", "--view", "graph", "-o", p)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<svg", "<title", "Ledgerly onboarding", "with Okta", "Support ticket"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("graph SVG lacks %q", want)
		}
	}
}

// TestRenderPNGPages: --pages writes one PNG per page of --paper, as the
// PDF cuts the map, and is refused where it has nothing to cut.
func TestRenderPNGPages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mapFile := filepath.Join(dir, "ancho.journey.yaml")
	if err := os.WriteFile(mapFile, mapgen.Map(3, 60), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "ancho.png")
	_, errOut, code := run(t, "render", mapFile, "-o", out, "--pages", "--paper", "A4")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "ancho-*.png"))
	if len(pages) < 2 || !strings.Contains(errOut, "wrote "+filepath.Join(dir, "ancho-1.png")) {
		t.Fatalf("--pages wrote %v; stderr:\n%s", pages, errOut)
	}
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil || !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("%s is not a PNG (%v)", p, err)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("--pages also wrote %s", out)
	}
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"render", mapFile, "-o", filepath.Join(dir, "x.svg"), "--pages"}, "no PNG is written"},
		{[]string{"render", mapFile, "-o", filepath.Join(dir, "x.png"), "--pages", "--view", "graph"}, "--view graph is one image"},
	} {
		if _, errOut, code := run(t, tt.args...); code != 2 || !strings.Contains(errOut, tt.msg) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, errOut, tt.msg)
		}
	}
}

// TestRenderWarnsCoarsePNG: a single PNG of a very wide map is drawn too
// coarse to read, and render says so and what to do; an ordinary map draws
// without a word.
func TestRenderWarnsCoarsePNG(t *testing.T) {
	t.Parallel()
	app, _, _, errOut := newTestApp()
	w := &renderWork{app: app, opts: &renderOptions{view: "map"}, th: newTheme(errOut, false)}
	f, _ := findRenderFormat("png")
	png := renderTarget{format: f, path: "m.png"}
	wide, diags := journey.Load("wide.journey.yaml", mapgen.Map(1, 1000), journey.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	lm := &project.File{Name: "wide.journey.yaml"}
	w.warnCoarsePNG(lm, &render.Input{Map: wide, Paper: "A3"}, png)
	if got := errOut.String(); !strings.Contains(got, "wide.journey.yaml: the PNG is") || !strings.Contains(got, "--pages writes one PNG per A3 page") {
		t.Errorf("no warning for 1,000 touchpoints in one PNG: %q", got)
	}
	errOut.Reset()
	w.warnCoarsePNG(lm, &render.Input{Map: maptest.Load(t, smallMap)}, png)
	if errOut.Len() > 0 {
		t.Errorf("a warning for the small map: %q", errOut)
	}
}
