package mine

import (
	"fmt"
	"strings"
)

// PathSeparator joins the nodes of a variant's path in Aggregates and in
// the warehouse's results: U+001F, the unit separator, which no activity
// name holds.
const PathSeparator = "\x1f"

// Aggregates are what a warehouse computes from a log (the SQL that
// journey/mine/warehouse writes): enough to mine it as Result does, without
// its events. Durations come as (seconds, number of values) rows per
// group: the exact values of a group of up to 64, and for a bigger group a
// value inside each of the buckets a local mine would count it in.
type Aggregates struct {
	First, Last int64           // the first and last event's time, Unix ns; 0 = unknown
	Activities  []ActivityCount // every activity of the log
	Variants    []PathDuration  // per case: its path of nodes and its duration
	Edges       []EdgeDuration  // per move: the time between the two events
	Stages      []StageDuration // per case and stage reached: the time spent in it
	Gaps        []GapCount      // switches of channel, device or owner
}

// ActivityCount is one activity of the log, the node the warehouse mapped
// it to, and how many events and cases have it.
type ActivityCount struct {
	Activity, Node string
	Events, Cases  int64
}

// PathDuration is N cases with this path (nodes) that took Seconds.
type PathDuration struct {
	Path    []string
	Seconds float64
	N       int64
}

// EdgeDuration is N moves From -> To that took Seconds.
type EdgeDuration struct {
	From, To string
	Seconds  float64
	N        int64
}

// StageDuration is N cases that spent Seconds in the stage (its id).
type StageDuration struct {
	Stage   string
	Seconds float64
	N       int64
}

// GapCount is one kind of switch (channel, device or owner) From -> To.
type GapCount struct {
	Kind, From, To      string
	Count, Cases, Ended int64 // switches, cases with one, switches the case ends within two events of
}

// FromAggregates mines aggregates as Result mines a log: the same
// envelope, conformance, centrality and findings, figure for figure (the
// durations to the precision of the warehouse's timestamps). Feedback and
// the one-case view need the events, so opt.Answers and opt.Case must be
// empty. It fails on aggregates that contradict each other (an edge whose
// moves are not those of the paths, an activity mapped to another node than
// the map says).
func FromAggregates(agg *Aggregates, opt Options) (*Result, error) {
	if opt.Answers != nil || opt.Case != "" {
		return nil, fmt.Errorf("feedback and the one-customer view need the events, not aggregates")
	}
	m := New(opt)
	defer m.Close()
	for _, ac := range agg.Activities {
		m.g.global(ac.Activity, "", "", "")
	}
	tb := m.newTables()
	a := newAcc(tb)
	node := map[string]uint32{}
	for i, n := range tb.nodeNames {
		if _, dup := node[n]; !dup {
			node[n] = uint32(i)
		}
	}
	for _, ac := range agg.Activities {
		id := m.g.act.ids[ac.Activity]
		if got := tb.nodeNames[tb.actNode[id]]; got != ac.Node {
			return nil, fmt.Errorf("activity %q: the warehouse mapped it to %q, the map to %q (emit the SQL again from this map, or name it in events.activities)", ac.Activity, ac.Node, got)
		}
		a.actEvents[id] += ac.Events
		a.actCases[id] += ac.Cases
	}
	if err := a.addPaths(agg.Variants, node); err != nil {
		return nil, err
	}
	if err := a.edgeTimes(agg.Edges, node); err != nil {
		return nil, err
	}
	if err := a.stageTimes(agg.Stages); err != nil {
		return nil, err
	}
	if err := a.addGaps(m, agg.Gaps); err != nil {
		return nil, err
	}
	r := m.assemble(a, nil, false)
	if agg.First != 0 || agg.Last != 0 {
		r.Log.First, r.Log.Last = formatTime(agg.First), formatTime(agg.Last)
	}
	return r, nil
}

// durations gathers the (seconds, n) rows of one group.
type durations struct {
	n    int64
	rows [][2]float64
}

func (d *durations) add(sec float64, n int64) {
	d.n += n
	d.rows = append(d.rows, [2]float64{sec, float64(n)})
}

// fill puts the group into q as a local mine would have: exact values up
// to exactCap, else the histogram.
func (d *durations) fill(q *quant) {
	if d.n <= exactCap {
		for _, r := range d.rows {
			for range int(r[1]) {
				q.add(r[0])
			}
		}
		return
	}
	q.n += uint64(d.n)
	if q.oct == nil {
		q.toHist()
	}
	for _, r := range d.rows {
		q.put(r[0], uint64(r[1]))
	}
}

