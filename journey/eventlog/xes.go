package eventlog

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// The XES reader is a small streaming scanner for the XML that XES uses:
// elements, attributes, comments, processing instructions, CDATA and
// character and entity references. It rejects XML that is not well-formed
// (unclosed or mismatched tags, bad names, unquoted or duplicate
// attributes, unknown entities, text outside the root), with line and
// column, but does not read DTDs.

// errMore means the buffer ends inside a token.
var errMore = errors.New("more input needed")

// xesReader reads one XES log.
type xesReader struct {
	in  *input
	src io.Reader // in, or a prefetcher reading it
	opt *Options
	tp  *timeParser
	st  *Stats

	buf       []byte
	pos, end  int
	base      int64 // input offset of buf[0]
	eof       bool
	line      int   // line of buf[pos]
	lineStart int64 // input offset where that line starts

	stack []string // open elements
	root  bool     // the root element was seen (and maybe closed)
	done  bool     // the root element is closed

	c      *conv
	keys   map[string]keyRef // event attribute key -> field
	lkeys  map[string]keyRef // the same, lower-case
	attrIx map[string]int    // Columns.Attrs -> index
	caseK  []string          // trace keys for the case id
	seen   map[string]bool   // keys seen, for did-you-mean
	known  []string          // the keys of keys and lkeys, by keyRef.id
	knownS []bool            // whether each was seen
	fieldS [nFields]bool     // whether a key of each field was seen

	// The trace being read.
	inTrace   bool
	traceVals [nFields][]byte
	traceAttr [][]byte
	traceBuf  []byte
	tracePrio [nFields]int
	// The event being read.
	inEvent  bool
	eventRow int64
	vals     [nFields][]byte
	prio     [nFields]int
	attrs    [][]byte
	evBuf    []byte
	merged   [nFields][]byte
	mattrs   [][]byte
	tagAttrs []xmlAttr
	valBuf   []byte
}

// keyRef is the field an attribute key maps to, and its priority (lower wins).
type keyRef struct{ f, prio, id int }

type xmlAttr struct {
	name, value []byte
}

// xesDefaults are the event attribute keys of each field in XES, in order.
var xesDefaults = [nFields][]string{
	fCase:      {"case:concept:name"},
	fActivity:  {"concept:name"},
	fTime:      {"time:timestamp"},
	fChannel:   {"channel", "canal"},
	fResource:  {"org:resource", "resource", "org:group", "org:role"},
	fDevice:    {"device", "dispositivo"},
	fLifecycle: {"lifecycle:transition"},
}

func (x *xesReader) setup() {
	x.keys, x.lkeys, x.attrIx, x.seen = map[string]keyRef{}, map[string]keyRef{}, map[string]int{}, map[string]bool{}
	var names [nFields]string
	for f := range nFields {
		list := xesDefaults[f]
		if e := x.opt.Columns.explicit(f); e != "" {
			list = []string{e}
		}
		names[f] = list[0]
		for p, k := range list {
			if _, dup := x.keys[k]; !dup {
				x.keys[k] = keyRef{f, p, len(x.known)}
				x.known = append(x.known, k)
			}
			if _, dup := x.lkeys[strings.ToLower(k)]; !dup {
				x.lkeys[strings.ToLower(k)] = keyRef{f, p + 100, -1}
			}
		}
	}
	x.knownS = make([]bool, len(x.known))
	x.caseK = []string{"concept:name"}
	if e := x.opt.Columns.Case; e != "" {
		x.caseK = []string{e}
	}
	for i, a := range x.opt.Columns.Attrs {
		x.attrIx[a] = i
	}
	x.c = newConv(x.opt, x.tp, names, x.opt.Columns.Attrs)
	x.c.events = make([]Event, 0, batchSize)
	x.attrs = make([][]byte, len(x.opt.Columns.Attrs))
	x.traceAttr = make([][]byte, len(x.opt.Columns.Attrs))
	x.mattrs = make([][]byte, len(x.opt.Columns.Attrs))
	x.line, x.buf = 1, make([]byte, 256<<10)
}

