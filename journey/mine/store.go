package mine

import (
	"encoding/binary"
	"errors"
	"hash/maphash"
	"strings"
	"sync"
)

// interner gives every distinct string a small id; id 0 is "".
type interner struct {
	ids    map[string]uint32
	names  []string
	last   string
	lastID uint32
}

func newInterner() interner {
	return interner{ids: map[string]uint32{"": 0}, names: []string{""}}
}

func (in *interner) id(s string) uint32 {
	if s == in.last {
		return in.lastID
	}
	id, ok := in.ids[s]
	if !ok {
		s = strings.Clone(s)
		id = uint32(len(in.names))
		in.ids[s] = id
		in.names = append(in.names, s)
	}
	in.last, in.lastID = s, id
	return id
}

// Time-delta tags, in the low two bits of the first uvarint of an event.
const (
	tagNanos   = 0 // zigzag delta in nanoseconds
	tagSeconds = 1 // zigzag delta in whole seconds (the usual case: 1-3 bytes)
	tagRaw     = 2 // 8 raw little-endian bytes of the delta follow
)

func zigzag(v int64) uint64   { return uint64(v<<1) ^ uint64(v>>63) }
func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

const maxTagged = 1 << 61

// appendEvent encodes one event (time delta d from the case's previous
// event, symbol s) onto b.
func appendEvent(b []byte, d int64, s uint32) []byte {
	switch {
	case d%1e9 == 0:
		b = binary.AppendUvarint(b, zigzag(d/1e9)<<2|tagSeconds)
	case d > -maxTagged && d < maxTagged:
		b = binary.AppendUvarint(b, zigzag(d)<<2|tagNanos)
	default:
		b = append(b, tagRaw)
		b = binary.LittleEndian.AppendUint64(b, uint64(d))
	}
	return binary.AppendUvarint(b, uint64(s))
}

var errCorrupt = errors.New("mine: corrupt case data")

// decodeEvents appends the events of buf to ts and ss, starting from time t.
func decodeEvents(buf []byte, t int64, ts []int64, ss []uint32) ([]int64, []uint32, int64, error) {
	for len(buf) > 0 {
		u, k := binary.Uvarint(buf)
		if k <= 0 {
			return ts, ss, t, errCorrupt
		}
		buf = buf[k:]
		switch u & 3 {
		case tagSeconds:
			t += unzigzag(u>>2) * 1e9
		case tagNanos:
			t += unzigzag(u >> 2)
		default:
			if len(buf) < 8 {
				return ts, ss, t, errCorrupt
			}
			t += int64(binary.LittleEndian.Uint64(buf))
			buf = buf[8:]
		}
		s, k := binary.Uvarint(buf)
		if k <= 0 {
			return ts, ss, t, errCorrupt
		}
		buf = buf[k:]
		ts = append(ts, t)
		ss = append(ss, uint32(s))
	}
	return ts, ss, t, nil
}

// symbol is one distinct (activity, channel, device, resource) tuple of
// string ids.
type symbol [4]uint32

// symbols is the miner-wide table of symbols, shared by the shards under
// a lock that each shard takes only for a tuple it has not seen yet.
type symbols struct {
	mu                sync.Mutex
	act, ch, dev, res interner
	ids               map[symbol]uint32
	list              []symbol
}

func (g *symbols) global(act, ch, dev, res string) uint32 {
	g.mu.Lock()
	defer g.mu.Unlock()
	k := symbol{g.act.id(act), g.ch.id(ch), g.dev.id(dev), g.res.id(res)}
	s, ok := g.ids[k]
	if !ok {
		s = uint32(len(g.list))
		g.ids[k] = s
		g.list = append(g.list, k)
	}
	return s
}

// caseOverhead estimates the bytes a case costs besides its events: its
// caseBuf and its two slots in the case table.
const caseOverhead = 72

// shard holds the cases whose id hashes to it; only one goroutine at a time
// adds to a shard.
type shard struct {
	g                 *symbols
	act, ch, dev, res interner // shard-local string ids
	local             map[symbol]uint32
	caseIdx           caseTable
	cases             *caseList
	arena             *arena
	lastCase          string
	lastIdx           int64
	seed              maphash.Seed
	symCache          []symSlot
	caseBytes, limit  int64
	events            int64
	first, last       int64
	spill             *spiller
	tempDir           string
	oneID             string
	one               []Event
	err               error
	enc               []byte
	own               []int32 // indices of this shard's events in a batch
	sink              uint64  // keeps addAll's cache-warming loads
}

func newShard(g *symbols, opt *Options, limit int64) *shard {
	return &shard{g: g, act: newInterner(), ch: newInterner(), dev: newInterner(), res: newInterner(),
		local: map[symbol]uint32{}, cases: &caseList{}, arena: newArena(),
		lastIdx: -1, limit: limit, tempDir: opt.TempDir, oneID: opt.Case,
		seed: maphash.MakeSeed(), symCache: make([]symSlot, symSlots)}
}

func (s *shard) add(e *Event) { s.addHashed(e, maphash.String(s.seed, e.Case)) }

