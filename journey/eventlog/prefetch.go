package eventlog

import (
	"context"
	"io"
)

// prefetcher reads ahead of its user on another goroutine, so that
// decompression and parsing use two cores.
type prefetcher struct {
	blocks chan block
	free   chan []byte
	cur    block
	off    int
	cancel context.CancelFunc
	done   chan struct{}
}

type block struct {
	b   []byte
	err error
}

// newPrefetcher starts reading r; Close must be called.
func newPrefetcher(ctx context.Context, r io.Reader) *prefetcher {
	ctx, cancel := context.WithCancel(ctx)
	p := &prefetcher{blocks: make(chan block, 4), free: make(chan []byte, 6), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		defer close(p.blocks)
		for {
			var buf []byte
			select {
			case buf = <-p.free:
			default:
				buf = make([]byte, 256<<10)
			}
			n, eof, err := fill(r, buf[:cap(buf)], 0)
			if err == nil && eof {
				err = io.EOF
			}
			select {
			case p.blocks <- block{b: buf[:n], err: err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return p
}

// Read returns the bytes read ahead.
func (p *prefetcher) Read(b []byte) (int, error) {
	for p.off == len(p.cur.b) {
		if p.cur.err != nil {
			return 0, p.cur.err
		}
		if p.cur.b != nil {
			select {
			case p.free <- p.cur.b[:0]:
			default:
			}
		}
		blk, ok := <-p.blocks
		if !ok {
			return 0, io.EOF
		}
		p.cur, p.off = blk, 0
	}
	n := copy(b, p.cur.b[p.off:])
	p.off += n
	return n, nil
}

// Close stops the reading goroutine and waits for it.
func (p *prefetcher) Close() {
	p.cancel()
	for range p.blocks {
	}
	<-p.done
}
