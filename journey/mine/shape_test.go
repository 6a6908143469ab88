package mine

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestStarCentrality(t *testing.T) {
	// Every case goes from a leaf through the hub to another leaf.
	var evs []Event
	leaves := []string{"l1", "l2", "l3", "l4", "l5"}
	n := 0
	for i, a := range leaves {
		for j, b := range leaves {
			if i == j {
				continue
			}
			id := fmt.Sprint(n)
			n++
			evs = append(evs, Event{Case: id, Activity: a, Time: 1}, Event{Case: id, Activity: "hub", Time: 2},
				Event{Case: id, Activity: b, Time: 3})
		}
	}
	r := mineAll(t, Options{}, evs)
	if len(r.Centrality) != 6 {
		t.Fatalf("centrality %+v", r.Centrality)
	}
	hub := r.Centrality[0]
	if hub.Node != "hub" {
		t.Errorf("top by pagerank: %+v", r.Centrality)
	}
	for _, c := range r.Centrality[1:] {
		if c.PageRank >= hub.PageRank || c.Betweenness >= hub.Betweenness {
			t.Errorf("%+v not below the hub %+v", c, hub)
		}
	}
	if hub.Betweenness != 20 { // all 5*4 leaf pairs pass through it
		t.Errorf("hub betweenness %v", hub.Betweenness)
	}
}

func TestSeguroHogarConformance(t *testing.T) {
	data, err := os.ReadFile("../../examples/seguro-hogar.journey.yaml")
	if err != nil {
		t.Fatal(err)
	}
	jm := loadMap(t, "seguro-hogar.journey.yaml", string(data))
	flow := jm.Flow()
	// The happy path follows the designed flow, taking the first next each time.
	var happy []string
	for id := jm.Touchpoints()[0].ID; ; {
		happy = append(happy, id)
		if len(flow[id]) == 0 {
			break
		}
		id = flow[id][0]
	}
	var evs []Event
	add := func(c string, acts ...string) {
		for i, a := range acts {
			evs = append(evs, Event{Case: c, Activity: a, Time: int64(i+1) * 3600e9})
		}
	}
	add("ids", happy...)
	add("nombres", "Oferta del seguro vinculado en la firma de la hipoteca", "anuncio en instagram")
	add("salto", "oferta-banco", "DECLARACION DEL SINIESTRO EN LA APP", "Reclamación por teléfono", "llamada-retencion", "baja-poliza")
	r := mineAll(t, Options{Map: jm, MapName: "seguro-hogar.journey.yaml", Case: "salto"}, evs)
	c := r.Conformance
	if c.Cases != 3 || c.FittingCases != 2 {
		t.Errorf("fitness %d of %d", c.FittingCases, c.Cases)
	}
	var unobserved []string
	for _, tp := range jm.Touchpoints() {
		if !slices.Contains(happy, tp.ID) && tp.ID != "baja-poliza" {
			unobserved = append(unobserved, tp.ID)
		}
	}
	if len(unobserved) == 0 || !slices.Equal(c.UnobservedTouchpoints, unobserved) {
		t.Errorf("unobserved %v, want %v", c.UnobservedTouchpoints, unobserved)
	}
	devs := jsonOf(t, c.Deviations)
	for _, d := range []string{`"from":"oferta-banco","to":"parte-siniestro"`, `"from":"parte-siniestro","to":"llamada-retencion"`} {
		if !strings.Contains(devs, d) {
			t.Errorf("deviations %s lack %s", devs, d)
		}
	}
	if jsonOf(t, c.UnmappedActivities) != `[{"activity":"Reclamación por teléfono","events":1,"cases":1}]` {
		t.Errorf("unmapped %s", jsonOf(t, c.UnmappedActivities))
	}
	var skipped []string
	for _, s := range c.SkippedStages {
		skipped = append(skipped, s.Stage)
	}
	if len(skipped) == 0 || skipped[0] == jm.Stages[0].ID {
		t.Errorf("skipped %v", skipped)
	}
	oferta := jm.Touchpoints()[0]
	found := false
	for _, d := range c.Diagnostics {
		if d.Rule == RuleDeviation && d.Line == oferta.Pos.Line && d.Column == oferta.Pos.Column &&
			strings.Contains(d.Message, `"oferta-banco" to "parte-siniestro"`) {
			found = true
		}
	}
	if !found {
		t.Errorf("no mine-deviation at oferta-banco (%v): %v", oferta.Pos, c.Diagnostics)
	}
	// The case view marks the jumps.
	var marked []string
	for _, e := range r.Case.Events {
		if e.Deviation {
			marked = append(marked, e.Node)
		}
	}
	if !r.Case.Found || len(r.Case.Events) != 5 || !slices.Equal(marked, []string{"parte-siniestro", "llamada-retencion"}) {
		t.Errorf("case view %+v", r.Case)
	}
	if r.Case.Events[1].SincePrevious != 3600 || r.Case.Events[2].Node != "Reclamación por teléfono" {
		t.Errorf("case events %+v", r.Case.Events)
	}
}

func TestJSONEnvelope(t *testing.T) {
	jm := loadMap(t, "gen.journey.yaml", genMap)
	evs := append(generate(20), Event{Case: "ñandú", Activity: "Año nuevo en la sección", Time: 5})
	withMap := mineAll(t, Options{Map: jm, Case: "ñandú", Answers: []Answer{}}, evs)
	noMap := mineAll(t, Options{}, evs)
	tests := []struct {
		name string
		r    *Result
		keys []string
	}{
		{"with map", withMap, []string{"case", "centrality", "conformance", "dfg", "feedback", "funnel", "gaps", "log", "variants", "version"}},
		{"without map", noMap, []string{"centrality", "dfg", "gaps", "log", "variants", "version"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.r)
			if err != nil {
				t.Fatal(err)
			}
			var top map[string]json.RawMessage
			if err := json.Unmarshal(b, &top); err != nil {
				t.Fatal(err)
			}
			var keys []string
			for k := range top {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			if !slices.Equal(keys, tt.keys) {
				t.Errorf("keys %v, want %v", keys, tt.keys)
			}
			if !strings.Contains(string(b), "Año nuevo en la sección") {
				t.Errorf("accented name lost: %s", b)
			}
			var dfg map[string]json.RawMessage
			if err := json.Unmarshal(top["dfg"], &dfg); err != nil || dfg["edges"] == nil || dfg["start"] == nil || dfg["end"] == nil {
				t.Errorf("dfg %s", top["dfg"])
			}
		})
	}
}

func TestLongCase(t *testing.T) {
	if testing.Short() {
		t.Skip("a million events")
	}
	evs := make([]Event, 1_000_000)
	acts := []string{"ver", "añadir", "pagar"}
	for i := range evs {
		evs[i] = Event{Case: "uno", Activity: acts[i%3], Time: int64(i/2) * 1e9} // pairs share a second
	}
	r := mineAll(t, Options{MemoryLimit: 1 << 20, TempDir: t.TempDir()}, evs)
	if r.Log.Cases != 1 || r.Log.Events != 1_000_000 || r.Log.Variants != 1 || !r.Log.Spilled {
		t.Errorf("log %+v", r.Log)
	}
	if e := edgeOf(t, r.DFG.Edges, "ver", "añadir"); e.Count != 333_333 || e.MedianSeconds != 0 || e.P90Seconds != 1 {
		t.Errorf("edge %+v", e)
	}
}
