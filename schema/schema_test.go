package schema_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/schema"
)

const metaschemaURL = "https://json-schema.org/draft/2020-12/schema"

// schemaDoc decodes the embedded schema as the validator sees JSON.
func schemaDoc(t testing.TB) map[string]any {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.JSON))
	if err != nil {
		t.Fatalf("schema/journey.schema.json is not JSON: %v", err)
	}
	m, ok := doc.(map[string]any)
	if !ok {
		t.Fatalf("schema/journey.schema.json is not a JSON object")
	}
	return m
}

// compile compiles the embedded schema under its own $id.
func compile(t testing.TB) *jsonschema.Schema {
	t.Helper()
	doc := schemaDoc(t)
	id, _ := doc["$id"].(string)
	c := jsonschema.NewCompiler()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(id)
	if err != nil {
		t.Fatalf("compiling the schema: %v", err)
	}
	return sch
}

func TestSchemaIsValidDraft202012(t *testing.T) {
	t.Parallel()
	doc := schemaDoc(t)
	if got := doc["$schema"]; got != metaschemaURL {
		t.Errorf("$schema = %v, want %s", got, metaschemaURL)
	}
	meta, err := jsonschema.NewCompiler().Compile(metaschemaURL)
	if err != nil {
		t.Fatal(err)
	}
	if err := meta.Validate(doc); err != nil {
		t.Errorf("the schema is not valid against the 2020-12 metaschema:\n%v", err)
	}
	compile(t)
}

// TestSchemaDocumentsEveryProperty checks what editors show: every property
// has a title and a description (its own or its $ref's), and every object
// schema closes its keys as the loader does.
func TestSchemaDocumentsEveryProperty(t *testing.T) {
	t.Parallel()
	doc := schemaDoc(t)
	defs, _ := doc["$defs"].(map[string]any)
	resolve := func(s map[string]any) map[string]any {
		if ref, ok := s["$ref"].(string); ok {
			if d, ok := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any); ok {
				return d
			}
			t.Errorf("unresolved $ref %s", ref)
		}
		return s
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				if v["type"] == "object" && v["additionalProperties"] != false {
					t.Errorf("%s: an object schema without additionalProperties: false", path)
				}
				for name, p := range props {
					ps, ok := p.(map[string]any)
					if !ok {
						continue // false: a key forbidden in one form
					}
					r := resolve(ps)
					for _, k := range []string{"title", "description"} {
						if ps[k] == nil && r[k] == nil {
							t.Errorf("%s.properties.%s has no %s", path, name, k)
						}
					}
				}
			}
			for k, c := range v {
				walk(path+"."+k, c)
			}
		case []any:
			for i, c := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), c)
			}
		}
	}
	walk("#", doc)
}

// TestSchemaKeywords allows only keywords that draft-07 tools read the same
// way (yaml-language-server validates with draft-07 semantics), which also
// catches misspelt keywords: the metaschema lets unknown ones through.
func TestSchemaKeywords(t *testing.T) {
	t.Parallel()
	allowed := map[string]bool{}
	for _, k := range strings.Fields(`$schema $id $ref $defs title description type properties required
		additionalProperties items minItems enum const default examples pattern minimum maximum
		oneOf anyOf allOf not propertyNames`) {
		allowed[k] = true
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		s, ok := v.(map[string]any)
		if !ok {
			if _, isBool := v.(bool); !isBool {
				t.Errorf("%s: a schema must be an object or a boolean, got %T", path, v)
			}
			return
		}
		for k, c := range s {
			switch {
			case !allowed[k]:
				t.Errorf("%s: keyword %q is not in the draft-07-compatible set", path, k)
			case k == "properties" || k == "$defs":
				for name, sub := range c.(map[string]any) {
					walk(path+"."+k+"."+name, sub)
				}
			case k == "items" || k == "not" || k == "additionalProperties" || k == "propertyNames":
				walk(path+"."+k, c)
			case k == "oneOf" || k == "anyOf" || k == "allOf":
				for i, sub := range c.([]any) {
					walk(fmt.Sprintf("%s.%s[%d]", path, k, i), sub)
				}
			}
		}
	}
	walk("#", schemaDoc(t))
}

// verdict is what one side says about a file: nil when valid.
type verdict struct{ err error }

func (v verdict) String() string {
	if v.err == nil {
		return "valid"
	}
	return "invalid: " + v.err.Error()
}

// schemaVerdict parses data as YAML, converts it with journey.ToValue and
// validates it against the schema.
func schemaVerdict(sch *jsonschema.Schema, data []byte) verdict {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return verdict{fmt.Errorf("YAML: %w", err)}
	}
	v, err := journey.ToValue(&doc)
	if err != nil {
		return verdict{fmt.Errorf("converting: %w", err)}
	}
	return verdict{sch.Validate(v)}
}

func loaderVerdict(name string, data []byte) verdict {
	_, diags := journey.Load(name, data, journey.Options{})
	if diags.HasErrors() {
		var b strings.Builder
		for _, d := range diags {
			b.WriteString("\n  " + d.String())
		}
		return verdict{errors.New(b.String())}
	}
	return verdict{}
}

