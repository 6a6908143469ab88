package eventlog

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/bits"
)

// The scanner reads RFC 4180 CSV as encoding/csv does with FieldsPerRecord
// = -1 and LazyQuotes off: "\r\n" becomes "\n" (inside quoted fields too),
// blank lines are skipped, "" inside a quoted field is a quote, and a quote
// in an unquoted field or after a closing quote is an error. It is the
// scanner of journey/score, kept in step by FuzzReadCSV.

// Errors of malformed CSV; they match encoding/csv's.
var (
	errBareQuote = errors.New(`bare " in non-quoted field`)
	errQuote     = errors.New(`extraneous or missing " in quoted field`)
)

// scanner splits a buffer of whole records into fields. It reuses its
// slices: the fields of a record are valid until the next call.
type scanner struct {
	delim   byte
	fields  [][]byte
	scratch []byte // unescaped quoted fields
	bounds  []int  // field ends in scratch
}

// next parses the record starting at buf[pos:] and returns its fields, the
// position after it, the line breaks of the blank lines skipped before it
// and the line breaks of the record itself (its end included). ok is false
// at the end of buf.
func (s *scanner) next(buf []byte, pos int) (fields [][]byte, end, skipped, lines int, ok bool, err error) {
	for pos < len(buf) {
		switch {
		case buf[pos] == '\n':
			pos++
			skipped++
			continue
		case buf[pos] == '\r' && (pos+1 == len(buf) || buf[pos+1] == '\n'):
			pos++
			continue
		}
		break
	}
	if pos >= len(buf) {
		return nil, pos, skipped, 0, false, nil
	}
	rest := buf[pos:]
	e := bytes.IndexByte(rest, '\n')
	line := rest
	next := len(buf)
	if e >= 0 {
		line = rest[:e]
		next = pos + e + 1
		lines = 1
	}
	if bytes.IndexByte(line, '"') >= 0 {
		f, end, nl, err := s.slow(buf, pos)
		return f, end, skipped, nl, true, err
	}
	line = trimCR(line)
	s.fields = s.fields[:0]
	for {
		i := bytes.IndexByte(line, s.delim)
		if i < 0 {
			s.fields = append(s.fields, line)
			break
		}
		s.fields = append(s.fields, line[:i])
		line = line[i+1:]
	}
	return s.fields, next, skipped, lines, true, nil
}

// slow parses a record holding quotes, possibly over several lines.
func (s *scanner) slow(buf []byte, pos int) (fields [][]byte, end, lines int, err error) {
	s.scratch = s.scratch[:0]
	s.bounds = s.bounds[:0]
	n := len(buf)
	for {
		if pos < n && buf[pos] == '"' {
			pos++
			for {
				i := bytes.IndexByte(buf[pos:], '"')
				if i < 0 {
					return nil, n, lines, errQuote
				}
				lines += s.appendNormalised(buf[pos : pos+i])
				pos += i + 1
				switch {
				case pos < n && buf[pos] == '"':
					s.scratch = append(s.scratch, '"')
					pos++
					continue
				case pos < n && buf[pos] == s.delim:
					s.bounds = append(s.bounds, len(s.scratch))
					pos++
				case pos == n, pos+1 == n && buf[pos] == '\r':
					s.bounds = append(s.bounds, len(s.scratch))
					return s.split(), n, lines, nil
				case buf[pos] == '\n':
					s.bounds = append(s.bounds, len(s.scratch))
					return s.split(), pos + 1, lines + 1, nil
				case buf[pos] == '\r' && buf[pos+1] == '\n':
					s.bounds = append(s.bounds, len(s.scratch))
					return s.split(), pos + 2, lines + 1, nil
				default:
					return nil, pos, lines, errQuote
				}
				break
			}
			continue
		}
		j := pos
		for j < n && buf[j] != s.delim && buf[j] != '\n' {
			j++
		}
		f := buf[pos:j]
		last := j == n || buf[j] == '\n'
		if last {
			f = trimCR(f)
		}
		if bytes.IndexByte(f, '"') >= 0 {
			return nil, j, lines, errBareQuote
		}
		s.scratch = append(s.scratch, f...)
		s.bounds = append(s.bounds, len(s.scratch))
		if last {
			if j < n {
				return s.split(), j + 1, lines + 1, nil
			}
			return s.split(), n, lines, nil
		}
		pos = j + 1
	}
}

