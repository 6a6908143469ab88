package eventlog

import (
	"context"
	"fmt"
	"sync"
)

// The CSV and JSON Lines readers cut the input into chunks of whole records
// that several workers parse at once; the deliverer (the caller's
// goroutine) hands their events to fn in file order.

// chunkJob is a run of whole records.
type chunkJob struct {
	seq  int
	buf  []byte // pooled buffer holding data
	data []byte
}

// chunkOut is what a worker made of a chunk (or the feeder's error).
type chunkOut struct {
	seq     int
	lines   int64 // line breaks in the chunk
	events  []Event
	rows    int64
	skipped int64
	bad     []BadRow
	badN    int64
	ragged  int64 // CSV rows with another width than the header
	raggedA int64 // first ragged row (chunk-relative line)
	raggedW int   // its width
	err     error // fatal error; errLine is its chunk-relative line (0-based)
	errLine int64
	feedErr bool // err is the feeder's: it comes after all chunks
}

// chunkParser parses chunks; each worker has its own.
type chunkParser interface {
	parse(data []byte, out *chunkOut)
}

// pipeline runs the chunked parallel read.
type pipeline struct {
	in        *input
	opt       *Options
	st        *Stats
	cut       func([]byte) int // index after the last whole record (0 = none)
	newParser func(c *conv) chunkParser
	newConv   func() *conv
	startLine int64 // 1-based line of the first data byte
	initErr   error // a read error met while reading the start: reported after it

	ragged  int64
	raggedA int64
	raggedW int
}

