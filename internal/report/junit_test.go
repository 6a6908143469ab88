package report

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/journey"
)

func TestJUnitIsWellFormed(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := JUnit(&b, sample(), Theme{}); err != nil {
		t.Fatal(err)
	}
	var got junitSuites
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("output is not XML: %v\n%s", err, b.String())
	}
	// 3 files x 4 rules; fail-on warning: invalid, stage-empty and
	// emotion-drop fail in alta; owner-handoff is info in baja, skipped in clean.
	skipped := 0
	for _, s := range got.Suites {
		skipped += s.Skipped
	}
	if got.Tests != 12 || got.Failures != 3 || skipped != 1 || len(got.Suites) != 3 {
		t.Errorf("tests=%d failures=%d skipped=%d suites=%d", got.Tests, got.Failures, skipped, len(got.Suites))
	}
	want := "emotion falls 50%: from 4 to 2,\nthen <worse> & \"worst\""
	if f := got.Suites[0].Cases[2].Failure; f == nil || f.Message != want {
		t.Errorf("failure message does not round-trip: %+v", f)
	}
	if s := got.Suites[1]; s.File != "maps/baja ñ.journey.yaml" || len(s.Properties) != 2 || s.Properties[1] != (junitProperty{"journey.fail-on", "warning"}) {
		t.Errorf("suite file and properties: %q %+v", s.File, s.Properties)
	}
}

// TestJUnitMatchesSchema validates reports against the JUnit schema of
// Jenkins' xunit plugin (testdata/junit-10.xsd) with libxml2's xmllint.
func TestJUnitMatchesSchema(t *testing.T) {
	t.Parallel()
	xmllint := xmlLint(t)
	invalid := sample()
	invalid.Lint.Skipped["maps/alta.journey.yaml"] = map[string]string{"emotion-drop": "the map is invalid: lint rules run on valid maps only"}
	tests := map[string]*Result{
		"lint":     sample(),
		"invalid":  invalid,
		"empty":    {Command: "lint", Files: []string{"a.journey.yaml"}, Lint: &LintInfo{FailOn: journey.SeverityError}},
		"validate": {Command: "validate", Files: []string{"a.journey.yaml"}, Diagnostics: sample().Diagnostics[:1]},
		"no files": {Command: "lint", Lint: &LintInfo{FailOn: journey.SeverityNone}},
	}
	for name, r := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			if err := JUnit(&b, r, Theme{}); err != nil {
				t.Fatal(err)
			}
			validateJUnit(t, xmllint, "testdata/junit-10.xsd", b.Bytes())
		})
	}
	// The reports lint writes end to end (the CLI's goldens) too.
	goldens, err := filepath.Glob("../cli/testdata/lint/*.junit.golden")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no CLI JUnit goldens: %v", err)
	}
	for _, g := range goldens {
		doc, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		validateJUnit(t, xmllint, "testdata/junit-10.xsd", doc)
	}
	// The schema is strict enough to refuse what the report used to write.
	old := []byte(`<testsuites name="journey lint" tests="1" failures="0" errors="0" skipped="0">` +
		`<testsuite name="a" tests="1" failures="0" errors="0"><testcase name="r" file="a" line="3"></testcase></testsuite></testsuites>`)
	if out, err := runXMLLint(t, xmllint, "testdata/junit-10.xsd", old); err == nil {
		t.Errorf("the schema accepts file and line on testcase and skipped on testsuites:\n%s", out)
	}
}

// xmlLint returns the path of libxml2's xmllint, or skips the test when it
// is not installed (and fails it when JOURNEY_CONSUMERS=1, as in CI).
func xmlLint(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("JOURNEY_CONSUMERS") == "1" {
			t.Fatal("xmllint is not installed: .ci/run installs libxml2-utils")
		}
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	return p
}

// validateJUnit fails the test unless xmllint finds doc valid against the
// schema at xsd.
func validateJUnit(t *testing.T, xmllint, xsd string, doc []byte) {
	t.Helper()
	if out, err := runXMLLint(t, xmllint, xsd, doc); err != nil {
		t.Errorf("the JUnit report is not valid against %s: %v\n%s\n%s", xsd, err, out, doc)
	}
}

func runXMLLint(t *testing.T, xmllint, xsd string, doc []byte) (string, error) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "report.xml")
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--schema", xsd, f).CombinedOutput()
	return strings.TrimSpace(string(out)), err
}
