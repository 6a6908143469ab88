package score

import (
	"encoding/binary"
	"math/bits"
)

// SWAR (SIMD within a register) helpers: find delimiter and line-break
// bytes 8 at a time.
const (
	ones = 0x0101010101010101
	low7 = 0x7f7f7f7f7f7f7f7f
)

// zeroBytes sets the high bit of every byte of x that is zero, exactly (no
// false positives, unlike the shorter borrow-based trick).
func zeroBytes(x uint64) uint64 {
	y := (x & low7) + low7
	return ^(y | x | low7)
}

// splitFast splits the record starting at data[pos] (not a blank line) into
// at most need fields, looking only for the delimiter and "\n": the caller
// has checked there is no quote in it. It returns the fields, the index of
// the record's "\n" (len(data) when it ends the input) and the number of
// fields in the whole record. As encoding/csv does, a "\r" that ends the line
// is not part of the last field.
func splitFast(data []byte, pos, need int, delim byte, fields [][]byte) ([][]byte, int, int) {
	fields = fields[:0]
	n := len(data)
	start, p := pos, pos
	dRep, nlRep := uint64(delim)*ones, uint64('\n')*ones
	for p+8 <= n {
		w := binary.LittleEndian.Uint64(data[p:])
		m := zeroBytes(w^dRep) | zeroBytes(w^nlRep)
		for m != 0 {
			k := p + bits.TrailingZeros64(m)>>3
			m &= m - 1
			if data[k] == '\n' {
				fields = append(fields, trimCR(data[start:k]))
				return fields, k, len(fields)
			}
			fields = append(fields, data[start:k])
			start = k + 1
			if len(fields) == need {
				e, more := lineEnd(data, start, delim)
				return fields, e, need + 1 + more
			}
		}
		p += 8
	}
	for ; p < n; p++ {
		switch data[p] {
		case '\n':
			fields = append(fields, trimCR(data[start:p]))
			return fields, p, len(fields)
		case delim:
			fields = append(fields, data[start:p])
			start = p + 1
			if len(fields) == need {
				e, more := lineEnd(data, start, delim)
				return fields, e, need + 1 + more
			}
		}
	}
	fields = append(fields, trimCR(data[start:n]))
	return fields, n, len(fields)
}

// lineEnd returns the index of the first "\n" from p, or len(data), and the
// delimiters before it: 8 bytes at a time, as the rest of a line is short.
func lineEnd(data []byte, p int, delim byte) (end, delims int) {
	nlRep, dRep := uint64('\n')*ones, uint64(delim)*ones
	for ; p+8 <= len(data); p += 8 {
		w := binary.LittleEndian.Uint64(data[p:])
		dm := zeroBytes(w ^ dRep)
		if m := zeroBytes(w ^ nlRep); m != 0 {
			k := bits.TrailingZeros64(m) // the newline's marker bit: delimiters before it have lower ones
			return p + k>>3, delims + bits.OnesCount64(dm&(1<<k-1))
		}
		delims += bits.OnesCount64(dm)
	}
	for ; p < len(data); p++ {
		switch data[p] {
		case '\n':
			return p, delims
		case delim:
			delims++
		}
	}
	return len(data), delims
}

func trimCR(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] == '\r' {
		return b[:len(b)-1]
	}
	return b
}

// table maps short byte strings (touchpoint ids, segments) to indexes with
// open addressing and a cheap hash: faster than a Go map for this use.
type table struct {
	mask  uint64
	keys  []string
	vals  []int32 // index + 1; 0 = empty slot
	count int
}

func newTable(capacity int) *table {
	size := 16
	for size < 4*capacity {
		size *= 2
	}
	return &table{mask: uint64(size - 1), keys: make([]string, size), vals: make([]int32, size)}
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
	if n > 16 {
		// Long keys: mix the middle too.
		for i := 8; i+8 <= n-8; i += 8 {
			h = (h ^ binary.LittleEndian.Uint64(b[i:])) * 0x9E3779B97F4A7C15
		}
	}
	return h ^ h>>31
}

// get returns the index of key and whether it is there.
func (t *table) get(key []byte) (int32, bool) {
	for i := hashKey(key) & t.mask; ; i = (i + 1) & t.mask {
		v := t.vals[i]
		if v == 0 {
			return 0, false
		}
		if t.keys[i] == string(key) {
			return v - 1, true
		}
	}
}

// put adds key with index v (the key must not be there yet).
func (t *table) put(key string, v int32) {
	if 4*(t.count+1) > len(t.keys) {
		keys, vals := t.keys, t.vals
		*t = *newTable(2 * (t.count + 1))
		for i, k := range keys {
			if vals[i] != 0 {
				t.put(k, vals[i]-1)
			}
		}
	}
	for i := hashKey([]byte(key)) & t.mask; ; i = (i + 1) & t.mask {
		if t.vals[i] == 0 {
			t.keys[i], t.vals[i] = key, v+1
			t.count++
			return
		}
	}
}
