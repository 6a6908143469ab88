package mine

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ResultVersion is the version of the Result's JSON envelope.
const ResultVersion = 1

// errTwice is returned by a second call of Result.
var errTwice = errors.New("mine: Result called twice")

// Result mines everything added so far. Call it once: it releases the
// miner's data and temporary files, and later Adds are ignored.
func (m *Miner) Result(ctx context.Context) (*Result, error) {
	if m.done {
		return nil, errTwice
	}
	defer m.Close()
	m.done = true
	for _, sh := range m.shards {
		if sh.err != nil {
			return nil, sh.err
		}
	}
	tb := m.newTables()
	fb := m.prepareAnswers(tb)
	accs := make([]*acc, m.opt.Workers)
	for i := range accs {
		accs[i] = newAcc(tb)
	}
	spilled := false
	for _, sh := range m.shards {
		spilled = spilled || sh.spill != nil
	}
	if err := m.partitions(ctx, func(p part) error { return mineCases(ctx, accs, p) }); err != nil {
		return nil, err
	}
	a := accs[0]
	for _, o := range accs[1:] {
		a.merge(o)
	}
	return m.assemble(a, fb, spilled), nil
}

// assemble turns what the workers accumulated into the Result: the one
// place every figure is computed from, for a log and for aggregates alike.
func (m *Miner) assemble(a *acc, fb *fbState, spilled bool) *Result {
	tb := a.tb
	r := &Result{Version: ResultVersion}
	r.Log = m.summary(a, spilled)
	r.Variants = variants(a, m.opt.Top)
	r.Log.Variants = len(a.variants)
	r.DFG = dfg(a)
	r.Log.Edges = len(a.edges.list)
	r.Gaps = gaps(a, m)
	if tb.m != nil {
		r.Funnel = funnel(a)
		r.Conformance = conformance(a, m.opt.MapName, m.opt.Declared)
	}
	r.Centrality = centrality(a)
	if fb != nil {
		r.Feedback = fb.finish(a, m.opt.CESScale)
	}
	if m.opt.Case != "" {
		r.Case = m.caseView(tb)
	}
	return r
}

func defaultWorkers() int { return runtime.GOMAXPROCS(0) }

// partitions calls fn with each set of cases in turn: a shard's in-memory
// cases, or, for a shard that spilled, each of its partitions read back.
// Each shard's memory is released once it has been mined.
func (m *Miner) partitions(ctx context.Context, fn func(part) error) error {
	var ar *arena
	for _, sh := range m.shards {
		if sh.spill == nil {
			if err := fn(part{sh.cases, sh.arena}); err != nil {
				return err
			}
			sh.cases, sh.arena, sh.caseIdx = &caseList{}, newArena(), caseTable{}
			continue
		}
		if err := sh.flush(); err != nil {
			return err
		}
		sh.arena, sh.caseIdx = newArena(), caseTable{}
		if ar == nil {
			ar = newArena()
		}
		for p := range sh.spill.files {
			if err := ctx.Err(); err != nil {
				return err
			}
			pt, err := sh.spill.read(p, ar)
			if err != nil {
				return err
			}
			if err := fn(pt); err != nil {
				return err
			}
		}
	}
	return nil
}

// caseBlock is how many cases a worker takes at a time.
const caseBlock = 512

