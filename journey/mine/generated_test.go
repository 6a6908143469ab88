package mine

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/journey-cx/journey/journey"
)

// genMap is a small map: a leads to b or c, both lead to d; e is designed
// after c but never lived. Line numbers matter to the diagnostics test.
const genMap = `version: 1
id: gen
title: Generated
channels:
  - {id: web, name: Web, kind: digital}
  - {id: phone, name: Teléfono, kind: human}
stages:
  - id: s1
    name: Descubrir
    touchpoints:
      - id: a
        name: Anuncio
        channel: web
        next: [b, c]
  - id: s2
    name: Comparar
    touchpoints:
      - id: b
        name: Búsqueda
        channel: web
        next: [d]
      - id: c
        name: Llamada
        channel: phone
        next: [d, e]
  - id: s3
    name: Contratar
    touchpoints:
      - id: d
        name: Contratación
        channel: web
        next: []
      - id: e
        name: Extra
        channel: web
        next: []
`

// generate returns n cases (n a multiple of 20) with known branch shares:
// 70% a b d, 20% a c d (a quarter of them end with the unmapped "zz"),
// 10% a d (a deviation skipping stage s2). Events are a minute apart, and
// the log names touchpoints by id, name or accent-folded name.
func generate(n int) []Event {
	var out []Event
	for i := range n {
		var path []string
		switch i % 10 {
		case 7, 8:
			path = []string{"a", "Llamada", "d"}
			if i%20 == 7 {
				path = append(path, "zz")
			}
		case 9:
			path = []string{"anuncio", "contratacion"}
		default:
			path = []string{"a", "Búsqueda", "d"}
		}
		id := fmt.Sprintf("c%04d", i)
		for j, act := range path {
			out = append(out, Event{Case: id, Activity: act, Time: int64(1e18) + int64(i)*1e12 + int64(j)*60e9})
		}
	}
	return out
}

func TestGeneratedLog(t *testing.T) {
	jm := loadMap(t, "gen.journey.yaml", genMap)
	r := mineAll(t, Options{Map: jm, MapName: "gen.journey.yaml"}, generate(1000))
	wantVariants := []struct {
		path  string
		cases int64
		dur   float64
	}{
		{"a b d", 700, 120}, {"a c d", 150, 120}, {"a d", 100, 60}, {"a c d zz", 50, 180},
	}
	if len(r.Variants) != len(wantVariants) {
		t.Fatalf("variants %+v", r.Variants)
	}
	for i, w := range wantVariants {
		v := r.Variants[i]
		if strings.Join(v.Path, " ") != w.path || v.Cases != w.cases || v.MedianSeconds != w.dur || v.P90Seconds != w.dur {
			t.Errorf("variant %d: %+v, want %+v", i, v, w)
		}
	}
	edges := []struct {
		from, to string
		count    int64
	}{{"a", "b", 700}, {"b", "d", 700}, {"a", "c", 200}, {"c", "d", 200}, {"a", "d", 100}, {"d", "zz", 50}}
	if len(r.DFG.Edges) != len(edges) {
		t.Errorf("edges %+v", r.DFG.Edges)
	}
	for _, w := range edges {
		if e := edgeOf(t, r.DFG.Edges, w.from, w.to); e.Count != w.count || e.Cases != w.count || e.MedianSeconds != 60 {
			t.Errorf("edge %+v, want count %d", e, w.count)
		}
	}
	conv := func(f float64) *float64 { return &f }
	wantFunnel := []Stage{
		{Stage: "s1", Name: "Descubrir", Reached: 1000, Left: 0, Converted: 900, Conversion: conv(0.9), MedianSeconds: 60},
		{Stage: "s2", Name: "Comparar", Reached: 900, Left: 0, Converted: 900, Conversion: conv(1), MedianSeconds: 60},
		{Stage: "s3", Name: "Contratar", Reached: 1000, Left: 1000, MedianSeconds: 0},
	}
	if got, want := jsonOf(t, r.Funnel), jsonOf(t, wantFunnel); got != want {
		t.Errorf("funnel\n got %s\nwant %s", got, want)
	}
	c := r.Conformance
	if c.Cases != 1000 || c.FittingCases != 900 || c.FitnessByCase != 0.9 || c.Moves != 1900 || c.DesignedMoves != 1800 ||
		c.FitnessByMove != round(1800.0/1900, 6) {
		t.Errorf("fitness %+v", c)
	}
	if got := jsonOf(t, c.Deviations); got != `[{"from":"a","to":"d","count":100,"cases":100}]` {
		t.Errorf("deviations %s", got)
	}
	if !slices.Equal(c.UnobservedTouchpoints, []string{"e"}) || jsonOf(t, c.UnobservedEdges) != `[{"from":"c","to":"e"}]` {
		t.Errorf("unobserved %v %v", c.UnobservedTouchpoints, c.UnobservedEdges)
	}
	if jsonOf(t, c.SkippedStages) != `[{"stage":"s2","cases":100}]` {
		t.Errorf("skipped %+v", c.SkippedStages)
	}
	if jsonOf(t, c.UnmappedActivities) != `[{"activity":"zz","events":50,"cases":50}]` {
		t.Errorf("unmapped %+v", c.UnmappedActivities)
	}
}

