package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/journey-cx/journey/internal/golden"
)

// minedSchema compiles schema/mined.schema.json, checking it against the
// 2020-12 metaschema and asserting formats (date-time) as well.
func minedSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	b, err := os.ReadFile("../../schema/mined.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("schema/mined.schema.json is not JSON: %v", err)
	}
	meta, err := jsonschema.NewCompiler().Compile("https://json-schema.org/draft/2020-12/schema")
	if err != nil {
		t.Fatal(err)
	}
	if err := meta.Validate(doc); err != nil {
		t.Fatalf("schema/mined.schema.json is not a valid 2020-12 schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("mined.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("mined.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// TestMineJSONSchema checks journey mine's JSON envelope against the
// schema docs/mining.md publishes, with and without a map, with feedback
// and with one customer; and that the schema is strict enough to reject an
// envelope with a key it does not know or a count that is not an integer.
func TestMineJSONSchema(t *testing.T) {
	t.Parallel()
	sch := minedSchema(t)
	const ex = "../../examples/seguro-hogar.journey.yaml"
	runs := map[string][]string{
		"map":              {"mine", ex, "-f", "json"},
		"feedback, case":   {"mine", ex, "-f", "json", "--responses", "../../examples/data/encuesta-clientes.csv", "--customer", "C100004"},
		"log alone":        {"mine", "-f", "json", "--events", "../../examples/data/eventos-seguro.csv.gz", "--case", "cliente_id", "--activity", "evento", "--timestamp", "fecha", "--channel", "canal"},
		"unknown customer": {"mine", ex, "-f", "json", "--customer", "nadie"},
	}
	for name, args := range runs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := run(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			v, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				t.Errorf("the envelope does not match schema/mined.schema.json: %v", err)
			}
		})
	}
	out, _, _ := run(t, "mine", ex, "-f", "json")
	for _, bad := range []struct{ from, to string }{
		{`"version": 1,`, `"version": 1, "extra": true,`},
		{`"cases": 8000,`, `"cases": 8000.5,`},
		{`"first": "2026-`, `"first": "ayer 2026-`},
	} {
		if !strings.Contains(out, bad.from) {
			t.Fatalf("the envelope has no %q", bad.from)
		}
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(strings.Replace(out, bad.from, bad.to, 1)))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(v) == nil {
			t.Errorf("the schema accepts %s", bad.to)
		}
	}
}

// TestMineExampleTable pins the table of the bundled insurer log, with its
// survey, as docs/mining.md shows it.
func TestMineExampleTable(t *testing.T) {
	t.Parallel()
	out, errOut, code := run(t, "mine", "../../examples/seguro-hogar.journey.yaml", "--responses", "../../examples/data/encuesta-clientes.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden.Assert(t, "testdata/mine/seguro-hogar.table.golden", []byte(out))
	golden.Assert(t, "testdata/mine/seguro-hogar.stderr.golden", []byte(errOut))
}
