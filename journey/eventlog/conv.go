package eventlog

import (
	"bytes"
	"unicode/utf8"
)

// conv turns records into events and keeps the counts of one worker (or of
// a sequential reader). Rows are relative to the worker's chunk until the
// deliverer shifts them.
type conv struct {
	opt   *Options
	tp    *timeParser
	names [nFields]string        // column names for bad-row reports
	attrs []string               // attribute names (Columns.Attrs)
	strs  [nFields + 1]*strTable // per field; the last is for attributes
	last  [nFields + 1]string    // the last value of each field: logs grouped by case repeat it

	events   []Event
	rows     int64
	skipped  int64
	badCount int64
	bad      []BadRow
}

// maxInterned bounds the interning table; it starts again when full.
const maxInterned = 1 << 20

func newConv(opt *Options, tp *timeParser, names [nFields]string, attrs []string) *conv {
	c := &conv{opt: opt, tp: tp, names: names, attrs: attrs}
	for i := range c.strs {
		c.strs[i] = newStrTable(256)
	}
	return c
}

// intern returns b, a value of field f, as a string shared with earlier
// equal values.
func (c *conv) intern(f int, b []byte) string {
	if string(b) == c.last[f] {
		return c.last[f]
	}
	s := c.strs[f].intern(b)
	c.last[f] = s
	return s
}

// badRow records a bad row.
func (c *conv) badRow(row int64, column string, value []byte, reason string) {
	c.badCount++
	if len(c.bad) < c.opt.MaxBadRows {
		c.bad = append(c.bad, BadRow{Row: row, Column: column, Value: cut(value), Reason: reason})
	}
}

// cut shortens a value for a report to 80 bytes, on a character boundary.
func cut(b []byte) string {
	if len(b) <= 80 {
		return string(b)
	}
	n := 80
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n]) + "…"
}

// add makes an event of one record; f holds the field values (nil = absent).
func (c *conv) add(f *[nFields][]byte, attrs [][]byte, row int64) {
	c.addTime(f, attrs, row, false, 0, "")
}

// addTime is add with the time already known when have is set (ts, or the
// reason it is bad).
func (c *conv) addTime(f *[nFields][]byte, attrs [][]byte, row int64, have bool, ts int64, reason string) {
	c.rows++
	lc := trimSpace(f[fLifecycle])
	if len(lc) > 0 {
		lc = lowerASCII(lc)
		if c.opt.Lifecycle == "complete" && string(lc) != "complete" {
			c.skipped++
			return
		}
	}
	cs := trimSpace(f[fCase])
	if len(cs) == 0 {
		c.badRow(row, c.names[fCase], cs, "empty case id")
		return
	}
	act := trimSpace(f[fActivity])
	if len(act) == 0 {
		c.badRow(row, c.names[fActivity], act, "empty activity")
		return
	}
	if !have {
		ts, reason = c.tp.parse(f[fTime])
	}
	if reason != "" {
		c.badRow(row, c.names[fTime], trimSpace(f[fTime]), reason)
		return
	}
	if (c.opt.Since != 0 && ts < c.opt.Since) || (c.opt.Until != 0 && ts >= c.opt.Until) {
		c.skipped++
		return
	}
	e := Event{
		Case:      c.intern(fCase, cs),
		Activity:  c.intern(fActivity, act),
		Time:      ts,
		Channel:   c.intern(fChannel, trimSpace(f[fChannel])),
		Resource:  c.intern(fResource, trimSpace(f[fResource])),
		Device:    c.intern(fDevice, trimSpace(f[fDevice])),
		Lifecycle: c.intern(fLifecycle, lc),
		Row:       row,
	}
	for i, a := range attrs {
		if v := trimSpace(a); len(v) > 0 {
			if e.Attrs == nil {
				e.Attrs = make(map[string]string, len(attrs))
			}
			e.Attrs[c.attrs[i]] = c.intern(nFields, v)
		}
	}
	c.events = append(c.events, e)
}

// lowerASCII lower-cases ASCII letters, copying only when needed.
func lowerASCII(b []byte) []byte {
	for _, ch := range b {
		if ch >= 'A' && ch <= 'Z' {
			return bytes.ToLower(b)
		}
	}
	return b
}
