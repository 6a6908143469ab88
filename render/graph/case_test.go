package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey/mine"
	"github.com/journey-cx/journey/render/layout"
)

// TestCaseGolden pins the case view of the fixture's customer C021 (with
// its map, and the log alone): the DOT handed to the engine and the SVG
// drawn from a stored layout, and checks the drawing's geometry.
func TestCaseGolden(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, withMap := range []bool{true, false} {
		name := "case-small"
		if !withMap {
			name = "case-log"
		}
		t.Run(name, func(t *testing.T) {
			in, obs := minedInput(t, withMap)
			p := newCase(obs, fonts, in.Labels())
			var dot bytes.Buffer
			if err := p.writeDOT(&dot); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, "testdata/"+name+".dot.golden", dot.Bytes())
			sc, err := p.scene(storedDOTLayout(t, name, dot.Bytes()), theme(in), fonts, in)
			if err != nil {
				t.Fatal(err)
			}
			checkScene(t, sc)
			var svg bytes.Buffer
			if err := WriteScene(&svg, p.doc(fonts, in), sc, "svg"); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, "testdata/"+name+".svg.golden", svg.Bytes())
			title, text := svgTexts(t, svg.Bytes())
			if !strings.Contains(title, "El recorrido de un cliente: C021") {
				t.Errorf("title %q lacks the view and the customer", title)
			}
			wants := []string{"«urgente»", "1 · 1,5 h", "2026-03-05 19:30", "4 eventos"}
			if withMap {
				wants = append(wants, "camino diseñado", "Comparador de tarifas")
			}
			for _, want := range wants {
				if !strings.Contains(text, want) {
					t.Errorf("SVG text lacks %q:\n%s", want, text)
				}
			}
		})
	}
}

// TestCaseSteps checks the case view's graph: one edge per step, numbered
// in order with the time between, the start labelled with the first
// event's time, and the moves the map does not design dashed.
func TestCaseSteps(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	in, obs := minedInput(t, true)
	evs := []mine.CaseEvent{
		{Node: "comparador", Time: "2026-03-05T19:30:00Z"},
		{Node: "visita", Time: "2026-03-05T20:30:00Z", SincePrevious: 3600, Deviation: true},
		{Node: "comparador", Time: "2026-03-06T20:30:00Z", SincePrevious: 86400},
		{Node: "comparador", Time: "2026-03-06T20:31:00Z", SincePrevious: 60},
	}
	res := *obs.Res
	res.Case = &mine.CaseView{ID: "X1", Found: true, Events: evs}
	obs = layout.Observe(&res, in.Map)
	p := newCase(obs, fonts, in.Labels())
	if len(p.edges) != len(evs) {
		t.Fatalf("%d edges for %d events (a start and a step each)", len(p.edges), len(evs))
	}
	if p.nodes[p.edges[0].from].kind != pStart || p.edges[0].label != "2026-03-05 19:30" {
		t.Errorf("first edge %+v: want the start, labelled with the first time", p.edges[0])
	}
	for i, e := range p.edges[1:] {
		want := fmt.Sprintf("%d · %s", i+1, layout.Duration(evs[i+1].SincePrevious, "es"))
		if e.label != want {
			t.Errorf("step %d labelled %q, want %q", i+1, e.label, want)
		}
		designed := obs.IsDesigned(evs[i].Node, evs[i+1].Node) || evs[i].Node == evs[i+1].Node
		if e.observed == designed && !evs[i+1].Deviation {
			t.Errorf("step %d (%s -> %s): dashed %v, designed %v", i+1, evs[i].Node, evs[i+1].Node, e.observed, designed)
		}
	}
	if !p.edges[1].observed {
		t.Error("a deviation is drawn as a designed step")
	}
	if got := p.one.visits["comparador"]; got != 3 {
		t.Errorf("comparador visited %d times, want 3", got)
	}
	var noCase mine.Result
	err = NewJob(nil).RenderCase(context.Background(), in, layout.Observe(&noCase, nil), "svg", &bytes.Buffer{})
	if !errors.Is(err, ErrNoCase) {
		t.Errorf("a log without a case view: %v", err)
	}
}

// TestCaseConsumers renders the case view with the layout helper and reads
// it back: Poppler reads the PDF's text, Chromium shows the SVG's.
func TestCaseConsumers(t *testing.T) {
	in, obs := minedInput(t, true)
	render := func(format string) []byte {
		return renderWith(t, func(j *Job, w *bytes.Buffer) error {
			return j.RenderCase(context.Background(), in, obs, format, w)
		})
	}
	checkConsumers(t, render, []string{"C021", "«urgente»", "¿qué pasó?", "camino diseñado"}, []string{"C021", "«urgente»", "camino diseñado"})
}
