package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
)

// fmtFixtures copies the fmt fixtures into a fresh folder.
func fmtFixtures(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata/fmt", n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o640); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(dir, n), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFmt(t *testing.T) {
	t.Parallel()
	messy, err := os.ReadFile("testdata/fmt/messy.journey.yaml")
	if err != nil {
		t.Fatal(err)
	}
	all := []string{"messy.journey.yaml", "clean.journey.yaml", "broken.journey.yaml"}
	tests := []struct {
		name   string
		files  []string
		stdin  string
		args   []string // DIR is replaced by the fixtures' folder
		code   int
		golden string // stdout golden; "" = stdout must be empty
		stderr string // exact stderr
	}{
		{"stdout", all, "", []string{"fmt", "DIR/messy.journey.yaml"}, 0, "testdata/fmt/messy.golden", ""},
		{"stdin", nil, string(messy), []string{"fmt", "-"}, 0, "testdata/fmt/messy.golden", ""},
		{"check", all, "", []string{"fmt", "--check", "DIR"}, 1, "testdata/fmt/check.golden",
			"broken.journey.yaml:3: error: YAML syntax: mapping values are not allowed in this context\n    3 |   title: mal sangrado\n" +
				"✗ 1 of 3 files not formatted (run 'journey fmt -w')\n" +
				"✗ 1 file could not be formatted\n"},
		{"check clean", all, "", []string{"fmt", "--check", "DIR/clean.journey.yaml"}, 0, "", "✓ 1 file already formatted\n"},
		{"diff", all, "", []string{"fmt", "--diff", "DIR/messy.journey.yaml", "DIR/clean.journey.yaml"}, 0, "testdata/fmt/messy.diff.golden",
			"✗ 1 of 2 files not formatted (run 'journey fmt -w')\n"},
		{"check and diff", all, "", []string{"fmt", "--check", "-d", "DIR/messy.journey.yaml"}, 1, "testdata/fmt/messy.diff.golden",
			"✗ 1 of 1 file not formatted (run 'journey fmt -w')\n"},
		{"broken", all, "", []string{"fmt", "DIR/broken.journey.yaml"}, 1, "",
			"broken.journey.yaml:3: error: YAML syntax: mapping values are not allowed in this context\n    3 |   title: mal sangrado\n✗ 1 file could not be formatted\n"},
		{"several to stdout", all, "", []string{"fmt", "DIR"}, 2, "",
			"journey: fmt prints one map to standard output, and 3 were found: give -w to rewrite them, or --check or --diff\nRun 'journey fmt --help' for usage.\n"},
		{"write and check", all, "", []string{"fmt", "-w", "--check", "DIR"}, 2, "",
			"journey: give either -w (rewrite) or --check (report), not both\nRun 'journey fmt --help' for usage.\n"},
		{"write stdin", nil, "", []string{"fmt", "-w", "-"}, 2, "",
			"journey: -w cannot rewrite standard input\nRun 'journey fmt --help' for usage.\n"},
		{"missing", nil, "", []string{"fmt", "DIR/nope.journey.yaml"}, 2, "", "journey: no such file or directory: DIR/nope.journey.yaml\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := fmtFixtures(t, tt.files...)
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = strings.ReplaceAll(a, "DIR", dir)
			}
			out, errOut, code := runIn(t, dir, tt.stdin, args...)
			errOut = strings.ReplaceAll(errOut, dir, "DIR")
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

func TestFmtWrite(t *testing.T) {
	t.Parallel()
	dir := fmtFixtures(t, "messy.journey.yaml", "clean.journey.yaml", "broken.journey.yaml")
	broken, _ := os.ReadFile(filepath.Join(dir, "broken.journey.yaml"))
	out, errOut, code := runIn(t, dir, "", "fmt", "-w", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1 (a file could not be formatted); stderr:\n%s", code, errOut)
	}
	if out != "" {
		t.Errorf("stdout should be empty, got %q", out)
	}
	if want := "✓ formatted 1 of 3 files\n✗ 1 file could not be formatted\n"; !strings.HasSuffix(errOut, want) {
		t.Errorf("stderr:\n%s\nwant it to end with:\n%s", errOut, want)
	}
	got, err := os.ReadFile(filepath.Join(dir, "messy.journey.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, "testdata/fmt/messy.golden", got)
	info, err := os.Stat(filepath.Join(dir, "messy.journey.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", info.Mode().Perm())
	}
	if now, _ := os.ReadFile(filepath.Join(dir, "broken.journey.yaml")); string(now) != string(broken) {
		t.Errorf("a file that does not parse was changed")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	// A second run has nothing to do.
	_, errOut, code = runIn(t, dir, "", "fmt", "--check", filepath.Join(dir, "messy.journey.yaml"), filepath.Join(dir, "clean.journey.yaml"))
	if code != 0 || errOut != "✓ 2 files already formatted\n" {
		t.Errorf("after -w: exit %d, stderr %q", code, errOut)
	}
}
