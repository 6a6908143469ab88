package mine

import (
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// runningExample is the textbook running example of process mining (van der
// Aalst, Process Mining, table 1.1): 6 cases, 42 events, 8 activities.
func runningExample() []Event {
	type ev struct {
		act      string
		y        int
		mo       time.Month
		d, h, mi int
	}
	const (
		reg = "register request"
		ext = "examine thoroughly"
		exc = "examine casually"
		chk = "check ticket"
		dec = "decide"
		rei = "reinitiate request"
		pay = "pay compensation"
		rej = "reject request"
	)
	cases := map[string][]ev{
		"1": {{reg, 2010, 12, 30, 11, 2}, {ext, 2010, 12, 31, 10, 6}, {chk, 2011, 1, 5, 15, 12}, {dec, 2011, 1, 6, 11, 18}, {rej, 2011, 1, 7, 14, 24}},
		"2": {{reg, 2010, 12, 30, 11, 32}, {chk, 2010, 12, 30, 12, 12}, {exc, 2010, 12, 30, 14, 16}, {dec, 2011, 1, 5, 11, 22}, {pay, 2011, 1, 8, 12, 5}},
		"3": {{reg, 2010, 12, 30, 14, 32}, {exc, 2010, 12, 30, 15, 6}, {chk, 2010, 12, 30, 16, 34}, {dec, 2011, 1, 6, 9, 18},
			{rei, 2011, 1, 6, 12, 18}, {ext, 2011, 1, 6, 13, 6}, {chk, 2011, 1, 8, 11, 43}, {dec, 2011, 1, 9, 9, 55}, {pay, 2011, 1, 15, 10, 45}},
		"4": {{reg, 2011, 1, 6, 15, 2}, {chk, 2011, 1, 7, 12, 6}, {ext, 2011, 1, 8, 14, 43}, {dec, 2011, 1, 9, 12, 2}, {rej, 2011, 1, 12, 15, 44}},
		"5": {{reg, 2011, 1, 6, 9, 2}, {exc, 2011, 1, 7, 10, 16}, {chk, 2011, 1, 8, 11, 22}, {dec, 2011, 1, 10, 13, 28},
			{rei, 2011, 1, 11, 16, 18}, {chk, 2011, 1, 14, 14, 33}, {exc, 2011, 1, 16, 15, 50}, {dec, 2011, 1, 19, 11, 18},
			{rei, 2011, 1, 20, 12, 48}, {exc, 2011, 1, 21, 9, 6}, {chk, 2011, 1, 21, 11, 34}, {dec, 2011, 1, 23, 13, 12}, {rej, 2011, 1, 24, 14, 56}},
		"6": {{reg, 2011, 1, 6, 15, 2}, {exc, 2011, 1, 6, 16, 6}, {chk, 2011, 1, 7, 16, 22}, {dec, 2011, 1, 7, 16, 52}, {pay, 2011, 1, 16, 11, 47}},
	}
	var out []Event
	row := int64(1)
	for _, id := range []string{"1", "2", "3", "4", "5", "6"} {
		for _, e := range cases[id] {
			out = append(out, Event{Case: id, Activity: e.act, Time: at(e.y, e.mo, e.d, e.h, e.mi), Row: row})
			row++
		}
	}
	return out
}

func TestRunningExampleSummary(t *testing.T) {
	r := mineAll(t, Options{}, runningExample())
	want := LogSummary{Cases: 6, Events: 42, Activities: 8, Variants: 6, Edges: 16,
		First: "2010-12-30T11:02:00Z", Last: "2011-01-24T14:56:00Z",
		EventsPerCase: Spread{Min: 5, Median: 5, Max: 13}}
	if r.Log != want {
		t.Errorf("log summary\n got %+v\nwant %+v", r.Log, want)
	}
	if len(r.Variants) != 6 {
		t.Fatalf("%d variants, want 6", len(r.Variants))
	}
	for _, v := range r.Variants {
		if v.Cases != 1 || v.Share != round(1.0/6, 6) || v.Other {
			t.Errorf("variant %v: cases %d share %v", v.Path, v.Cases, v.Share)
		}
	}
	// Ties in count sort by path text: "register request, check ticket, ..." first.
	if got := strings.Join(r.Variants[0].Path, ","); got != "register request,check ticket,examine casually,decide,pay compensation" {
		t.Errorf("first variant %s", got)
	}
}

func TestRunningExampleDFG(t *testing.T) {
	r := mineAll(t, Options{}, runningExample())
	tests := []struct {
		from, to     string
		count, cases int64
	}{
		{"register request", "examine thoroughly", 1, 1},
		{"register request", "check ticket", 2, 2},
		{"register request", "examine casually", 3, 3},
		{"examine thoroughly", "check ticket", 2, 2},
		{"examine thoroughly", "decide", 1, 1},
		{"examine casually", "check ticket", 4, 3},
		{"examine casually", "decide", 2, 2},
		{"check ticket", "decide", 6, 4},
		{"check ticket", "examine casually", 2, 2},
		{"check ticket", "examine thoroughly", 1, 1},
		{"decide", "reject request", 3, 3},
		{"decide", "pay compensation", 3, 3},
		{"decide", "reinitiate request", 3, 2},
		{"reinitiate request", "examine thoroughly", 1, 1},
		{"reinitiate request", "check ticket", 1, 1},
		{"reinitiate request", "examine casually", 1, 1},
	}
	if len(r.DFG.Edges) != len(tests) {
		t.Errorf("%d edges, want %d", len(r.DFG.Edges), len(tests))
	}
	for _, tt := range tests {
		e := edgeOf(t, r.DFG.Edges, tt.from, tt.to)
		if e.Count != tt.count || e.Cases != tt.cases {
			t.Errorf("%s -> %s: count %d cases %d, want %d %d", tt.from, tt.to, e.Count, e.Cases, tt.count, tt.cases)
		}
	}
	// register request -> check ticket: 40 min (case 2) and 21 h 4 min (case 4).
	e := edgeOf(t, r.DFG.Edges, "register request", "check ticket")
	if e.MedianSeconds != (2400+75840)/2.0 || e.P90Seconds != 2400+0.9*(75840-2400) {
		t.Errorf("durations %v %v", e.MedianSeconds, e.P90Seconds)
	}
	if r.DFG.Edges[0].From != "check ticket" || r.DFG.Edges[0].To != "decide" {
		t.Errorf("top edge %+v", r.DFG.Edges[0])
	}
	if want := map[string]int64{"register request": 6}; !mapsEqual(r.DFG.Start, want) {
		t.Errorf("start %v", r.DFG.Start)
	}
	if want := map[string]int64{"reject request": 3, "pay compensation": 3}; !mapsEqual(r.DFG.End, want) {
		t.Errorf("end %v", r.DFG.End)
	}
	if r.DFG.Rework.Cases != 2 || r.DFG.Rework.Occurrences != 9 {
		t.Errorf("rework %+v", r.DFG.Rework)
	}
	if r.DFG.SelfLoops != (Loops{}) {
		t.Errorf("self loops %+v", r.DFG.SelfLoops)
	}
	// Case 1 lasts 8 days 3 h 22 min.
	for _, v := range r.Variants {
		if v.Path[1] == "examine thoroughly" && v.MedianSeconds != 8*86400+3*3600+22*60 {
			t.Errorf("case 1 duration %v", v.MedianSeconds)
		}
	}
}

func mapsEqual(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestShuffledInputSameResult(t *testing.T) {
	evs := runningExample()
	want := jsonOf(t, mineAll(t, Options{}, evs))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 5 {
		sh := slices.Clone(evs)
		rng.Shuffle(len(sh), func(i, j int) { sh[i], sh[j] = sh[j], sh[i] })
		m := New(Options{Workers: 1 + i%3})
		for len(sh) > 0 { // in uneven batches
			n := min(len(sh), 1+rng.IntN(7))
			m.Add(sh[:n])
			sh = sh[n:]
		}
		r, err := m.Result(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if got := jsonOf(t, r); got != want {
			t.Errorf("shuffle %d differs:\n got %s\nwant %s", i, got, want)
		}
	}
}

func TestTiesKeepInputOrder(t *testing.T) {
	tests := []struct {
		name string
		acts []string
		ts   []int64
		want string
	}{
		{"sorted", []string{"a", "b", "c"}, []int64{1, 2, 3}, "a b c"},
		{"tie keeps order", []string{"x", "y", "z"}, []int64{5, 5, 1}, "z x y"},
		{"tie reversed", []string{"y", "x", "z"}, []int64{5, 5, 1}, "z y x"},
		{"all equal", []string{"c", "a", "b"}, []int64{7, 7, 7}, "c a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var evs []Event
			for i, a := range tt.acts {
				evs = append(evs, Event{Case: "k", Activity: a, Time: tt.ts[i] * 1e9})
			}
			r := mineAll(t, Options{Case: "k"}, evs)
			if got := strings.Join(r.Variants[0].Path, " "); got != tt.want {
				t.Errorf("variant %q, want %q", got, tt.want)
			}
			var view []string
			for _, e := range r.Case.Events {
				view = append(view, e.Activity)
			}
			if got := strings.Join(view, " "); got != tt.want {
				t.Errorf("case view %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSpillSameResult(t *testing.T) {
	evs := runningExample()
	mem := mineAll(t, Options{MemoryLimit: -1}, evs)
	dir := t.TempDir()
	sp := mineAll(t, Options{MemoryLimit: 1, TempDir: dir}, evs)
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("spill files left behind: %v", left)
	}
	if !sp.Log.Spilled || mem.Log.Spilled {
		t.Fatalf("spilled: memory %v, spill %v", mem.Log.Spilled, sp.Log.Spilled)
	}
	sp.Log.Spilled = false
	if a, b := jsonOf(t, mem), jsonOf(t, sp); a != b {
		t.Errorf("spill differs:\n got %s\nwant %s", b, a)
	}
}
