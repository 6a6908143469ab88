package eventlog

import "encoding/binary"

// strTable interns strings with open addressing and a cheap hash: faster
// than a Go map for this use. Each field has its own table, so that the
// small ones (activities, channels) stay in cache. A slot holds the hash and
// the first bytes of its key, so that a lookup usually touches one slot.
type strTable struct {
	mask  uint64
	slots []slot
	count int
}

type slot struct {
	h    uint32 // 0 = empty
	n    uint32 // len(s)
	head [8]byte
	s    string
}

func newStrTable(capacity int) *strTable {
	size := 16
	for size < 2*capacity {
		size *= 2
	}
	return &strTable{mask: uint64(size - 1), slots: make([]slot, size)}
}

func hashKey(b []byte) uint64 {
	n := len(b)
	var a, c uint64
	switch {
	case n >= 8:
		a, c = binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[n-8:])
	case n >= 4:
		a, c = uint64(binary.LittleEndian.Uint32(b)), uint64(binary.LittleEndian.Uint32(b[n-4:]))
	default:
		for i, x := range b {
			a |= uint64(x) << (8 * i)
		}
	}
	h := (a*0x9E3779B97F4A7C15 ^ c) * 0xC2B2AE3D27D4EB4F
	h ^= uint64(n) * 0x165667B19E3779F9
	for i := 8; i+8 <= n-8; i += 8 {
		h = (h ^ binary.LittleEndian.Uint64(b[i:])) * 0x9E3779B97F4A7C15
	}
	// murmur3's finaliser: every input bit reaches the low (index) bits.
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	return h ^ h>>33
}

// intern returns b as a string, shared with the earlier equal values.
func (t *strTable) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	h := hashKey(b)
	h32 := uint32(h>>40) | 1
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		sl := &t.slots[i]
		if sl.h == 0 {
			if 2*(t.count+1) > len(t.slots) {
				t.grow()
				return t.intern(b)
			}
			s := string(b)
			sl.h, sl.n, sl.s = h32, uint32(len(b)), s
			copy(sl.head[:], b)
			t.count++
			return s
		}
		if sl.h == h32 && sl.n == uint32(len(b)) {
			if len(b) <= 8 {
				var head [8]byte
				copy(head[:], b)
				if head == sl.head {
					return sl.s
				}
			} else if sl.s == string(b) {
				return sl.s
			}
		}
	}
}

// grow doubles the table, or empties it when it holds maxInterned strings.
func (t *strTable) grow() {
	if t.count >= maxInterned {
		clear(t.slots)
		t.count = 0
		return
	}
	old := t.slots
	*t = *newStrTable(len(old))
	for _, o := range old {
		if o.h == 0 {
			continue
		}
		h := hashKey([]byte(o.s))
		for i := h & t.mask; ; i = (i + 1) & t.mask {
			if t.slots[i].h == 0 {
				t.slots[i] = o
				t.count++
				break
			}
		}
	}
}
