package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const lintErrorFinding = "testdata/lint/errorfinding"

// junitDoc is the part of a JUnit report these tests read.
type junitDoc struct {
	Suites []struct {
		Name    string `xml:"name,attr"`
		Skipped int    `xml:"skipped,attr"`
		Cases   []struct {
			Name    string    `xml:"name,attr"`
			Failure *struct{} `xml:"failure"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// TestLintJUnitErrorFinding: a valid map with an error-level finding
// fails that rule's test case; no rule is skipped as if the map were
// invalid (the report used to skip every rule, and CI showed green).
func TestLintJUnitErrorFinding(t *testing.T) {
	t.Parallel()
	out, errOut, code := lintMain(t, "", false, "lint", "--format", "junit", lintErrorFinding)
	checkRun(t, out, errOut, code, 1, "✗ 1 error, 1 warning in 1 file (1 file checked)\n", "testdata/lint/errorfinding.junit.golden")
	var doc junitDoc
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Suites) != 1 {
		t.Fatalf("%d suites, want 1", len(doc.Suites))
	}
	s := doc.Suites[0]
	if s.Skipped != 0 {
		t.Errorf("%d rules skipped on a valid map", s.Skipped)
	}
	var failed []string
	for _, c := range s.Cases {
		if c.Skipped != nil {
			t.Errorf("rule %s skipped on a valid map: %s", c.Name, c.Skipped.Message)
		}
		if c.Failure != nil {
			failed = append(failed, c.Name)
		}
	}
	if strings.Join(failed, " ") != "stage-empty" {
		t.Errorf("failing test cases %q, want [stage-empty]", failed)
	}
}

// TestJUnitConsumer reads lint's JUnit reports with junit2json (npm):
// every finding at the fail level is a failure of its rule's test case
// with the finding's location in its text, the rest go to system-out,
// rules skipped on an invalid map or turned off say why, and the
// properties carry the fail level.
func TestJUnitConsumer(t *testing.T) {
	t.Parallel()
	dir := nodeModules(t, "junit2json")
	tmp := t.TempDir()
	reports := map[string]string{}
	for name, path := range map[string]string{"errorfinding": lintErrorFinding, "project": lintProject} {
		out, errOut, code := lintMain(t, "", false, "lint", "--format", "junit", path)
		if code != 1 {
			t.Fatalf("lint %s: exit %d\n%s", path, code, errOut)
		}
		reports[name] = filepath.Join(tmp, name+".xml")
		if err := os.WriteFile(reports[name], []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("node", "testdata/consumers/junit.mjs", reports["errorfinding"], reports["project"])
	cmd.Env = append(os.Environ(), "JOURNEY_NODE_MODULES="+filepath.Join(dir, "node_modules"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	type testCase struct {
		Name, Classname, Outcome, Message, Type, Text, Out string
	}
	type suite struct {
		Name, File               string
		Tests, Failures, Skipped int
		Properties               map[string]string
		Cases                    []testCase
	}
	var res map[string]struct {
		Tests, Failures, Errors int
		Suites                  []suite
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	find := func(s suite, rule string) testCase {
		for _, c := range s.Cases {
			if c.Name == rule {
				return c
			}
		}
		t.Fatalf("suite %s has no test case %s", s.Name, rule)
		return testCase{}
	}

	ef := res[reports["errorfinding"]]
	if ef.Failures != 1 || len(ef.Suites) != 1 {
		t.Fatalf("errorfinding: %d failures in %d suites, want 1 in 1", ef.Failures, len(ef.Suites))
	}
	s := ef.Suites[0]
	const mapFile = lintErrorFinding + "/etapa-vacia.journey.yaml"
	if s.Name != mapFile || s.File != mapFile || s.Skipped != 0 || s.Properties["journey.fail-on"] != "error" || s.Properties["journey.version"] != "v1.2.3" {
		t.Errorf("errorfinding suite: %+v", s)
	}
	if c := find(s, "stage-empty"); c.Outcome != "failure" || c.Type != "error" || c.Classname != mapFile ||
		c.Message != `stage "contratar" has no touchpoints (add the touchpoints where the customer meets the company in this stage, or remove the stage)` ||
		!strings.HasPrefix(c.Text, mapFile+":9:5: error: ") {
		t.Errorf("stage-empty: %+v", c)
	}
	if c := find(s, "recommend-without-nps"); c.Outcome != "passed" || !strings.HasPrefix(c.Out, mapFile+":9:5: warning: ") {
		t.Errorf("a warning below the fail level is not in system-out: %+v", c)
	}
	for _, c := range s.Cases {
		if c.Outcome == "skipped" {
			t.Errorf("rule %s skipped on a valid map: %s", c.Name, c.Message)
		}
	}

	p := res[reports["project"]]
	if p.Tests != 72 || p.Failures != 5 || len(p.Suites) != 3 {
		t.Fatalf("project: %d tests, %d failures, %d suites", p.Tests, p.Failures, len(p.Suites))
	}
	broken, clean := p.Suites[0], p.Suites[1]
	if c := find(broken, "invalid"); c.Outcome != "failure" || !strings.Contains(c.Text, "broken.journey.yaml:8:26: error: unknown key") {
		t.Errorf("invalid map: %+v", c)
	}
	if c := find(broken, "stage-empty"); c.Outcome != "skipped" || c.Message != "the map is invalid: lint rules run on valid maps only" {
		t.Errorf("a rule on an invalid map is not skipped: %+v", c)
	}
	if broken.Skipped != broken.Tests-1 {
		t.Errorf("invalid map: %d of %d rules skipped, want all but invalid", broken.Skipped, broken.Tests)
	}
	if c := find(clean, "channel-switch"); c.Outcome != "skipped" || c.Message != "turned off in testdata/lint/project/.journey.yaml" {
		t.Errorf("a rule turned off is not skipped: %+v", c)
	}
	if clean.Properties["journey.fail-on"] != "warning" {
		t.Errorf("fail level of the project: %v", clean.Properties)
	}
}
