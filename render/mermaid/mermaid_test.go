package mermaid

import (
	"bytes"
	"github.com/journey-cx/journey/internal/maptest"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey"
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

// checkGrammar checks every line against what Mermaid's journey lexer
// accepts: the diagram keyword, a title, an accDescr, sections and tasks
// "name: score[: actor, ...]" with no reserved character in any part.
func checkGrammar(t *testing.T, out string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if lines[0] != "journey" {
		t.Fatalf("first line %q, want journey", lines[0])
	}
	for i, l := range lines[1:] {
		n := i + 2
		if strings.ContainsAny(l, "#;\r<>{}") || strings.Contains(l, "%%") {
			t.Errorf("line %d has a reserved character: %q", n, l)
		}
		switch {
		case strings.HasPrefix(l, "  title "), strings.HasPrefix(l, "  accDescr: "):
		case strings.HasPrefix(l, "  section "):
			if strings.Contains(l, ":") {
				t.Errorf("line %d: section with a colon: %q", n, l)
			}
		case strings.HasPrefix(l, "    "):
			parts := strings.Split(strings.TrimSpace(l), ": ")
			if len(parts) < 2 || len(parts) > 3 || strings.Count(l, ":") != len(parts)-1 {
				t.Errorf("line %d: task is not name: score[: actors]: %q", n, l)
				continue
			}
			if s := parts[1]; len(s) != 1 || s[0] < '1' || s[0] > '5' {
				t.Errorf("line %d: score %q is not 1..5", n, s)
			}
			low := strings.ToLower(parts[0])
			for _, k := range keywords {
				if strings.HasPrefix(low, k) {
					t.Errorf("line %d: task name starts with keyword %q", n, k)
				}
			}
		default:
			t.Errorf("line %d: unexpected %q", n, l)
		}
	}
}

func TestTaskLines(t *testing.T) {
	t.Parallel()
	m := &journey.Map{Owners: []journey.Owner{{ID: "sales", Name: "Ventas, Marketing"}, {ID: "blank"}}}
	tests := []struct {
		name string
		tp   journey.Touchpoint
		want string
	}{
		{"plain", journey.Touchpoint{ID: "a", Name: "Anuncio", Emotion: []journey.Emotion{{Value: 4}}}, "Anuncio: 4"},
		{"no emotion is neutral and marked", journey.Touchpoint{ID: "a", Name: "Anuncio"}, "Anuncio (?): 3"},
		{"mean rounds half up", journey.Touchpoint{ID: "a", Name: "X", Emotion: []journey.Emotion{{Persona: "a", Value: 2}, {Persona: "b", Value: 3}}}, "X: 3"},
		{"fraction rounds", journey.Touchpoint{ID: "a", Name: "X", Emotion: []journey.Emotion{{Value: 4.4}}}, "X: 4"},
		{"owner name, comma replaced", journey.Touchpoint{ID: "a", Name: "X", Owner: "sales", Emotion: []journey.Emotion{{Value: 1}}}, "X: 1: Ventas‚ Marketing"},
		{"owner without name uses id", journey.Touchpoint{ID: "a", Name: "X", Owner: "blank", Emotion: []journey.Emotion{{Value: 5}}}, "X: 5: blank"},
		{"undeclared owner uses id", journey.Touchpoint{ID: "a", Name: "X", Owner: "ops", Emotion: []journey.Emotion{{Value: 5}}}, "X: 5: ops"},
		{"empty name uses id", journey.Touchpoint{ID: "tp-1", Name: " \n ", Emotion: []journey.Emotion{{Value: 2}}}, "tp-1: 2"},
		{"reserved characters", journey.Touchpoint{ID: "a", Name: "a:b;c#d%%%e<f>{g}\nh", Emotion: []journey.Emotion{{Value: 2}}}, "a∶b,c＃d%e‹f›(g) h: 2"},
		{"keyword guarded", journey.Touchpoint{ID: "a", Name: "Section two", Emotion: []journey.Emotion{{Value: 2}}}, "\u200bSection two: 2"},
		{"accents kept", journey.Touchpoint{ID: "a", Name: "Compañía ¿qué?", Emotion: []journey.Emotion{{Value: 2}}}, "Compañía ¿qué?: 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := task(m, &tt.tp); got != tt.want {
				t.Errorf("task() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("ñ", 200)
	got := clean(long, maxName, false)
	if n := len([]rune(got)); n != maxName || !strings.HasSuffix(got, "…") {
		t.Errorf("clean(200 ñ) = %d characters %q, want %d ending in …", n, got, maxName)
	}
}

func TestNoMap(t *testing.T) {
	t.Parallel()
	if err := Write(&bytes.Buffer{}, &render.Input{}); err == nil {
		t.Error("Write with no map: want an error")
	}
}
