package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey"
)

// runIn executes the CLI in-process with dir as the working directory (for
// relative paths the commands resolve through app.Getwd) and stdin as
// standard input. Paths given in args should be absolute or relative to
// dir through the command's own resolution.
func runIn(t *testing.T, dir, stdin string, args ...string) (string, string, int) {
	t.Helper()
	app, in, out, errOut := newTestApp()
	in.WriteString(stdin)
	app.Getwd = func() (string, error) { return dir, nil }
	code := Main(context.Background(), args, app, BuildInfo{Version: "v1.2.3"})
	return out.String(), errOut.String(), code
}

func TestInit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out, errOut, code := runIn(t, dir, "", "init", "--title", "Alta de fibra", "--locale", "es", "--persona", "Marta")
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, out, errOut)
	}
	want := "✓ wrote alta-de-fibra.journey.yaml: 8 stages of oracle-cx, a placeholder touchpoint in each\n" +
		"  next: fill it in; 'journey lint alta-de-fibra.journey.yaml' lists what is left\n"
	// The display name is relative to the process's directory, not dir:
	// compare the message's shape only.
	if !strings.HasPrefix(errOut, "✓ wrote ") || !strings.Contains(errOut, "alta-de-fibra.journey.yaml: 8 stages of oracle-cx") {
		t.Errorf("stderr:\n%s\nwant like:\n%s", errOut, want)
	}
	path := filepath.Join(dir, "alta-de-fibra.journey.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, "testdata/init/alta-de-fibra.golden", data)
	if _, diags := journey.Load(path, data, journey.Options{}); diags.HasErrors() {
		t.Errorf("the new map is invalid: %v", diags)
	}
	// Lint lists what is left to fill, and the map validates.
	if _, errOut, code := runIn(t, dir, "", "validate", path); code != 0 {
		t.Errorf("validate: exit %d\n%s", code, errOut)
	}
	if out, _, _ := runIn(t, dir, "", "lint", path); !strings.Contains(out, "touchpoint-channel-missing") {
		t.Errorf("lint should list the missing channels:\n%s", out)
	}

	// An existing file is kept unless --force.
	if err := os.WriteFile(path, []byte("mine\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code = runIn(t, dir, "", "init", "--title", "Alta de fibra")
	if code != 2 || !strings.Contains(errOut, "already exists (use --force to overwrite it)") {
		t.Errorf("exit %d, stderr %q; want exit 2 and a refusal", code, errOut)
	}
	if data, _ := os.ReadFile(path); string(data) != "mine\n" {
		t.Errorf("the existing file was changed: %q", data)
	}
	if _, errOut, code = runIn(t, dir, "", "init", "--title", "Alta de fibra", "--force"); code != 0 {
		t.Fatalf("--force: exit %d\n%s", code, errOut)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the overwritten file's 0600", info.Mode().Perm())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestInitOutputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := "models:\n  onboarding:\n    name: SaaS onboarding\n    stages: [sign-up, first-use, habit]\n"
	if err := os.WriteFile(filepath.Join(dir, ".journey.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string // stdout golden; "" = stdout empty
		stderr string // substring of stderr
	}{
		{"stdout", []string{"init", "-", "--title", "Newsletter sign-up", "--model", "aida"}, 0, "testdata/init/stdout-aida.golden", ""},
		{"custom model", []string{"init", "-", "--title", "Onboarding", "--model", "onboarding", "--locale", "es"}, 0, "testdata/init/stdout-custom.golden", ""},
		{"unknown model", []string{"init", "-", "--title", "X", "--model", "oracle-xc"}, 2, "", `unknown stage model "oracle-xc" (known: onboarding, oracle-cx, aida, 5a, see-think-do-care, classic); did you mean "oracle-cx"?`},
		{"stdout without a title", []string{"init", "-"}, 2, "", "init - needs a --title"},
		{"bad locale", []string{"init", "-", "--title", "X", "--locale", "español"}, 2, "", "--locale must be a language tag"},
		{"title without letters", []string{"init", "--title", "¿?"}, 2, "", "gives no id"},
		{"two files", []string{"init", "a", "b"}, 2, "", "at most one file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := runIn(t, dir, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr %q, want it to hold %q", errOut, tt.stderr)
			}
			if tt.golden == "" {
				if out != "" {
					t.Errorf("stdout should be empty, got:\n%s", out)
				}
				return
			}
			golden.Assert(t, tt.golden, []byte(out))
		})
	}
}

func TestInitTitleFromFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "maps", "alta-fibra.journey.yaml")
	if _, errOut, code := runIn(t, dir, "", "init", path, "--model", "5a"); code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\ntitle: Alta fibra\n") || !strings.Contains(string(data), "\nid: alta-fibra\n") {
		t.Errorf("title and id should come from the file name:\n%s", data)
	}
}

