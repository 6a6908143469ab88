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
// A record is: uvarint id length, id, uvarint data length, data (events encoded by appendEvent, the first relative to 0).
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

func (sp *spiller) write(id string, data []byte) error {
	w := sp.w[maphash.String(sp.seed, id)%spillParts]
	var hdr [2 * binary.MaxVarintLen64]byte
	b := binary.AppendUvarint(hdr[:0], uint64(len(id)))
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("mine: spill: %w", err)
	}
	if _, err := w.WriteString(id); err != nil {
		return fmt.Errorf("mine: spill: %w", err)
	}
	if _, err := w.Write(binary.AppendUvarint(hdr[:0], uint64(len(data)))); err != nil {
		return fmt.Errorf("mine: spill: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("mine: spill: %w", err)
	}
	return nil
}

// read returns the cases of partition p, each with its chunks joined in
// the order they were written (arrival order), in an arena it reuses.
func (sp *spiller) read(p int, ar *arena) (part, error) {
	if err := sp.w[p].Flush(); err != nil {
		return part{}, fmt.Errorf("mine: spill: %w", err)
	}
	f := sp.files[p]
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return part{}, fmt.Errorf("mine: spill: %w", err)
	}
	r := bufio.NewReaderSize(f, 64<<10)
	idx := map[string]uint32{}
	cases := &caseList{}
	ar.reset()
	var ts []int64
	var ss []uint32
	var data, enc []byte
	for {
		id, chunk, err := readRecord(r, data)
		if err == io.EOF {
			break
		}
		if err != nil {
			return part{}, err
		}
		data = chunk
		ci, ok := idx[id]
		if !ok {
			ci = cases.add(caseBuf{id: id})
			idx[id] = ci
		}
		c := cases.at(int(ci))
		ts, ss, _, err = decodeEvents(chunk, 0, ts[:0], ss[:0])
		if err != nil {
			return part{}, err
		}
		for i := range ts {
			enc = appendEvent(enc[:0], ts[i]-c.lastT, ss[i])
			ar.write(c, enc)
			c.lastT = ts[i]
		}
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		return part{}, fmt.Errorf("mine: spill: %w", err)
	}
	return part{cases: cases, arena: ar}, nil
}

func readRecord(r *bufio.Reader, data []byte) (string, []byte, error) {
	l, err := binary.ReadUvarint(r)
	if err != nil {
		return "", nil, err // io.EOF at a record boundary
	}
	id := make([]byte, l)
	if _, err := io.ReadFull(r, id); err != nil {
		return "", nil, errCorrupt
	}
	dl, err := binary.ReadUvarint(r)
	if err != nil {
		return "", nil, errCorrupt
	}
	if uint64(cap(data)) < dl {
		data = make([]byte, dl)
	}
	data = data[:dl]
	if _, err := io.ReadFull(r, data); err != nil {
		return "", nil, errCorrupt
	}
	return string(id), data, nil
}

func (sp *spiller) close() error {
	var errs []error
	for _, f := range sp.files {
		name := f.Name()
		errs = append(errs, f.Close(), os.Remove(name))
	}
	return errors.Join(errs...)
}