// run reads everything after pending (already read, in buf) and delivers it.
func (p *pipeline) run(ctx context.Context, buf, pending []byte, eof bool, fn func([]Event) error) error {
	workers := p.opt.Workers
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	bufs := make(chan []byte, workers+2)
	evs := make(chan []Event, 2*workers+4)
	tokens := make(chan struct{}, 2*workers+2)
	work := make(chan chunkJob, workers)
	results := make(chan *chunkOut, 2*workers+4)
	var wg sync.WaitGroup
	for range workers {
		c := p.newConv()
		parser := p.newParser(c)
		perByte := 1.0 / 40 // events per input byte, as last seen
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range work {
				out := &chunkOut{seq: job.seq}
				select {
				case ev := <-evs:
					c.events = ev[:0]
				default:
					c.events = make([]Event, 0, max(64, int(float64(len(job.data))*perByte*1.1)))
				}
				parser.parse(job.data, out)
				if len(job.data) > 0 {
					perByte = float64(c.rows) / float64(len(job.data))
				}
				out.events = c.events
				out.rows, out.skipped, out.bad, out.badN = c.rows, c.skipped, c.bad, c.badCount
				c.events, c.rows, c.skipped, c.bad, c.badCount = nil, 0, 0, nil, 0
				select {
				case bufs <- job.buf:
				default:
				}
				select {
				case results <- out:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(work)
		seq, err := p.feed(ctx, buf, pending, eof, bufs, tokens, work)
		if err != nil {
			select {
			case results <- &chunkOut{seq: seq, err: err, feedErr: true}:
			case <-ctx.Done():
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	err := p.deliver(ctx, results, evs, tokens, fn)
	cancel()
	for range results {
	}
	return err
}

// deliver hands the chunks' events to fn in order.
func (p *pipeline) deliver(ctx context.Context, results <-chan *chunkOut, evs chan<- []Event, tokens <-chan struct{}, fn func([]Event) error) error {
	st, o := p.st, p.opt
	pending := map[int]*chunkOut{}
	next := 0
	line := p.startLine
	for out := range results {
		pending[out.seq] = out
		for {
			c := pending[next]
			if c == nil {
				break
			}
			delete(pending, next)
			next++
			if c.feedErr {
				if e, ok := c.err.(*Error); ok {
					e2 := *e
					e2.Message += fmt.Sprintf("; %d rows read before", st.Rows)
					return &e2
				}
				return c.err
			}
			<-tokens
			if c.err != nil {
				return withLine(c.err, p.in.name, line+c.errLine)
			}
			for i := range c.events {
				c.events[i].Row += line
			}
			for i := range c.bad {
				c.bad[i].Row += line
			}
			if c.ragged > 0 {
				if p.ragged == 0 {
					p.raggedA, p.raggedW = c.raggedA+line, c.raggedW
				}
				p.ragged += c.ragged
			}
			st.Rows += c.rows
			st.Skipped += c.skipped
			st.BadCount += c.badN
			for _, b := range c.bad {
				if len(st.Bad) < o.MaxBadRows {
					st.Bad = append(st.Bad, b)
				}
			}
			if o.Strict && len(c.bad) > 0 {
				return strictError(p.in.name, c.bad[0])
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if len(c.events) > 0 {
				st.Events += int64(len(c.events))
				if err := fn(c.events); err != nil {
					return err
				}
			}
			select {
			case evs <- c.events:
			default:
			}
			line += c.lines
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return nil
}

// strictError is the error of a bad row when reading is strict.
func strictError(file string, b BadRow) error {
	msg := b.Reason
	if b.Column != "" {
		msg = fmt.Sprintf("%s %q: %s", b.Column, b.Value, b.Reason)
	}
	return &Error{File: file, Line: int(b.Row), Message: msg}
}

// withLine makes err an *Error at line.
func withLine(err error, file string, line int64) error {
	if e, ok := err.(*Error); ok {
		e.Line = int(line)
		if e.File == "" {
			e.File = file
		}
		return e
	}
	return &Error{File: file, Line: int(line), Message: err.Error(), Err: err}
}

// feed cuts the input into chunks of whole records and sends them to work.
// It returns the next sequence number and the error that stopped it.
func (p *pipeline) feed(ctx context.Context, buf, pending []byte, eof bool, bufs chan []byte, tokens chan<- struct{}, work chan<- chunkJob) (int, error) {
	seq := 0
	copy(buf, pending)
	n := len(pending)
	if p.initErr != nil {
		if len(pending) > 0 {
			cut := p.cut(buf[:n])
			if cut > 0 && !p.send(ctx, tokens, work, chunkJob{seq: seq, buf: buf, data: buf[:cut]}) {
				return seq, nil
			}
			if cut > 0 {
				seq++
			}
		}
		return seq, p.initErr
	}
	for {
		if ctx.Err() != nil {
			return seq, nil
		}
		if !eof && n < len(buf) {
			m, e, err := fill(p.in, buf, n)
			n += m
			eof = e
			if err != nil {
				// Parse what came before the error, then report it.
				if cut := p.cut(buf[:n]); cut > 0 {
					if !p.send(ctx, tokens, work, chunkJob{seq: seq, buf: buf, data: buf[:cut]}) {
						return seq, nil
					}
					seq++
				}
				return seq, err
			}
		}
		data := buf[:n]
		cut := n
		if !eof {
			cut = p.cut(data)
			if cut == 0 {
				if len(buf) >= maxRecord {
					return seq, &Error{File: p.in.name, Message: fmt.Sprintf("a record is longer than %d MiB (is a quote left open?)", maxRecord>>20)}
				}
				nb := make([]byte, 2*len(buf))
				copy(nb, data)
				buf = nb
				continue
			}
		}
		if cut == 0 {
			return seq, nil
		}
		tail := data[cut:]
		var next []byte
		if !eof || len(tail) > 0 {
			select {
			case next = <-bufs:
			default:
			}
			if len(next) < max(2*len(tail), chunkSize) {
				next = make([]byte, max(2*len(tail), chunkSize))
			}
			copy(next, tail)
		}
		if !p.send(ctx, tokens, work, chunkJob{seq: seq, buf: buf, data: data[:cut]}) {
			return seq, nil
		}
		seq++
		buf, n = next, len(tail)
		if eof && n == 0 {
			return seq, nil
		}
	}
}

func (p *pipeline) send(ctx context.Context, tokens chan<- struct{}, work chan<- chunkJob, job chunkJob) bool {
	select {
	case tokens <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	select {
	case work <- job:
		return true
	case <-ctx.Done():
		return false
	}
}
