package mine

import (
	"encoding/binary"
	"slices"
	"sort"
)

// edgeAcc accumulates one edge between nodes.
type edgeAcc struct {
	from, to     uint32
	count, cases int64
	stamp        int64
	dur          quant
}

// edgeTable indexes edges densely for small graphs, by map otherwise.
type edgeTable struct {
	n      int
	dense  []int32
	sparse map[uint64]int32
	list   []edgeAcc
}

const denseNodes = 256

func newEdgeTable(n int) edgeTable {
	t := edgeTable{n: n}
	if n <= denseNodes {
		t.dense = make([]int32, n*n)
		for i := range t.dense {
			t.dense[i] = -1
		}
	} else {
		t.sparse = map[uint64]int32{}
	}
	return t
}

func (t *edgeTable) get(a, b uint32) *edgeAcc {
	var i int32
	if t.dense != nil {
		p := &t.dense[int(a)*t.n+int(b)]
		if *p < 0 {
			*p = int32(len(t.list))
			t.list = append(t.list, edgeAcc{from: a, to: b})
		}
		i = *p
	} else {
		k := edgeKey(a, b)
		j, ok := t.sparse[k]
		if !ok {
			j = int32(len(t.list))
			t.sparse[k] = j
			t.list = append(t.list, edgeAcc{from: a, to: b})
		}
		i = j
	}
	return &t.list[i]
}

func (t *edgeTable) merge(o *edgeTable) {
	for i := range o.list {
		e := &o.list[i]
		d := t.get(e.from, e.to)
		d.count += e.count
		d.cases += e.cases
		d.dur.merge(&e.dur)
	}
}

// variantAcc accumulates one variant: its cases and their durations.
type variantAcc struct {
	cases int64
	dur   quant
}

// gapAcc accumulates one switch of channel, device or owner.
type gapAcc struct {
	count, cases, ended, stamp int64
}

// Gap kinds, in output order.
var gapKinds = []string{"channel", "device", "owner"}

// attribution is the outcome of one answer attributed by time.
type attribution struct {
	answer int32
	node   int32 // the node attributed to, or a negative reason
}

const (
	reasonNoEvent       = -1
	reasonOutsideWindow = -2
)

// acc is what one worker accumulates over its cases; accs merge.
type acc struct {
	tb                       *tables
	caseNo                   int64
	cases, events            int64
	lens                     map[int32]int64
	variants                 map[string]*variantAcc
	start, end               []int64
	nodeEvents               []int64
	actEvents, actCases      []int64
	edges                    edgeTable
	rwCases, rwOcc           int64
	nodeRwCases, nodeRwOcc   []int64
	loops, loopCases         int64
	reached, left, converted []int64
	stageTime                []quant
	gaps                     map[uint64]*gapAcc
	baseDen, baseNum         int64
	confCases, fitCases      int64
	moves, designedMoves     int64
	conf                     edgeTable
	skipped                  []int64
	attrib                   []attribution
	s                        scratch
}

// scratch is per-case working memory a worker reuses.
type scratch struct {
	ts                    []int64
	ss                    []uint32
	nodes                 []uint32
	pairs                 []tsPair
	key, buf              []byte
	seen, rwSeen, actSeen []int64
	first, last           []int32
	skipSeen              []int64
}

type tsPair struct {
	t int64
	s uint32
}

func newAcc(tb *tables) *acc {
	n := len(tb.nodeNames)
	a := &acc{tb: tb, lens: map[int32]int64{}, variants: map[string]*variantAcc{},
		start: make([]int64, n), end: make([]int64, n), nodeEvents: make([]int64, n),
		actEvents: make([]int64, tb.nActs), actCases: make([]int64, tb.nActs),
		edges: newEdgeTable(n), nodeRwCases: make([]int64, n), nodeRwOcc: make([]int64, n),
		reached: make([]int64, tb.stages), left: make([]int64, tb.stages), converted: make([]int64, tb.stages),
		stageTime: make([]quant, tb.stages), gaps: map[uint64]*gapAcc{}, conf: newEdgeTable(tb.nT),
		skipped: make([]int64, tb.stages)}
	a.s.seen, a.s.rwSeen, a.s.actSeen = make([]int64, n), make([]int64, n), make([]int64, tb.nActs)
	a.s.first, a.s.last, a.s.skipSeen = make([]int32, tb.stages), make([]int32, tb.stages), make([]int64, tb.stages)
	return a
}