// mineCases spreads cases over the workers' accumulators.
func mineCases(ctx context.Context, accs []*acc, p part) error {
	n := p.cases.n
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, len(accs))
	for w, a := range accs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(caseBlock)) - caseBlock
				if lo >= n {
					return
				}
				if err := ctx.Err(); err != nil {
					errs[w] = err
					return
				}
				for i := lo; i < min(lo+caseBlock, n); i++ {
					if err := a.addCase(p.cases.at(i), p.arena); err != nil {
						errs[w] = err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func formatTime(ns int64) string { return time.Unix(0, ns).UTC().Format(time.RFC3339Nano) }

func (m *Miner) summary(a *acc, spilled bool) LogSummary {
	s := LogSummary{Cases: a.cases, Events: a.events, Spilled: spilled}
	for _, c := range a.actEvents {
		if c > 0 {
			s.Activities++
		}
	}
	first, last, any := int64(0), int64(0), false
	for _, sh := range m.shards {
		if sh.events == 0 {
			continue
		}
		if !any || sh.first < first {
			first = sh.first
		}
		if !any || sh.last > last {
			last = sh.last
		}
		any = true
	}
	if any {
		s.First, s.Last = formatTime(first), formatTime(last)
	}
	lens := make([]int32, 0, len(a.lens))
	for l := range a.lens {
		lens = append(lens, l)
	}
	slices.Sort(lens)
	if len(lens) == 0 {
		return s
	}
	s.EventsPerCase.Min, s.EventsPerCase.Max = int64(lens[0]), int64(lens[len(lens)-1])
	lo, hi := (a.cases-1)/2, a.cases/2 // the middle ranks
	var seen int64
	var vlo, vhi int64
	for _, l := range lens {
		c := a.lens[l]
		if lo >= seen && lo < seen+c {
			vlo = int64(l)
		}
		if hi >= seen && hi < seen+c {
			vhi = int64(l)
		}
		seen += c
	}
	s.EventsPerCase.Median = float64(vlo+vhi) / 2
	return s
}

// pathOf decodes a variant key into node names.
func pathOf(tb *tables, key string) []string {
	var out []string
	b := []byte(key)
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		b = b[k:]
		out = append(out, tb.nodeNames[n])
	}
	return out
}

func share(n, of int64) float64 {
	if of == 0 {
		return 0
	}
	return round(float64(n)/float64(of), 6)
}

// variants lists the top variants by cases (ties by path), then "other".
func variants(a *acc, top int) []Variant {
	type kv struct {
		path []string
		v    *variantAcc
	}
	all := make([]kv, 0, len(a.variants))
	for k, v := range a.variants {
		all = append(all, kv{pathOf(a.tb, k), v})
	}
	slices.SortFunc(all, func(x, y kv) int {
		if c := cmp.Compare(y.v.cases, x.v.cases); c != 0 {
			return c
		}
		return slices.Compare(x.path, y.path)
	})
	out := []Variant{}
	var rest variantAcc
	for i, x := range all {
		if i >= top {
			rest.cases += x.v.cases
			rest.dur.merge(&x.v.dur)
			continue
		}
		md, p90 := x.v.dur.medianP90()
		out = append(out, Variant{Path: x.path, Cases: x.v.cases, Share: share(x.v.cases, a.cases),
			MedianSeconds: md, P90Seconds: p90})
	}
	if len(all) > top {
		md, p90 := rest.dur.medianP90()
		out = append(out, Variant{Path: []string{}, Cases: rest.cases, Share: share(rest.cases, a.cases),
			MedianSeconds: md, P90Seconds: p90, Other: true, Variants: len(all) - top})
	}
	return out
}

// sortEdges orders edges by count (descending), then from, then to.
func sortEdges(es []Edge) {
	slices.SortFunc(es, func(x, y Edge) int {
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		if c := strings.Compare(x.From, y.From); c != 0 {
			return c
		}
		return strings.Compare(x.To, y.To)
	})
}

func dfg(a *acc) DFG {
	names := a.tb.nodeNames
	d := DFG{Edges: []Edge{}, Start: map[string]int64{}, End: map[string]int64{},
		Rework:    Rework{Cases: a.rwCases, Occurrences: a.rwOcc, Activities: []ReworkByNode{}},
		SelfLoops: Loops{Count: a.loops, Cases: a.loopCases}}
	for i := range a.edges.list {
		e := &a.edges.list[i]
		md, p90 := e.dur.medianP90()
		d.Edges = append(d.Edges, Edge{From: names[e.from], To: names[e.to], Count: e.count, Cases: e.cases,
			MedianSeconds: md, P90Seconds: p90})
	}
	sortEdges(d.Edges)
	for n, c := range a.start {
		if c > 0 {
			d.Start[names[n]] = c
		}
	}
	for n, c := range a.end {
		if c > 0 {
			d.End[names[n]] = c
		}
	}
	for n, c := range a.nodeRwCases {
		if c > 0 {
			d.Rework.Activities = append(d.Rework.Activities, ReworkByNode{names[n], c, a.nodeRwOcc[n]})
		}
	}
	slices.SortFunc(d.Rework.Activities, func(x, y ReworkByNode) int {
		if c := cmp.Compare(y.Occurrences, x.Occurrences); c != 0 {
			return c
		}
		return strings.Compare(x.Activity, y.Activity)
	})
	return d
}

func funnel(a *acc) []Stage {
	out := []Stage{}
	st := a.tb.m.Stages
	for i := range st {
		s := Stage{Stage: st[i].ID, Name: st[i].Name, Reached: a.reached[i], Left: a.left[i], Converted: a.converted[i]}
		if i+1 < len(st) {
			c := share(a.converted[i], a.reached[i])
			s.Conversion = &c
		}
		s.MedianSeconds, _ = a.stageTime[i].medianP90()
		out = append(out, s)
	}
	return out
}

func gaps(a *acc, m *Miner) []Gap {
	out := []Gap{}
	base := share(a.baseNum, a.baseDen)
	names := [3][]string{m.g.ch.names, m.g.dev.names, m.g.res.names}
	for k, g := range a.gaps {
		kind := int(k >> 62)
		f, t := (k>>31)&(1<<31-1), k&(1<<31-1)
		out = append(out, Gap{Kind: gapKinds[kind], From: names[kind][f], To: names[kind][t], Count: g.count,
			Cases: g.cases, EndedWithinTwo: g.ended, DropOffRate: share(g.ended, g.count), BaseRate: base})
	}
	slices.SortFunc(out, func(x, y Gap) int {
		if c := cmp.Compare(slices.Index(gapKinds, x.Kind), slices.Index(gapKinds, y.Kind)); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		if c := strings.Compare(x.From, y.From); c != 0 {
			return c
		}
		return strings.Compare(x.To, y.To)
	})
	return out
}
