package mine

import (
	"slices"
	"strings"
	"unicode"

	"github.com/journey-cx/journey/journey"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// tables are the read-only lookups the workers share: what every symbol
// means (node, stage, effective channel, device and owner) and the designed
// flow. Nodes are the map's touchpoints in document order (ids 0..nT-1)
// followed by the log activities that map to no touchpoint; without a map,
// nodes are the activities.
type tables struct {
	m          *journey.Map
	tps        []*journey.Touchpoint
	nT         int
	stages     int
	nodeNames  []string
	nodeStage  []int32 // stage index of a node, -1 when unmapped
	actNode    []uint32
	nActs      int
	symAct     []uint32
	symNode    []uint32
	symCh      []uint32 // log channel, else the touchpoint's channel
	symDev     []uint32
	symOwn     []uint32 // log resource, else the touchpoint's owner
	designed   map[uint64]bool
	answersOf  map[string][]int32 // customer -> indices of answers attributed by time
	answerTime []int64
	window     int64
}

func edgeKey(a, b uint32) uint64 { return uint64(a)<<32 | uint64(b) }

// fold lowercases s and strips its accents, for matching names loosely.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(strings.TrimSpace(out))
}

// resolver maps a log activity (or an answer's touchpoint) to a touchpoint
// index: Options.Activities first, then a touchpoint id, then a touchpoint
// name exactly, then id or name case- and accent-insensitively.
type resolver struct {
	explicit     map[string]string
	byID, byName map[string]int
	byFold       map[string]int
}

func newResolver(tps []*journey.Touchpoint, explicit map[string]string) *resolver {
	r := &resolver{explicit: explicit, byID: map[string]int{}, byName: map[string]int{}, byFold: map[string]int{}}
	for i, t := range tps {
		r.byID[t.ID] = i
	}
	for i, t := range tps {
		if _, ok := r.byName[t.Name]; !ok && t.Name != "" {
			r.byName[t.Name] = i
		}
	}
	for i, t := range tps {
		for _, k := range []string{fold(t.ID), fold(t.Name)} {
			if _, ok := r.byFold[k]; !ok && k != "" {
				r.byFold[k] = i
			}
		}
	}
	return r
}

func (r *resolver) touchpoint(act string) (int, bool) {
	if to, ok := r.explicit[act]; ok {
		if i, ok := r.direct(to); ok {
			return i, true
		}
	}
	return r.direct(act)
}

func (r *resolver) direct(s string) (int, bool) {
	if i, ok := r.byID[s]; ok {
		return i, true
	}
	if i, ok := r.byName[s]; ok {
		return i, true
	}
	i, ok := r.byFold[fold(s)]
	return i, ok
}

// newTables builds the tables from the miner's interned strings.
func (m *Miner) newTables() *tables {
	g := m.g
	tb := &tables{m: m.opt.Map, nActs: len(g.act.names), window: int64(m.opt.Window)}
	tb.actNode = make([]uint32, tb.nActs)
	var tpCh, tpOwn []uint32
	if tb.m != nil {
		tb.tps = tb.m.Touchpoints()
		tb.nT = len(tb.tps)
		tb.stages = len(tb.m.Stages)
		for si := range tb.m.Stages {
			for j := range tb.m.Stages[si].Touchpoints {
				t := &tb.m.Stages[si].Touchpoints[j]
				tb.nodeNames = append(tb.nodeNames, t.ID)
				tb.nodeStage = append(tb.nodeStage, int32(si))
				tpCh = append(tpCh, g.ch.id(t.Channel))
				tpOwn = append(tpOwn, g.res.id(t.Owner))
			}
		}
		r := newResolver(tb.tps, m.opt.Activities)
		for a, name := range g.act.names {
			if i, ok := r.touchpoint(name); ok {
				tb.actNode[a] = uint32(i)
				continue
			}
			tb.actNode[a] = uint32(len(tb.nodeNames))
			tb.nodeNames = append(tb.nodeNames, name)
			tb.nodeStage = append(tb.nodeStage, -1)
		}
		tb.designed = designedFlow(tb.m, r)
	} else {
		for a, name := range g.act.names {
			tb.actNode[a] = uint32(a)
			tb.nodeNames = append(tb.nodeNames, name)
			tb.nodeStage = append(tb.nodeStage, -1)
		}
	}
	n := len(g.list)
	tb.symAct, tb.symNode = make([]uint32, n), make([]uint32, n)
	tb.symCh, tb.symDev, tb.symOwn = make([]uint32, n), make([]uint32, n), make([]uint32, n)
	for s, k := range g.list {
		node := tb.actNode[k[0]]
		tb.symAct[s], tb.symNode[s], tb.symCh[s], tb.symDev[s], tb.symOwn[s] = k[0], node, k[1], k[2], k[3]
		if int(node) < tb.nT {
			if tb.symCh[s] == 0 {
				tb.symCh[s] = tpCh[node]
			}
			if tb.symOwn[s] == 0 {
				tb.symOwn[s] = tpOwn[node]
			}
		}
	}
	return tb
}

// designedFlow returns the designed edges between touchpoint indices: the
// map's Flow, that is each touchpoint's `next:` when given, or else the
// following touchpoint in document order (across stages). A touchpoint that
// declares `next:` does not also lead to the one after it, unless listed.
func designedFlow(m *journey.Map, r *resolver) map[uint64]bool {
	d := map[uint64]bool{}
	for from, tos := range m.Flow() {
		a, ok := r.byID[from]
		if !ok {
			continue
		}
		for _, to := range tos {
			if b, ok := r.byID[to]; ok {
				d[edgeKey(uint32(a), uint32(b))] = true
			}
		}
	}
	return d
}

// Match is one rule by which a log activity maps to a touchpoint: the
// activity equal to Key (or, when Folded, whose Fold equals Key) maps to
// the touchpoint Touchpoint. MatchRules lists them in the order the miner
// tries them, for engines that map activities themselves (warehouse SQL).
type Match struct {
	Key        string
	Folded     bool
	Touchpoint string
}

// Fold is how activities and touchpoint names are compared loosely:
// accents stripped, lower case, spaces trimmed.
func Fold(s string) string { return fold(s) }

// MatchRules returns the rules that map log activities to m's
// touchpoints, explicit first (sorted by activity), then ids, names, and
// folded ids and names; a key already matched by an earlier rule is left
// out, as the earlier rule wins.
func MatchRules(m *journey.Map, explicit map[string]string) []Match {
	tps := m.Touchpoints()
	r := newResolver(tps, explicit)
	var out []Match
	seen := map[string]bool{}
	add := func(key string, folded bool, tp int) {
		k := key
		if folded {
			k = "\x00" + key
		}
		if !seen[k] && key != "" {
			seen[k] = true
			out = append(out, Match{Key: key, Folded: folded, Touchpoint: tps[tp].ID})
		}
	}
	keys := make([]string, 0, len(explicit))
	for k := range explicit {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if i, ok := r.direct(explicit[k]); ok {
			add(k, false, i)
		}
	}
	for i, t := range tps {
		add(t.ID, false, i)
	}
	for i, t := range tps {
		add(t.Name, false, i)
	}
	for i, t := range tps {
		add(fold(t.ID), true, i)
		add(fold(t.Name), true, i)
	}
	return out
}
