package mermaid

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/maptest"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey"
	imermaid "github.com/journey-cx/journey/journey/importer/mermaid"
	"github.com/journey-cx/journey/render"
)

func TestWriteGolden(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, path string }{
		{"seguro-hogar", "../../examples/seguro-hogar.journey.yaml"},
		{"saas-onboarding", "../../examples/saas-onboarding.journey.yaml"},
		{"telecom-support", "../../examples/telecom-support.journey.yaml"},
		{"hostile", "testdata/hostile.journey.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := &render.Input{Map: maptest.Load(t, tt.path), Theme: render.Default}
			var a, b bytes.Buffer
			if err := Write(&a, in); err != nil {
				t.Fatal(err)
			}
			if err := Write(&b, in); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("two writes of the same map differ")
			}
			checkGrammar(t, a.String())
			golden.Assert(t, "testdata/"+tt.name+".mmd.golden", a.Bytes())
		})
	}
}

// checkGrammar parses the diagram with journey's port of Mermaid's
// grammar (journey/importer/mermaid, which the corpus tests hold against
// Mermaid 11 itself): it must be accepted.
func checkGrammar(t *testing.T, out string) {
	t.Helper()
	if _, diags := imermaid.Parse("out.mmd", []byte(out)); diags.HasErrors() {
		t.Fatalf("Mermaid would refuse the diagram: %v\n%s", diags, out)
	}
}

func TestTaskLines(t *testing.T) {
	t.Parallel()
	m := &journey.Map{Owners: []journey.Owner{{ID: "sales", Name: "Ventas, Marketing"}, {ID: "semi", Name: "Ventas; Marketing"}, {ID: "blank"}}}
	tests := []struct {
		name string
		tp   journey.Touchpoint
		want string
		warn string
	}{
		{"plain", journey.Touchpoint{ID: "a", Name: "Anuncio", Emotion: []journey.Emotion{{Value: 4}}}, "Anuncio: 4", ""},
		{"no emotion is neutral and marked", journey.Touchpoint{ID: "a", Name: "Anuncio"}, "Anuncio (?): 3", ""},
		{"mean of personas, warned", journey.Touchpoint{ID: "a", Name: "X", Emotion: []journey.Emotion{{Persona: "a", Value: 2}, {Persona: "b", Value: 3}}}, "X: 2.5", "the emotions of 2 personas are written as their mean, 2.5"},
		{"fraction kept", journey.Touchpoint{ID: "a", Name: "X", Emotion: []journey.Emotion{{Value: 4.5}}}, "X: 4.5", ""},
		{"owner name, comma replaced", journey.Touchpoint{ID: "a", Name: "X", Owner: "sales", Emotion: []journey.Emotion{{Value: 1}}}, "X: 1: Ventas‚ Marketing", `owner "sales": ',' is written '‚'`},
		{"owner name, semicolon replaced", journey.Touchpoint{ID: "a", Name: "X", Owner: "semi", Emotion: []journey.Emotion{{Value: 1}}}, "X: 1: Ventas； Marketing", `owner "semi": ';' is written '；'`},
		{"owner without name uses id", journey.Touchpoint{ID: "a", Name: "X", Owner: "blank", Emotion: []journey.Emotion{{Value: 5}}}, "X: 5: blank", ""},
		{"owner, then the actors", journey.Touchpoint{ID: "a", Name: "X", Owner: "blank", Actors: []string{"Perito", "App: Mi, Nortia"}, Emotion: []journey.Emotion{{Value: 5}}}, "X: 5: blank, Perito, App∶ Mi‚ Nortia", `touchpoint "a" actor: ':' is written '∶', ',' is written '‚'`},
		{"undeclared owner uses id", journey.Touchpoint{ID: "a", Name: "X", Owner: "ops", Emotion: []journey.Emotion{{Value: 5}}}, "X: 5: ops", ""},
		{"empty name uses id", journey.Touchpoint{ID: "tp-1", Name: " \n ", Emotion: []journey.Emotion{{Value: 2}}}, "tp-1: 2", ""},
		{"reserved characters", journey.Touchpoint{ID: "a", Name: "a:b;c#d%%%e<f>{g}", Emotion: []journey.Emotion{{Value: 2}}}, "a∶b；c＃d%%%e<f>{g}: 2", `touchpoint "a" name: ':' is written '∶', ';' is written '；', '#' is written '＃'`},
		{"line break", journey.Touchpoint{ID: "a", Name: "a\nb", Emotion: []journey.Emotion{{Value: 2}}}, "a b: 2", `touchpoint "a" name: line breaks`},
		{"keyword guarded", journey.Touchpoint{ID: "a", Name: "Section two", Emotion: []journey.Emotion{{Value: 2}}}, "\u200bSection two: 2", ""},
		{"not a keyword", journey.Touchpoint{ID: "a", Name: "Sections: two", Emotion: []journey.Emotion{{Value: 2}}}, "Sections∶ two: 2", `touchpoint "a" name: ':' is written '∶'`},
		{"comment guarded", journey.Touchpoint{ID: "a", Name: "5%% off", Emotion: []journey.Emotion{{Value: 2}}}, "\u200b5%% off: 2", ""},
		{"percent guarded twice", journey.Touchpoint{ID: "a", Name: "%%x", Emotion: []journey.Emotion{{Value: 2}}}, "\u200b\u200b%%x: 2", ""},
		{"long name kept", journey.Touchpoint{ID: "a", Name: strings.Repeat("ñ", 200), Emotion: []journey.Emotion{{Value: 2}}}, strings.Repeat("ñ", 200) + ": 2", ""},
		{"accents kept", journey.Touchpoint{ID: "a", Name: "Compañía ¿qué?", Emotion: []journey.Emotion{{Value: 2}}}, "Compañía ¿qué?: 2", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wr := &writer{m: m}
			if got := wr.task(&tt.tp); got != tt.want {
				t.Errorf("task() = %q, want %q", got, tt.want)
			}
			warned := strings.Join(wr.warnings, "\n")
			if tt.warn == "" && warned != "" || !strings.Contains(warned, tt.warn) {
				t.Errorf("warnings %q, want %q", warned, tt.warn)
			}
		})
	}
}

