package score

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/journey-cx/journey/journey"
)

// Column keys of a responses file, and their default headers.
const (
	ColTouchpoint = "touchpoint"
	ColNPS        = "nps"
	ColCES        = "ces"
	ColCSAT       = "csat"
	ColSegment    = "segment"
	ColDate       = "date"
)

// ReadOptions say how to read a responses file.
type ReadOptions struct {
	File        string            // the file's name in messages and the Tally
	Columns     map[string]string // column key -> header; keys left out use the key itself as header
	Explicit    map[string]bool   // column keys the user named: a missing header is then an error
	Touchpoints []*journey.Touchpoint
	Segment     string           // header of the column to break figures down by; "" = none
	Since       string           // keep rows dated on or after this day (YYYY-MM-DD); "" = no limit
	Until       string           // keep rows dated on or before this day (YYYY-MM-DD); "" = no limit
	MaxSegments int              // most distinct segments accepted (DefaultMaxSegments when 0)
	Workers     int              // parsing goroutines (GOMAXPROCS when 0)
	ChunkSize   int              // bytes per chunk handed to a worker (DefaultChunkSize when 0)
	Size        int64            // the input's size for Progress (0 = unknown)
	Progress    func(read int64) // called from time to time with the input bytes read so far; nil = none
}

// Defaults of ReadOptions.
const (
	DefaultMaxSegments = 1000
	DefaultChunkSize   = 2 << 20
	// MaxRecordSize is the longest record (row) accepted.
	MaxRecordSize = 64 << 20
)

// ErrColumns reports a responses file whose header lacks a needed column.
var ErrColumns = errors.New("missing column")

