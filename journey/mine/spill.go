package mine

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"os"
)

// spillParts is how many partitions spilled cases are split into by the
// hash of their id; Result reads one partition at a time.
const spillParts = 16

// spiller writes chunks of case data to temporary files, one per partition.
// A record is: uvarint id length, id, uvarint event count, uvarint data
// length, data (events encoded by appendEvent, the first relative to 0).
type spiller struct {
	seed  maphash.Seed
	files []*os.File
	w     []*bufio.Writer
}

func newSpiller(dir string) (*spiller, error) {
	sp := &spiller{seed: maphash.MakeSeed()}
	for range spillParts {
		f, err := os.CreateTemp(dir, "journey-mine-*.spill")
		if err != nil {
			return nil, errors.Join(fmt.Errorf("mine: spill: %w", err), sp.close())
		}
		sp.files = append(sp.files, f)
		sp.w = append(sp.w, bufio.NewWriterSize(f, 64<<10))
	}
	return sp, nil
}

func (sp *spiller) write(c *caseBuf) error {
	w := sp.w[maphash.String(sp.seed, c.id)%spillParts]
	var hdr [3 * binary.MaxVarintLen64]byte
	b := binary.AppendUvarint(hdr[:0], uint64(len(c.id)))
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("mine: spill: %w", err)
	}
	if _, err := w.WriteString(c.id); err != nil {
		return fmt.Errorf("mine: spill: %w", err)
	}
	b = binary.AppendUvarint(hdr[:0], uint64(c.n))
	b = binary.AppendUvarint(b, uint64(len(c.buf)))
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("mine: spill: %w", err)
	}
	if _, err := w.Write(c.buf); err != nil {
		return fmt.Errorf("mine: spill: %w", err)
	}
	return nil
}

// read returns the cases of partition p, each with its chunks joined in
// the order they were written (arrival order).
func (sp *spiller) read(p int) ([]caseBuf, error) {
	if err := sp.w[p].Flush(); err != nil {
		return nil, fmt.Errorf("mine: spill: %w", err)
	}
	f := sp.files[p]
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("mine: spill: %w", err)
	}
	r := bufio.NewReaderSize(f, 64<<10)
	idx := map[string]int32{}
	var cases []caseBuf
	var ts []int64
	var ss []uint32
	var data []byte
	for {
		id, n, chunk, err := readRecord(r, data)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		data = chunk
		ci, ok := idx[id]
		if !ok {
			ci = int32(len(cases))
			idx[id] = ci
			cases = append(cases, caseBuf{id: id})
		}
		c := &cases[ci]
		ts, ss, _, err = decodeEvents(chunk, 0, ts[:0], ss[:0])
		if err != nil {
			return nil, err
		}
		for i := range ts {
			c.buf = appendEvent(c.buf, ts[i]-c.lastT, ss[i])
			c.lastT = ts[i]
		}
		c.n += int32(n)
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		return nil, fmt.Errorf("mine: spill: %w", err)
	}
	return cases, nil
}

func readRecord(r *bufio.Reader, data []byte) (string, uint64, []byte, error) {
	l, err := binary.ReadUvarint(r)
	if err != nil {
		return "", 0, nil, err // io.EOF at a record boundary
	}
	id := make([]byte, l)
	if _, err := io.ReadFull(r, id); err != nil {
		return "", 0, nil, errCorrupt
	}
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return "", 0, nil, errCorrupt
	}
	dl, err := binary.ReadUvarint(r)
	if err != nil {
		return "", 0, nil, errCorrupt
	}
	if uint64(cap(data)) < dl {
		data = make([]byte, dl)
	}
	data = data[:dl]
	if _, err := io.ReadFull(r, data); err != nil {
		return "", 0, nil, errCorrupt
	}
	return string(id), n, data, nil
}

func (sp *spiller) close() error {
	var errs []error
	for _, f := range sp.files {
		name := f.Name()
		errs = append(errs, f.Close(), os.Remove(name))
	}
	return errors.Join(errs...)
}