func (x *xesReader) read(ctx context.Context, fn func([]Event) error) error {
	x.setup()
	x.src = x.in
	if x.in.gz {
		pf := newPrefetcher(ctx, x.in)
		defer pf.Close()
		x.src = pf
	}
	err := x.scan(ctx, fn)
	x.st.Rows, x.st.Skipped, x.st.BadCount = x.c.rows, x.c.skipped, x.c.badCount
	x.st.Bad = x.c.bad
	if err != nil {
		return err
	}
	if err := x.flush(ctx, fn); err != nil {
		return err
	}
	for k := range x.seen {
		x.st.Columns = append(x.st.Columns, k)
	}
	sortStrings(x.st.Columns)
	// A key named in Columns that no event or trace has.
	for f := range nFields {
		if e := x.opt.Columns.explicit(f); e != "" && !x.fieldS[f] && !x.seen[e] && !x.seenFold(e) {
			msg := fmt.Sprintf("no event or trace has the attribute %q mapped for %s", e, fieldNames[f])
			if s := suggest(e, x.st.Columns); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			msg += "; the log's keys: " + quoteList(x.st.Columns)
			if required(f) {
				return &Error{File: x.in.name, Message: msg, Usage: true}
			}
			x.st.Warnings = append(x.st.Warnings, x.in.name+": "+msg)
		}
	}
	if x.c.rows == 0 {
		return &Error{File: x.in.name, Message: "empty log: no events"}
	}
	return nil
}

func (x *xesReader) seenFold(k string) bool {
	for s := range x.seen {
		if strings.EqualFold(s, k) {
			return true
		}
	}
	return false
}

// flush delivers the events made so far.
func (x *xesReader) flush(ctx context.Context, fn func([]Event) error) error {
	if x.opt.Strict && x.c.badCount > 0 {
		return strictError(x.in.name, x.c.bad[0])
	}
	if len(x.c.events) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	x.st.Events += int64(len(x.c.events))
	err := fn(x.c.events)
	x.c.events = x.c.events[:0]
	return err
}

// errAt is a not-well-formed error at input offset off.
func (x *xesReader) errAt(off int64, format string, args ...any) error {
	line, col := x.position(off)
	return &Error{File: x.in.name, Line: line, Column: col, Message: "XML is not well-formed: " + fmt.Sprintf(format, args...)}
}

// position returns the 1-based line and column (in characters when the
// line's start is still buffered, else in bytes) of input offset off >= pos.
func (x *xesReader) position(off int64) (int, int) {
	line, ls := x.line, x.lineStart
	from := x.pos
	to := int(off - x.base)
	if to > x.end {
		to = x.end
	}
	if to > from {
		seg := x.buf[from:to]
		if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
			line += n
			ls = x.base + int64(from+bytes.LastIndexByte(seg, '\n')+1)
		}
	}
	if ls >= x.base && int(ls-x.base) <= to {
		return line, utf8.RuneCount(x.buf[ls-x.base:to]) + 1
	}
	return line, int(off-ls) + 1
}

// advance moves pos to p, keeping the line count.
func (x *xesReader) advance(p int) {
	seg := x.buf[x.pos:p]
	if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
		x.line += n
		x.lineStart = x.base + int64(x.pos+bytes.LastIndexByte(seg, '\n')+1)
	}
	x.pos = p
}