// ReadResponses reads survey answers from r (CSV, or gzip-compressed CSV,
// detected from its first bytes) and counts them by touchpoint and segment.
// It reads in big chunks that several goroutines parse at once; its memory
// does not grow with the number of rows. A malformed file gives an error
// (a *ParseError for a bad record, a *CompressedError for truncated or
// corrupt compressed data, an *EncodingError for UTF-16 or UTF-32 text); bad
// cells do not: they are counted in the Tally.
func ReadResponses(ctx context.Context, r io.Reader, opts ReadOptions) (*Tally, error) {
	counted := &countingReader{r: r}
	br := bufio.NewReaderSize(counted, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := openGzip(opts.File, counted, br)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		r = zr
	} else {
		r = br
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.ChunkSize <= 0 {
		opts.ChunkSize = DefaultChunkSize
	}
	if opts.MaxSegments <= 0 {
		opts.MaxSegments = DefaultMaxSegments
	}
	rd := &reader{opts: opts, in: &countingReader{r: r}, counted: counted}
	return rd.run(ctx)
}

type countingReader struct {
	r io.Reader
	n int64
}

// Read reads from the underlying reader and counts the bytes.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// layout is where the needed columns are in a record.
type layout struct {
	tp, nps, ces, csat, seg, date int // -1 = absent
	need                          int // fields to split: 1 + the largest index
}

type reader struct {
	opts    ReadOptions
	in      *countingReader // the CSV (decompressed)
	counted *countingReader // the raw input, for progress
	delim   byte
	lay     layout
	headers map[string]string
	width   int         // fields in the header
	dups    []Duplicate // headers that name several columns
	tpIndex *table
	cesMax  []int8
}

// chunk is a run of whole records.
type chunk struct {
	seq  int
	buf  []byte // pooled buffer
	data []byte // records within buf
}

// chunkResult is what the merger needs of a parsed chunk to number lines.
type chunkResult struct {
	seq   int
	lines int64
}

// start is the input read so far when the header is found.
type start struct {
	buf  []byte // the buffer data is in
	data []byte // the bytes read, BOM dropped
	hb   int    // the end of the header record in data
	eof  bool   // data runs to the end of the input
}

func (rd *reader) run(ctx context.Context) (*Tally, error) {
	st, err := rd.readHead()
	if err != nil {
		return nil, err
	}
	headLines, err := rd.header(st.data[:st.hb])
	if err != nil {
		return nil, err
	}
	aggs, lineCounts, err := rd.pipeline(ctx, st)
	if err != nil {
		return nil, err
	}
	// Line numbers: chunk seq starts after the lines of the chunks before it.
	starts := make([]int64, len(lineCounts)+1)
	starts[0] = headLines + 1 // 1-based line of the first data line
	for i, c := range lineCounts {
		starts[i+1] = starts[i] + c
	}
	at := func(p rowPos) int64 { return starts[p.seq] + p.line }
	var bad *agg
	for _, a := range aggs {
		if a.err != nil && (bad == nil || a.errAt.before(bad.errAt)) {
			bad = a
		}
	}
	if bad != nil {
		return nil, &ParseError{File: rd.opts.File, Line: at(bad.errAt), Err: bad.err}
	}
	t := &Tally{File: rd.opts.File, Columns: rd.headers}
	rd.merge(t, aggs, at)
	t.Bytes = rd.in.n
	return t, nil
}

// readHead reads until the buffer holds the header record: the first one
// after a BOM and blank lines.
func (rd *reader) readHead() (start, error) {
	o := rd.opts
	first := o.ChunkSize
	if o.Size > 0 && o.Size < int64(first) {
		first = int(o.Size) + 1 // a small file: no bigger buffer than it needs (compressed input grows it)
	}
	buf := make([]byte, first)
	n, eof, err := fill(rd.in, buf, 0)
	if err != nil {
		return start{}, rd.readErr(err)
	}
	data := buf[:n]
	bomDone := false
	for {
		if !bomDone && (len(data) >= 4 || eof) {
			if err := checkEncoding(o.File, data); err != nil {
				return start{}, err
			}
			data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
			bomDone = true
		}
		if bomDone {
			lead := skipBlankLines(data)
			if b := firstBoundary(data[lead:]); b > 0 {
				return start{buf: buf, data: data, hb: lead + b, eof: eof}, nil
			}
		}
		if eof {
			return start{buf: buf, data: data, hb: len(data), eof: eof}, nil
		}
		if len(buf) >= MaxRecordSize {
			return start{}, fmt.Errorf("%s: the header is longer than %s", o.File, journey.FormatSize(MaxRecordSize))
		}
		off := len(data)
		nb := make([]byte, max(2*len(buf), 4096))
		copy(nb, data)
		buf = nb
		var m int
		m, eof, err = fill(rd.in, buf, off)
		if err != nil {
			return start{}, rd.readErr(err)
		}
		data = buf[:off+m]
	}
}

// readErr names the file in an error reading the input; a *CompressedError
// names it already.
func (rd *reader) readErr(err error) error {
	var ce *CompressedError
	if errors.As(err, &ce) {
		return err
	}
	return fmt.Errorf("%s: %w", rd.opts.File, err)
}

// header parses the header record, finds the needed columns and indexes the
// touchpoints. It returns the lines before the data: the header's and the
// blank ones before it.
func (rd *reader) header(headerLine []byte) (int64, error) {
	o := rd.opts
	rd.delim = detectDelimiter(headerLine)
	sc := &scanner{delim: rd.delim}
	header, _, hskip, hlines, ok, err := sc.next(headerLine, 0, 0)
	if err != nil {
		return 0, &ParseError{File: o.File, Line: 1 + int64(hskip), Err: err}
	}
	if !ok {
		return 0, fmt.Errorf("%s: the file is empty (no header row)", o.File)
	}
	if err := rd.mapColumns(header); err != nil {
		return 0, err
	}
	rd.index()
	return int64(hskip + hlines), nil
}

// pipeline parses the records after the header: this goroutine cuts chunks
// at record boundaries, workers parse and count them, each into its own
// aggregates. It returns the aggregates and the line breaks of each chunk.
func (rd *reader) pipeline(ctx context.Context, st start) ([]*agg, []int64, error) {
	workers := rd.opts.Workers
	pool := make(chan []byte, workers+2)
	for range workers + 1 {
		pool <- nil // allocated when first needed: small inputs need one buffer
	}
	work := make(chan chunk, workers)
	results := make(chan chunkResult, 64)
	aggs := make([]*agg, workers)
	var wg sync.WaitGroup
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for w := range workers {
		a := rd.newAgg()
		aggs[w] = a
		wg.Go(func() {
			for c := range work {
				lines := a.parse(c)
				pool <- c.buf
				results <- chunkResult{seq: c.seq, lines: lines}
				if a.err != nil {
					cancel()
				}
			}
		})
	}
	var lineCounts []int64
	var collect sync.WaitGroup
	collect.Go(func() {
		for r := range results {
			for len(lineCounts) <= r.seq {
				lineCounts = append(lineCounts, 0)
			}
			lineCounts[r.seq] = r.lines
		}
	})
	// The rest of the first buffer (after the header) is the first chunk's start.
	readErr := rd.feed(ctx, st.buf, st.data[st.hb:], st.eof, pool, work)
	close(work)
	wg.Wait()
	close(results)
	collect.Wait()
	if readErr != nil {
		return nil, nil, readErr
	}
	if err := ctx.Err(); err != nil && !anyErr(aggs) {
		return nil, nil, err
	}
	return aggs, lineCounts, nil
}

func anyErr(aggs []*agg) bool {
	for _, a := range aggs {
		if a.err != nil {
			return true
		}
	}
	return false
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

// fill reads into buf[off:] until it is full or the input ends (eof). Only
// io.EOF ends the input: any other error, io.ErrUnexpectedEOF from a
// decompressor included, is returned.
func fill(r io.Reader, buf []byte, off int) (n int, eof bool, err error) {
	for off+n < len(buf) {
		m, err := r.Read(buf[off+n:])
		n += m
		if err == io.EOF {
			return n, true, nil
		}
		if err != nil {
			return n, false, err
		}
	}
	return n, false, nil
}

// feed cuts the input into chunks of whole records and sends them to work.
// first holds data already read (in buf, which feed now owns).
func (rd *reader) feed(ctx context.Context, buf []byte, pending []byte, eof bool, pool chan []byte, work chan<- chunk) error {
	o := rd.opts
	seq := 0
	// Move pending to the start of a pooled buffer: buf may be larger than a
	// pooled one (a long header), so keep using it as the first buffer.
	copy(buf, pending)
	n := len(pending)
	for {
		if err := ctx.Err(); err != nil {
			return nil
		}
		if !eof && n < len(buf) {
			m, e, err := fill(rd.in, buf, n)
			if err != nil {
				return rd.readErr(err)
			}
			n += m
			eof = e
		}
		if o.Progress != nil {
			o.Progress(rd.counted.n)
		}
		data := buf[:n]
		cut := n
		if !eof {
			cut = lastBoundary(data)
			if cut == 0 {
				// No record ends in this buffer: grow it.
				if len(buf) >= MaxRecordSize {
					return fmt.Errorf("%s: a record is longer than %s (is a quote left open?)", o.File, journey.FormatSize(MaxRecordSize))
				}
				nb := make([]byte, 2*len(buf))
				copy(nb, data)
				buf = nb
				continue
			}
		}
		if cut == 0 {
			return nil
		}
		tail := data[cut:]
		var next []byte
		if !eof || len(tail) > 0 {
			next = <-pool
			if len(next) < max(len(tail)*2, o.ChunkSize) {
				next = make([]byte, max(len(tail)*2, o.ChunkSize))
			}
			copy(next, tail)
		}
		select {
		case work <- chunk{seq: seq, buf: buf, data: data[:cut]}:
		case <-ctx.Done():
			return nil
		}
		seq++
		buf, n = next, len(tail)
		if eof && n == 0 {
			return nil
		}
	}
}

// mapColumns finds the needed columns in the header.
func (rd *reader) mapColumns(header [][]byte) error {
	o := rd.opts
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = strings.TrimSpace(string(h))
	}
	find := func(want string) int { return findHeader(names, want) }
	rd.width, rd.dups = len(names), duplicates(names)
	rd.headers = map[string]string{}
	lay := layout{tp: -1, nps: -1, ces: -1, csat: -1, seg: -1, date: -1}
	var problems []string
	missing := func(key, want string) {
		s := fmt.Sprintf("no column %q for %s", want, key)
		if sug := journey.Suggest(want, names); sug != "" {
			s += " (" + sug + ")"
		}
		problems = append(problems, s)
	}
	for _, key := range []string{ColTouchpoint, ColNPS, ColCES, ColCSAT, ColDate} {
		want := key
		if h, ok := o.Columns[key]; ok && h != "" {
			want = h
		}
		i := find(want)
		if i >= 0 {
			rd.headers[key] = names[i]
		}
		switch key {
		case ColTouchpoint:
			lay.tp = i
		case ColNPS:
			lay.nps = i
		case ColCES:
			lay.ces = i
		case ColCSAT:
			lay.csat = i
		case ColDate:
			lay.date = i
		}
		needed := o.Explicit[key] || key == ColTouchpoint || (key == ColDate && (o.Since != "" || o.Until != ""))
		if i < 0 && needed {
			missing(key, want)
		}
	}
	if o.Segment != "" {
		lay.seg = find(o.Segment)
		if lay.seg < 0 {
			missing(ColSegment, o.Segment)
		} else {
			rd.headers[ColSegment] = names[lay.seg]
		}
	}
	if lay.nps < 0 && lay.ces < 0 && lay.csat < 0 && len(problems) == 0 {
		problems = append(problems, fmt.Sprintf("no answer column: none of %q, %q, %q (map them with columns: in sources:, or --column)",
			colName(o, ColNPS), colName(o, ColCES), colName(o, ColCSAT)))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %w: %s; the header has: %s", o.File, ErrColumns, strings.Join(problems, "; "), quoteList(names))
	}
	for _, i := range []int{lay.tp, lay.nps, lay.ces, lay.csat, lay.seg, lay.date} {
		lay.need = max(lay.need, i+1)
	}
	rd.lay = lay
	return nil
}

// duplicates returns the headers, blank ones aside, that name several
// columns, in the order of their first column.
func duplicates(names []string) []Duplicate {
	cols := map[string][]int{}
	var order []string
	for i, h := range names {
		if h == "" {
			continue
		}
		if len(cols[h]) == 1 {
			order = append(order, h)
		}
		cols[h] = append(cols[h], i+1)
	}
	var out []Duplicate
	for _, h := range order {
		out = append(out, Duplicate{Header: h, Columns: cols[h]})
	}
	return out
}

// findHeader returns the index of the header want: the one spelled so, else
// the only one equal to it ignoring case; -1 when there is none (or several).
func findHeader(names []string, want string) int {
	for i, h := range names {
		if h == want {
			return i
		}
	}
	hit := -1
	for i, h := range names {
		if strings.EqualFold(h, want) {
			if hit >= 0 {
				return -1
			}
			hit = i
		}
	}
	return hit
}

func colName(o ReadOptions, key string) string {
	if h := o.Columns[key]; h != "" {
		return h
	}
	return key
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) > 12 {
		return strings.Join(q[:12], ", ") + fmt.Sprintf(" and %d more", len(q)-12)
	}
	return strings.Join(q, ", ")
}

