package mermaid_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/diff"
	"github.com/journey-cx/journey/journey/format"
	"github.com/journey-cx/journey/journey/importer/mermaid"
	"github.com/journey-cx/journey/render"
	rmermaid "github.com/journey-cx/journey/render/mermaid"
)

// importMap imports src and checks the map validates.
func importMap(t *testing.T, name string, src []byte) (*journey.Map, []byte, string) {
	t.Helper()
	m, notes, diags := mermaid.Import(name, src)
	if diags.HasErrors() {
		t.Fatalf("import: %v", diags)
	}
	out, err := format.Map(m)
	if err != nil {
		t.Fatal(err)
	}
	if _, diags := journey.Load(name, out, journey.Options{}); diags.HasErrors() {
		t.Fatalf("the imported map is invalid: %v\n%s", diags, out)
	}
	var b strings.Builder
	for _, n := range notes {
		b.WriteString(n.String(name) + "\n")
	}
	return m, out, b.String()
}

func TestImport(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("testdata/*.mmd")
	if len(files) == 0 {
		t.Fatal("no fixtures found")
	}
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(f)
			_, out, notes := importMap(t, name, src)
			golden.Assert(t, strings.TrimSuffix(f, ".mmd")+".journey.golden", out)
			golden.Assert(t, strings.TrimSuffix(f, ".mmd")+".notes.golden", []byte(notes))
		})
	}
}

