package mine

import (
	"context"
	"encoding/binary"
	"errors"
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
		id = uint32(len(in.names))
		in.ids[s] = id
		in.names = append(in.names, s)
	}
	in.last, in.lastID = s, id
	return id
}

// caseBuf is the compact, encoded event sequence of one case: per event a
// tagged time delta and a symbol (see appendEvent), in arrival order.
type caseBuf struct {
	id    string
	buf   []byte
	lastT int64
	n     int32
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

// symbol is one distinct (activity, channel, device, resource) tuple.
type symbol [4]uint32

// caseOverhead estimates the bytes a case costs besides its events.
const caseOverhead = 112

// Miner mines an event log; see the package documentation.
type Miner struct {
	opt               Options
	act, ch, dev, res interner
	syms              map[symbol]uint32
	symList           []symbol
	lastSym           symbol
	lastSymID         uint32
	caseIdx           map[string]int32
	cases             []caseBuf
	lastCase          string
	lastIdx           int32
	bytes, limit      int64
	events            int64
	first, last       int64
	spill             *spiller
	one               []Event // the events of Options.Case, in arrival order
	err               error
	done              bool
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
	m := &Miner{opt: opt, act: newInterner(), ch: newInterner(), dev: newInterner(), res: newInterner(),
		syms: map[symbol]uint32{}, caseIdx: map[string]int32{}, lastIdx: -1, limit: opt.MemoryLimit}
	if m.limit == 0 {
		m.limit = DefaultMemoryLimit
	}
	return m
}

// Add takes a batch of events, in any order across cases; call it as many
// times as needed. Within a case, arrival order breaks timestamp ties.
func (m *Miner) Add(events []Event) {
	if m.err != nil || m.done {
		return
	}
	for i := range events {
		e := &events[i]
		ci := m.caseOf(e.Case)
		s := m.symOf(e)
		c := &m.cases[ci]
		before := cap(c.buf)
		c.buf = appendEvent(c.buf, e.Time-c.lastT, s)
		c.lastT = e.Time
		c.n++
		m.bytes += int64(cap(c.buf) - before)
		if m.events == 0 || e.Time < m.first {
			m.first = e.Time
		}
		if m.events == 0 || e.Time > m.last {
			m.last = e.Time
		}
		m.events++
		if m.opt.Case != "" && e.Case == m.opt.Case {
			m.one = append(m.one, *e)
		}
		if m.limit > 0 && m.bytes > m.limit {
			if err := m.flush(); err != nil {
				m.err = err
				return
			}
		}
	}
}

func (m *Miner) caseOf(id string) int32 {
	if m.lastIdx >= 0 && id == m.lastCase {
		return m.lastIdx
	}
	ci, ok := m.caseIdx[id]
	if !ok {
		ci = int32(len(m.cases))
		m.caseIdx[id] = ci
		m.cases = append(m.cases, caseBuf{id: id})
		m.bytes += caseOverhead + int64(len(id))
	}
	m.lastCase, m.lastIdx = id, ci
	return ci
}

func (m *Miner) symOf(e *Event) uint32 {
	k := symbol{m.act.id(e.Activity), m.ch.id(e.Channel), m.dev.id(e.Device), m.res.id(e.Resource)}
	if k == m.lastSym && len(m.symList) > 0 {
		return m.lastSymID
	}
	s, ok := m.syms[k]
	if !ok {
		s = uint32(len(m.symList))
		m.syms[k] = s
		m.symList = append(m.symList, k)
	}
	m.lastSym, m.lastSymID = k, s
	return s
}

// flush moves every in-memory case to the spill partitions.
func (m *Miner) flush() error {
	if m.spill == nil {
		sp, err := newSpiller(m.opt.TempDir)
		if err != nil {
			return err
		}
		m.spill = sp
	}
	for i := range m.cases {
		if err := m.spill.write(&m.cases[i]); err != nil {
			return err
		}
	}
	m.cases = nil
	m.caseIdx = map[string]int32{}
	m.lastIdx = -1
	m.bytes = 0
	return nil
}

// Close removes the miner's temporary files; Result calls it.
func (m *Miner) Close() error {
	if m.spill == nil {
		return nil
	}
	err := m.spill.close()
	m.spill = nil
	return err
}

// partitions calls fn with the cases of each partition in turn: the
// in-memory cases, or each spill partition read back.
func (m *Miner) partitions(ctx context.Context, fn func([]caseBuf) error) error {
	if m.spill == nil {
		return fn(m.cases)
	}
	if err := m.flush(); err != nil {
		return err
	}
	for p := range m.spill.files {
		if err := ctx.Err(); err != nil {
			return err
		}
		cases, err := m.spill.read(p)
		if err != nil {
			return err
		}
		if err := fn(cases); err != nil {
			return err
		}
	}
	return nil
}