// index builds the touchpoint lookup and each touchpoint's CES range.
func (rd *reader) index() {
	rd.tpIndex = newTable(len(rd.opts.Touchpoints))
	rd.cesMax = make([]int8, len(rd.opts.Touchpoints))
	for i, tp := range rd.opts.Touchpoints {
		if _, dup := rd.tpIndex.get([]byte(tp.ID)); !dup {
			rd.tpIndex.put(tp.ID, int32(i))
		}
		s, _ := CESScaleOf(tp)
		rd.cesMax[i] = int8(s)
	}
}

// rowPos is a record's place: its chunk and its line within the chunk (0-based).
type rowPos struct {
	seq  int
	line int64
}

func (p rowPos) before(q rowPos) bool {
	return p.seq < q.seq || (p.seq == q.seq && p.line < q.line)
}

// colIssues counts the rejected cells of one column in one worker.
type colIssues struct {
	count   int64
	first   []rowPos // at most MaxRowsShown, in order
	example string
	reason  string
}

func (c *colIssues) add(p rowPos, value []byte, reason string) {
	c.count++
	if len(c.first) < MaxRowsShown {
		if len(c.first) == 0 {
			c.example, c.reason = string(value), reason
		}
		c.first = append(c.first, p)
	}
}

type unknownTP struct {
	count int64
	first rowPos
}

