package graph

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey/mine"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// flowCases are the flow views the goldens pin.
var flowCases = []struct {
	name    string
	withMap bool
	opt     FlowOptions
}{
	{"flow-small", true, FlowOptions{}},
	{"flow-log", false, FlowOptions{}},
	{"flow-log-top2", false, FlowOptions{TopPaths: 2}},
}

// TestFlowGolden pins the flow view's SVG and checks its geometry and text.
func TestFlowGolden(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range flowCases {
		t.Run(c.name, func(t *testing.T) {
			in, obs := minedInput(t, c.withMap)
			th := theme(in)
			f := newFlow(obs, c.opt, in.Labels(), th, fonts)
			sc := f.scene(th, fonts, in)
			checkScene(t, sc)
			var svg bytes.Buffer
			doc := f.words
			if err := WriteScene(&svg, f.doc(fonts, in), sc, "svg"); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, "testdata/"+c.name+".svg.golden", svg.Bytes())
			title, text := svgTexts(t, svg.Bytes())
			if !strings.Contains(title, doc.Flow) {
				t.Errorf("title %q lacks the view's name", title)
			}
			for _, want := range []string{doc.DropOff, "paso 1", "casos"} {
				if !strings.Contains(text, want) {
					t.Errorf("SVG text lacks %q:\n%s", want, text)
				}
			}
		})
	}
}

// TestFlowPaths checks what the flow follows: every case of the paths
// followed reaches a sink, a node's flow in equals its flow out, --from
// cuts each path at the node, and a path ending at the map's last
// touchpoint has completed the journey.
func TestFlowPaths(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	in, obs := minedInput(t, true)
	th := theme(in)
	for _, opt := range []FlowOptions{{}, {TopPaths: 1}, {TopPaths: 3}, {TopPaths: 100}} {
		f := newFlow(obs, opt, in.Labels(), th, fonts)
		want := opt.TopPaths
		if want == 0 {
			want = DefaultFlowPaths
		}
		listed := 0
		var cases int64
		for _, v := range obs.Res.Variants {
			if !v.Other && listed < want {
				listed++
				cases += v.Cases
			}
		}
		if f.paths != listed || f.cases != cases {
			t.Errorf("%+v: %d paths, %d cases followed; want %d and %d", opt, f.paths, f.cases, listed, cases)
		}
		var sunk, started int64
		inflow, outflow := map[int]int64{}, map[int]int64{}
		for _, l := range f.links {
			outflow[l.From] += l.Value
			inflow[l.To] += l.Value
		}
		for i, n := range f.nodes {
			switch {
			case n.Sink:
				sunk += n.Value
			case n.Col == 0:
				started += n.Value
			}
			if n.Col > 0 && inflow[i] != n.Value {
				t.Errorf("%+v: node %d (%s, step %d) holds %d but %d flow in", opt, i, f.info[i].id, n.Col+1, n.Value, inflow[i])
			}
			if !n.Sink && outflow[i] != n.Value {
				t.Errorf("%+v: node %d (%s, step %d) holds %d but %d flow out", opt, i, f.info[i].id, n.Col+1, n.Value, outflow[i])
			}
		}
		if sunk != f.cases || started != f.cases {
			t.Errorf("%+v: %d cases start, %d reach a sink, want %d", opt, started, sunk, f.cases)
		}
	}
	first := obs.Res.Variants[0].Path
	from := first[len(first)/2]
	f := newFlow(obs, FlowOptions{From: from}, in.Labels(), th, fonts)
	for i, n := range f.nodes {
		if n.Col == 0 && f.info[i].id != from {
			t.Errorf("--from %s: step 1 holds %s", from, f.info[i].id)
		}
	}
	if !strings.Contains(f.summary(), "desde ") {
		t.Errorf("summary %q does not say where the flow starts", f.summary())
	}
	finals := newFlow(obs, FlowOptions{TopPaths: 100}, in.Labels(), th, fonts).finals()
	for id := range finals {
		for e := range obs.Designed {
			if e[0] == id {
				t.Errorf("%s is taken for a journey's end but the map designs %s -> %s", id, id, e[1])
			}
		}
	}
}

// TestFlowConsumers renders the flow view and reads it back with the
// programs people open it with: Poppler reads the PDF's text, Chromium
// shows the SVG's text and runs nothing in it.
func TestFlowConsumers(t *testing.T) {
	in, obs := minedInput(t, true)
	render := func(format string) []byte {
		var out bytes.Buffer
		if err := RenderFlow(context.Background(), in, obs, FlowOptions{TopPaths: 50}, format, &out); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	words := layout.MinedLabels(in.Labels())
	checkConsumers(t, render, []string{"Comparador de tarifas", "ñandú", `alert("x")`, words.Flow, words.DropOff},
		[]string{"Comparador de tarifas", "ñandú", `<script>alert("x")</script>`[:8], "«urgente»"})
}

// BenchmarkFlow50 draws the flow of the 50 most frequent paths of a log of
// 60 activities as SVG: the target is under 300 ms with the
// command's start-up (bench/mine.sh times that).
func BenchmarkFlow50(b *testing.B) {
	res := &mine.Result{Log: mine.LogSummary{Cases: 500000, Events: 10000000, Activities: 60}}
	for v := range 60 {
		path := make([]string, 4+v%9)
		for i := range path {
			path[i] = fmt.Sprintf("actividad %02d", (v*7+i*13)%60)
		}
		res.Variants = append(res.Variants, mine.Variant{Path: path, Cases: int64(50000 - 700*v)})
	}
	obs := layout.Observe(res, nil)
	in := &render.Input{}
	b.ReportAllocs()
	for b.Loop() {
		if err := RenderFlow(context.Background(), in, obs, FlowOptions{TopPaths: 50}, "svg", io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