func TestParseSpec(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("testdata/spec-tasks.mmd")
	if err != nil {
		t.Fatal(err)
	}
	d, diags := mermaid.Parse("spec-tasks.mmd", src)
	if d == nil {
		t.Fatal(diags)
	}
	// The expectations of Mermaid's journey.spec.js.
	if d.Title != "Adding journey diagram functionality to mermaid" || d.AccTitle != "Adding acc journey diagram functionality to mermaid" {
		t.Errorf("title %q, accTitle %q", d.Title, d.AccTitle)
	}
	if d.AccDescr != "A user journey for\nfamily shopping" {
		t.Errorf("accDescr %q", d.AccDescr)
	}
	type task struct {
		section, name string
		score         float64
		actors        string
	}
	want := []task{
		{"Documentation", "A task", 5, "Alice,Bob,Charlie"}, {"Documentation", "B task", 3, "Bob,Charlie"},
		{"Documentation", "C task", 5, ""}, {"Documentation", "D task", 5, "Charlie,Alice"}, {"Documentation", "E task", 5, ""},
		{"Another section", "P task", 5, ""}, {"Another section", "Q task", 5, ""}, {"Another section", "R task", 5, ""},
	}
	var got []task
	for _, s := range d.Sections {
		for _, tk := range s.Tasks {
			got = append(got, task{s.Name, tk.Name, tk.Score, strings.Join(tk.Actors, ",")})
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d tasks, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("task %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, want string
	}{
		{"not a journey", "graph TD\n  A --> B\n", `x.mmd:1:1: error: not a Mermaid user-journey diagram: it starts with "graph", not ` + "`journey`"},
		{"no header", "%% only a comment\n", "x.mmd: error: not a Mermaid user-journey diagram: the keyword `journey` is missing"},
		{"task without score", "journey\n  section S\n    Make tea:\n", `x.mmd:3:13: error: task "Make tea" needs a score after ':' (name: score: actors)`},
		{"task without colon", "journey\n  section S\n    Make tea\n", `x.mmd:3:5: error: expected a task (name: score: actors), a section or a title, got "Make tea"`},
		{"upper-case header", "JOURNEY\n  title x\n", "x.mmd:1:1: error: Mermaid detects a user-journey diagram by `journey` in lower case, not \"JOURNEY\""},
		{"task named journey", "journey\n  section S\n    Journey planning: 3\n", "x.mmd:3:5: error: `journey` starts the diagram only: Mermaid reads it as a keyword anywhere else, even at the start of a task name"},
		{"empty accTitle", "journey\n  accTitle: \n", "x.mmd:3:1: error: accTitle: needs a text"},
		{"semicolon", "journey\n  title A; B\n", "x.mmd:2:10: error: unexpected ';': Mermaid's journey diagrams take one statement per line"},
		{"colon in section", "journey\n  section Día: uno\n", "x.mmd:2:14: error: a section name cannot hold ':' (Mermaid reads the rest as a task)"},
		{"unclosed accDescr", "journey\n  accDescr {\n  text\n", "x.mmd:2:12: error: accDescr { is never closed with }"},
		{"unclosed front matter", "---\ntitle: x\njourney\n", "x.mmd:1:1: error: front matter opened with --- is never closed"},
		{"unclosed directive", "%%{init: {}\njourney\n", "x.mmd:1:1: error: directive opened with %%{ is never closed with }%%"},
		{"task without name", "journey\n  section S\n  <br>: 3\n", "x.mmd:3:3: error: task has no name"},
		{"not UTF-8", "journey\n  title \xff\n", "x.mmd: error: file is not UTF-8 text; save it as UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, _, diags := mermaid.Import("x.mmd", []byte(tt.src))
			if m != nil || !diags.HasErrors() {
				t.Fatalf("want an error, got a map")
			}
			if got := diags[0].String(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestRoundTrip checks map -> Mermaid (render) -> map, and Mermaid -> map
// -> Mermaid -> map: what Mermaid can hold survives.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("testdata/*.mmd")
	if len(files) == 0 {
		t.Fatal("no fixtures found")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := importMap(t, "a.mmd", src)
			var mmd bytes.Buffer
			if err := rmermaid.Write(&mmd, &render.Input{Map: first}); err != nil {
				t.Fatal(err)
			}
			second, _, _ := importMap(t, "a.mmd", mmd.Bytes())
			if !diff.Equal(first, second) {
				a, _ := format.Map(first)
				b, _ := format.Map(second)
				t.Errorf("the map changed through Mermaid:\n%s\n---\n%s\n--- via\n%s", a, b, mmd.String())
			}
		})
	}
	// A map with no emotion on a touchpoint keeps it empty (the renderer
	// marks it " (?)" at score 3).
	m := &journey.Map{Version: 1, ID: "x", Title: "X", Owners: []journey.Owner{{ID: "me", Name: "Me"}},
		Stages: []journey.Stage{{ID: "s", Name: "S", Touchpoints: []journey.Touchpoint{
			{ID: "a", Name: "A", Owner: "me", Emotion: []journey.Emotion{{Value: 2}}},
			{ID: "b", Name: "B", Owner: "me"},
		}}}}
	var mmd bytes.Buffer
	if err := rmermaid.Write(&mmd, &render.Input{Map: m}); err != nil {
		t.Fatal(err)
	}
	back, _, _ := importMap(t, "x.mmd", mmd.Bytes())
	if !diff.Equal(m, back) {
		out, _ := format.Map(back)
		t.Errorf("map -> mermaid -> map changed it:\n%s\nvia\n%s", out, mmd.String())
	}
}

func FuzzImportMermaid(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.mmd")
	if len(files) == 0 {
		f.Fatal("no fixtures found")
	}
	for _, p := range files {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{"journey\n", "journey title x\nsection a\nb: 1: c\n", "journey\naccDescr {\n}\nsection x\n", "---\n---\njourney\nsection s\n",
		// Line breaks after letters whose lower case is longer (a panic),
		// names alike, directives and comments (once quadratic).
		"journey\nsection İİ<br>x\n  İ<BR/>y: 1: Ana, Bea\n  İ<br / >y: 2\n",
		"%%{init: {}}%%\njourney\n%%{a}%%%% c\nsection S\n  %% n\n  S: 3: S\n  S: 3: S\n  s-2: 9: s\nsection S\n  : 1\n",
		"journey\nsection Stage\n  Touchpoint: 1\n  ¿?: 2\n  touchpoint-1: 3\nsection ¿?\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, notes, diags := mermaid.Import("f.mmd", src)
		if diags.HasErrors() {
			if m != nil {
				t.Fatal("a map along with errors")
			}
			for _, d := range diags {
				if d.Line < 0 || d.Column < 0 || d.Message == "" {
					t.Fatalf("bad diagnostic %+v", d)
				}
			}
			return
		}
		out, err := format.Map(m)
		if err != nil {
			t.Fatalf("format: %v", err)
		}
		// Every accepted diagram gives a map that validates, and the file
		// written holds that very map.
		back, diags := journey.Load("f.journey.yaml", out, journey.Options{})
		if diags.HasErrors() {
			t.Fatalf("the imported map is invalid: %v\n%s", diags, out)
		}
		if !diff.Equal(m, back) {
			t.Fatalf("the map written is not the map imported:\n%s", out)
		}
		lines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1
		for _, n := range notes {
			if n.Line < 0 || n.Line > lines || n.Message == "" {
				t.Fatalf("bad note %+v (the diagram has %d lines)", n, lines)
			}
		}
	})
}

// TestImportAcceptsWhatMermaidDraws imports diagrams Mermaid accepts that
// an older parser refused: each gives a valid map and says what it could
// not carry.
func TestImportAcceptsWhatMermaidDraws(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, src, note string }{
		{"title only", "journey\n  title Only a title\n", `x.mmd: the diagram has no sections or tasks: the map has one empty stage, "Section 1"`},
		{"accessibility only", "journey\n  accTitle: Accessible\n  accDescr: Described\n", `x.mmd: the diagram has no sections or tasks: the map has one empty stage, "Section 1"`},
		{"score no number", "journey\n  section S\n    Té: cinco: Yo\n", `x.mmd:3: task "Té" has the score "cinco", which is no number: its emotion is left empty (Mermaid draws it at NaN)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, notes := importMap(t, "x.mmd", []byte(tt.src))
			if !strings.Contains(notes, tt.note) {
				t.Errorf("notes:\n%s\nwant %s", notes, tt.note)
			}
		})
	}
}