// agg is one worker's aggregates.
type agg struct {
	rd       *reader
	sc       scanner
	segIndex *table
	fields   [][]byte
	segNames []string
	counts   [][]Answers // [segment][touchpoint]
	issues   [6]colIssues
	ragged   colIssues // rows with more or fewer fields than the header
	unknown  map[string]*unknownTP
	rows     int64
	counted  int64
	noTP     int64
	filtered int64
	err      error
	errAt    rowPos
}

// Indexes into agg.issues, in the order of SourceColumnKeys.
const (
	issTP = iota
	issNPS
	issCES
	issCSAT
	issSeg
	issDate
)

func (rd *reader) newAgg() *agg {
	a := &agg{rd: rd, sc: scanner{delim: rd.delim}, unknown: map[string]*unknownTP{}}
	if rd.lay.seg < 0 {
		a.counts = [][]Answers{make([]Answers, len(rd.opts.Touchpoints))}
	} else {
		a.segIndex = newTable(8)
	}
	return a
}

// parse counts the records of a chunk and returns its line breaks. Records
// without quotes go through splitFast; a record with a quote goes through
// the full scanner.
func (a *agg) parse(c chunk) int64 {
	data := c.data
	if a.err != nil {
		return int64(bytes.Count(data, []byte{'\n'}))
	}
	need, delim := a.rd.lay.need, a.rd.delim
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
			fields, e, nf := splitFast(data, pos, need, delim, a.fields)
			if e < quote {
				a.fields = fields
				a.checkWidth(nf, rowPos{seq: c.seq, line: line})
				a.record(fields, rowPos{seq: c.seq, line: line})
				if e < n {
					line++
				}
				pos = e + 1
				continue
			}
		}
		fields, end, _, nl, _, err := a.sc.next(data, pos, 0) // a record with quotes is split whole anyway
		if err != nil {
			a.err, a.errAt = err, rowPos{seq: c.seq, line: line}
			return line + int64(bytes.Count(data[pos:], []byte{'\n'}))
		}
		a.checkWidth(len(fields), rowPos{seq: c.seq, line: line})
		a.record(fields, rowPos{seq: c.seq, line: line})
		line += int64(nl)
		pos = end
		if quote < pos {
			quote = indexFrom(data, pos, '"')
		}
	}
	return line
}

