package format_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/diff"
	"github.com/journey-cx/journey/journey/format"
)

// corpus lists every map the properties run over: the examples, the
// loader's and lint's fixtures and this package's own inputs.
func corpus(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, root := range []string{"../../examples", "../testdata", "../lint/testdata", "testdata", "../../testdata"} {
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Fatal("no files to format")
	}
	return files
}

// checkProperties asserts what fmt promises for one input: the result
// loads to the same model with the same validity, and formatting it again
// changes nothing.
func checkProperties(t *testing.T, name string, src []byte) {
	t.Helper()
	out, err := format.Source(src)
	if err != nil {
		var se *format.SyntaxError
		if errors.As(err, &se) {
			return // not one YAML document: fmt reports it and leaves it
		}
		// fmt may refuse exotic YAML it cannot lay out safely (it then
		// leaves the file untouched), but never a valid map.
		if _, diags := journey.Load(name, src, journey.Options{}); errors.Is(err, format.ErrUnsafe) && diags.HasErrors() {
			return
		}
		t.Fatalf("%s: %v", name, err)
	}
	again, err := format.Source(out)
	if err != nil {
		t.Fatalf("%s: formatting the output failed: %v\n%s", name, err, out)
	}
	if !bytes.Equal(again, out) {
		t.Fatalf("%s: fmt is not idempotent:\n--- once\n%s\n--- twice\n%s", name, out, again)
	}
	m1, d1 := journey.Load(name, src, journey.Options{})
	m2, d2 := journey.Load(name, out, journey.Options{})
	if !diff.Equal(m1, m2) {
		t.Fatalf("%s: the formatted file loads to another model:\n%s", name, out)
	}
	if d1.HasErrors() != d2.HasErrors() || len(d1) != len(d2) {
		t.Fatalf("%s: diagnostics changed: %d -> %d\n%v\n%v", name, len(d1), len(d2), d1, d2)
	}
}

func TestSourceProperties(t *testing.T) {
	t.Parallel()
	for _, p := range corpus(t) {
		t.Run(filepath.ToSlash(p), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			checkProperties(t, p, src)
		})
	}
}

func TestSourceGolden(t *testing.T) {
	t.Parallel()
	ins, _ := filepath.Glob("testdata/fmt/*.in.yaml")
	if len(ins) == 0 {
		t.Fatal("no fixtures found")
	}
	for _, in := range ins {
		t.Run(filepath.Base(in), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			out, err := format.Source(src)
			if err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, strings.TrimSuffix(in, ".in.yaml")+".golden", out)
		})
	}
}

func TestSourceComments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      []string // lines that must appear, in this order, consecutive
	}{
		{"modeline stays first when its key moves",
			"# yaml-language-server: $schema=x.json\nid: a\nversion: 1\n",
			[]string{"# yaml-language-server: $schema=x.json", "version: 1", "id: a"}},
		{"ignore comment on the line above moves with its key",
			"name: N\n# journey:ignore some-rule because\nid: t\n",
			[]string{"# journey:ignore some-rule because", "id: t", "name: N"}},
		{"ignore comment on the element's line stays there",
			"stages:\n  - name: S\n    id: s # journey:ignore r why\n",
			[]string{"  - id: s # journey:ignore r why", "    name: S"}},
		{"head comment of a sequence item",
			"stages:\n  - id: a\n    name: A\n  # second stage\n  - id: b\n    name: B\n",
			[]string{"  # second stage", "  - id: b"}},
		{"a commented list stays in block style",
			"tags:\n  - a # first\n  - b\n",
			[]string{"tags:", "  - a # first", "  - b"}},
		{"blank lines are kept, runs become one",
			"version: 1\n\n\n\nid: a\n",
			[]string{"version: 1", "", "id: a"}},
		{"no blank line at the start of a block",
			"stages:\n\n  - id: a\n    name: A\n",
			[]string{"stages:", "  - id: a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := format.Source([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), strings.Join(tt.want, "\n")+"\n") {
				t.Errorf("want the lines\n%s\nin\n%s", strings.Join(tt.want, "\n"), out)
			}
		})
	}
}

