package draw

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/render"
)

// minedInput is the small fixture annotated with its mined log.
func minedInput(t *testing.T) *render.Input {
	t.Helper()
	return &render.Input{Map: maptest.Load(t, "../testdata/small.journey.yaml"), Mined: maptest.Mined(t, maptest.MinedSmall)}
}

// TestMinedMapGolden pins the SVG of the map annotated with a mined log,
// and checks it is well-formed and says what the log saw.
func TestMinedMapGolden(t *testing.T) {
	t.Parallel()
	got := renderTo(t, SVG, minedInput(t))
	golden.Assert(t, "../testdata/golden/small-mined.svg", got)
	texts, _ := svgCheck(t, got)
	text := normalize(strings.Join(texts, " "))
	for _, want := range []string{"RECORRIDO OBSERVADO", "Embudo: 35 casos llegan", "31 casos", "abandono: 25 (96,2 %)", "NPS −83 · CES 3,9 (n 12)"} {
		if !strings.Contains(text, normalize(want)) {
			t.Errorf("the SVG lacks %q:\n%s", want, text)
		}
	}
}

// TestMinedMapPDF reads the annotated map's PDF with Poppler, on one page
// and cut into A4 pages: the observed lane and the funnel are text.
func TestMinedMapPDF(t *testing.T) {
	t.Parallel()
	pdftotext := tool(t, "pdftotext")
	for _, paper := range []string{"", "A4"} {
		in := minedInput(t)
		in.Paper = paper
		path := filepath.Join(t.TempDir(), "map.pdf")
		if err := os.WriteFile(path, renderTo(t, PDF, in), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		text := normalize(string(out))
		for _, want := range []string{"RECORRIDO OBSERVADO", "Embudo:", "casos llegan", "abandono:", "mediana hasta el siguiente paso"} {
			if !strings.Contains(text, want) {
				t.Errorf("paper %q: pdftotext lacks %q", paper, want)
			}
		}
	}
}

// TestActorsOnCards: a touchpoint's actors are drawn on its card after the
// owner, as text the SVG holds.
func TestActorsOnCards(t *testing.T) {
	t.Parallel()
	texts, _ := svgCheck(t, renderTo(t, SVG, &render.Input{Map: maptest.Load(t, "../../examples/seguro-hogar.journey.yaml")}))
	if text := normalize(strings.Join(texts, " ")); !strings.Contains(text, "Gabinete pericial externo, Marta") {
		t.Errorf("the card of visita-perito lacks its actors:\n%s", text)
	}
}