// indexFrom returns the index of the first c in data[from:], or len(data).
func indexFrom(data []byte, from int, c byte) int {
	if i := bytes.IndexByte(data[from:], c); i >= 0 {
		return from + i
	}
	return len(data)
}

func cell(fields [][]byte, i int) []byte {
	if i < 0 || i >= len(fields) {
		return nil
	}
	return trimSpace(fields[i])
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// checkWidth counts a record of n fields as ragged when the header has
// another number of fields.
func (a *agg) checkWidth(n int, p rowPos) {
	if n != a.rd.width {
		a.ragged.add(p, nil, "")
	}
}

// record counts one record.
func (a *agg) record(fields [][]byte, p rowPos) {
	a.rows++
	if !a.inDates(fields, p) {
		return
	}
	ti, ok := a.touchpoint(fields, p)
	if !ok {
		return
	}
	seg, ok := a.segment(fields, p)
	if !ok {
		return
	}
	a.counted++
	a.answers(fields, p, &a.counts[seg][ti], int(a.rd.cesMax[ti]))
}

// inDates reports whether the record is within Since and Until; a bad date
// is rejected, a day outside them is filtered.
func (a *agg) inDates(fields [][]byte, p rowPos) bool {
	o := &a.rd.opts
	if o.Since == "" && o.Until == "" {
		return true
	}
	d := cell(fields, a.rd.lay.date)
	if !isDate(d) {
		reason := "not a date (YYYY-MM-DD...)"
		if len(d) == 0 {
			reason = "blank date"
		}
		a.issues[issDate].add(p, d, reason)
		return false
	}
	day := d[:10]
	if (o.Since != "" && string(day) < o.Since) || (o.Until != "" && string(day) > o.Until) {
		a.filtered++
		return false
	}
	return true
}

// touchpoint returns the index of the record's touchpoint; a blank one is
// rejected, one the map does not have is counted as unknown.
func (a *agg) touchpoint(fields [][]byte, p rowPos) (int32, bool) {
	tpCell := cell(fields, a.rd.lay.tp)
	if len(tpCell) == 0 {
		a.noTP++
		a.issues[issTP].add(p, tpCell, "blank touchpoint")
		return 0, false
	}
	ti, ok := a.rd.tpIndex.get(tpCell)
	if ok {
		return ti, true
	}
	u := a.unknown[string(tpCell)]
	if u == nil {
		if len(a.unknown) >= 4*MaxUnknownShown {
			u = a.unknown["\x00other"]
			if u == nil {
				u = &unknownTP{first: p}
				a.unknown["\x00other"] = u
			}
		} else {
			u = &unknownTP{first: p}
			a.unknown[string(tpCell)] = u
		}
	}
	u.count++
	return 0, false
}

// segment returns the index of the record's segment (0 without a segment
// column); past MaxSegments distinct ones, a new segment is rejected.
func (a *agg) segment(fields [][]byte, p rowPos) (int32, bool) {
	lay, o := &a.rd.lay, &a.rd.opts
	if lay.seg < 0 {
		return 0, true
	}
	s := cell(fields, lay.seg)
	seg, found := a.segIndex.get(s)
	if found {
		return seg, true
	}
	if len(a.segNames) >= o.MaxSegments {
		a.issues[issSeg].add(p, s, fmt.Sprintf("more than %d distinct segments", o.MaxSegments))
		return 0, false
	}
	seg = int32(len(a.segNames))
	name := string(s)
	a.segIndex.put(name, seg)
	a.segNames = append(a.segNames, name)
	a.counts = append(a.counts, make([]Answers, len(o.Touchpoints)))
	return seg, true
}

// answers counts the record's NPS, CES (1..cesMax) and CSAT answers into
// ans; a cell that is not a valid answer is rejected, a blank one skipped.
func (a *agg) answers(fields [][]byte, p rowPos, ans *Answers, cesMax int) {
	lay := &a.rd.lay
	if c := cell(fields, lay.nps); lay.nps >= 0 && len(c) > 0 {
		if v, ok := wholeNumber(c); ok && v <= 10 {
			ans.NPS[v]++
		} else {
			a.issues[issNPS].add(p, c, reasonFor(ok, "0..10"))
		}
	}
	if c := cell(fields, lay.ces); lay.ces >= 0 && len(c) > 0 {
		if v, ok := wholeNumber(c); ok && v >= 1 && v <= cesMax {
			ans.CES[v-1]++
		} else {
			a.issues[issCES].add(p, c, reasonFor(ok, fmt.Sprintf("1..%d", cesMax)))
		}
	}
	if c := cell(fields, lay.csat); lay.csat >= 0 && len(c) > 0 {
		if v, ok := wholeNumber(c); ok && v >= 1 && v <= 5 {
			ans.CSAT[v-1]++
		} else {
			a.issues[issCSAT].add(p, c, reasonFor(ok, "1..5"))
		}
	}
}

func reasonFor(number bool, rng string) string {
	if number {
		return "out of range " + rng
	}
	return "not a whole number in " + rng
}

// wholeNumber parses a small non-negative whole number: digits, optionally
// followed by a decimal point or comma and zeros ("9", "9.0", "9,00").
func wholeNumber(b []byte) (int, bool) {
	v, i := 0, 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		if v > 1000 {
			return 0, false
		}
		v = v*10 + int(b[i]-'0')
		i++
	}
	if i == 0 {
		return 0, false
	}
	if i < len(b) && (b[i] == '.' || b[i] == ',') {
		i++
		for i < len(b) && b[i] == '0' {
			i++
		}
	}
	return v, i == len(b)
}