func TestNoMap(t *testing.T) {
	t.Parallel()
	if err := Write(&bytes.Buffer{}, &render.Input{}); err == nil {
		t.Error("Write with no map: want an error")
	}
}

// roundTripMaps are the maps the round trip runs on: the examples, the
// render fixtures and the loader's valid fixtures.
func roundTripMaps(t *testing.T) []string {
	t.Helper()
	var maps []string
	for _, g := range []string{"../../examples/*.journey.yaml", "../testdata/*.journey.yaml", "testdata/*.journey.yaml", "../../journey/testdata/valid/*.journey.yaml"} {
		m, err := filepath.Glob(g)
		if err != nil || len(m) == 0 {
			t.Fatalf("no maps in %s", g)
		}
		maps = append(maps, m...)
	}
	return maps
}

// TestRoundTripThroughImport writes each map as Mermaid and imports it
// back: every field Mermaid holds (title, description, stage and
// touchpoint names, in order, emotions and owners' names) comes back as it
// was, or Check warned about that element.
func TestRoundTripThroughImport(t *testing.T) {
	t.Parallel()
	for _, path := range roundTripMaps(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			m := maptest.Load(t, path)
			var b bytes.Buffer
			if err := Write(&b, &render.Input{Map: m}); err != nil {
				t.Fatal(err)
			}
			checkGrammar(t, b.String())
			back, _, diags := imermaid.Import("back.mmd", b.Bytes())
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			warned := strings.Join(Check(m), "\n")
			same := func(what, key, got, want string) {
				t.Helper()
				if got != want && !strings.Contains(warned, key) {
					t.Errorf("%s came back %q, was %q, and Check did not warn (%s)", what, got, want, key)
				}
			}
			title := m.Title
			if strings.TrimSpace(title) == "" {
				title = m.ID
			}
			same("title", "the title", back.Title, oneLine(title))
			var lines []string
			for _, l := range strings.Split(strings.TrimSpace(m.Description), "\n") {
				if l = oneLine(l); l != "" {
					lines = append(lines, l)
				}
			}
			same("description", "the description", back.Description, strings.Join(lines, "\n"))
			if len(back.Stages) != len(m.Stages) {
				t.Fatalf("%d stages came back, of %d", len(back.Stages), len(m.Stages))
			}
			for i, s := range m.Stages {
				bs := back.Stages[i]
				same("stage "+s.ID, fmt.Sprintf("stage %q", s.ID), bs.Name, oneLine(nameOr(s.Name, s.ID)))
				if len(bs.Touchpoints) != len(s.Touchpoints) {
					t.Fatalf("stage %s: %d touchpoints came back, of %d", s.ID, len(bs.Touchpoints), len(s.Touchpoints))
				}
				for j := range s.Touchpoints {
					tp, btp := &s.Touchpoints[j], &bs.Touchpoints[j]
					key := fmt.Sprintf("touchpoint %q", tp.ID)
					same(key+" name", key+" name", btp.Name, oneLine(nameOr(tp.Name, tp.ID)))
					v, ok := tp.MeanEmotion()
					bv, bok := btp.MeanEmotion()
					if ok != bok || ok && math.Abs(v-bv) > 0.005 {
						t.Errorf("%s: emotion %v (%v) came back %v (%v)", key, v, ok, bv, bok)
					}
					if len(tp.Emotion) > 1 && !strings.Contains(warned, key+": Mermaid holds one score") {
						t.Errorf("%s: emotions of several personas without a warning", key)
					}
					owner := ""
					if tp.Owner != "" {
						owner = tp.Owner
						if o := m.OwnerByID(tp.Owner); o != nil && strings.TrimSpace(o.Name) != "" {
							owner = o.Name
						}
					}
					got := ""
					if o := back.OwnerByID(btp.Owner); o != nil {
						got = o.Name
					}
					same(key+" owner", fmt.Sprintf("owner %q", tp.Owner), got, oneLine(owner))
					var actors, backActors []string
					for _, a := range tp.Actors {
						actors = append(actors, oneLine(a))
					}
					backActors = append(backActors, btp.Actors...)
					same(key+" actors", key+" actor", strings.Join(backActors, ", "), strings.Join(actors, ", "))
				}
			}
		})
	}
}

func nameOr(name, id string) string {
	if strings.TrimSpace(name) == "" {
		return id
	}
	return name
}
