package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/helperbin"
)

// fakeHelperDir writes a shell script named helper into a folder of its
// own and returns a Locator that finds it there, as journey finds the
// helpers beside itself, expecting version. The script answers -V with
// answer and otherwise reads its input and runs body.
func fakeHelperDir(t *testing.T, helper, answer, body, version string) helperbin.Locator {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake helpers are shell scripts")
	}
	dir := t.TempDir()
	script := fmt.Sprintf("#!/bin/sh\nif [ \"$1\" = \"-V\" ]; then\n%s\nfi\ncat >/dev/null\n%s\n", answer, body)
	if err := os.WriteFile(filepath.Join(dir, helper), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return helperbin.Locator{Executable: func() (string, error) { return filepath.Join(dir, "journey"), nil }, GOOS: runtime.GOOS, Version: version}
}

// realWorkbook renders the small map's workbook into dir with the
// helper the tests build, for the fakes to give back, and returns its path.
func realWorkbook(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "real.xlsx")
	if _, errOut, code := run(t, "render", smallMap, "-o", p); code != 0 {
		t.Fatalf("render: exit %d\n%s", code, errOut)
	}
	return p
}

// answers prints the -V line of a helper, then exits 0.
func answers(line string) string { return fmt.Sprintf("printf '%%s\\n' '%s'; exit 0", line) }

// TestFakeHelpersRefused: a helper that is not this journey's (another
// version or protocol, no handshake, garbage on -V) or that writes
// something that is not a workbook or a layout is refused, exit 2, with a
// message that names it; nothing is written.
func TestFakeHelpersRefused(t *testing.T) {
	t.Parallel()
	// A real workbook, and a zip that is not one, for the fakes to give.
	files := t.TempDir()
	real := realWorkbook(t, files)
	var notWB bytes.Buffer
	zw := zip.NewWriter(&notWB)
	w, _ := zw.Create("[Content_Types].xml")
	w.Write([]byte("<Types/>"))
	zw.Close()
	zipFile := filepath.Join(files, "parts.zip")
	if err := os.WriteFile(zipFile, notWB.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	wb, _ := os.ReadFile(real)
	ours := answers("journey-xlsx " + testHelperVersion + " (protocol 1)")
	oursG := answers("journey-graphviz " + testHelperVersion + " (Graphviz 12.1.2)")
	xlsx := []string{"render", smallMap, "-o", "OUT/m.xlsx"}
	graph := []string{"render", smallMap, "--view", "graph", "-o", "OUT/m.svg"}
	for _, tt := range []struct {
		name, helper, answer, body string
		args                       []string
		msg                        []string
	}{
		{"garbage workbook", "journey-xlsx", ours, "printf 'garbage!'", xlsx,
			[]string{"journey-xlsx (HELPER) wrote a 8-byte file that is not a workbook (zip: not a valid zip file): it is broken or not journey's, nothing written; reinstall them together", "go install"}},
		{"truncated workbook", "journey-xlsx", ours, fmt.Sprintf("head -c %d '%s'", len(wb)/2, real), xlsx,
			[]string{fmt.Sprintf("wrote a %d-byte file that is not a workbook (zip: not a valid zip file)", len(wb)/2)}},
		{"zip without a workbook", "journey-xlsx", ours, fmt.Sprintf("cat '%s'", zipFile), xlsx,
			[]string{"that is not a workbook (no _rels/.rels in the archive)"}},
		{"older journey-xlsx", "journey-xlsx", answers("journey-xlsx v0.9.0 (protocol 1)"), fmt.Sprintf("cat '%s'", real), xlsx,
			[]string{"journey: refusing journey-xlsx at HELPER: it is version v0.9.0, and this journey is " + testHelperVersion + ". journey runs only the helpers of its own build; reinstall them together"}},
		{"journey-xlsx of another protocol", "journey-xlsx", answers("journey-xlsx " + testHelperVersion + " (protocol 7)"), fmt.Sprintf("cat '%s'", real), xlsx,
			[]string{"speaks protocol 7, and journey protocol 1"}},
		{"journey-xlsx without a handshake", "journey-xlsx", "echo 'journey-xlsx: unknown command \"-V\"' >&2; exit 2", fmt.Sprintf("cat '%s'", real), xlsx,
			[]string{"refusing journey-xlsx at HELPER: it could not tell its version (journey-xlsx -V: exit status 2: journey-xlsx: unknown command \"-V\")"}},
		{"not journey-xlsx at all", "journey-xlsx", answers("Usage: frobnicate [options]"), fmt.Sprintf("cat '%s'", real), xlsx,
			[]string{"it is not journey's journey-xlsx, or is broken: asked its version (-V), it answered \"Usage: frobnicate [options]\""}},
		{"import with an older journey-xlsx", "journey-xlsx", answers("journey-xlsx v0.9.0 (protocol 1)"), "exit 0", []string{"import", "xlsx", real, "-o", "OUT/m.journey.yaml"},
			[]string{"refusing journey-xlsx at HELPER: it is version v0.9.0"}},
		{"garbage layout", "journey-graphviz", oursG, "printf 'not a layout'", graph,
			[]string{"graph layout with journey-graphviz (HELPER): reading the layout:", "nothing written"}},
		{"layout without the nodes", "journey-graphviz", oursG, `printf '{"bb":"0,0,100,100","objects":[]}'`, graph,
			[]string{"graph layout with journey-graphviz (HELPER): the layout lacks node", "it places 0): the program is broken or not the one journey expects, nothing written; reinstall"}},
		{"older journey-graphviz", "journey-graphviz", answers("journey-graphviz v0.9.0 (Graphviz 12.1.2)"), "exit 0", graph,
			[]string{"refusing journey-graphviz at HELPER: it is version v0.9.0, and this journey is " + testHelperVersion}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			loc := fakeHelperDir(t, tt.helper, tt.answer, tt.body, testHelperVersion)
			helper, _ := loc.Find(tt.helper)
			out := t.TempDir()
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = strings.ReplaceAll(a, "OUT", out)
			}
			app, _, stdout, errOut := newTestApp()
			app.Helpers = loc
			code := Main(context.Background(), args, app, BuildInfo{Version: "v1.2.3"})
			if code != ExitFailure || stdout.Len() > 0 {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", code, stdout)
			}
			for _, m := range tt.msg {
				if m = strings.ReplaceAll(m, "HELPER", helper); !strings.Contains(errOut.String(), m) {
					t.Errorf("stderr:\n%s\nlacks %q", errOut, m)
				}
			}
			if strings.Contains(errOut.String(), "✓ wrote") {
				t.Errorf("stderr says it wrote:\n%s", errOut)
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("%d files written (%s), want none", len(entries), entries[0].Name())
			}
		})
	}
}