// group is how many events addAll looks up together.
const group = 16

// addAll adds events[own[i]] in order, in groups: it first hashes the ids
// of a group and touches their slots, then their cases, in the case table,
// so that the cache misses of the group overlap instead of queueing one
// behind the other, and then adds the events one by one.
func (s *shard) addAll(events []Event, own []int32) {
	var hs [group]uint64
	var sink uint64
	for lo := 0; lo < len(own); lo += group {
		g := own[lo:min(lo+group, len(own))]
		for j, i := range g {
			id := events[i].Case
			switch {
			case j > 0 && id == events[g[j-1]].Case:
				hs[j] = hs[j-1]
			case j == 0 && s.lastIdx >= 0 && id == s.lastCase:
				hs[j] = 0 // caseOf answers from its last case without the hash
			default:
				hs[j] = maphash.String(s.seed, id)
				sink += s.caseIdx.touch(hs[j])
			}
		}
		for j := range g {
			if idx := s.caseIdx.peek(hs[j]); idx != 0 {
				c := s.cases.at(int(idx - 1))
				sink += uint64(c.tail) + uint64(len(c.id))
			}
		}
		for j, i := range g {
			s.addHashed(&events[i], hs[j])
		}
	}
	s.sink += sink
}

func (s *shard) addHashed(e *Event, h uint64) {
	if s.err != nil {
		return
	}
	ci := s.caseOf(e.Case, h)
	sym := s.symOf(e)
	c := s.cases.at(int(ci))
	s.enc = appendEvent(s.enc[:0], e.Time-c.lastT, sym)
	s.arena.write(c, s.enc)
	c.lastT = e.Time
	if s.events == 0 || e.Time < s.first {
		s.first = e.Time
	}
	if s.events == 0 || e.Time > s.last {
		s.last = e.Time
	}
	s.events++
	if s.oneID != "" && e.Case == s.oneID {
		s.one = append(s.one, *e)
	}
	if s.limit > 0 && s.arena.bytes()+s.caseBytes > s.limit {
		s.err = s.flush()
	}
}

// caseTable finds a case by id: open addressing over the ids' 64-bit
// hashes, with the id itself compared only on a hash match. It touches
// fewer cache lines than a map with string keys, which is what Add spends
// its time on when many cases are open.
type caseTable struct {
	slots []caseSlot
	n     int
}

// caseSlot is a case id's hash and the case's index + 1 (0 = empty).
type caseSlot struct {
	h   uint64
	idx uint32
}

func (t *caseTable) find(h uint64, id string, cases *caseList) (uint32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.idx == 0 {
			return 0, false
		}
		if sl.h == h && cases.at(int(sl.idx-1)).id == id {
			return sl.idx - 1, true
		}
	}
}

// touch loads the first slot of h, to warm the cache.
func (t *caseTable) touch(h uint64) uint64 {
	if len(t.slots) == 0 {
		return 0
	}
	return t.slots[h&uint64(len(t.slots)-1)].h
}

// peek returns the index+1 in the first slot of h when the hash matches.
func (t *caseTable) peek(h uint64) uint32 {
	if len(t.slots) == 0 {
		return 0
	}
	sl := &t.slots[h&uint64(len(t.slots)-1)]
	if sl.h != h {
		return 0
	}
	return sl.idx
}

func (t *caseTable) insert(h uint64, idx uint32) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.slots = make([]caseSlot, max(2*len(old), 1024))
		for _, sl := range old {
			if sl.idx != 0 {
				t.place(sl)
			}
		}
	}
	t.place(caseSlot{h, idx + 1})
	t.n++
}

func (t *caseTable) place(sl caseSlot) {
	mask := uint64(len(t.slots) - 1)
	i := sl.h & mask
	for t.slots[i].idx != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = sl
}

// caseOf returns the index of case id, adding it when new; h is the id's
// hash, or 0 when the caller expects id to be the last case (a flush may
// have forgotten it since, so then the hash is computed here).
func (s *shard) caseOf(id string, h uint64) uint32 {
	if s.lastIdx >= 0 && id == s.lastCase {
		return uint32(s.lastIdx)
	}
	if h == 0 {
		h = maphash.String(s.seed, id)
	}
	ci, ok := s.caseIdx.find(h, id, s.cases)
	if !ok {
		id = strings.Clone(id)
		ci = s.cases.add(caseBuf{id: id})
		s.caseIdx.insert(h, ci)
		s.caseBytes += caseOverhead + int64(len(id))
	}
	s.lastCase, s.lastIdx = id, int64(ci)
	return ci
}

