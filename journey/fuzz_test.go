package journey

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/journey-cx/journey/internal/mapgen"
)

// fuzzSnippets are tricky inputs for the seed corpus: anchors and merge
// keys, deep nesting, huge numbers, tabs, BOMs, odd tags and keys.
var fuzzSnippets = []string{
	base,
	"a: &a {b: 1}\nc: {<<: *a, d: 2}\n",
	"a: &a {b: 1}\nb: &b {c: 2}\nc: {<<: [*a, *b]}\n",
	"<<: 5\n<<: ~\n<<: [1, *x]\n",
	"a: &x [*x]\n",
	"a: &x {<<: *x}\n",
	"&k a: 1\n*k : 2\n",
	"? [a, b]\n: c\n{a: 1}: b\n~: 1\n",
	strings.Repeat("[", 200) + strings.Repeat("]", 200),
	strings.Repeat("{a: ", 200) + "1" + strings.Repeat("}", 200),
	strings.Repeat("- ", 100) + "x\n",
	"version: 99999999999999999999999\nid: m\n",
	"version: 0x1FFFFFFFFFFFFFFFFFFFF\n",
	"version: 1e999\nid: -0\ntitle: .nan\nstages: .inf\n",
	"version:\t1\nid:\tm\n",
	"\tid: m\n",
	"\xef\xbb\xbfversion: 1\n",
	"\xff\xfev\x00:\x00 \x001\x00",
	"\xfe\xff\x00v\x00:",
	"version: 1\n\xef\xbb\xbfid: m\n",
	"---\n---\n",
	"...\n",
	"%YAML 1.1\n---\nversion: 1\n",
	"%TAG !e! tag:example.com,2000:\n---\nversion: !e!x 1\n",
	"version: !!binary aGVsbG8=\nid: !custom x\ntitle: !!str 2024-01-01\nstages: !!map {}\n",
	"stages: [{id: a, name: b, touchpoints: [{id: c, name: d, next: [c, c], emotion: {x: 1}, metrics: {nps: {distribution: {0: 1, \"10\": 2}}}}]}]\n",
	"personas: [{id: a, name: A}]\nstages: [{id: s, name: S, touchpoints: [{id: t, name: T, emotion: {<<: {a: 1}}}]}]\n",
	"stages:\n  - &s {id: s, name: S, touchpoints: [&t {id: t, name: T}]}\n  - *s\n  - {<<: *s, touchpoints: [*t, *t]}\n",
	"title: \"\\u0000\\uD800\"\nid: 'it''s'\n",
	"title: |\n  a\n\n  b\nid: >-\n  c\n",
	"a:\r\n  b: 1\rc: 2\n",
	"title: x\u2028y\u0085z\n",
	"id: ñandú\ntitle: 🚀\n",
	"version: 1\x00\n",
	"version: 1\nid: m\ntitle: Cotizaci\xf3n\n",
}

// FuzzLoad feeds Load arbitrary bytes: it must not panic or hang, and what
// it returns must be coherent.
func FuzzLoad(f *testing.F) {
	for _, s := range fuzzSnippets {
		f.Add([]byte(s))
	}
	for _, pattern := range []string{"testdata/valid/*.journey.yaml", "testdata/invalid/*.journey.yaml", "../examples/*.journey.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add(mapgen.Map(3, 3))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			t.Skip("inputs beyond 64 KiB take the fuzzer's time without finding more")
		}
		m, diags := Load("fuzz.journey.yaml", data, Options{})
		checkCoherent(t, data, m, diags)

		// ToValue (the schema's view) must not panic either.
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err == nil {
			_, _ = ToValue(&doc)
		}
	})
}

// checkCoherent checks what holds for every result of Load.
func checkCoherent(t *testing.T, data []byte, m *Map, diags Diagnostics) {
	t.Helper()
	if len(diags) > 2*maxDiagnostics {
		t.Fatalf("%d diagnostics, over the cap", len(diags))
	}
	lines := lineLengths(data)
	for i, d := range diags {
		if d.File != "fuzz.journey.yaml" || d.Rule != RuleInvalid || d.Severity != SeverityError || d.Message == "" {
			t.Fatalf("malformed diagnostic: %+v", d)
		}
		if d.Line < 0 || d.Column < 0 || (d.Line == 0 && d.Column != 0) {
			t.Fatalf("bad position: %v", d)
		}
		if d.Line > len(lines) {
			t.Fatalf("line %d of a file of %d lines: %v", d.Line, len(lines), d)
		}
		if d.Line > 0 && d.Column > lines[d.Line-1]+1 {
			t.Fatalf("column %d of a line of %d characters: %v", d.Column, lines[d.Line-1], d)
		}
		if i > 0 && diags[i-1] == d {
			t.Fatalf("duplicate diagnostic: %v", d)
		}
	}
	if !diags.HasErrors() {
		if m == nil {
			t.Fatal("no errors and no map")
		}
		if len(m.Stages) == 0 || m.Version != FormatVersion || !IsSlug(m.ID) {
			t.Fatalf("a map without errors lacks required parts: %+v", m)
		}
		for _, tp := range m.Touchpoints() {
			if !IsSlug(tp.ID) || len(tp.Next) != len(tp.NextPos) {
				t.Fatalf("touchpoint %+v", tp)
			}
		}
		if again := Validate(m, Options{}); len(again) > 0 {
			t.Fatalf("Validate on a valid map: %v", again)
		}
	}
}

// lineLengths returns the length in characters of each line of data,
// breaking lines as YAML does (LF, CRLF, CR, NEL, LS, PS), after a BOM.
func lineLengths(data []byte) []int {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	lens := []int{0}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		i += size
		switch r {
		case '\r':
			if i < len(data) && data[i] == '\n' {
				i++
			}
			lens = append(lens, 0)
		case '\n', '\u0085', '\u2028', '\u2029':
			lens = append(lens, 0)
		default:
			lens[len(lens)-1]++
		}
	}
	return lens
}