// more reads more input, keeping buf[pos:]; false at the end of the input.
func (x *xesReader) more() (bool, error) {
	if x.eof {
		return false, nil
	}
	if x.pos > 0 {
		// Keep the current line's start when it is near, for columns.
		keep := x.pos
		if ls := int(x.lineStart - x.base); ls >= 0 && x.pos-ls < 4096 {
			keep = ls
		}
		n := copy(x.buf, x.buf[keep:x.end])
		x.base += int64(keep)
		x.pos -= keep
		x.end = n
	}
	if x.end == len(x.buf) {
		if len(x.buf) >= maxRecord {
			return false, &Error{File: x.in.name, Line: x.line, Message: fmt.Sprintf("an XML token is longer than %d MiB", maxRecord>>20)}
		}
		nb := make([]byte, 2*len(x.buf))
		copy(nb, x.buf[:x.end])
		x.buf = nb
	}
	n, eof, err := fill(x.src, x.buf, x.end)
	x.end += n
	x.eof = eof
	if err != nil {
		if e, ok := err.(*Error); ok {
			e2 := *e
			e2.Message += fmt.Sprintf("; %d events read before", x.c.rows)
			return false, &e2
		}
		return false, err
	}
	return n > 0 || !eof, nil
}

// scan reads the whole document.
func (x *xesReader) scan(ctx context.Context, fn func([]Event) error) error {
	for {
		next, err := x.token()
		if err == errMore {
			ok, err := x.more()
			if err != nil {
				return err
			}
			if !ok {
				return x.atEOF()
			}
			continue
		}
		if err != nil {
			return err
		}
		x.advance(next)
		if len(x.c.events) >= batchSize || (x.opt.Strict && x.c.badCount > 0) {
			if err := x.flush(ctx, fn); err != nil {
				return err
			}
		}
	}
}

// atEOF checks the document is complete at the end of the input.
func (x *xesReader) atEOF() error {
	end := x.base + int64(x.end)
	if rest := bytes.TrimLeft(x.buf[x.pos:x.end], " \t\r\n"); len(rest) > 0 {
		return x.errAt(end-int64(len(rest)), "unexpected end of input inside markup")
	}
	if len(x.stack) > 0 {
		return x.errAt(end, "unexpected end of input: <%s> is not closed", x.stack[len(x.stack)-1])
	}
	if !x.root {
		return &Error{File: x.in.name, Message: "empty log: no XML element"}
	}
	return nil
}

// token reads the token at pos and returns the position after it.
func (x *xesReader) token() (int, error) {
	b := x.buf[:x.end]
	p := x.pos
	if p >= len(b) {
		return 0, errMore
	}
	if b[p] != '<' {
		return x.text(b, p)
	}
	if p+1 >= len(b) {
		return 0, errMore
	}
	switch b[p+1] {
	case '/':
		return x.endTag(b, p)
	case '?':
		e := bytes.Index(b[p+2:], []byte("?>"))
		if e < 0 {
			return 0, x.short(p, "a processing instruction is not closed (want ?>)")
		}
		return p + 2 + e + 2, nil
	case '!':
		switch {
		case hasPrefixMore(b[p:], "<!--", x.eof):
			e := bytes.Index(b[p+4:], []byte("-->"))
			if e < 0 {
				return 0, x.short(p, "a comment is not closed (want -->)")
			}
			return p + 4 + e + 3, nil
		case hasPrefixMore(b[p:], "<![CDATA[", x.eof):
			if len(x.stack) == 0 {
				return 0, x.errAt(x.base+int64(p), "CDATA outside the root element")
			}
			e := bytes.Index(b[p+9:], []byte("]]>"))
			if e < 0 {
				return 0, x.short(p, "a CDATA section is not closed (want ]]>)")
			}
			return p + 9 + e + 3, nil
		case hasPrefixMore(b[p:], "<!DOCTYPE", x.eof):
			if x.root {
				return 0, x.errAt(x.base+int64(p), "DOCTYPE after the root element")
			}
			depth := 0
			for i := p + 9; i < len(b); i++ {
				switch b[i] {
				case '[':
					depth++
				case ']':
					depth--
				case '>':
					if depth <= 0 {
						return i + 1, nil
					}
				}
			}
			return 0, x.short(p, "a DOCTYPE is not closed")
		case len(b)-p < 9 && !x.eof:
			return 0, errMore
		}
		return 0, x.errAt(x.base+int64(p), "unknown markup after <!")
	}
	return x.startTag(b, p)
}

