package score

import (
	"bytes"
	"errors"
	"fmt"
)

// The scanner reads RFC 4180 CSV exactly as encoding/csv does with
// FieldsPerRecord = -1 and LazyQuotes off: "\r\n" becomes "\n" (inside
// quoted fields too), a "\r" before the end of the input is dropped, blank
// lines are skipped, "" inside a quoted field is a quote, and a quote in an
// unquoted field or after a closing quote is an error. FuzzResponses checks
// that both agree.

// Errors of malformed CSV; they match encoding/csv's.
var (
	ErrBareQuote = errors.New(`bare " in non-quoted field`)
	ErrQuote     = errors.New(`extraneous or missing " in quoted field`)
)

// scanner splits a buffer of whole records into fields. It reuses its
// slices: the fields of a record are valid until the next call.
type scanner struct {
	delim   byte
	fields  [][]byte
	scratch []byte // unescaped quoted fields
	bounds  []int  // field ends in scratch (slow path)
}

// next parses the record starting at buf[pos:] and returns its fields, the
// position after it, the line breaks of the blank lines skipped before it
// and the line breaks of the record itself (its end included). buf must end
// at a record boundary (the end of the input counts as one). ok is false at
// the end of buf. limit > 0 stops splitting after that many fields (the rest
// of the record is still checked).
func (s *scanner) next(buf []byte, pos, limit int) (fields [][]byte, end, skipped, lines int, ok bool, err error) {
	// Skip blank lines: "\n", "\r\n", and a lone "\r" at the very end.
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
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	s.fields = s.fields[:0]
	for {
		if limit > 0 && len(s.fields) == limit {
			break
		}
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
					return nil, n, lines, ErrQuote
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
					return nil, pos, lines, ErrQuote
				}
				break
			}
			continue
		}
		// An unquoted field: up to the delimiter or the end of the line.
		j := pos
		for j < n && buf[j] != s.delim && buf[j] != '\n' {
			j++
		}
		f := buf[pos:j]
		last := j == n || buf[j] == '\n'
		if last && len(f) > 0 && f[len(f)-1] == '\r' {
			f = f[:len(f)-1]
		}
		if bytes.IndexByte(f, '"') >= 0 {
			return nil, j, lines, ErrBareQuote
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
		// Inside quotes from pos.
		nq := bytes.IndexByte(b[pos:], '"')
		if nq < 0 {
			return last
		}
		pos += nq + 1
		// Outside quotes from pos.
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
// ',', ';' and tab outside quotes (',' on a tie or when there is none).
func detectDelimiter(header []byte) byte {
	var comma, semi, tab int
	in := false
	for _, c := range header {
		switch {
		case c == '"':
			in = !in
		case in:
		case c == ',':
			comma++
		case c == ';':
			semi++
		case c == '\t':
			tab++
		}
	}
	switch {
	case semi > comma && semi >= tab:
		return ';'
	case tab > comma && tab > semi:
		return '\t'
	}
	return ','
}

// ParseError is a malformed CSV record.
type ParseError struct {
	File string // the file as named to the user
	Line int64  // line where the record starts (the header is line 1)
	Err  error  // ErrQuote or ErrBareQuote
}

// Error formats the error as file:line: problem.
func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns ErrQuote or ErrBareQuote.
func (e *ParseError) Unwrap() error { return e.Err }
