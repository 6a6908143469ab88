package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// hostileMap copies the errorfinding map into a folder under a name that
// writes the clipboard (OSC 52), clears the screen and breaks the line,
// and returns the folder.
func hostileMap(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(lintErrorFinding + "/etapa-vacia.journey.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	name := "m\x1b]52;c;ZXZpbA==\x07\x1b[2J\nx:a,b%.journey.yaml"
	if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	return dir
}

// TestJUnitConsumerHostileName reads lint's JUnit report of a hostile
// file name with junit2json: it parses, and the suite, the class and the
// failure's text name the file with its controls shown as escapes.
func TestJUnitConsumerHostileName(t *testing.T) {
	t.Parallel()
	dir := nodeModules(t, "junit2json")
	maps := hostileMap(t)
	out, errOut, code := lintMain(t, "", false, "lint", "--format", "junit", maps)
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	report := filepath.Join(t.TempDir(), "report.xml")
	if err := os.WriteFile(report, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "testdata/consumers/junit.mjs", report)
	cmd.Env = append(os.Environ(), "JOURNEY_NODE_MODULES="+filepath.Join(dir, "node_modules"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var res map[string]struct {
		Failures int
		Suites   []struct {
			Name, File string
			Cases      []struct{ Name, Classname, Outcome, Text string }
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	r := res[report]
	if r.Failures != 1 || len(r.Suites) != 1 {
		t.Fatalf("%d failures in %d suites, want 1 in 1:\n%s", r.Failures, len(r.Suites), stdout.String())
	}
	s := r.Suites[0]
	want := `m\x1b]52;c;ZXZpbA==\x07\x1b[2J\nx:a,b%.journey.yaml`
	if !strings.HasSuffix(s.Name, want) || s.File != s.Name {
		t.Errorf("suite %q, file %q: want the name ending %q", s.Name, s.File, want)
	}
	for _, c := range s.Cases {
		if c.Classname != s.Name {
			t.Errorf("case %s: class %q", c.Name, c.Classname)
		}
		if c.Outcome == "failure" && !strings.Contains(c.Text, want+":9:5: error: ") {
			t.Errorf("failure of %s: %q", c.Name, c.Text)
		}
	}
}

// TestLintSARIFSchemaHostileName: the SARIF of a hostile file name
// validates (URIs are checked as URI references) and escapes the name.
func TestLintSARIFSchemaHostileName(t *testing.T) {
	t.Parallel()
	out, errOut, code := lintMain(t, "", false, "lint", "--format", "sarif", hostileMap(t))
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	validateSARIF(t, out)
	if !strings.Contains(out, `m%1B%5D52%3Bc%3BZXZpbA==%07%1B%5B2J%0Ax%3Aa%2Cb%25.journey.yaml"`) {
		t.Errorf("the artifact URI does not escape the name:\n%s", out)
	}
}

// TestTerminalOut: on a terminal, a machine format goes through the
// sanitiser; into a file or a pipe it is the data as it is.
func TestTerminalOut(t *testing.T) {
	t.Parallel()
	m := filepath.Join(t.TempDir(), "m.journey.yaml")
	src := "version: 1\nid: m\ntitle: \"Título \\e]52;c;ZXZpbA==\\a \\e[2J\"\nstages:\n  - id: s\n    name: S\n    touchpoints: [{id: t, name: T}]\n"
	if err := os.WriteFile(m, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, term := range []bool{false, true} {
		app, _, out, errOut := newTestApp()
		app.TermOut = term
		if code := Main(t.Context(), []string{"score", "--format", "csv", m}, app, BuildInfo{}); code != 0 {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		if got := strings.Contains(out.String(), "Título \x1b]52;c;ZXZpbA==\x07 \x1b[2J"); got == term {
			t.Errorf("terminal %v: the title as it is: %v\n%q", term, got, out.String())
		}
		if term && !strings.Contains(out.String(), `Título \x1b]52;c;ZXZpbA==\x07 \x1b[2J`) {
			t.Errorf("terminal output not sanitised: %q", out.String())
		}
	}
}

// validateSARIF fails the test unless doc validates against the official
// SARIF 2.1.0 schema, formats (URIs) asserted.
func validateSARIF(t *testing.T, doc string) {
	t.Helper()
	f, err := os.Open("../report/testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	schema, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("file:///sarif.json", schema); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("file:///sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("SARIF does not validate: %v", err)
	}
}