// short is errMore, or at the end of the input an error at p.
func (x *xesReader) short(p int, msg string) error {
	if !x.eof {
		return errMore
	}
	return x.errAt(x.base+int64(p), "%s", msg)
}

// hasPrefixMore reports whether b starts with s; when b is shorter than s
// and more input can come, a matching start counts.
func hasPrefixMore(b []byte, s string, eof bool) bool {
	if len(b) >= len(s) {
		return string(b[:len(s)]) == s
	}
	return !eof && string(b) == s[:len(b)]
}

// text checks character data up to the next '<'.
func (x *xesReader) text(b []byte, p int) (int, error) {
	e := bytes.IndexByte(b[p:], '<')
	if e < 0 {
		if !x.eof {
			// Keep it whole: entity references must not be cut.
			return 0, errMore
		}
		e = len(b) - p
	}
	t := b[p : p+e]
	if notSpace(t) < 0 {
		return p + e, nil
	}
	if len(x.stack) == 0 {
		if i := notSpace(t); i >= 0 {
			return 0, x.errAt(x.base+int64(p+i), "text outside the root element")
		}
		return p + e, nil
	}
	for i := 0; i < len(t); {
		a := bytes.IndexByte(t[i:], '&')
		if a < 0 {
			break
		}
		_, n, err := entity(t[i+a:])
		if err != "" {
			return 0, x.errAt(x.base+int64(p+i+a), "%s", err)
		}
		i += a + n
	}
	if bytes.Contains(t, []byte("]]>")) {
		return 0, x.errAt(x.base+int64(p+bytes.Index(t, []byte("]]>"))), "]]> in text")
	}
	return p + e, nil
}