// addPaths counts the cases of every path, as addCase counts a case,
// and fills in the variants' durations.
func (a *acc) addPaths(rows []PathDuration, node map[string]uint32) error {
	type group struct {
		path []uint32
		d    durations
	}
	groups := map[string]*group{}
	var order []string
	for _, r := range rows {
		if r.N <= 0 || len(r.Path) == 0 {
			return fmt.Errorf("variants: a row with %d cases and path %q", r.N, strings.Join(r.Path, " → "))
		}
		k := strings.Join(r.Path, PathSeparator)
		g := groups[k]
		if g == nil {
			g = &group{}
			for _, n := range r.Path {
				i, ok := node[n]
				if !ok {
					return fmt.Errorf("variants: %q is neither a touchpoint of the map nor an activity of the log", n)
				}
				g.path = append(g.path, i)
			}
			groups[k] = g
			order = append(order, k)
		}
		g.d.add(r.Seconds, r.N)
	}
	s := &a.s
	s.ts = nil
	for _, k := range order {
		g := groups[k]
		w, n := g.d.n, len(g.path)
		s.nodes = append(s.nodes[:0], g.path...)
		a.caseNo++
		a.cases += w
		a.events += w * int64(n)
		a.lens[int32(n)] += w
		a.variant(w) // leaves the path's key in s.key
		g.d.fill(&a.variants[string(s.key)].dur)
		a.flow(w)
		for j := 0; j+1 < n; j++ {
			a.baseDen += w
			if endsWithinTwo(n, j) {
				a.baseNum += w
			}
		}
		if a.tb.m != nil {
			a.funnel(w)
			a.conform(w)
		}
	}
	return nil
}

// edgeTimes fills in the durations of the edges the paths made; their
// moves must be the paths' moves.
func (a *acc) edgeTimes(rows []EdgeDuration, node map[string]uint32) error {
	groups := map[uint64]*durations{}
	for _, r := range rows {
		f, okf := node[r.From]
		t, okt := node[r.To]
		if !okf || !okt {
			return fmt.Errorf("edges: %q -> %q is not a move of any path in variants", r.From, r.To)
		}
		k := edgeKey(f, t)
		if groups[k] == nil {
			groups[k] = &durations{}
		}
		groups[k].add(r.Seconds, r.N)
	}
	for i := range a.edges.list {
		e := &a.edges.list[i]
		d := groups[edgeKey(e.from, e.to)]
		if d == nil || d.n != e.count {
			got := int64(0)
			if d != nil {
				got = d.n
			}
			return fmt.Errorf("edges: %s -> %s has %d moves in edges and %d in variants (results of different runs?)",
				a.tb.nodeNames[e.from], a.tb.nodeNames[e.to], got, e.count)
		}
		d.fill(&e.dur)
		delete(groups, edgeKey(e.from, e.to))
	}
	for k := range groups {
		return fmt.Errorf("edges: %s -> %s is not a move of any path in variants", a.tb.nodeNames[k>>32], a.tb.nodeNames[uint32(k)])
	}
	return nil
}

// stageTimes fills in the time spent in each stage; a stage's rows count
// the cases that reached it.
func (a *acc) stageTimes(rows []StageDuration) error {
	if a.tb.m == nil {
		return nil
	}
	groups := make([]durations, a.tb.stages)
	for _, r := range rows {
		i := -1
		for j := range a.tb.m.Stages {
			if a.tb.m.Stages[j].ID == r.Stage {
				i = j
				break
			}
		}
		if i < 0 {
			return fmt.Errorf("stages: %q is not a stage of the map", r.Stage)
		}
		groups[i].add(r.Seconds, r.N)
	}
	for i := range groups {
		if groups[i].n != a.reached[i] {
			return fmt.Errorf("stages: %s has %d cases in stages and %d in variants (results of different runs?)",
				a.tb.m.Stages[i].ID, groups[i].n, a.reached[i])
		}
		groups[i].fill(&a.stageTime[i])
	}
	return nil
}

// addGaps takes the switches as the warehouse counted them.
func (a *acc) addGaps(m *Miner, rows []GapCount) error {
	names := [3]*interner{&m.g.ch, &m.g.dev, &m.g.res}
	for _, r := range rows {
		k := -1
		for i, kind := range gapKinds {
			if kind == r.Kind {
				k = i
			}
		}
		if k < 0 {
			return fmt.Errorf("gaps: unknown kind %q (want channel, device or owner)", r.Kind)
		}
		if r.From == "" || r.To == "" || r.From == r.To {
			continue // not a switch
		}
		key := uint64(k)<<62 | uint64(names[k].id(r.From))<<31 | uint64(names[k].id(r.To))
		g := a.gaps[key]
		if g == nil {
			g = &gapAcc{}
			a.gaps[key] = g
		}
		g.count += r.Count
		g.cases += r.Cases
		g.ended += r.Ended
	}
	return nil
}
