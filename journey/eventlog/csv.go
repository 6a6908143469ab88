package eventlog

import (
	"bytes"
	"context"
	"fmt"
	"strings"
)

// readCSV reads a delimited log: the header, then the records in parallel.
// It is long because the header read, the worker pool and the in-order
// delivery share one set of buffers and counters; split, they would be
// threaded through every call.
func readCSV(ctx context.Context, in *input, opt *Options, tp *timeParser, st *Stats, base string, fn func([]Event) error) error {
	buf := make([]byte, chunkSize)
	n, eof, err := fill(in, buf, 0)
	if err != nil && n == 0 {
		return err
	}
	initErr := err
	if initErr != nil {
		eof = true
	}
	data := buf[:n]
	hb := 0
	for {
		lead := skipBlankLines(data)
		if b := firstBoundary(data[lead:]); b > 0 {
			hb = lead + b
			break
		}
		if eof {
			hb = len(data)
			break
		}
		if len(buf) >= maxRecord {
			return &Error{File: in.name, Line: 1, Message: fmt.Sprintf("the header is longer than %d MiB", maxRecord>>20)}
		}
		nb := make([]byte, 2*len(buf))
		copy(nb, data)
		buf = nb
		m, e, err := fill(in, buf, len(data))
		if err != nil {
			return err
		}
		data, eof = buf[:len(data)+m], e
	}
	headerLine := data[:hb]
	var delim byte
	switch {
	case strings.HasSuffix(base, ".tsv") || strings.HasSuffix(base, ".tab"):
		delim = '\t'
	case strings.HasSuffix(base, ".psv"):
		delim = '|'
	default:
		delim = detectDelimiter(headerLine)
	}
	sc := &scanner{delim: delim}
	fields, _, hskip, hlines, ok, err := sc.next(headerLine, 0)
	if err != nil {
		return &Error{File: in.name, Line: 1 + hskip, Message: err.Error()}
	}
	if !ok {
		if initErr != nil {
			return initErr
		}
		return &Error{File: in.name, Message: "empty log: no header row"}
	}
	header := make([]string, len(fields))
	for i, f := range fields {
		header[i] = strings.TrimSpace(string(f))
	}
	st.Columns = header
	m, warnings, err := mapColumns(in.name, header, opt.Columns, "column")
	st.Warnings = append(st.Warnings, warnings...)
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Line = 1 + hskip
		}
		return err
	}
	p := &pipeline{
		in: in, opt: opt, st: st,
		cut:     lastBoundary,
		newConv: func() *conv { return newConv(opt, tp, m.names, m.attrNames) },
		newParser: func(c *conv) chunkParser {
			return &csvParser{c: c, m: m, sc: scanner{delim: delim}, strict: opt.Strict}
		},
		startLine: int64(hskip + hlines + 1),
		initErr:   initErr,
	}
	if err := p.run(ctx, buf, data[hb:], eof, fn); err != nil {
		return err
	}
	if p.ragged > 0 {
		if p.ragged == 1 {
			st.Warnings = append(st.Warnings, fmt.Sprintf("%s:%d: 1 row does not have the header's %d fields (it has %d)", in.name, p.raggedA, len(header), p.raggedW))
		} else {
			st.Warnings = append(st.Warnings, fmt.Sprintf("%s:%d: %d rows do not have the header's %d fields (the first has %d)", in.name, p.raggedA, p.ragged, len(header), p.raggedW))
		}
	}
	if st.Rows == 0 {
		return &Error{File: in.name, Message: "empty log: a header but no rows"}
	}
	return nil
}

// skipBlankLines returns the index after the blank lines ("\n", "\r\n")
// that b starts with.
func skipBlankLines(b []byte) int {
	i := 0
	for {
		switch {
		case i < len(b) && b[i] == '\n':
			i++
		case i+1 < len(b) && b[i] == '\r' && b[i+1] == '\n':
			i += 2
		default:
			return i
		}
	}
}

// csvParser parses chunks of CSV records.
type csvParser struct {
	c      *conv
	m      *mapping
	sc     scanner
	fields [][]byte
	vals   [nFields][]byte
	attrs  [][]byte
	strict bool
}

// parse converts the records of a chunk. Records without quotes go through
// splitFast; one with a quote through the full scanner.
func (p *csvParser) parse(data []byte, out *chunkOut) {
	delim := p.sc.delim
	quote := indexFrom(data, 0, '"')
	var line int64
	pos, n := 0, len(data)
	for pos < n {
		switch b := data[pos]; {
		case b == '\n':
			pos++
			line++
			continue
		case b == '\r' && (pos+1 == n || data[pos+1] == '\n'):
			pos++
			continue
		}
		if quote > pos {
			fields, e := splitFast(data, pos, delim, p.fields)
			if e < quote {
				p.fields = fields
				p.record(fields, line, out)
				if e < n {
					line++
				}
				pos = e + 1
				continue
			}
		}
		fields, end, _, nl, _, err := p.sc.next(data, pos)
		if err != nil {
			out.err, out.errLine = &Error{Message: err.Error()}, line
			out.lines = line + int64(bytes.Count(data[pos:], []byte{'\n'}))
			return
		}
		p.record(fields, line, out)
		line += int64(nl)
		pos = end
		if quote < pos {
			quote = indexFrom(data, pos, '"')
		}
	}
	out.lines = line
}

// record converts one record at chunk-relative line.
func (p *csvParser) record(fields [][]byte, line int64, out *chunkOut) {
	m := p.m
	if len(fields) != m.ncols {
		if out.ragged == 0 {
			out.raggedA, out.raggedW = line, len(fields)
		}
		out.ragged++
		if p.strict || len(fields) < m.needReq {
			p.c.rows++
			p.c.badRow(line, "", nil, fmt.Sprintf("the row has %d fields; the header has %d", len(fields), m.ncols))
			return
		}
	}
	for f, i := range m.idx {
		if i >= 0 && i < len(fields) {
			p.vals[f] = fields[i]
		} else {
			p.vals[f] = nil
		}
	}
	var attrs [][]byte
	if len(m.attrs) > 0 {
		p.attrs = p.attrs[:0]
		for _, i := range m.attrs {
			var v []byte
			if i < len(fields) {
				v = fields[i]
			}
			p.attrs = append(p.attrs, v)
		}
		attrs = p.attrs
	}
	p.c.add(&p.vals, attrs, line)
}