// addCase mines one case.
func (a *acc) addCase(c *caseBuf, ar *arena) error {
	var err error
	s := &a.s
	s.buf = ar.read(c, s.buf[:0])
	s.ts, s.ss, _, err = decodeEvents(s.buf, 0, s.ts[:0], s.ss[:0])
	if err != nil {
		return err
	}
	if len(s.ts) == 0 {
		return nil
	}
	a.order()
	s.nodes = s.nodes[:0]
	for _, sym := range s.ss {
		s.nodes = append(s.nodes, a.tb.symNode[sym])
	}
	a.caseNo++
	a.cases++
	a.events += int64(len(s.ts))
	a.lens[int32(len(s.ts))]++
	for _, sym := range s.ss {
		act := a.tb.symAct[sym]
		a.actEvents[act]++
		if s.actSeen[act] != a.caseNo {
			s.actSeen[act] = a.caseNo
			a.actCases[act]++
		}
	}
	a.variant(1)
	a.flow(1)
	a.switches()
	if a.tb.m != nil {
		a.funnel(1)
		a.conform(1)
	}
	if ans := a.tb.answersOf[c.id]; ans != nil {
		a.attribute(ans)
	}
	return nil
}

// order sorts the case by time; ties keep arrival order (a stable sort).
func (a *acc) order() {
	s := &a.s
	if slices.IsSorted(s.ts) {
		return
	}
	s.pairs = s.pairs[:0]
	for i := range s.ts {
		s.pairs = append(s.pairs, tsPair{s.ts[i], s.ss[i]})
	}
	slices.SortStableFunc(s.pairs, func(x, y tsPair) int {
		switch {
		case x.t < y.t:
			return -1
		case x.t > y.t:
			return 1
		}
		return 0
	})
	for i, p := range s.pairs {
		s.ts[i], s.ss[i] = p.t, p.s
	}
}

func seconds(ns int64) float64 { return float64(ns) / 1e9 }

// variant counts the case's path w times; its duration when the case has
// its times (a case from a log, not a path from aggregates).
func (a *acc) variant(w int64) {
	s := &a.s
	s.key = s.key[:0]
	for _, n := range s.nodes {
		s.key = binary.AppendUvarint(s.key, uint64(n))
	}
	v := a.variants[string(s.key)]
	if v == nil {
		v = &variantAcc{}
		a.variants[string(s.key)] = v
	}
	v.cases += w
	if len(s.ts) > 0 {
		v.dur.add(seconds(s.ts[len(s.ts)-1] - s.ts[0]))
	}
}

// flow counts start and end nodes, directly-follows edges, rework and
// self-loops, w times (w cases with this path); the time between events
// when the case has its times.
func (a *acc) flow(w int64) {
	s := &a.s
	n := len(s.nodes)
	a.start[s.nodes[0]] += w
	a.end[s.nodes[n-1]] += w
	rework, loop := false, false
	for i, x := range s.nodes {
		a.nodeEvents[x] += w
		if s.seen[x] == a.caseNo {
			rework = true
			a.nodeRwOcc[x] += w
			a.rwOcc += w
			if s.rwSeen[x] != a.caseNo {
				s.rwSeen[x] = a.caseNo
				a.nodeRwCases[x] += w
			}
		}
		s.seen[x] = a.caseNo
		if i == 0 {
			continue
		}
		p := s.nodes[i-1]
		e := a.edges.get(p, x)
		e.count += w
		if e.stamp != a.caseNo {
			e.stamp = a.caseNo
			e.cases += w
		}
		if len(s.ts) > 0 {
			e.dur.add(seconds(s.ts[i] - s.ts[i-1]))
		}
		if p == x {
			a.loops += w
			loop = true
		}
	}
	if rework {
		a.rwCases += w
	}
	if loop {
		a.loopCases += w
	}
}

// switches counts changes of channel, device and owner between consecutive
// events, and whether the case ends within two events of the switch.
func (a *acc) switches() {
	s := &a.s
	n := len(s.ss)
	tb := a.tb
	cols := [3][]uint32{tb.symCh, tb.symDev, tb.symOwn}
	for j := 0; j+1 < n; j++ {
		ended := endsWithinTwo(n, j)
		a.baseDen++
		if ended {
			a.baseNum++
		}
		x, y := s.ss[j], s.ss[j+1]
		for k, col := range cols {
			f, t := col[x], col[y]
			if f == 0 || t == 0 || f == t {
				continue
			}
			key := uint64(k)<<62 | uint64(f)<<31 | uint64(t)
			g := a.gaps[key]
			if g == nil {
				g = &gapAcc{}
				a.gaps[key] = g
			}
			g.count++
			if g.stamp != a.caseNo {
				g.stamp = a.caseNo
				g.cases++
			}
			if ended {
				g.ended++
			}
		}
	}
}

// endsWithinTwo reports whether a case of n events ends within two events
// of the move from event j to event j+1.
func endsWithinTwo(n, j int) bool { return n-1-(j+1) <= 1 }

