package eventlog

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// readJSONL reads JSON Lines: the keys of the first object are the header.
// It is long because growing the first buffer to 1,000 lines, building the
// header from it and starting the parallel scan share the same buffer and
// end-of-input state.
func readJSONL(ctx context.Context, in *input, opt *Options, tp *timeParser, st *Stats, fn func([]Event) error) error {
	buf := make([]byte, chunkSize)
	n, eof, err := fill(in, buf, 0)
	if err != nil && n == 0 {
		return err
	}
	initErr := err
	if initErr != nil {
		eof = true
	}
	var first []byte
	firstLine := int64(1)
	for {
		data := buf[:n]
		pos := 0
		firstLine = 1
		for pos < len(data) {
			e := bytes.IndexByte(data[pos:], '\n')
			if e < 0 && !eof {
				break
			}
			end := len(data)
			if e >= 0 {
				end = pos + e
			}
			if l := bytes.TrimSpace(data[pos:end]); len(l) > 0 {
				first = l
				break
			}
			pos = end + 1
			firstLine++
		}
		if first != nil || eof {
			break
		}
		if len(buf) >= maxRecord {
			return &Error{File: in.name, Line: int(firstLine), Message: fmt.Sprintf("a line is longer than %d MiB", maxRecord>>20)}
		}
		nb := make([]byte, 2*len(buf))
		copy(nb, buf[:n])
		buf = nb
		m, e, err := fill(in, buf, n)
		if err != nil {
			return err
		}
		n += m
		eof = e
	}
	if first == nil {
		if initErr != nil {
			return initErr
		}
		return &Error{File: in.name, Message: "empty log: no JSON object"}
	}
	keys, err := objectKeys(first)
	if err != nil {
		return &Error{File: in.name, Line: int(firstLine), Message: "not JSON Lines: the first line is not a JSON object (" + err.Error() + "); want one object per line"}
	}
	// Keys can vary from line to line: the header is the union of the keys
	// of the first 1000 lines (or first 4 MiB).
	for !eof && bytes.Count(buf[:n], []byte{'\n'}) < 1000 && n < 4<<20 {
		if n == len(buf) {
			nb := make([]byte, 2*len(buf))
			copy(nb, buf[:n])
			buf = nb
		}
		m, e, err := fill(in, buf, n)
		n += m
		eof = e
		if err != nil {
			initErr, eof = err, true
		}
	}
	first, _ = firstObject(buf[:n])
	seen := map[string]bool{}
	for _, k := range keys {
		seen[k] = true
	}
	data := buf[:n]
	if !eof {
		data = data[:bytes.LastIndexByte(data, '\n')+1]
	}
	for i, l := 0, data; i < 1000 && len(l) > 0; i++ {
		end := indexFrom(l, 0, '\n')
		if more, err := objectKeys(bytes.TrimSpace(l[:end])); err == nil {
			for _, k := range more {
				if !seen[k] {
					seen[k] = true
					keys = append(keys, k)
				}
			}
		}
		if end == len(l) {
			break
		}
		l = l[end+1:]
	}
	st.Columns = keys
	m, warnings, err := mapColumns(in.name, keys, opt.Columns, "key")
	st.Warnings = append(st.Warnings, warnings...)
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Line = int(firstLine)
		}
		return err
	}
	p := &pipeline{
		in: in, opt: opt, st: st,
		cut:       func(b []byte) int { return bytes.LastIndexByte(b, '\n') + 1 },
		newConv:   func() *conv { return newConv(opt, tp, m.names, m.attrNames) },
		newParser: func(c *conv) chunkParser { return &jsonParser{c: c, m: m} },
		startLine: 1,
		initErr:   initErr,
	}
	if err := p.run(ctx, buf, buf[:n], eof, fn); err != nil {
		return err
	}
	if st.Rows == 0 {
		return &Error{File: in.name, Message: "empty log: no JSON object"}
	}
	return nil
}

// firstObject returns the first non-blank line of b.
func firstObject(b []byte) ([]byte, int) {
	for line := 1; len(b) > 0; line++ {
		end := indexFrom(b, 0, '\n')
		if l := bytes.TrimSpace(b[:end]); len(l) > 0 {
			return l, line
		}
		if end == len(b) {
			break
		}
		b = b[end+1:]
	}
	return nil, 0
}

// objectKeys returns the keys of a JSON object, in order.
func objectKeys(b []byte) ([]string, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.Token() // '{'
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, _ := t.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// jsonParser parses chunks of JSON Lines.
type jsonParser struct {
	c     *conv
	m     *mapping
	obj   map[string]json.RawMessage
	vals  [nFields][]byte
	attrs [][]byte
}

func (p *jsonParser) parse(data []byte, out *chunkOut) {
	var line int64
	pos := 0
	for pos < len(data) {
		end := indexFrom(data, pos, '\n')
		l := bytes.TrimSpace(data[pos:end])
		if len(l) > 0 {
			p.record(l, line)
		}
		pos = end + 1
		if end < len(data) {
			line++
		}
	}
	out.lines = line
}

func (p *jsonParser) record(l []byte, line int64) {
	clear(p.obj)
	if p.obj == nil {
		p.obj = map[string]json.RawMessage{}
	}
	if l[0] != '{' {
		p.c.rows++
		p.c.badRow(line, "", l, "not a JSON object")
		return
	}
	if err := json.Unmarshal(l, &p.obj); err != nil {
		p.c.rows++
		p.c.badRow(line, "", l, "bad JSON: "+strings.TrimPrefix(err.Error(), "json: "))
		return
	}
	m := p.m
	for f := range nFields {
		p.vals[f] = nil
		if m.idx[f] >= 0 {
			p.vals[f] = jsonValue(p.obj[m.names[f]])
		}
	}
	var attrs [][]byte
	if len(m.attrs) > 0 {
		p.attrs = p.attrs[:0]
		for _, i := range m.attrs {
			p.attrs = append(p.attrs, jsonValue(p.obj[m.header[i]]))
		}
		attrs = p.attrs
	}
	p.c.add(&p.vals, attrs, line)
}

// jsonValue returns a JSON value as text: a string unquoted, null as
// nothing, anything else as written.
func jsonValue(raw json.RawMessage) []byte {
	if len(raw) == 0 {
		return nil
	}
	switch raw[0] {
	case '"':
		if bytes.IndexByte(raw, '\\') < 0 {
			return raw[1 : len(raw)-1]
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return []byte(s)
		}
		return nil
	case 'n':
		return nil
	}
	return raw
}
