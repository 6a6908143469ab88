package schema_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/schema"
)

// The tests here check the schema as editors use it: through
// yaml-language-server, the engine behind VS Code's YAML extension (and
// the YAML support of other editors), over its stdio protocol, with the
// extension's default YAML 1.2. The schema tests beside them convert YAML
// to JSON the way journey does (every key a string); an editor does not:
// `{0: 3}` has a number for a key there.

// editorGaps are the fixtures an editor cannot judge as the loader does,
// and why. Each must still differ (the test says when one no longer does).
var editorGaps = map[string]string{
	"valid/yaml-styles.journey.yaml":               "YAML 1.1 number forms (0b11, 1_000), which journey reads as numbers and YAML 1.2 editors as text",
	"invalid/empty.journey.yaml":                   "an empty document is not validated against the schema",
	"invalid/only-comments.journey.yaml":           "an empty document is not validated against the schema",
	"invalid/count-too-large.journey.yaml":         "JavaScript reads 9007199254740993 as 9007199254740992, the largest count",
	"invalid/distribution-key-padded.journey.yaml": "YAML 1.2 reads the key 05 as the number 5",
	"invalid/alias-cycle.journey.yaml":             "yaml-language-server merges a mapping into itself without a word",
	"invalid/not-utf8.journey.yaml":                "the editor shows the file decoded, the bad bytes replaced",
	"invalid/billion-laughs.journey.yaml":          "the editor reports the unknown keys that hold the anchors; the loader stops at the expansion",
	"invalid/yaml-syntax.journey.yaml":             "the YAML parser reports an unclosed [ where the next line starts",
}

// errorLines returns the 1-based lines of the error and warning
// diagnostics, less offset lines (a modeline the test added on top).
func errorLines(diags []lspDiagnostic, offset int) []int {
	var lines []int
	for _, d := range diags {
		if d.Severity == 1 || d.Severity == 2 {
			lines = append(lines, d.Range.Start.Line+1-offset)
		}
	}
	slices.Sort(lines)
	return slices.Compact(lines)
}

// loaderLines returns the lines of the loader's errors.
func loaderLines(path string, data []byte) []int {
	_, diags := journey.Load(path, data, journey.Options{})
	var lines []int
	for _, d := range diags {
		if d.Severity == journey.SeverityError {
			lines = append(lines, d.Line)
		}
	}
	slices.Sort(lines)
	return slices.Compact(lines)
}

func describe(diags []lspDiagnostic, offset int) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "\n  %d:%d %s (%s)", d.Range.Start.Line+1-offset, d.Range.Start.Character+1, d.Message, d.Source)
	}
	return b.String()
}

// withModeline prepends the modeline that points at the schema: the
// fixtures under journey/testdata have none.
func withModeline(root string, data []byte) string {
	return "# yaml-language-server: $schema=" + fileURI(filepath.Join(root, "schema", "journey.schema.json")) + "\n" + string(data)
}

