package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
)

// run executes the CLI in-process and returns stdout, stderr and the exit code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	app, _, out, errOut := newTestApp()
	code := Main(context.Background(), args, app, BuildInfo{Version: "v1.2.3", Commit: "abc", Date: "2026-11-23"})
	return out.String(), errOut.String(), code
}

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string // stdout golden; "" = stdout must be empty
		stderr string // exact stderr
	}{
		{"valid examples", []string{"validate", "../../examples"}, 0, "", "✓ 4 files checked, no problems\n"},
		{"text", []string{"validate", "testdata/validate/mixed.journey.yaml"}, 1, "testdata/validate/mixed.text.golden", "✗ 10 errors in 1 file (1 file checked)\n"},
		{"json", []string{"validate", "-f", "json", "testdata/validate/mixed.journey.yaml"}, 1, "testdata/validate/mixed.json.golden", "✗ 10 errors in 1 file (1 file checked)\n"},
		{"json valid", []string{"validate", "--format=JSON", "../../examples/telecom-support.journey.yaml"}, 0, "testdata/validate/valid.json.golden", "✓ 1 file checked, no problems\n"},
		{"missing path", []string{"validate", "testdata/nope"}, 2, "", "journey: no such file or directory: testdata/nope\n"},
		{"bad format", []string{"validate", "--format", "sarif", "testdata/validate"}, 2, "", "journey: unknown format \"sarif\" for validate (want text or json)\nRun 'journey validate --help' for usage.\n"},
		{"bad size", []string{"validate", "--max-size", "lots", "testdata/validate"}, 2, "", "journey: invalid argument \"lots\" for \"--max-size\" flag: want a positive size like 10MiB, got \"lots\"\nRun 'journey validate --help' for usage.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := run(t, tt.args...)
			checkRun(t, out, errOut, code, tt.code, tt.stderr, tt.golden)
		})
	}
}

// checkRun asserts a command's exit code, its exact stderr, and its stdout:
// empty when goldenFile is "", else equal to that golden file.
func checkRun(t *testing.T, out, errOut string, code, wantCode int, wantStderr, goldenFile string) {
	t.Helper()
	if code != wantCode {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, wantCode, errOut)
	}
	if errOut != wantStderr {
		t.Errorf("stderr:\n%q\nwant:\n%q", errOut, wantStderr)
	}
	if goldenFile == "" {
		if out != "" {
			t.Errorf("stdout should be empty, got:\n%s", out)
		}
		return
	}
	golden.Assert(t, goldenFile, []byte(out))
}

func TestVersion(t *testing.T) {
	t.Parallel()
	out, _, code := run(t, "version")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"journey v1.2.3\n", "commit:   abc\n", "built:    2026-11-23\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
	if _, _, code := run(t, "version", "extra"); code != 2 {
		t.Errorf("version with an argument: exit %d, want 2", code)
	}
}

func TestUnknownCommand(t *testing.T) {
	t.Parallel()
	_, errOut, code := run(t, "valdate")
	if code != 2 || !strings.Contains(errOut, `unknown command "valdate"`) || !strings.Contains(errOut, "validate") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}