func notSpace(t []byte) int {
	for i, c := range t {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return i
		}
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// nameEnd returns the end of the XML name at b[p:], or an error message.
func nameEnd(b []byte, p int) (int, string) {
	i := p
	for i < len(b) {
		c := b[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == ':', c >= 0x80:
		case (c >= '0' && c <= '9') || c == '-' || c == '.':
			if i == p {
				return i, "a name cannot start with " + fmt.Sprintf("%q", c)
			}
		default:
			if i == p {
				return i, "a name is expected"
			}
			return i, ""
		}
		i++
	}
	return i, ""
}

// known element names, so that the stack does not allocate.
var knownNames = []string{"log", "trace", "event", "string", "date", "int", "float", "boolean", "id", "list", "container", "values", "global", "extension", "classifier"}

func elemName(b []byte) string {
	switch string(b) {
	case "event":
		return "event"
	case "string":
		return "string"
	case "date":
		return "date"
	case "trace":
		return "trace"
	}
	for _, k := range knownNames {
		if string(b) == k {
			return k
		}
	}
	return string(b)
}

// endTag reads </name>.
func (x *xesReader) endTag(b []byte, p int) (int, error) {
	ne, msg := nameEnd(b, p+2)
	if ne == len(b) && !x.eof {
		return 0, errMore
	}
	if msg != "" {
		return 0, x.errAt(x.base+int64(ne), "%s", msg)
	}
	i := ne
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i == len(b) {
		return 0, x.short(p, "an end tag is not closed")
	}
	if b[i] != '>' {
		return 0, x.errAt(x.base+int64(i), "want > to end </%s", b[p+2:ne])
	}
	name := b[p+2 : ne]
	if len(x.stack) == 0 {
		return 0, x.errAt(x.base+int64(p), "</%s> closes nothing", name)
	}
	top := x.stack[len(x.stack)-1]
	if top != string(name) {
		return 0, x.errAt(x.base+int64(p), "</%s> closes <%s>", name, top)
	}
	x.close()
	return i + 1, nil
}

// startTag reads <name attr="value" ...> or <.../>. It is long because it
// is one scan of the tag's bytes (name, then each attribute and its quoted
// value) on the XES hot path, whose every step can run out of buffer.
func (x *xesReader) startTag(b []byte, p int) (int, error) {
	ne, msg := nameEnd(b, p+1)
	if ne == len(b) && !x.eof {
		return 0, errMore
	}
	if msg != "" {
		return 0, x.errAt(x.base+int64(ne), "%s", msg)
	}
	if x.done {
		return 0, x.errAt(x.base+int64(p), "a second root element <%s>", b[p+1:ne])
	}
	x.tagAttrs = x.tagAttrs[:0]
	x.valBuf = x.valBuf[:0]
	i := ne
	for {
		sp := i
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return 0, x.short(p, "a start tag is not closed")
		}
		switch b[i] {
		case '>', '/':
			self := b[i] == '/'
			if self {
				if i+1 == len(b) {
					return 0, x.short(p, "a start tag is not closed")
				}
				if b[i+1] != '>' {
					return 0, x.errAt(x.base+int64(i+1), "want > after /")
				}
				i++
			}
			if err := x.open(b[p+1:ne], x.base+int64(p), self); err != nil {
				return 0, err
			}
			return i + 1, nil
		}
		if sp == i {
			return 0, x.errAt(x.base+int64(i), "want a space before an attribute")
		}
		an, msg := nameEnd(b, i)
		if an == len(b) {
			return 0, x.short(p, "a start tag is not closed")
		}
		if msg != "" {
			return 0, x.errAt(x.base+int64(an), "%s", msg)
		}
		name := b[i:an]
		i = an
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return 0, x.short(p, "a start tag is not closed")
		}
		if b[i] != '=' {
			return 0, x.errAt(x.base+int64(i), "want = after the attribute %s", name)
		}
		i++
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return 0, x.short(p, "a start tag is not closed")
		}
		q := b[i]
		if q != '"' && q != '\'' {
			return 0, x.errAt(x.base+int64(i), "the value of %s is not quoted", name)
		}
		e := bytes.IndexByte(b[i+1:], q)
		if e < 0 {
			return 0, x.short(i, "an attribute value is not closed")
		}
		raw := b[i+1 : i+1+e]
		start := len(x.valBuf)
		if err := x.decode(raw, x.base+int64(i+1)); err != nil {
			return 0, err
		}
		for _, a := range x.tagAttrs {
			if bytes.Equal(a.name, name) {
				return 0, x.errAt(x.base+int64(an-len(name)), "duplicate attribute %s", name)
			}
		}
		x.tagAttrs = append(x.tagAttrs, xmlAttr{name: name, value: x.valBuf[start:len(x.valBuf):len(x.valBuf)]})
		i += e + 2
	}
}

// decode appends an attribute value to valBuf with references replaced and
// white space normalised.
func (x *xesReader) decode(raw []byte, off int64) error {
	plain := true
	for i, c := range raw {
		if c == '<' {
			return x.errAt(off+int64(i), "< in an attribute value")
		}
		if c == '&' || c < ' ' {
			plain = false
		}
	}
	if plain {
		x.valBuf = append(x.valBuf, raw...)
		return nil
	}
	for i := 0; i < len(raw); {
		c := raw[i]
		switch c {
		case '&':
			r, n, err := entity(raw[i:])
			if err != "" {
				return x.errAt(off+int64(i), "%s", err)
			}
			x.valBuf = append(x.valBuf, r...)
			i += n
			continue
		case '\t', '\n':
			c = ' '
		case '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			c = ' '
		}
		x.valBuf = append(x.valBuf, c)
		i++
	}
	return nil
}

