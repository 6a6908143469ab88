package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/internal/helperbin"
	"github.com/journey-cx/journey/internal/xlsxhelper"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
	rxlsx "github.com/journey-cx/journey/render/xlsx"
)

// builtHelpers builds cmd/journey-xlsx once per test binary into a
// temporary folder, on first use.
var builtHelpers = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "journey-helpers-")
	if err != nil {
		return "", err
	}
	exe := filepath.Join(dir, xlsxhelper.Name)
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	out, err := exec.Command("go", "build", "-ldflags", "-X main.version="+testHelperVersion, "-o", exe, "github.com/journey-cx/journey/cmd/journey-xlsx").CombinedOutput()
	if err != nil {
		return dir, fmt.Errorf("building journey-xlsx: %v\n%s", err, out)
	}
	return dir, nil
})

// testHelpers finds the helpers the tests build; newTestApp gives it to
// every command.
var testHelpers helperbin.Locator

// testHelperVersion is the version the tests build the helpers with: the
// one testHelpers makes journey expect in the handshake, whatever
// BuildInfo a test passes to Main.
const testHelperVersion = "v0.0.0-helpers-test"

// newTestApp is Test with the helpers the tests build.
func newTestApp() (*Factory, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	app, in, out, errOut := Test()
	app.Helpers = testHelpers
	return app, in, out, errOut
}

// TestMain makes every command find the helpers the tests build, as if
// journey ran from their folder, and nothing on PATH but Graphviz's dot
// (the graph view's fallback engine, which CI installs).
func TestMain(m *testing.M) {
	testHelpers = helperbin.Locator{
		Executable: func() (string, error) {
			dir, err := builtHelpers()
			return filepath.Join(dir, "journey"), err
		},
		LookPath: func(name string) (string, error) {
			if name != "dot" {
				return "", exec.ErrNotFound
			}
			return exec.LookPath(name)
		},
		GOOS:    runtime.GOOS,
		Version: testHelperVersion,
	}
	code := m.Run()
	if dir, err := builtHelpers(); dir != "" {
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
		_ = os.RemoveAll(dir)
	}
	os.Exit(code)
}

// TestRenderXLSXIsTheInput: the workbook journey-xlsx writes for journey
// render is the one render/xlsx writes from the Input journey builds, with
// the scores of the map's sources, the lint findings and the options.
func TestRenderXLSXIsTheInput(t *testing.T) {
	t.Parallel()
	const example = "../../examples/seguro-hogar.journey.yaml"
	dir := t.TempDir()
	out := filepath.Join(dir, "seguro.xlsx")
	_, errOut, code := run(t, "render", example, "-o", out, "--theme", "print", "--locale", "en")
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}

	// The same Input, built in-process and written without the helper.
	app, _, _, _ := newTestApp()
	opts := &renderOptions{theme: "print", locale: "en", paper: "A3"}
	opts.load.maxSize = journey.DefaultMaxSize
	var want bytes.Buffer
	ld, err := app.Loader(opts.load, "")
	if err != nil {
		t.Fatal(err)
	}
	files, err := ld.Load([]string{example})
	for _, lm := range files {
		colours, _ := render.ParseTheme(opts.theme)
		in := renderInput(context.Background(), app, newTheme(app.ErrOut, false), ld, lm, colours, opts)
		if in.Scores == nil || len(in.Scores.Inputs) == 0 || len(in.Findings) == 0 {
			t.Errorf("the example should have scores from its sources and lint findings")
		}
		err = errors.Join(err, rxlsx.Write(&want, in))
	}
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Error("the workbook written through journey-xlsx differs from render/xlsx's of the same Input")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the output folder, want the workbook alone", len(entries))
	}
}

