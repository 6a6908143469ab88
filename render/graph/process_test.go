package graph

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
)

// processCases are the process maps the goldens pin: the fixture against
// its map, and the log alone with the options that thin it out.
var processCases = []struct {
	name    string
	withMap bool
	opt     ProcessOptions
}{
	{"process-small", true, ProcessOptions{}},
	{"process-log-duration", false, ProcessOptions{Measure: "duration"}},
	{"process-log-top2", false, ProcessOptions{TopPaths: 2}},
	{"process-log-min5", false, ProcessOptions{MinEdge: 5}},
}

// TestProcessGolden pins the DOT handed to the engine and the SVG drawn
// from a stored layout, and checks the drawing's geometry.
func TestProcessGolden(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range processCases {
		t.Run(c.name, func(t *testing.T) {
			in, obs := minedInput(t, c.withMap)
			p := newProcess(obs, c.opt, fonts, in.Labels())
			var dot bytes.Buffer
			if err := p.writeDOT(&dot); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, "testdata/"+c.name+".dot.golden", dot.Bytes())
			sc, err := p.scene(storedDOTLayout(t, c.name, dot.Bytes()), theme(in), fonts, in)
			if err != nil {
				t.Fatal(err)
			}
			checkScene(t, sc)
			var svg bytes.Buffer
			if err := WriteScene(&svg, p.doc(fonts, in), sc, "svg"); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, "testdata/"+c.name+".svg.golden", svg.Bytes())
			title, text := svgTexts(t, svg.Bytes())
			if !strings.Contains(title, "Mapa de proceso") {
				t.Errorf("title %q lacks the view's name", title)
			}
			wants := []string{"35 casos", "inicio"}
			if c.opt.MinEdge == 0 && c.opt.TopPaths == 0 {
				wants = append(wants, "ñandú", `alert("x")`, "«urgente»")
			}
			for _, want := range wants {
				if !strings.Contains(text, want) {
					t.Errorf("SVG text lacks %q:\n%s", want, text)
				}
			}
		})
	}
}

// TestProcessSteps checks which steps each option keeps, and that steps
// the map does not design are the dashed ones.
func TestProcessSteps(t *testing.T) {
	t.Parallel()
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	in, obs := minedInput(t, true)
	all := newProcess(obs, ProcessOptions{}, fonts, in.Labels())
	if want := len(obs.Res.DFG.Edges) + len(obs.Res.DFG.Start); len(all.edges) != want || all.total != want {
		t.Fatalf("all steps: %d drawn of %d, want %d", len(all.edges), all.total, want)
	}
	for _, e := range all.edges {
		from, to := all.nodes[e.from], all.nodes[e.to]
		if from.kind == pStart {
			continue
		}
		if designed := obs.Designed[[2]string{from.id, to.id}]; designed == e.observed {
			t.Errorf("%s -> %s: designed %v but observed-only %v", from.id, to.id, designed, e.observed)
		}
	}
	min5 := newProcess(obs, ProcessOptions{MinEdge: 5}, fonts, in.Labels())
	for _, e := range min5.edges {
		if e.count < 5 {
			t.Errorf("--min-edge 5 kept a step taken %d times", e.count)
		}
	}
	top1 := newProcess(obs, ProcessOptions{TopPaths: 1}, fonts, in.Labels())
	if len(top1.edges) != len(obs.Res.Variants[0].Path) { // start -> first, then one per move
		t.Errorf("--top-paths 1 kept %d steps, want %d", len(top1.edges), len(obs.Res.Variants[0].Path))
	}
	if s := top1.summary(); !strings.Contains(s, "pasos mostrados (los 1 caminos más frecuentes)") {
		t.Errorf("summary %q does not say what was left out", s)
	}
}

// TestProcessConsumers renders the process map with the layout helper and
// reads it back with the programs people open it with: Poppler reads the
// PDF's text, Chromium shows the SVG's text and runs nothing in it.
func TestProcessConsumers(t *testing.T) {
	in, obs := minedInput(t, true)
	render := func(format string) []byte {
		return renderWith(t, func(j *Job, w *bytes.Buffer) error {
			return j.RenderProcess(context.Background(), in, obs, ProcessOptions{}, format, w)
		})
	}
	checkConsumers(t, render, []string{"Comparador de tarifas", "ñandú", `alert("x")`, "¿qué pasó?", "Mapa de proceso"},
		[]string{"Comparador de tarifas", "ñandú", `<script>alert("x")</script>`[:8], "«urgente»"})
}
