package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
)

// diffFixtures copies the diff package's fixture pair into a fresh folder.
func diffFixtures(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range []string{"old.journey.yaml", "new.journey.yaml", "broken-ref.journey.yaml"} {
		data, err := os.ReadFile(filepath.Join("../../journey/diff/testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "not-a-map.journey.yaml"), []byte("- just\n- a list\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestDiff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string // relative to the fixtures' folder
		code   int
		golden string // stdout golden; "" = stdout empty
		stderr string // exact stderr
	}{
		{"text", []string{"diff", "old.journey.yaml", "new.journey.yaml"}, 0, "testdata/diff/old-new.text.golden", ""},
		{"markdown", []string{"diff", "-f", "markdown", "old.journey.yaml", "new.journey.yaml"}, 0, "testdata/diff/old-new.markdown.golden",
			"3 map fields changed; 4 stages (1 added, 1 removed, 2 changed); 8 touchpoints (2 added, 2 removed, 4 changed); 14 metrics moved (2 significantly worse); 8 findings introduced, 9 fixed\n"},
		{"json without lint", []string{"diff", "--format=json", "--no-lint", "old.journey.yaml", "new.journey.yaml"}, 0, "testdata/diff/old-new.nolint.json.golden",
			"3 map fields changed; 4 stages (1 added, 1 removed, 2 changed); 8 touchpoints (2 added, 2 removed, 4 changed); 14 metrics moved (2 significantly worse)\n"},
		{"fail on regression", []string{"diff", "--fail-on-regression", "old.journey.yaml", "new.journey.yaml"}, 1, "testdata/diff/old-new.text.golden",
			"✗ regression: 2 metrics significantly worse\n"},
		{"errors introduced", []string{"diff", "--fail-on-regression", "--no-lint", "new.journey.yaml", "broken-ref.journey.yaml"}, 1, "testdata/diff/broken.text.golden",
			"✗ regression: 2 errors introduced\n"},
		{"no changes", []string{"diff", "--fail-on-regression", "old.journey.yaml", "old.journey.yaml"}, 0, "testdata/diff/same.text.golden", ""},
		{"not a map", []string{"diff", "old.journey.yaml", "not-a-map.journey.yaml"}, 1, "",
			"not-a-map.journey.yaml:1:1: error: the map must be a mapping, got a list\n    1 | - just\n      | ^\n✗ cannot compare: a version is not a map\n"},
		{"missing file", []string{"diff", "old.journey.yaml", "nope.journey.yaml"}, 2, "", "journey: no such file: nope.journey.yaml\n"},
		{"one argument", []string{"diff", "old.journey.yaml"}, 2, "",
			"journey: journey diff takes two versions of a map, OLD and NEW, got 1 arguments\nRun 'journey diff --help' for usage.\n"},
		{"bad format", []string{"diff", "-f", "html", "old.journey.yaml", "new.journey.yaml"}, 2, "",
			"journey: unknown format \"html\" (want text, json, markdown)\nRun 'journey diff --help' for usage.\n"},
		{"two stdins", []string{"diff", "-", "-"}, 2, "",
			"journey: only one of OLD and NEW can be standard input\nRun 'journey diff --help' for usage.\n"},
	}
	dir := diffFixtures(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := runIn(t, dir, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if errOut != tt.stderr {
				t.Errorf("stderr:\n%q\nwant:\n%q", errOut, tt.stderr)
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

func TestDiffGit(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := diffFixtures(t)
	maps := filepath.Join(dir, "maps")
	if err := os.Mkdir(maps, 0o755); err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(filepath.Join(dir, "old.journey.yaml"))
	if err := os.WriteFile(filepath.Join(maps, "alta.journey.yaml"), old, 0o644); err != nil {
		t.Fatal(err)
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q", "-b", "main")
	git("add", "maps/alta.journey.yaml")
	git("commit", "-q", "-m", "old")
	newer, _ := os.ReadFile(filepath.Join(dir, "new.journey.yaml"))
	if err := os.WriteFile(filepath.Join(maps, "alta.journey.yaml"), newer, 0o644); err != nil {
		t.Fatal(err)
	}

	out, errOut, code := runIn(t, dir, "", "diff", "--no-lint", "main:maps/alta.journey.yaml", "maps/alta.journey.yaml")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if !strings.HasPrefix(out, "--- main:maps/alta.journey.yaml\n+++ ") || !strings.Contains(out, "+ welcome \"Bienvenida\" in purchase") {
		t.Errorf("stdout:\n%s", out)
	}
	for _, tc := range []struct{ arg, want string }{
		{"nope:maps/alta.journey.yaml", "journey: can't read nope:maps/alta.journey.yaml from git: "},
		{"main:maps/missing.journey.yaml", "journey: can't read main:maps/missing.journey.yaml from git: "},
		{"--output=x:maps/alta.journey.yaml", `journey: "--output=x" is not a revision`},
	} {
		_, errOut, code := runIn(t, dir, "", "diff", "--", tc.arg, "maps/alta.journey.yaml")
		if code != 2 || !strings.HasPrefix(errOut, tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %q", tc.arg, code, errOut, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); err == nil {
		t.Error("a revision starting with - reached git as an option")
	}
}

func TestSplitRev(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "odd:name.journey.yaml"), []byte("x"), 0o644); err != nil {
		t.Skip("this file system refuses ':' in names")
	}
	tests := []struct {
		arg       string
		rev, path string
		ok        bool
	}{
		{"main:maps/a.journey.yaml", "main", "maps/a.journey.yaml", true},
		{"HEAD~1:a.yaml", "HEAD~1", "a.yaml", true},
		{":a.yaml", "", "a.yaml", true},
		{`C:\maps\a.journey.yaml`, "", "", false},
		{"C:/maps/a.journey.yaml", "", "", false},
		{"maps/a.journey.yaml", "", "", false},
		{"odd:name.journey.yaml", "", "", false},
		{"main:", "", "", false},
		{"-", "", "", false},
	}
	app, _, _, _ := newTestApp()
	app.Getwd = func() (string, error) { return dir, nil }
	for _, tt := range tests {
		rev, path, ok := splitRev(app, tt.arg)
		if rev != tt.rev || path != tt.path || ok != tt.ok {
			t.Errorf("splitRev(%q) = %q, %q, %v; want %q, %q, %v", tt.arg, rev, path, ok, tt.rev, tt.path, tt.ok)
		}
	}
}