// TestXLSXRoundTrip renders a map to a workbook and imports it back, both
// through the CLI and journey-xlsx: over its map, nothing changes but fmt's
// layout; an edit in a cell comes back.
func TestXLSXRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, err := os.ReadFile("../../examples/telecom-support.journey.yaml")
	if err != nil {
		t.Fatal(err)
	}
	mapPath := filepath.Join(dir, "telecom.journey.yaml")
	if err := os.WriteFile(mapPath, src, 0o644); err != nil {
		t.Fatal(err)
	}
	formatted, _, code := runIn(t, dir, "", "fmt", mapPath)
	if code != 0 {
		t.Fatal("fmt failed")
	}
	if _, errOut, code := runIn(t, dir, "", "render", mapPath, "--out-dir", dir, "--format", "xlsx"); code != 0 {
		t.Fatalf("render: exit %d\n%s", code, errOut)
	}
	wb := filepath.Join(dir, "telecom.xlsx")
	_, errOut, code := runIn(t, dir, "", "import", "xlsx", wb, "-o", mapPath)
	if code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errOut)
	}
	if now, _ := os.ReadFile(mapPath); string(now) != formatted {
		t.Errorf("render then import changed the map:\n%s", now)
	}
	if !strings.Contains(errOut, "merging into telecom.journey.yaml") || !strings.Contains(errOut, "✓ wrote telecom.journey.yaml") {
		t.Errorf("stderr:\n%s", errOut)
	}

	// A name edited in the workbook, from standard input, to standard output.
	f, err := excelize.OpenFile(wb)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(rxlsx.SheetTouchpoints, "D2", "Renamed in Excel"); err != nil {
		t.Fatal(err)
	}
	var edited bytes.Buffer
	if err := f.Write(&edited); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, errOut, code := runIn(t, dir, edited.String(), "import", "xlsx", "-", "--base", mapPath)
	if code != 0 {
		t.Fatalf("import -: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "name: Renamed in Excel\n") || strings.Count(out, "\n") < strings.Count(formatted, "\n")-1 {
		t.Errorf("the edited name should be in the map:\n%s", out)
	}
	if !strings.Contains(errOut, "<stdin>: info:") {
		t.Errorf("the notes name the workbook <stdin>:\n%s", errOut)
	}
}

// TestXLSXHelperMissing: without journey-xlsx, render and import say how to
// get it and exit 2, and nothing is written. Not parallel: it points the
// lookup at an empty folder, and the parallel tests wait for it to end.
func TestXLSXHelperMissing(t *testing.T) {
	t.Parallel()
	empty := t.TempDir()
	noHelpers := helperbin.Locator{Executable: func() (string, error) { return filepath.Join(empty, "journey"), nil }, GOOS: runtime.GOOS}
	run := func(t *testing.T, args ...string) (string, string, int) {
		app, _, out, errOut := newTestApp()
		app.Helpers = noHelpers
		code := Main(context.Background(), args, app, BuildInfo{Version: "v1.2.3"})
		return out.String(), errOut.String(), code
	}

	dir := t.TempDir()
	wb := filepath.Join(dir, "in.xlsx")
	if err := os.WriteFile(wb, []byte("PK\x03\x04"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"render -o", []string{"render", smallMap, "-o", filepath.Join(dir, "m.svg"), "-o", filepath.Join(dir, "m.xlsx")}},
		{"render --out-dir", []string{"render", smallMap, "--out-dir", filepath.Join(dir, "out"), "--format", "pdf,xlsx"}},
		{"import xlsx", []string{"import", "xlsx", wb, "-o", filepath.Join(dir, "m.journey.yaml")}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, tt.args...)
			if code != 2 || out != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", code, out)
			}
			for _, want := range []string{"journey: workbooks need journey-xlsx", "in " + empty, "release archive", "go install github.com/journey-cx/journey/cmd/...@latest"} {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr %q lacks %q", errOut, want)
				}
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want the workbook alone: nothing written", len(entries))
	}
	// Formats that need no helper still render.
	if _, errOut, code := run(t, "render", smallMap, "-o", filepath.Join(dir, "m.svg")); code != 0 {
		t.Errorf("svg without the helper: exit %d\n%s", code, errOut)
	}
}