// TestInitLongTitle: a long title gives a file name and an id cut at a
// word, not "file name too long".
func TestInitLongTitle(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	title := strings.Repeat("Alta de fibra óptica para clientes ", 12)
	if _, errOut, code := runIn(t, dir, "", "init", "--title", title); code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	const slug = "alta-de-fibra-optica-para-clientes-alta-de-fibra-optica-para"
	data, err := os.ReadFile(filepath.Join(dir, slug+".journey.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\nid: "+slug+"\n") {
		t.Errorf("the id is not the file's slug:\n%s", data)
	}
}

// TestInitNoArguments: init alone writes journey.journey.yaml where it
// runs (no terminal to ask on), or asks for the title, model and file on a
// terminal; both say what lint will ask for, and what comes next.
func TestInitNoArguments(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, errOut, code := runIn(t, dir, "", "init")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "journey.journey.yaml")); err != nil {
		t.Fatalf("init alone wrote no journey.journey.yaml: %v\n%s", err, errOut)
	}
	for _, want := range []string{"8 × a touchpoint has no channel (touchpoint-channel-missing)", "1 × the map has no persona (persona-missing)", "then: 'journey score journey.journey.yaml'"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if _, errOut, code := runIn(t, dir, "", "init"); code == 0 || !strings.Contains(errOut, "already exists") {
		t.Errorf("a second init alone: exit %d, %q", code, errOut)
	}

	// On a terminal it asks; an empty answer takes the default.
	app, in, _, errBuf := newTestApp()
	app.TermIn, app.TermErr = true, true
	app.Getwd = func() (string, error) { return dir, nil }
	in.WriteString("Alta de fibra óptica\naida\n\n")
	if code := Main(context.Background(), []string{"init", "--locale", "es"}, app, BuildInfo{}); code != 0 {
		t.Fatalf("exit %d\n%s", code, errBuf)
	}
	for _, want := range []string{"Title of the journey [Journey]: ", "Stage model ('journey models' lists them) [oracle-cx]: ", "File [alta-de-fibra-optica.journey.yaml]: "} {
		if !strings.Contains(errBuf.String(), want) {
			t.Errorf("the questions lack %q:\n%s", want, errBuf)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "alta-de-fibra-optica.journey.yaml"))
	if err != nil || !strings.Contains(string(data), "title: Alta de fibra óptica") || !strings.Contains(string(data), "model: aida") {
		t.Fatalf("the answers were not used (%v):\n%s", err, data)
	}
	// Input that ends before an answer is a clear error, not a guess.
	app, in, _, errBuf = newTestApp()
	app.TermIn, app.TermErr = true, true
	app.Getwd = func() (string, error) { return dir, nil }
	in.WriteString("Solo el título\n")
	if code := Main(context.Background(), []string{"init"}, app, BuildInfo{}); code == 0 || !strings.Contains(errBuf.String(), "no answer to") {
		t.Errorf("exit %d, stderr %q", code, errBuf)
	}
}