// funnel records the stages the case reached and left, whether it went on
// to the next stage (w cases with this path), and, when the case has its
// times, the time it spent in each: from its first event in the stage to
// the event after its last one there (or that last one).
func (a *acc) funnel(w int64) {
	s := &a.s
	for i := range s.first {
		s.first[i], s.last[i] = -1, -1
	}
	lastStage := int32(-1)
	for i, x := range s.nodes {
		st := a.tb.nodeStage[x]
		if st < 0 {
			continue
		}
		if s.first[st] < 0 {
			s.first[st] = int32(i)
		}
		s.last[st] = int32(i)
		lastStage = st
	}
	if lastStage < 0 {
		return
	}
	a.left[lastStage] += w
	for st := range s.first {
		f := s.first[st]
		if f < 0 {
			continue
		}
		a.reached[st] += w
		if st+1 < len(s.first) && s.first[st+1] >= 0 && s.last[st+1] > f {
			a.converted[st] += w
		}
		if len(s.ts) == 0 {
			continue
		}
		l := int(s.last[st])
		end := s.ts[l]
		if l+1 < len(s.ts) {
			end = s.ts[l+1]
		}
		a.stageTime[st].add(seconds(end - s.ts[f]))
	}
}

// conform replays the case's touchpoints against the designed flow, for
// w cases with this path. Unmapped events are left out and repeats of a
// touchpoint are one visit.
func (a *acc) conform(w int64) {
	s := &a.s
	tb := a.tb
	prev := int64(-1)
	fit, any := true, false
	for _, x := range s.nodes {
		if int(x) >= tb.nT || int64(x) == prev {
			continue
		}
		any = true
		if prev >= 0 {
			p := uint32(prev)
			a.moves += w
			if tb.designed[edgeKey(p, x)] {
				a.designedMoves += w
			} else {
				fit = false
			}
			e := a.conf.get(p, x)
			e.count += w
			if e.stamp != a.caseNo {
				e.stamp = a.caseNo
				e.cases += w
			}
			for st := tb.nodeStage[p] + 1; st < tb.nodeStage[x]; st++ {
				if s.skipSeen[st] != a.caseNo {
					s.skipSeen[st] = a.caseNo
					a.skipped[st] += w
				}
			}
		}
		prev = int64(x)
	}
	if any {
		a.confCases += w
		if fit {
			a.fitCases += w
		}
	}
}

// attribute gives each answer of this customer the node of the customer's
// last event at or before the answer, within the window.
func (a *acc) attribute(answers []int32) {
	s := &a.s
	for _, ai := range answers {
		at := a.tb.answerTime[ai]
		i := sort.Search(len(s.ts), func(i int) bool { return s.ts[i] > at }) - 1
		switch {
		case i < 0:
			a.attrib = append(a.attrib, attribution{ai, reasonNoEvent})
		case at-s.ts[i] > a.tb.window:
			a.attrib = append(a.attrib, attribution{ai, reasonOutsideWindow})
		default:
			a.attrib = append(a.attrib, attribution{ai, int32(s.nodes[i])})
		}
	}
}

// merge adds o into a.
func (a *acc) merge(o *acc) {
	a.cases += o.cases
	a.events += o.events
	for k, v := range o.lens {
		a.lens[k] += v
	}
	for k, v := range o.variants {
		if w := a.variants[k]; w != nil {
			w.cases += v.cases
			w.dur.merge(&v.dur)
		} else {
			a.variants[k] = v
		}
	}
	addInto(a.start, o.start)
	addInto(a.end, o.end)
	addInto(a.nodeEvents, o.nodeEvents)
	addInto(a.actEvents, o.actEvents)
	addInto(a.actCases, o.actCases)
	a.edges.merge(&o.edges)
	a.rwCases += o.rwCases
	a.rwOcc += o.rwOcc
	addInto(a.nodeRwCases, o.nodeRwCases)
	addInto(a.nodeRwOcc, o.nodeRwOcc)
	a.loops += o.loops
	a.loopCases += o.loopCases
	addInto(a.reached, o.reached)
	addInto(a.left, o.left)
	addInto(a.converted, o.converted)
	for i := range a.stageTime {
		a.stageTime[i].merge(&o.stageTime[i])
	}
	for k, v := range o.gaps {
		if w := a.gaps[k]; w != nil {
			w.count += v.count
			w.cases += v.cases
			w.ended += v.ended
		} else {
			a.gaps[k] = v
		}
	}
	a.baseDen += o.baseDen
	a.baseNum += o.baseNum
	a.confCases += o.confCases
	a.fitCases += o.fitCases
	a.moves += o.moves
	a.designedMoves += o.designedMoves
	a.conf.merge(&o.conf)
	addInto(a.skipped, o.skipped)
	a.attrib = append(a.attrib, o.attrib...)
}

func addInto(dst, src []int64) {
	for i, v := range src {
		dst[i] += v
	}
}
