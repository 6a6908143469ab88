package report

import (
	"bytes"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey"
)

// sample is a lint result with what printers must get right: several
// files, every severity, an unknown position, accents before the column,
// and messages holding %, newlines, : and , and XML/HTML specials.
func sample() *Result {
	a, b, c := "maps/alta.journey.yaml", "maps/baja ñ.journey.yaml", "maps/clean.journey.yaml"
	return &Result{
		Command: "lint",
		Version: "1.2.3",
		Files:   []string{a, b, c},
		Sources: map[string][]byte{
			a: []byte("version: 1\nstages:\n  - id: need\n    name: Need\n    touchpoints: []\n  - id: buy\n    touchpoints: [{id: x, name: Señal, emotion: 1}]\n"),
			b: []byte("version: 1\ntitle: Atención\n"),
		},
		Diagnostics: journey.Diagnostics{
			{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: a, Message: "file is over the 10 MiB size limit"},
			{Rule: "stage-empty", Severity: journey.SeverityError, File: a, Line: 3, Column: 5, Path: "stages[0]",
				Message: `stage "need" has no touchpoints`, Suggest: "add touchpoints, or remove the stage"},
			{Rule: "emotion-drop", Severity: journey.SeverityWarning, File: a, Line: 7, Column: 49, Path: "stages[1].touchpoints[0].emotion",
				Message: "emotion falls 50%: from 4 to 2,\nthen <worse> & \"worst\""},
			{Rule: "owner-handoff", Severity: journey.SeverityInfo, File: b, Line: 2, Column: 8, Path: "title",
				Message: "owner changes from ventas to atención, sin aviso"},
		},
		Rules: []RuleInfo{
			{ID: journey.RuleInvalid, Category: "structure", Severity: journey.SeverityError, Summary: "the map breaks the format", Doc: "Validation errors."},
			{ID: "stage-empty", Category: "structure", Severity: journey.SeverityError, Summary: "a stage has no touchpoints",
				Doc: "A stage without touchpoints is a hole.", Example: "touchpoints:\n  - id: a\n", HelpURI: "https://example.com/rules#stage-empty"},
			{ID: "emotion-drop", Category: "experience", Severity: journey.SeverityWarning, Summary: "emotion falls by 2 or more", Doc: "Drops lose customers."},
			{ID: "owner-handoff", Category: "flow", Severity: journey.SeverityInfo, Summary: "the owner changes", Doc: "Hand-overs lose information."},
		},
		Lint: &LintInfo{
			FailOn:  journey.SeverityWarning,
			Skipped: map[string]map[string]string{c: {"owner-handoff": `turned off in .journey.yaml`}},
		},
	}
}

func TestPrinters(t *testing.T) {
	t.Parallel()
	for _, f := range AllFormats() {
		t.Run(f, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			if err := Print(&b, Format(f), sample(), Theme{}); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, "testdata/lint."+f+".golden", b.Bytes())
		})
	}
}

// TestPrintersEmpty pins the output of a run without findings: JSON
// arrays stay arrays, never null.
func TestPrintersEmpty(t *testing.T) {
	t.Parallel()
	for _, f := range AllFormats() {
		t.Run(f, func(t *testing.T) {
			t.Parallel()
			r := &Result{Command: "lint", Files: []string{"a.journey.yaml"}, Lint: &LintInfo{FailOn: journey.SeverityError}}
			var b bytes.Buffer
			if err := Print(&b, Format(f), r, Theme{}); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, "testdata/empty."+f+".golden", b.Bytes())
		})
	}
}

func TestParseFormat(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"text", "JSON", " sarif ", "junit", "github", "CodeClimate"} {
		if _, err := ParseFormat(s); err != nil {
			t.Errorf("ParseFormat(%q): %v", s, err)
		}
	}
	_, err := ParseFormat("xml")
	if err == nil || err.Error() != `unknown format "xml" (want text, json, sarif, junit, github, codeclimate)` {
		t.Errorf("ParseFormat(xml): %v", err)
	}
}

func TestFailLevel(t *testing.T) {
	t.Parallel()
	r := sample()
	r.Lint.FileFailOn = map[string]journey.Severity{"maps/alta.journey.yaml": journey.SeverityNone}
	if !r.Passed() {
		t.Error("with fail-on none for the only file with errors and warnings, the run should pass")
	}
	r.Lint.FileFailOn = nil
	r.Lint.FailOn = journey.SeverityInfo
	if r.Passed() {
		t.Error("with fail-on info, the run should fail")
	}
	v := &Result{Command: "validate", Diagnostics: journey.Diagnostics{{Severity: journey.SeverityWarning}}}
	if !v.Passed() || v.FailLevel("x") != journey.SeverityError {
		t.Error("validate fails on errors only")
	}
}
