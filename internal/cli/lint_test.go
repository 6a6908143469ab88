package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/internal/report"
)

// lintMain runs the CLI in-process with stdin and returns stdout, stderr
// and the exit code.
func lintMain(t *testing.T, stdin string, color bool, args ...string) (string, string, int) {
	t.Helper()
	app, in, out, errOut := newTestApp()
	in.WriteString(stdin)
	app.ColorOut = color
	code := Main(context.Background(), args, app, BuildInfo{Version: "v1.2.3", Commit: "abc", Date: "2026-11-23"})
	return out.String(), errOut.String(), code
}

const lintProject = "testdata/lint/project"

func TestLint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string // stdout golden; "" = stdout must be empty
		stderr string // exact stderr
	}{
		{"text", []string{"lint", lintProject}, 1, "testdata/lint/project.text.golden",
			"✗ 1 error, 4 warnings, 1 info in 2 files (3 files checked)\n"},
		{"json", []string{"lint", "-f", "json", lintProject}, 1, "testdata/lint/project.json.golden",
			"✗ 1 error, 4 warnings, 1 info in 2 files (3 files checked)\n"},
		{"sarif", []string{"lint", "--format", "sarif", lintProject}, 1, "testdata/lint/project.sarif.golden",
			"✗ 1 error, 4 warnings, 1 info in 2 files (3 files checked)\n"},
		{"junit", []string{"lint", "--format", "junit", lintProject}, 1, "testdata/lint/project.junit.golden",
			"✗ 1 error, 4 warnings, 1 info in 2 files (3 files checked)\n"},
		{"github", []string{"lint", "--format", "github", lintProject}, 1, "testdata/lint/project.github.golden",
			"✗ 1 error, 4 warnings, 1 info in 2 files (3 files checked)\n"},
		{"codeclimate", []string{"lint", "--format", "codeclimate", lintProject}, 1, "testdata/lint/project.codeclimate.golden",
			"✗ 1 error, 4 warnings, 1 info in 2 files (3 files checked)\n"},
		{"clean map", []string{"lint", lintProject + "/maps/clean.journey.yaml"}, 0, "",
			"✓ 1 file checked, no problems\n"},
		{"fail-on from the config: warnings fail", []string{"lint", lintProject + "/maps/onboarding.journey.yaml"}, 1, "testdata/lint/onboarding.text.golden",
			"! 4 warnings, 1 info in 1 file (1 file checked)\n"},
		{"--fail-on overrides the config", []string{"lint", "--fail-on", "error", lintProject + "/maps/onboarding.journey.yaml"}, 0, "testdata/lint/onboarding.text.golden",
			"! 4 warnings, 1 info in 1 file (1 file checked)\n"},
		{"--fail-on none", []string{"lint", "--fail-on=none", lintProject}, 0, "testdata/lint/project.text.golden",
			"✗ 1 error, 4 warnings, 1 info in 2 files (3 files checked)\n"},
		{"--config replaces the nearest config", []string{"lint", "--config", "testdata/lint/nomodels.yaml", lintProject + "/maps/onboarding.journey.yaml"}, 1, "testdata/lint/nomodels.text.golden",
			"✗ 1 error in 1 file (1 file checked)\n"},
		{"missing --config", []string{"lint", "--config", "testdata/lint/nope.yaml", lintProject}, 2, "",
			"journey: can't read the config file testdata/lint/nope.yaml: no such file or directory\n"},
		{"invalid config", []string{"lint", "testdata/lint/badconfig"}, 2, "",
			"journey: testdata/lint/badconfig/.journey.yaml:4:5: error: unknown rule \"stage-emtpy\" (see `journey rules`) (did you mean \"stage-empty\"?)\n" +
				"testdata/lint/badconfig/.journey.yaml:5:20: error: severity of owner-handoff must be error, warning, info or off, got the text \"loud\"\n" +
				"testdata/lint/badconfig/.journey.yaml:6:3: error: unknown key \"colour\" in lint (known: fail-on, min-sample, rules)\n"},
		{"missing path", []string{"lint", "testdata/nope"}, 2, "", "journey: no such file or directory: testdata/nope\n"},
		{"bad format", []string{"lint", "--format", "xml", lintProject}, 2, "",
			"journey: unknown format \"xml\" (want text, json, sarif, junit, github, codeclimate)\nRun 'journey lint --help' for usage.\n"},
		{"bad fail-on", []string{"lint", "--fail-on", "sometimes", lintProject}, 2, "",
			"journey: invalid --fail-on: unknown severity \"sometimes\" (want error, warning, info or none)\nRun 'journey lint --help' for usage.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := lintMain(t, "", false, tt.args...)
			checkRun(t, out, errOut, code, tt.code, tt.stderr, tt.golden)
		})
	}
}

