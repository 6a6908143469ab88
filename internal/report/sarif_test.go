package report

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/journey-cx/journey/journey"
)

// sarifSchema compiles the official SARIF 2.1.0 schema (testdata copy of
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "file:///sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	t.Parallel()
	sch := sarifSchema(t)
	empty := &Result{Command: "lint", Lint: &LintInfo{}}
	validate := &Result{Command: "validate", Files: []string{"/abs/path/x.journey.yaml"}, Diagnostics: journey.Diagnostics{
		{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: "/abs/path/x.journey.yaml", Line: 1, Column: 1, Message: "bad"},
		{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: "<stdin>", Message: "empty"},
	}}
	for name, r := range map[string]*Result{"sample": sample(), "empty": empty, "validate": validate} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			if err := SARIF(&b, r, Theme{}); err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("SARIF output does not validate:\n%v\n%s", err, b.String())
			}
		})
	}
}

// TestSARIFSchemaCatchesMistakes makes sure the schema check has teeth.
func TestSARIFSchemaCatchesMistakes(t *testing.T) {
	t.Parallel()
	sch := sarifSchema(t)
	bad := map[string]any{"version": "2.1.0", "runs": []any{map[string]any{
		"tool":    map[string]any{"driver": map[string]any{"name": "journey"}},
		"results": []any{map[string]any{"message": map[string]any{"text": "x"}, "level": "fatal"}},
	}}}
	data, _ := json.Marshal(bad)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err := sch.Validate(inst); err == nil {
		t.Error("a result with level fatal validated")
	}
}

func TestSARIFArtifact(t *testing.T) {
	t.Parallel()
	tests := []struct{ file, uri, base string }{
		{"maps/a.journey.yaml", "maps/a.journey.yaml", "%SRCROOT%"},
		{"maps/baja ñ.journey.yaml", "maps/baja%20%C3%B1.journey.yaml", "%SRCROOT%"},
		{"<stdin>", "%3Cstdin%3E", "%SRCROOT%"},
		{"/tmp/x y.journey.yaml", "file:///tmp/x%20y.journey.yaml", ""},
		{"C:/maps/a.journey.yaml", "file:///C:/maps/a.journey.yaml", ""},
	}
	for _, tt := range tests {
		if got := artifact(tt.file); got.URI != tt.uri || got.URIBaseID != tt.base {
			t.Errorf("artifact(%q) = %+v, want %s %s", tt.file, got, tt.uri, tt.base)
		}
	}
}