func TestSourceLayout(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, src, want string }{
		{"short list in flow style", "tags:\n  - a\n  - b\n", "tags: [a, b]\n"},
		{"long list in block style", "tags: [" + strings.Repeat("palabra ", 10) + "uno, " + strings.Repeat("palabra ", 10) + "dos]\n",
			"tags:\n  - " + strings.Repeat("palabra ", 10) + "uno\n  - " + strings.Repeat("palabra ", 10) + "dos\n"},
		{"channel records in flow style", "channels:\n  - id: web\n    name: Web\n", "channels:\n  - {id: web, name: Web}\n"},
		{"other mappings in block style", "persona: {name: M}\n", "persona:\n  name: M\n"},
		{"quotes only where needed", "title: \"Hola\"\nowner: '123'\n", "title: Hola\nowner: \"123\"\n"},
		{"CRLF becomes LF", "version: 1\r\nid: a\r\n", "version: 1\nid: a\n"},
		{"byte order mark dropped", "\xEF\xBB\xBFversion: 1\n", "version: 1\n"},
		{"comments only", "# nothing yet\r\n\n", "# nothing yet\n"},
		{"empty", "", ""},
		{"touchpoint keys in order", "stages:\n  - touchpoints:\n      - next: [b]\n        emotion: 2\n        id: a\n",
			"stages:\n  - touchpoints:\n      - id: a\n        emotion: 2\n        next: [b]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := format.Source([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", out, tt.want)
			}
		})
	}
}

func TestSourceErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		line, col int
	}{
		{"bad indentation", "version: 1\nid: a\n  title: x\n", 3, 0},
		{"two documents", "version: 1\n---\nid: a\n", 2, 1},
		{"not UTF-8", "version: 1\nid: \xff\n", 2, 5},
		{"NUL byte", "version: 1\x00\n", 1, 11},
		// At the tab, as validate reports it (yaml.v3 names the line before).
		{"tab indentation", "version: 1\nstages:\n  - id: s\n\tname: S\n", 4, 1},
		{"unclosed list", "version: 1\nid: m\ntags: [a, b\n", 3, 0},
		{"UTF-16 without a BOM", "v\x00e\x00r\x00:\x00 \x001\x00", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := format.Source([]byte(tt.src))
			var se *format.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("want a *SyntaxError, got %v", err)
			}
			if se.Line != tt.line || se.Column != tt.col {
				t.Errorf("at %d:%d, want %d:%d (%v)", se.Line, se.Column, tt.line, tt.col, se)
			}
		})
	}
}

func TestMapRoundTrip(t *testing.T) {
	t.Parallel()
	for _, p := range corpus(t) {
		t.Run(filepath.ToSlash(p), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			m, diags := journey.Load(p, src, journey.Options{})
			if m == nil || diags.HasErrors() {
				t.Skip("not a valid map")
			}
			out, err := format.Map(m)
			if err != nil {
				t.Fatal(err)
			}
			back, diags := journey.Load(p, out, journey.Options{})
			if diags.HasErrors() {
				t.Fatalf("the encoded map is invalid: %v\n%s", diags, out)
			}
			if !diff.Equal(m, back) {
				t.Fatalf("the encoded map loads to another model:\n%s", out)
			}
			again, err := format.Source(out)
			if err != nil || !bytes.Equal(again, out) {
				t.Fatalf("Map's output is not in canonical layout (%v):\n%s", err, out)
			}
		})
	}
}

func FuzzFmt(f *testing.F) {
	for _, p := range corpus(f) {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{
		"a: b\n", "# c\n", "- a\n- b\n", "a: &x 1\nb: *x\n", "a: |\n  x\n   y\n", "a: >\n  x\n\n  y\n",
		"a:\n  - b # c\n  # d\n\n  - e\n", "? [a]\n: b\n", "a: !!str 1\n", "a: 'x''y'\n", "k: {a: [1, {b: c}]}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<16 {
			return
		}
		checkProperties(t, "fuzz.journey.yaml", src)
	})
}

func BenchmarkSource(b *testing.B) {
	src, err := os.ReadFile("../../examples/seguro-hogar.journey.yaml")
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := format.Source(src); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSourceCRLFComments: a CRLF file with full-line comments formats exactly
// as its LF twin (it used to gain a blank line after every comment).
func TestSourceCRLFComments(t *testing.T) {
	t.Parallel()
	lf := "# top\nversion: 1\nid: c\ntitle: C\n# before stages\nstages:\n  # a stage\n  - id: s\n    name: S\n    touchpoints:\n      # the touchpoint\n      - {id: t, name: T}\n"
	want, err := format.Source([]byte(lf))
	if err != nil {
		t.Fatal(err)
	}
	got, err := format.Source([]byte(strings.ReplaceAll(lf, "\n", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("CRLF formats differently:\n%s\nwant:\n%s", got, want)
	}
}