// symOf returns the symbol of an event's (activity, channel, device,
// resource): from a direct-mapped cache keyed by the hash of the four
// strings (checked against the strings themselves), else through the
// shard's interners and the miner-wide table.
func (s *shard) symOf(e *Event) uint32 {
	h := s.hash(e.Activity)
	h = h*31 ^ s.hash(e.Channel)
	h = h*31 ^ s.hash(e.Device)
	h = h*31 ^ s.hash(e.Resource)
	slot := &s.symCache[h%symSlots]
	if slot.ok && slot.h == h && slot.act == e.Activity && slot.ch == e.Channel && slot.dev == e.Device && slot.res == e.Resource {
		return slot.id
	}
	k := symbol{s.act.id(e.Activity), s.ch.id(e.Channel), s.dev.id(e.Device), s.res.id(e.Resource)}
	id, ok := s.local[k]
	if !ok {
		id = s.g.global(e.Activity, e.Channel, e.Device, e.Resource)
		s.local[k] = id
	}
	g := func(in *interner, i uint32) string { return in.names[i] }
	*slot = symSlot{h: h, id: id, ok: true, act: g(&s.act, k[0]), ch: g(&s.ch, k[1]), dev: g(&s.dev, k[2]), res: g(&s.res, k[3])}
	return id
}

func (s *shard) hash(x string) uint64 {
	if x == "" {
		return 0
	}
	return maphash.String(s.seed, x)
}

// symSlots sizes the direct-mapped cache of symbols.
const symSlots = 4096

// symSlot caches one tuple of strings (the shard's own copies) and its symbol.
type symSlot struct {
	h                 uint64
	act, ch, dev, res string
	id                uint32
	ok                bool
}

// flush moves every in-memory case of the shard to its spill partitions.
func (s *shard) flush() error {
	if s.spill == nil {
		sp, err := newSpiller(s.tempDir)
		if err != nil {
			return err
		}
		s.spill = sp
	}
	var buf []byte
	for i := 0; i < s.cases.n; i++ {
		c := s.cases.at(i)
		buf = s.arena.read(c, buf[:0])
		if err := s.spill.write(c.id, buf); err != nil {
			return err
		}
	}
	s.cases = &caseList{}
	s.caseIdx = caseTable{}
	s.lastIdx = -1
	s.caseBytes = 0
	s.arena.reset()
	return nil
}

// Miner mines an event log; see the package documentation.
type Miner struct {
	opt    Options
	g      *symbols
	shards []*shard
	done   bool
}

// New returns a Miner with opt.
func New(opt Options) *Miner {
	if opt.Top <= 0 {
		opt.Top = DefaultTop
	}
	if opt.Window <= 0 {
		opt.Window = DefaultWindow
	}
	if opt.CESScale == 0 {
		opt.CESScale = DefaultCESScale
	}
	if opt.Workers <= 0 {
		opt.Workers = defaultWorkers()
	}
	limit := opt.MemoryLimit
	if limit == 0 {
		limit = DefaultMemoryLimit
	}
	if limit > 0 {
		limit = max(limit/int64(opt.Workers), 1)
	}
	m := &Miner{opt: opt,
		g: &symbols{act: newInterner(), ch: newInterner(), dev: newInterner(), res: newInterner(), ids: map[symbol]uint32{}}}
	for range opt.Workers {
		m.shards = append(m.shards, newShard(m.g, &m.opt, limit))
	}
	return m
}

// parallelBatch is the smallest batch Add spreads over goroutines.
const parallelBatch = 4096

// Add takes a batch of events, in any order across cases; call it as many
// times as needed, from one goroutine at a time. Within a case, arrival
// order breaks timestamp ties. Each shard (a hash of the case id) is filled
// by its own goroutine.
func (m *Miner) Add(events []Event) {
	if m.done {
		return
	}
	if len(m.shards) == 1 || len(events) < parallelBatch {
		for i := range events {
			m.shards[m.route(events[i].Case)].add(&events[i])
		}
		return
	}
	var wg sync.WaitGroup
	for w, s := range m.shards {
		wg.Go(func() {
			last, mine := "", false
			s.own = s.own[:0]
			for i := range events {
				e := &events[i]
				if i == 0 || e.Case != last {
					last, mine = e.Case, m.route(e.Case) == w
				}
				if mine {
					s.own = append(s.own, int32(i))
				}
			}
			s.addAll(events, s.own)
		})
	}
	wg.Wait()
}

// route returns the shard of a case id from a cheap hash of its length and
// its first and last 8 bytes (ids usually differ at the end).
func (m *Miner) route(id string) int {
	var h uint64 = uint64(len(id)) * 0x9E3779B97F4A7C15
	n := len(id)
	if n >= 8 {
		h ^= binary.LittleEndian.Uint64([]byte(id[n-8:]))
		h *= 0xBF58476D1CE4E5B9
		h ^= binary.LittleEndian.Uint64([]byte(id[:8]))
	} else {
		for i := 0; i < n; i++ {
			h = (h ^ uint64(id[i])) * 0x100000001B3
		}
	}
	h ^= h >> 31
	h *= 0x94D049BB133111EB
	h ^= h >> 29
	return int(h % uint64(len(m.shards)))
}

// Close removes the miner's temporary files; Result calls it.
func (m *Miner) Close() error {
	var errs []error
	for _, s := range m.shards {
		if s.spill != nil {
			errs = append(errs, s.spill.close())
			s.spill = nil
		}
	}
	return errors.Join(errs...)
}
