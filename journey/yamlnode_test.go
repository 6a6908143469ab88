package journey

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func parseNode(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	return &doc
}

// TestToValue checks the schema's view of YAML: tags decide types.
func TestToValue(t *testing.T) {
	t.Parallel()
	doc := parseNode(t, `
text: hello
quoted: "42"
date: 2026-03-01
int: 42
hex: 0x1F
underscored: 1_000
float: 2.5
whole-float: 7.0
big: 9007199254740993
inf: .inf
yes: yes
bool: true
null: ~
list: [a, 1]
base: &b {x: 1, y: 2}
merged: {<<: *b, y: 3}
alias: *b
`)
	got, err := ToValue(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"text": "hello", "quoted": "42", "date": "2026-03-01", "int": int64(42), "hex": int64(31),
		"underscored": int64(1000), "float": 2.5, "whole-float": 7.0, "big": json.Number("9007199254740993"),
		"inf": ".inf", "yes": "yes", "bool": true, "null": nil, "list": []any{"a", int64(1)},
		"base": map[string]any{"x": int64(1), "y": int64(2)}, "merged": map[string]any{"x": int64(1), "y": int64(3)},
		"alias": map[string]any{"x": int64(1), "y": int64(2)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ToValue:\n got %#v\nwant %#v", got, want)
	}
}

func TestToValueRefusesCyclesAndBillionLaughs(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ src, msg string }{
		{"a: &x [*x]\n", "line 1: alias *x is inside the node it names"},
		{"a: &x {b: {<<: *x}}\n", "line 1: alias *x is inside the node it names"},
		{"a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n" +
			"d: &d [*c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e]\n",
			"line 6: aliases expand this file"},
	} {
		if _, err := ToValue(parseNode(t, tt.src)); err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%q: got %v, want %q", tt.src, err, tt.msg)
		}
	}
	// Part of a document whose alias names an ancestor outside the part.
	doc := parseNode(t, "a: &x {b: {c: *x}}\n")
	inner := doc.Content[0].Content[1].Content[1] // {c: *x}
	if _, err := ToValue(inner); err == nil || !strings.Contains(err.Error(), "cannot form a cycle") {
		t.Errorf("a cycle through an outside anchor: got %v", err)
	}
}