// isDate reports whether b starts with an ISO date YYYY-MM-DD (followed by
// nothing, a time "T..." or a space).
func isDate(b []byte) bool {
	if len(b) < 10 {
		return false
	}
	for i, c := range b[:10] {
		switch i {
		case 4, 7:
			if c != '-' {
				return false
			}
		default:
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return len(b) == 10 || b[10] == 'T' || b[10] == ' '
}

// IsDay reports whether s is a day in the form YYYY-MM-DD, as --since and
// --until take.
func IsDay(s string) bool { return len(s) == 10 && isDate([]byte(s)) }

// issueAt is a rejected cell's place, with the worker's issues of its column.
type issueAt struct {
	p rowPos
	c *colIssues
}

// merge adds every worker's aggregates into t.
func (rd *reader) merge(t *Tally, aggs []*agg, at func(rowPos) int64) {
	t.Answers = map[string]*Answers{}
	if rd.lay.seg >= 0 {
		t.Segmented = map[string]map[string]*Answers{}
	}
	segSet := map[string]bool{}
	for _, a := range aggs {
		t.Rows += a.rows
		t.Counted += a.counted
		t.NoTouchpoint += a.noTP
		t.Filtered += a.filtered
		rd.mergeCounts(t, a, segSet)
	}
	for s := range segSet {
		t.Segments = append(t.Segments, s)
	}
	sort.Strings(t.Segments)
	rd.mergeIssues(t, aggs, at)
	mergeUnknown(t, aggs, at)
	t.Width, t.Duplicates = rd.width, rd.dups
	t.Ragged, t.RaggedRows, _ = firstIssues(aggs, func(a *agg) *colIssues { return &a.ragged }, at)
}

// firstIssues sums issues of one kind over the workers; it returns their
// count, the lines of the first ones (at most MaxRowsShown) and the worker's
// issues the first one is in (nil when there is none).
func firstIssues(aggs []*agg, of func(*agg) *colIssues, at func(rowPos) int64) (total int64, lines []int64, first *colIssues) {
	var list []issueAt
	for _, a := range aggs {
		c := of(a)
		total += c.count
		for _, p := range c.first {
			list = append(list, issueAt{p, c})
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].p.before(list[j].p) })
	for i, x := range list {
		if i == 0 {
			first = x.c
		}
		if i < MaxRowsShown {
			lines = append(lines, at(x.p))
		}
	}
	return total, lines, first
}

// mergeCounts adds one worker's answers into t, and its segments to segSet.
func (rd *reader) mergeCounts(t *Tally, a *agg, segSet map[string]bool) {
	tps := rd.opts.Touchpoints
	for si, row := range a.counts {
		for ti := range row {
			ans := &row[ti]
			if *ans == (Answers{}) {
				continue
			}
			id := tps[ti].ID
			add(t.Answers, id, ans)
			if rd.lay.seg >= 0 {
				s := a.segNames[si]
				segSet[s] = true
				if t.Segmented[id] == nil {
					t.Segmented[id] = map[string]*Answers{}
				}
				add(t.Segmented[id], s, ans)
			}
		}
	}
}

// mergeIssues sums the rejected cells of every column over the workers,
// with the example and first lines of the earliest ones.
func (rd *reader) mergeIssues(t *Tally, aggs []*agg, at func(rowPos) int64) {
	for k, key := range journey.SourceColumnKeys {
		total, lines, first := firstIssues(aggs, func(a *agg) *colIssues { return &a.issues[k] }, at)
		if total == 0 {
			continue
		}
		t.Rejected = append(t.Rejected, Rejects{Column: key, Header: rd.headers[key], Count: total,
			FirstRows: lines, Example: first.example, Reason: first.reason})
	}
}

// mergeUnknown sums the rows of touchpoints the map does not have over the
// workers, each with its first line.
func mergeUnknown(t *Tally, aggs []*agg, at func(rowPos) int64) {
	unknown := map[string]*unknownTP{}
	for _, a := range aggs {
		for name, u := range a.unknown {
			v := unknown[name]
			if v == nil {
				unknown[name] = &unknownTP{count: u.count, first: u.first}
				continue
			}
			v.count += u.count
			if u.first.before(v.first) {
				v.first = u.first
			}
		}
	}
	for name, u := range unknown {
		t.UnknownRows += u.count
		if name == "\x00other" {
			t.UnknownOther += u.count
			continue
		}
		t.Unknown = append(t.Unknown, Unknown{Touchpoint: name, Count: u.count, FirstRow: at(u.first)})
	}
	t.sortUnknown()
}