// entity decodes the reference at b[0] == '&' and returns its text and length.
func entity(b []byte) ([]byte, int, string) {
	e := bytes.IndexByte(b, ';')
	if e < 0 || e > 12 {
		return nil, 0, "& not followed by a reference (write &amp;)"
	}
	ref := b[1:e]
	switch string(ref) {
	case "amp":
		return []byte("&"), e + 1, ""
	case "lt":
		return []byte("<"), e + 1, ""
	case "gt":
		return []byte(">"), e + 1, ""
	case "quot":
		return []byte(`"`), e + 1, ""
	case "apos":
		return []byte("'"), e + 1, ""
	}
	if len(ref) >= 2 && ref[0] == '#' {
		v, base, digits := 0, 10, ref[1:]
		if digits[0] == 'x' {
			base, digits = 16, digits[1:]
		}
		if len(digits) == 0 {
			return nil, 0, fmt.Sprintf("bad character reference &%s;", ref)
		}
		for _, c := range digits {
			d := 0
			switch {
			case c >= '0' && c <= '9':
				d = int(c - '0')
			case base == 16 && c >= 'a' && c <= 'f':
				d = int(c-'a') + 10
			case base == 16 && c >= 'A' && c <= 'F':
				d = int(c-'A') + 10
			default:
				return nil, 0, fmt.Sprintf("bad character reference &%s;", ref)
			}
			v = v*base + d
			if v > utf8.MaxRune {
				return nil, 0, fmt.Sprintf("bad character reference &%s;", ref)
			}
		}
		r := rune(v)
		if !utf8.ValidRune(r) || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') {
			return nil, 0, fmt.Sprintf("character reference &%s; is not an XML character", ref)
		}
		return utf8.AppendRune(nil, r), e + 1, ""
	}
	return nil, 0, fmt.Sprintf("unknown entity &%s; (XML knows &amp; &lt; &gt; &quot; &apos;)", ref)
}

// attrKeyValue returns the key and value attributes of an XES attribute element.
func (x *xesReader) attrKeyValue() (key, value []byte, ok bool) {
	for _, a := range x.tagAttrs {
		switch string(a.name) {
		case "key":
			key = a.value
			ok = true
		case "value":
			value = a.value
		}
	}
	return key, value, ok
}

// isAttrElem reports whether name is a typed XES attribute.
func isAttrElem(name string) bool {
	switch name {
	case "string", "date", "int", "float", "boolean", "id":
		return true
	}
	return false
}

// open handles a start tag (self: it is also the end).
func (x *xesReader) open(nameB []byte, off int64, self bool) error {
	name := elemName(nameB)
	depth := len(x.stack)
	if depth == 0 {
		if name != "log" {
			line, col := x.position(off)
			return &Error{File: x.in.name, Line: line, Column: col, Message: fmt.Sprintf("not an XES log: the root element is <%s>, want <log>", name)}
		}
		x.root = true
	}
	parent := ""
	if depth > 0 {
		parent = x.stack[depth-1]
	}
	switch {
	case name == "trace" && depth == 1:
		x.inTrace = true
		x.traceBuf = x.traceBuf[:0]
		for f := range nFields {
			x.traceVals[f], x.tracePrio[f] = nil, 1<<30
		}
		clear(x.traceAttr)
	case name == "event" && (parent == "trace" || depth == 1) && !x.inEvent:
		x.inEvent = true
		x.eventRow = int64(x.lineOf(off))
		x.evBuf = x.evBuf[:0]
		for f := range nFields {
			x.vals[f], x.prio[f] = nil, 1<<30
		}
		clear(x.attrs)
	case isAttrElem(name) && parent == "event" && x.inEvent && depth == len(x.stack) && x.stack[depth-1] == "event":
		if key, value, ok := x.attrKeyValue(); ok {
			x.eventAttr(key, value)
		}
	case isAttrElem(name) && parent == "trace" && x.inTrace && !x.inEvent:
		if key, value, ok := x.attrKeyValue(); ok {
			x.traceAttrKV(key, value)
		}
	}
	x.stack = append(x.stack, name)
	if self {
		x.close()
	}
	return nil
}

// lineOf returns the line of input offset off (at or after pos).
func (x *xesReader) lineOf(off int64) int {
	to := int(off - x.base)
	return x.line + bytes.Count(x.buf[x.pos:to], []byte{'\n'})
}