// TestEditorAgreesWithLoader opens every example (with its own relative
// modeline) and every fixture of journey/testdata in yaml-language-server:
// the examples and valid fixtures must show no error or warning; each
// invalid fixture whose problem the schema can see (not marked
// `# semantic:`) must show an error on a line where the loader reports one.
func TestEditorAgreesWithLoader(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	c := startLSP(t, root)
	examples := glob(t, "../examples/*.journey.yaml")
	fixtures := glob(t, "../journey/testdata/*/*.journey.yaml")
	if len(examples) == 0 || len(fixtures) == 0 {
		t.Fatal("no examples or fixtures")
	}
	type doc struct {
		name   string
		data   []byte
		offset int
	}
	docs := map[string]doc{}
	texts := map[string]string{}
	for _, f := range append(examples, fixtures...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		abs, err := filepath.Abs(f)
		if err != nil {
			t.Fatal(err)
		}
		d := doc{name: filepath.Base(filepath.Dir(f)) + "/" + filepath.Base(f), data: data}
		texts[abs] = string(data)
		if !strings.HasPrefix(f, "../examples/") {
			texts[abs], d.offset = withModeline(root, data), 1
		}
		docs[abs] = d
	}
	got := c.openAll(texts)
	for abs, d := range docs {
		diags := got[abs]
		lsp, loader := errorLines(diags, d.offset), loaderLines(d.name, d.data)
		valid := len(loader) == 0
		semantic := semanticReason(d.data)
		var agrees bool
		switch {
		case valid:
			agrees = len(lsp) == 0
		case semantic != "":
			continue // the schema cannot see it; the editor may or may not
		default:
			agrees = slices.ContainsFunc(lsp, func(l int) bool { return slices.Contains(loader, l) })
		}
		if gap, ok := editorGaps[d.name]; ok {
			if agrees {
				t.Errorf("%s: the editor now agrees with the loader (listed as a gap: %s): drop it from editorGaps", d.name, gap)
			}
			continue
		}
		switch {
		case agrees:
		case valid:
			t.Errorf("%s is valid, but the editor shows:%s", d.name, describe(diags, d.offset))
		case len(lsp) == 0:
			t.Errorf("%s: the loader reports errors on lines %v; the editor shows none", d.name, loader)
		default:
			t.Errorf("%s: the loader reports errors on lines %v; the editor on lines %v:%s", d.name, loader, lsp, describe(diags, d.offset))
		}
	}
}

// mistake is one edit of a line of an example that both the loader and
// the editor must flag on that line.
type mistake struct {
	name string
	find string // the line to change, trimmed
	repl string // what it becomes, without indentation
}

// TestEditorFlagsMistakes makes the mistakes people make in an example
// (misspelt keys, wrong types, values out of range, unknown enum values)
// one at a time and checks the editor flags each on the line the loader
// reports.
func TestEditorFlagsMistakes(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	const example = "../examples/seguro-hogar.journey.yaml"
	src, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	mistakes := []mistake{
		{"touchpoint key misspelt", "channel: comparador", "chanel: comparador"},
		{"stage key misspelt", "goal: Entender qué cubre un seguro de hogar y cuánto cuesta de verdad", "gol: Entender qué cubre un seguro de hogar y cuánto cuesta de verdad"},
		{"top-level key misspelt", "locale: es", "lokale: es"},
		{"emotion as text", "emotion: 3", "emotion: alta"},
		{"emotion above 5", "emotion: 3", "emotion: 7"},
		{"emotion below 1", "emotion: 2", "emotion: 0"},
		{"emotion with a fraction above 5", "emotion: 2", "emotion: 5.5"},
		{"severity misspelt", "severity: high", "severity: hihg"},
		{"channel kind unknown", "- {id: web, name: Sitio web nortia.es, kind: digital}", "- {id: web, name: Sitio web nortia.es, kind: online}"},
		{"thought as a list", "thought: ¿De verdad estoy obligada a contratar el suyo?", "thought: [una, lista]"},
		{"channel as a number", "channel: comparador", "channel: 3"},
		{"count negative", "nps: {promoters: 96, passives: 118, detractors: 131, n: 345}", "nps: {promoters: -96, passives: 118, detractors: 131, n: 345}"},
		{"count with a fraction", "nps: {promoters: 96, passives: 118, detractors: 131, n: 345}", "nps: {promoters: 96.5, passives: 118, detractors: 131, n: 345}"},
		{"count as text", "nps: {promoters: 96, passives: 118, detractors: 131, n: 345}", "nps: {promoters: many, passives: 118, detractors: 131, n: 345}"},
		{"distribution key out of the scale", "distribution: {1: 18, 2: 27, 3: 64, 4: 121, 5: 73}", "distribution: {1: 18, 2: 27, 3: 64, 4: 121, 6: 73}"},
		{"distribution key as text", "distribution: {1: 18, 2: 27, 3: 64, 4: 121, 5: 73}", "distribution: {1: 18, 2: 27, 3: 64, 4: 121, five: 73}"},
		{"version 2", "version: 1", "version: 2"},
		{"id not a slug", "- id: comparador", "- id: Comparador de seguros"},
	}
	texts := map[string]string{}
	lineOf := map[string]int{}
	data := map[string][]byte{}
	for _, m := range mistakes {
		lines := strings.Split(string(src), "\n")
		at := slices.IndexFunc(lines, func(l string) bool { return strings.TrimSpace(l) == m.find })
		if at < 0 {
			t.Fatalf("%s: no line %q in %s", m.name, m.find, example)
		}
		indent := lines[at][:len(lines[at])-len(strings.TrimLeft(lines[at], " "))]
		lines[at] = indent + m.repl
		text := strings.Join(lines, "\n")
		path := filepath.Join(root, "examples", strings.ReplaceAll(m.name, " ", "-")+".journey.yaml")
		texts[path], lineOf[path], data[path] = text, at+1, []byte(text)
	}
	got := startLSP(t, root).openAll(texts)
	for _, m := range mistakes {
		path := filepath.Join(root, "examples", strings.ReplaceAll(m.name, " ", "-")+".journey.yaml")
		want := lineOf[path]
		loader := loaderLines(filepath.Base(path), data[path])
		if !slices.Contains(loader, want) {
			t.Errorf("%s: the loader reports lines %v, not %d: fix the test's mistake", m.name, loader, want)
		}
		if lsp := errorLines(got[path], 0); !slices.Contains(lsp, want) {
			t.Errorf("%s (%s, line %d): the editor flags lines %v:%s", m.name, m.repl, want, lsp, describe(got[path], 0))
		}
	}
}