// TestLintColor pins the coloured text output: severities, locations and
// carets in ANSI colours on a terminal, the same text without them.
func TestLintColor(t *testing.T) {
	t.Parallel()
	out, _, code := lintMain(t, "", true, "lint", lintProject+"/maps/onboarding.journey.yaml")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "\x1b[") {
		t.Fatal("no colour in the output")
	}
	golden.Assert(t, "testdata/lint/onboarding.color.golden", []byte(out))
	plain, _, _ := lintMain(t, "", false, "lint", lintProject+"/maps/onboarding.journey.yaml")
	if stripANSI(out) != plain {
		t.Errorf("coloured output differs from the plain one once colours are removed")
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// TestLintExamples lints the shipped examples: they must lint without
// errors (warnings and infos are what a consultant still has to do).
func TestLintExamples(t *testing.T) {
	t.Parallel()
	out, errOut, code := lintMain(t, "", false, "lint", "--format", "json", "../../examples")
	if code != 0 {
		t.Fatalf("exit %d, want 0; stderr:\n%s\n%s", code, errOut, out)
	}
	var rep report.JSONReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.ErrorCount != 0 || rep.FileCount == 0 || !rep.Valid || rep.Passed == nil || !*rep.Passed || rep.FailOn != "error" {
		t.Errorf("examples: %d files, %d errors, valid %v, passed %v, fail_on %q", rep.FileCount, rep.ErrorCount, rep.Valid, rep.Passed, rep.FailOn)
	}
	for _, d := range rep.Diagnostics {
		if d.Line == 0 || d.Column == 0 {
			t.Errorf("finding without a position: %s", d)
		}
	}
}

// TestLintSARIFSchema checks the SARIF of a real run against the official
// SARIF 2.1.0 schema.
func TestLintSARIFSchema(t *testing.T) {
	t.Parallel()
	out, _, _ := lintMain(t, "", false, "lint", "--format", "sarif", lintProject, "../../examples")
	validateSARIF(t, out)
}

// TestLintStdin reads a map from standard input.
func TestLintStdin(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(lintProject + "/maps/broken.journey.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := lintMain(t, string(src), false, "lint", "--format", "github", "-")
	if code != 1 || out != "::error file=<stdin>,line=8,col=26,title=journey invalid::unknown key \"chanel\" in a touchpoint (did you mean \"channel\"?)\n" {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

// TestLintConfigNotAMap makes sure the project config is never read as a map.
func TestLintConfigNotAMap(t *testing.T) {
	t.Parallel()
	out, _, _ := lintMain(t, "", false, "lint", "--format", "json", lintProject)
	var rep report.JSONReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Files {
		if filepath.Base(f) == ".journey.yaml" {
			t.Errorf("the config was linted as a map: %v", rep.Files)
		}
	}
}

// TestLintNoConfig lints a folder with no .journey.yaml above it: the
// defaults apply (fail on errors, every rule at its default severity).
func TestLintNoConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, err := os.ReadFile(lintProject + "/maps/onboarding.journey.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte("model: onboarding\n"), nil, 1)
	if err := os.WriteFile(filepath.Join(dir, "a.journey.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := lintMain(t, "", false, "lint", "--format", "json", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep report.JSONReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	rules := map[string]int{}
	for _, d := range rep.Diagnostics {
		rules[d.Rule]++
	}
	// channel-switch is on by default (off in the project config), and the
	// ignored owner-handoff stays ignored.
	if rules["channel-switch"] != 2 || rules["owner-handoff"] != 1 || rules["metric-small-sample"] != 1 || rep.FailOn != "error" {
		t.Errorf("findings by rule: %v, fail_on %s", rules, rep.FailOn)
	}
}

// TestValidateConfig checks that validate reads custom models from the
// nearest .journey.yaml, and from --config.
func TestValidateConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"nearest config", []string{"validate", lintProject + "/maps/onboarding.journey.yaml"}, 0, "✓ 1 file checked, no problems\n"},
		{"--config without the model", []string{"validate", "--config", "testdata/lint/nomodels.yaml", lintProject + "/maps/onboarding.journey.yaml"}, 1, "✗ 1 error in 1 file (1 file checked)\n"},
		{"invalid config", []string{"validate", "testdata/lint/badconfig/x.journey.yaml"}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, errOut, code := lintMain(t, "", false, tt.args...)
			if code != tt.code || (tt.stderr != "" && errOut != tt.stderr) {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
		})
	}
}