func TestGeneratedDiagnostics(t *testing.T) {
	jm := loadMap(t, "gen.journey.yaml", genMap)
	r := mineAll(t, Options{Map: jm, MapName: "gen.journey.yaml"}, generate(1000))
	type want struct {
		rule      string
		sev       journey.Severity
		line, col int
		msg       string
	}
	wants := []want{
		{RuleUnmappedActivity, journey.SeverityWarning, 0, 0, `"zz" (50 events in 50 cases)`},
		{RuleDeviation, journey.SeverityWarning, 14, 15, `customers move from "a" to "d" 100 times in 100 cases`},
		{RuleSkippedStage, journey.SeverityInfo, 15, 5, `stage "s2" is jumped over in 100 cases`},
		{RuleUnobservedTouchpoint, journey.SeverityInfo, 33, 9, `"e" never appears`},
	}
	ds := r.Conformance.Diagnostics
	if len(ds) != len(wants) {
		t.Fatalf("diagnostics %v", ds)
	}
	for i, w := range wants {
		d := ds[i]
		if d.Rule != w.rule || d.Severity != w.sev || d.Line != w.line || d.Column != w.col ||
			d.File != "gen.journey.yaml" || !strings.Contains(d.Message, w.msg) {
			t.Errorf("diagnostic %d: %v, want %+v", i, d, w)
		}
	}
}

func TestGeneratedShapes(t *testing.T) {
	jm := loadMap(t, "gen.journey.yaml", genMap)
	evs := generate(1000)
	r := mineAll(t, Options{Map: jm}, evs)
	// Channels come from the touchpoints: a -> c is web -> phone, c -> d back.
	wantGaps := []Gap{
		{Kind: "channel", From: "phone", To: "web", Count: 200, Cases: 200, EndedWithinTwo: 200, DropOffRate: 1},
		{Kind: "channel", From: "web", To: "phone", Count: 200, Cases: 200, EndedWithinTwo: 150, DropOffRate: 0.75},
	}
	base := round(1900.0/1950, 6)
	for i := range wantGaps {
		wantGaps[i].BaseRate = base
	}
	if got, want := jsonOf(t, r.Gaps), jsonOf(t, wantGaps); got != want {
		t.Errorf("gaps\n got %s\nwant %s", got, want)
	}
	// Spilling and any number of workers give the same figures.
	sp := mineAll(t, Options{Map: jm, MemoryLimit: 4096, TempDir: t.TempDir(), Workers: 3}, evs)
	if !sp.Log.Spilled {
		t.Fatal("did not spill")
	}
	sp.Log.Spilled = false
	if a, b := jsonOf(t, r), jsonOf(t, sp); a != b {
		t.Errorf("spill differs:\n got %s\nwant %s", b, a)
	}
	// Top 2 folds the two smaller variants into "other".
	top := mineAll(t, Options{Map: jm, Top: 2}, evs)
	o := top.Variants[len(top.Variants)-1]
	if len(top.Variants) != 3 || !o.Other || o.Cases != 150 || o.Variants != 2 || o.Share != 0.15 {
		t.Errorf("other %+v", top.Variants)
	}
}

func TestParallelAddSameResult(t *testing.T) {
	jm := loadMap(t, "gen.journey.yaml", genMap)
	evs := generate(4000) // 12,000 events: one batch goes through the parallel Add
	want := jsonOf(t, mineAll(t, Options{Map: jm, Workers: 1}, evs))
	for _, w := range []int{2, 3, 8} {
		if got := jsonOf(t, mineAll(t, Options{Map: jm, Workers: w}, evs)); got != want {
			t.Errorf("%d workers differ:\n got %s\nwant %s", w, got, want)
		}
	}
	r := mineAll(t, Options{Map: jm, Workers: 3, MemoryLimit: 20000, TempDir: t.TempDir()}, evs)
	if !r.Log.Spilled {
		t.Fatal("did not spill")
	}
	r.Log.Spilled = false
	if got := jsonOf(t, r); got != want {
		t.Errorf("parallel spill differs:\n got %s\nwant %s", got, want)
	}
}

func TestMappingAndLowFitness(t *testing.T) {
	jm := loadMap(t, "gen.journey.yaml", genMap)
	var evs []Event
	for i := range 10 {
		id := fmt.Sprint(i)
		evs = append(evs, Event{Case: id, Activity: "LANDING", Time: 1e9}, Event{Case: id, Activity: "buy", Time: 2e9})
	}
	opt := Options{Map: jm, MapName: "gen.journey.yaml", Activities: map[string]string{"LANDING": "a", "buy": "Contratación"}}
	r := mineAll(t, opt, evs)
	if got := strings.Join(r.Variants[0].Path, " "); got != "a d" || r.Variants[0].Cases != 10 {
		t.Errorf("variants %+v", r.Variants)
	}
	c := r.Conformance
	if c.FitnessByCase != 0 || c.FitnessByMove != 0 || len(c.UnmappedActivities) != 0 {
		t.Errorf("conformance %+v", c)
	}
	var low *journey.Diagnostic
	for i := range c.Diagnostics {
		if c.Diagnostics[i].Rule == RuleLowFitness {
			low = &c.Diagnostics[i]
		}
	}
	if low == nil || low.Severity != journey.SeverityWarning || low.File != "gen.journey.yaml" || low.Line != jm.Pos.Line ||
		!strings.Contains(low.Message, "0.0% of cases") {
		t.Errorf("low fitness %+v", low)
	}
}
