package importer_test

import (
	"strings"
	"testing"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/format"
	"github.com/journey-cx/journey/journey/importer"
)

func TestNoteString(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		n    importer.Note
		want string
	}{
		{importer.Note{Line: 7, Message: "row 7 has no id"}, "w.xlsx:7: row 7 has no id"},
		{importer.Note{Message: "only the Touchpoints sheet is read"}, "w.xlsx: only the Touchpoints sheet is read"},
	} {
		if got := tt.n.String("w.xlsx"); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestIDs(t *testing.T) {
	t.Parallel()
	var ids importer.IDs
	ids.Reserve("web")
	if !ids.Taken("web") || ids.Taken("app") {
		t.Fatal("Reserve/Taken")
	}
	long := strings.Repeat("a", 59) + " b c"
	for _, tt := range []struct{ name, fallback, want string }{
		{"Web", "channel", "web-2"},
		{"Web", "channel", "web-3"},
		{"Atención al cliente", "owner", "atencion-al-cliente"},
		{"Señal de compañía", "touchpoint", "senal-de-compania"},
		{"¿?", "stage", "stage-1"},
		{"", "stage", "stage-2"},
		{"Stage", "stage", "stage"},
		{long, "x", strings.Repeat("a", 59)},
		{long, "x", strings.Repeat("a", 59) + "-2"},
	} {
		if got := ids.New(tt.name, tt.fallback); got != tt.want {
			t.Errorf("New(%q, %q) = %q, want %q", tt.name, tt.fallback, got, tt.want)
		}
	}
	// Numbering goes on from where a name got to, over ids taken meanwhile.
	var seq importer.IDs
	seq.Reserve("paso-3")
	seq.Reserve("touchpoint-2")
	for i, want := range []string{"paso", "paso-2", "paso-4", "paso-5"} {
		if got := seq.New("Paso", "touchpoint"); got != want {
			t.Errorf("Paso #%d = %q, want %q", i+1, got, want)
		}
	}
	if got := seq.New("Paso 6", "touchpoint"); got != "paso-6" {
		t.Errorf("Paso 6 = %q", got)
	}
	if got := seq.New("Paso", "touchpoint"); got != "paso-7" {
		t.Errorf("Paso after paso-6 was taken = %q, want paso-7", got)
	}
	for i, want := range []string{"touchpoint-1", "touchpoint-3", "touchpoint"} {
		name := ""
		if want == "touchpoint" {
			name = "Touchpoint"
		}
		if got := seq.New(name, "touchpoint"); got != want {
			t.Errorf("fallback #%d = %q, want %q", i+1, got, want)
		}
	}
	if got := seq.New("Touchpoint", "touchpoint"); got != "touchpoint-4" {
		t.Errorf("Touchpoint again = %q, want touchpoint-4", got)
	}
	var zero importer.IDs
	if got := zero.New("Compra", "t"); got != "compra" {
		t.Errorf("the zero IDs: %q", got)
	}
}

func TestClean(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"  Añadir  ", "Añadir"},
		{"\ufeff\u200bTítulo\u200d\u2060", "Título"},
		{"a\tb\nc\x00d", "a b c d"},
		{"\r\n", ""},
		{"=1+1", "=1+1"},
	} {
		if got := importer.Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// base is a map with comments everywhere WriteOver keeps them.
const base = `# The map's head comment.
version: 1
id: alta
title: Alta # the title's comment
channels:
  - {id: web, name: Web}
stages:
  # The first stage.
  - id: need
    name: Necesidad # the stage name's comment
    goal: Darse cuenta
    touchpoints:
      # The ad.
      - id: ad
        name: Anuncio # journey:ignore touchpoint-owner-missing agency-owned
        channel: web
        emotion: 3
      - id: web-visit
        name: Visita # unchanged
        pains:
          - Lenta # a comment inside a list
  - id: buy
    name: Compra
# The foot comment.
`

func load(t *testing.T, src string) *journey.Map {
	t.Helper()
	m, diags := journey.Load("base.journey.yaml", []byte(src), journey.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return m
}

// TestWriteOver: each change of the stages and touchpoints, written over
// the base's text.
func TestWriteOver(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		change func(m *journey.Map)
		want   []string // in the output
		absent []string // not in it
		lost   []string
	}{
		{"unchanged", func(*journey.Map) {}, []string{"# The map's head comment.", "# the stage name's comment", "# The ad.",
			"# journey:ignore touchpoint-owner-missing", "# a comment inside a list", "# The foot comment."}, nil, nil},
		{"a touchpoint changes", func(m *journey.Map) { m.Stages[0].Touchpoints[0].Emotion[0].Value = 5 },
			[]string{"emotion: 5", "# The ad.", "# journey:ignore touchpoint-owner-missing agency-owned"}, []string{"emotion: 3"}, nil},
		{"a list with a comment changes", func(m *journey.Map) { m.Stages[0].Touchpoints[1].Pains[0].Text = "Muy lenta" },
			[]string{"Muy lenta", "# unchanged"}, []string{"# a comment inside a list"}, []string{"web-visit"}},
		{"a stage is renamed", func(m *journey.Map) { m.Stages[0].Name = "Necesidad (editada)" },
			[]string{"name: Necesidad (editada) # the stage name's comment", "goal: Darse cuenta"}, nil, nil},
		{"a stage is added", func(m *journey.Map) {
			m.Stages = append(m.Stages, journey.Stage{ID: "use", Name: "Uso", Goal: "Usarlo", Touchpoints: []journey.Touchpoint{{ID: "app", Name: "App"}}})
		}, []string{"- id: use\n    name: Uso\n    goal: Usarlo\n    touchpoints:\n      - id: app\n        name: App\n"}, nil, nil},
		{"a touchpoint moves", func(m *journey.Map) {
			m.Stages[1].Touchpoints = append(m.Stages[1].Touchpoints, m.Stages[0].Touchpoints[1])
			m.Stages[0].Touchpoints = m.Stages[0].Touchpoints[:1]
		}, []string{"name: Compra\n    touchpoints:\n      - id: web-visit\n        name: Visita # unchanged"}, nil, nil},
		{"a stage loses its touchpoints", func(m *journey.Map) { m.Stages[0].Touchpoints = nil },
			[]string{"goal: Darse cuenta\n  - id: buy"}, []string{"id: ad"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			baseMap := load(t, base)
			m := load(t, base)
			tt.change(m)
			out, lost, err := importer.WriteOver([]byte(base), baseMap, m)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(string(out), a) {
					t.Errorf("output has %q:\n%s", a, out)
				}
			}
			if strings.Join(lost, ",") != strings.Join(tt.lost, ",") {
				t.Errorf("lost %q, want %q", lost, tt.lost)
			}
			back := load(t, string(out))
			if got, want := mustFormat(t, back), mustFormat(t, m); got != want {
				t.Errorf("the output does not load as the map:\n%s\n---\n%s", got, want)
			}
		})
	}
}

func mustFormat(t *testing.T, m *journey.Map) string {
	t.Helper()
	b, err := format.Map(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteOverCRLF(t *testing.T) {
	t.Parallel()
	crlf := strings.ReplaceAll(base, "\n", "\r\n")
	m := load(t, base)
	out, lost, err := importer.WriteOver([]byte(crlf), m, m)
	if err != nil || len(lost) > 0 {
		t.Fatal(err, lost)
	}
	want, err := format.Source([]byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != string(want) {
		t.Errorf("a CRLF base:\n%q\nwant\n%q", out, want)
	}
}

func TestWriteOverErrors(t *testing.T) {
	t.Parallel()
	m := load(t, base)
	for _, tt := range []struct{ src, want string }{
		{"version: [1\n", "can't read the base map"},
		{"- 1\n- 2\n", "the base map is not a mapping"},
		{"", "the base map is not a mapping"},
		{"version: 1\nid: x\n", "the base map has no list of stages"},
		{"version: 1\nstages: {}\n", "the base map has no list of stages"},
	} {
		if _, _, err := importer.WriteOver([]byte(tt.src), m, m); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.src, err, tt.want)
		}
	}
}