// semanticReason returns why the schema cannot see a fixture's problem,
// from a first line "# semantic: <why>", or "".
func semanticReason(data []byte) string {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) && len(data)%2 == 0 { // UTF-16LE fixture
		u := make([]uint16, 0, len(data)/2-1)
		for i := 2; i+1 < len(data); i += 2 {
			u = append(u, uint16(data[i])|uint16(data[i+1])<<8)
		}
		data = []byte(string(utf16.Decode(u)))
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	why, ok := strings.CutPrefix(strings.TrimSpace(string(first)), "# semantic:")
	if !ok {
		return ""
	}
	return strings.TrimSpace(why)
}

func glob(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestSchemaAgreesWithLoader runs every example and fixture through both
// the loader and the schema. Valid files must be valid for both; invalid
// fixtures invalid for both, unless marked semantic (the loader alone can
// see the problem: unique ids, references...).
func TestSchemaAgreesWithLoader(t *testing.T) {
	t.Parallel()
	sch := compile(t)
	valid := append(glob(t, "../examples/*.journey.yaml"), glob(t, "../journey/testdata/valid/*.journey.yaml")...)
	invalid := glob(t, "../journey/testdata/invalid/*.journey.yaml")
	if len(glob(t, "../journey/testdata/valid/*.journey.yaml")) == 0 || len(invalid) == 0 {
		t.Fatal("no fixtures found under journey/testdata")
	}
	for _, f := range valid {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			lv, sv := loaderVerdict(f, data), schemaVerdict(sch, data)
			if lv.err != nil || sv.err != nil {
				t.Errorf("%s should be valid\nloader: %v\nschema: %v", f, lv, sv)
			}
		})
	}
	for _, f := range invalid {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			lv, sv := loaderVerdict(f, data), schemaVerdict(sch, data)
			why := semanticReason(data)
			switch {
			case lv.err == nil:
				t.Errorf("%s should be invalid for the loader\nloader: %v\nschema: %v", f, lv, sv)
			case why == "" && sv.err == nil:
				t.Errorf("%s should be invalid for the schema too (or marked `# semantic: <why>` on its first line)\nloader: %v\nschema: %v", f, lv, sv)
			case why != "" && sv.err != nil:
				t.Errorf("%s is marked semantic (%s) but the schema rejects it: drop the mark\nloader: %v\nschema: %v", f, why, lv, sv)
			}
		})
	}
}

// TestSchemaAgreesWithDecodeOnMutations changes the valid fixtures one
// node at a time (a scalar replaced by values of other types and ranges, a
// key dropped, an unknown key added) and checks that the schema and the
// loader's structural pass (journey.Decode, before cross-references) give
// the same verdict on every variant.
func TestSchemaAgreesWithDecodeOnMutations(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("about 5,000 variants: skipped with -short")
	}
	sch := compile(t)
	replacements := []string{`"x"`, `""`, `0`, `1`, `3`, `5`, `6`, `-1`, `2.5`, `101`, `true`, `null`, `[]`, `{}`, `"digital"`, `"2"`}
	files := glob(t, "../journey/testdata/valid/*.journey.yaml")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var doc yaml.Node
			if err := yaml.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			variants := 0
			check := func(what string) {
				t.Helper()
				variants++
				out, err := yaml.Marshal(&doc)
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				_, diags := journey.Decode("variant.journey.yaml", out, journey.Options{})
				dv := verdict{}
				if diags.HasErrors() {
					dv = verdict{errors.New(diags[0].String())}
				}
				sv := schemaVerdict(sch, out)
				if (dv.err == nil) != (sv.err == nil) {
					t.Errorf("%s, %s: the loader and the schema disagree\ndecode: %v\nschema: %v\n--- variant:\n%s", f, what, dv, sv, out)
				}
			}
			var walk func(n *yaml.Node, path string)
			walk = func(n *yaml.Node, path string) {
				switch n.Kind {
				case yaml.DocumentNode:
					walk(n.Content[0], path)
				case yaml.SequenceNode:
					for i, c := range n.Content {
						walk(c, fmt.Sprintf("%s[%d]", path, i))
					}
				case yaml.MappingNode:
					// An unknown key.
					n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "zzz"}, &yaml.Node{Kind: yaml.ScalarNode, Value: "1"})
					check(path + ": key zzz added")
					n.Content = n.Content[:len(n.Content)-2]
					for i := 0; i+1 < len(n.Content); i += 2 {
						k, v := n.Content[i], n.Content[i+1]
						if k.Value == "<<" {
							continue
						}
						// The pair dropped.
						saved := slices.Clone(n.Content)
						n.Content = slices.Delete(n.Content, i, i+2)
						check(path + ": " + k.Value + " dropped")
						n.Content = saved
						walk(v, path+"."+k.Value)
					}
				case yaml.ScalarNode:
					saved := *n
					for _, r := range replacements {
						var rn yaml.Node
						if err := yaml.Unmarshal([]byte(r), &rn); err != nil {
							t.Fatal(err)
						}
						*n = *rn.Content[0]
						check(fmt.Sprintf("%s = %s", path, r))
					}
					*n = saved
				}
			}
			walk(&doc, "")
			t.Logf("%s: %d variants", f, variants)
		})
	}
}

// TestSchemaJSONIsIndented keeps the embedded file readable in diffs.
func TestSchemaJSONIsIndented(t *testing.T) {
	t.Parallel()
	var v any
	if err := json.Unmarshal(schema.JSON, &v); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(schema.JSON, []byte("{\n  \"")) {
		t.Error("schema/journey.schema.json should be indented with two spaces")
	}
}