// TestEditorCompletesTouchpointKeys asks for completion on a new line
// inside a touchpoint of an example: the editor must offer every key of a
// touchpoint that the touchpoint does not have yet.
func TestEditorCompletesTouchpointKeys(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Defs map[string]struct {
			Properties map[string]json.RawMessage
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.JSON, &doc); err != nil {
		t.Fatal(err)
	}
	keys := doc.Defs["touchpoint"].Properties
	if len(keys) < 10 {
		t.Fatalf("the schema's touchpoint has %d properties", len(keys))
	}
	src, err := os.ReadFile("../examples/telecom-support.journey.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	// The first touchpoint: its "- id:" line, then the keys it has.
	at := slices.IndexFunc(lines, func(l string) bool {
		return strings.HasPrefix(strings.TrimSpace(l), "- id:") && strings.Contains(l, "      - id:")
	})
	if at < 0 {
		t.Fatal("no touchpoint in the example")
	}
	indent := strings.Repeat(" ", strings.Index(lines[at], "-")+2)
	has := map[string]bool{"id": true}
	end := at + 1
	for ; end < len(lines) && strings.HasPrefix(lines[end], indent); end++ {
		if k, _, ok := strings.Cut(strings.TrimPrefix(lines[end], indent), ":"); ok && !strings.HasPrefix(k, " ") && !strings.HasPrefix(k, "#") {
			has[k] = true
		}
	}
	// A new, empty key line at the end of the touchpoint.
	lines = slices.Insert(lines, end, indent)
	path := filepath.Join(root, "examples", "completion.journey.yaml")
	cl := startLSP(t, root)
	cl.openAll(map[string]string{path: strings.Join(lines, "\n")})
	labels := cl.complete(path, end, len(indent))
	var missing []string
	for k := range keys {
		if !has[k] && !slices.Contains(labels, k) {
			missing = append(missing, k)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("completion in a touchpoint (line %d) lacks %q; it offers %q", end+1, missing, labels)
	}
	for _, l := range labels {
		if _, ok := keys[l]; !ok {
			t.Errorf("completion in a touchpoint offers %q, which is no touchpoint key", l)
		}
	}
}