// noteKey notes a key seen: r is what it maps to (ok false: nothing).
func (x *xesReader) noteKey(key []byte, r keyRef, ok bool) {
	if ok {
		x.fieldS[r.f] = true
		if r.id >= 0 {
			if !x.knownS[r.id] {
				x.knownS[r.id] = true
				x.seen[x.known[r.id]] = true
			}
			return
		}
	}
	if len(x.seen) < 1000 && !x.seen[string(key)] {
		x.seen[string(key)] = true
	}
}

func (x *xesReader) lookup(key []byte) (keyRef, bool) {
	if r, ok := x.keys[string(key)]; ok {
		return r, true
	}
	for _, c := range key {
		if c >= 'A' && c <= 'Z' {
			r, ok := x.lkeys[string(bytes.ToLower(key))]
			return r, ok
		}
	}
	r, ok := x.lkeys[string(key)]
	return r, ok
}

func (x *xesReader) eventAttr(key, value []byte) {
	r, ok := x.lookup(key)
	x.noteKey(key, r, ok)
	if ok && r.prio < x.prio[r.f] {
		s := len(x.evBuf)
		x.evBuf = append(x.evBuf, value...)
		x.vals[r.f], x.prio[r.f] = x.evBuf[s:len(x.evBuf):len(x.evBuf)], r.prio
	}
	if len(x.attrIx) == 0 {
		return
	}
	if i, ok := x.attrIx[string(key)]; ok {
		s := len(x.evBuf)
		x.evBuf = append(x.evBuf, value...)
		x.attrs[i] = x.evBuf[s:len(x.evBuf):len(x.evBuf)]
	}
}

func (x *xesReader) traceAttrKV(key, value []byte) {
	x.noteKey(key, keyRef{}, false)
	store := func() []byte {
		s := len(x.traceBuf)
		x.traceBuf = append(x.traceBuf, value...)
		return x.traceBuf[s:len(x.traceBuf):len(x.traceBuf)]
	}
	for p, k := range x.caseK {
		if string(key) == k || strings.EqualFold(string(key), k) {
			if p < x.tracePrio[fCase] {
				x.traceVals[fCase], x.tracePrio[fCase] = store(), p
			}
			return
		}
	}
	if r, ok := x.lookup(key); ok && r.f != fActivity && r.f != fTime && r.prio < x.tracePrio[r.f] {
		x.traceVals[r.f], x.tracePrio[r.f] = store(), r.prio
	}
	if i, ok := x.attrIx[string(key)]; ok {
		x.traceAttr[i] = store()
	}
}

// close handles the end of the innermost element.
func (x *xesReader) close() {
	name := x.stack[len(x.stack)-1]
	x.stack = x.stack[:len(x.stack)-1]
	depth := len(x.stack)
	switch {
	case depth == 0:
		x.done = true
	case name == "trace" && depth == 1:
		x.inTrace = false
	case name == "event" && x.inEvent && (depth == 1 || x.stack[depth-1] == "trace"):
		x.inEvent = false
		x.emit()
	}
}

// emit makes an event of the one just read, with its trace's values as defaults.
func (x *xesReader) emit() {
	for f := range nFields {
		x.merged[f] = x.vals[f]
		if x.merged[f] == nil && x.inTrace {
			x.merged[f] = x.traceVals[f]
		}
	}
	if x.inTrace && x.traceVals[fCase] != nil && x.opt.Columns.Case == "" {
		// The trace's concept:name names the case, whatever the event says.
		x.merged[fCase] = x.traceVals[fCase]
	}
	var attrs [][]byte
	if len(x.attrs) > 0 {
		for i := range x.attrs {
			x.mattrs[i] = x.attrs[i]
			if x.mattrs[i] == nil {
				x.mattrs[i] = x.traceAttr[i]
			}
		}
		attrs = x.mattrs
	}
	if !x.inTrace && x.merged[fCase] == nil {
		x.c.rows++
		x.c.badRow(x.eventRow, "", nil, "an event outside a trace")
		return
	}
	x.c.add(&x.merged, attrs, x.eventRow)
}