// TestFakeHelperOfThisBuild: the handshake expects the version Main is
// given (the release's), and a helper of that version that writes a
// workbook is run.
func TestFakeHelperOfThisBuild(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	real := realWorkbook(t, dir)
	loc := fakeHelperDir(t, "journey-xlsx", answers("journey-xlsx v1.2.3 (protocol 1)"), fmt.Sprintf("cat '%s'", real), "")
	for _, tt := range []struct {
		version string
		code    int
	}{{"v1.2.3", 0}, {"v1.2.4", 2}} {
		app, _, _, errOut := newTestApp()
		app.Helpers = loc
		out := filepath.Join(dir, tt.version+".xlsx")
		if code := Main(context.Background(), []string{"render", smallMap, "-o", out}, app, BuildInfo{Version: tt.version}); code != tt.code {
			t.Errorf("journey %s: exit %d, want %d\n%s", tt.version, code, tt.code, errOut)
		}
		if _, err := os.Stat(out); (err == nil) != (tt.code == 0) {
			t.Errorf("journey %s: the workbook exists: %v", tt.version, err == nil)
		}
		if tt.code != 0 && !strings.Contains(errOut.String(), "it is version v1.2.3, and this journey is v1.2.4") {
			t.Errorf("journey %s: stderr\n%s", tt.version, errOut)
		}
	}
}