// appendNormalised appends b to scratch with "\r\n" turned into "\n", and
// returns the number of line breaks in b.
func (s *scanner) appendNormalised(b []byte) int {
	nl := 0
	for {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			s.scratch = append(s.scratch, b...)
			return nl
		}
		nl++
		if i > 0 && b[i-1] == '\r' {
			s.scratch = append(s.scratch, b[:i-1]...)
		} else {
			s.scratch = append(s.scratch, b[:i]...)
		}
		s.scratch = append(s.scratch, '\n')
		b = b[i+1:]
	}
}

func (s *scanner) split() [][]byte {
	s.fields = s.fields[:0]
	prev := 0
	for _, b := range s.bounds {
		s.fields = append(s.fields, s.scratch[prev:b:b])
		prev = b
	}
	return s.fields
}

// lastBoundary returns the index just after the last line break of b that is
// outside quotes, reading b from a record boundary; 0 when there is none.
func lastBoundary(b []byte) int {
	q := bytes.IndexByte(b, '"')
	if q < 0 {
		return bytes.LastIndexByte(b, '\n') + 1
	}
	last := bytes.LastIndexByte(b[:q], '\n') + 1
	pos := q + 1
	for {
		nq := bytes.IndexByte(b[pos:], '"')
		if nq < 0 {
			return last
		}
		pos += nq + 1
		end := len(b)
		nq = bytes.IndexByte(b[pos:], '"')
		if nq >= 0 {
			end = pos + nq
		}
		if i := bytes.LastIndexByte(b[pos:end], '\n'); i >= 0 {
			last = pos + i + 1
		}
		if nq < 0 {
			return last
		}
		pos = end + 1
	}
}

// firstBoundary returns the index just after the first line break of b that
// is outside quotes, reading b from a record boundary; 0 when there is none.
func firstBoundary(b []byte) int {
	in := false
	for i, c := range b {
		switch {
		case c == '"':
			in = !in
		case c == '\n' && !in:
			return i + 1
		}
	}
	return 0
}

// detectDelimiter picks the delimiter of a header line: the most frequent of
// ',', ';', tab and '|' outside quotes (',' when there is none; ties go in
// that order).
func detectDelimiter(header []byte) byte {
	cands := []byte{',', ';', '\t', '|'}
	var counts [4]int
	in := false
	for _, c := range header {
		if c == '"' {
			in = !in
			continue
		}
		if in {
			continue
		}
		for k, d := range cands {
			if c == d {
				counts[k]++
			}
		}
	}
	best := 0
	for k := range cands {
		if counts[k] > counts[best] {
			best = k
		}
	}
	return cands[best]
}

// SWAR (SIMD within a register) helpers: find delimiter and line-break
// bytes 8 at a time.
const (
	ones = 0x0101010101010101
	low7 = 0x7f7f7f7f7f7f7f7f
)

// zeroBytes sets the high bit of every byte of x that is zero, exactly.
func zeroBytes(x uint64) uint64 {
	y := (x & low7) + low7
	return ^(y | x | low7)
}

// splitFast splits the record starting at data[pos] (not a blank line, no
// quote in it) into fields, and returns them and the index of the record's
// "\n" (len(data) when it ends the input). A "\r" ending the line is not
// part of the last field.
func splitFast(data []byte, pos int, delim byte, fields [][]byte) ([][]byte, int) {
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
				return append(fields, trimCR(data[start:k])), k
			}
			fields = append(fields, data[start:k])
			start = k + 1
		}
		p += 8
	}
	for ; p < n; p++ {
		switch data[p] {
		case '\n':
			return append(fields, trimCR(data[start:p])), p
		case delim:
			fields = append(fields, data[start:p])
			start = p + 1
		}
	}
	return append(fields, trimCR(data[start:n])), n
}

func trimCR(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] == '\r' {
		return b[:len(b)-1]
	}
	return b
}

// indexFrom returns the index of the first c in data[from:], or len(data).
func indexFrom(data []byte, from int, c byte) int {
	if i := bytes.IndexByte(data[from:], c); i >= 0 {
		return from + i
	}
	return len(data)
}
