package score

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"testing"

	"github.com/journey-cx/journey/journey"
)

// scanAll parses data as a whole input with the fast scanner.
func scanAll(data []byte, delim byte) ([][]string, error) {
	s := &scanner{delim: delim}
	var out [][]string
	pos := 0
	for {
		fields, end, _, _, ok, err := s.next(data, pos, 0)
		if err != nil {
			return out, err
		}
		if !ok {
			return out, nil
		}
		rec := make([]string, len(fields))
		for i, f := range fields {
			rec[i] = string(f)
		}
		out = append(out, rec)
		pos = end
	}
}

// stdAll parses data with encoding/csv, configured as the scanner reads.
func stdAll(data []byte, delim byte) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = rune(delim)
	r.FieldsPerRecord = -1
	var out [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, rec)
	}
}

// referenceTally counts data (header included) through encoding/csv and the
// same per-record logic as ReadResponses, on one goroutine.
func referenceTally(data []byte, delim byte, opts ReadOptions) (*Tally, error) {
	if opts.MaxSegments == 0 {
		opts.MaxSegments = DefaultMaxSegments
	}
	rd := &reader{opts: opts, delim: delim}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.Comma = rune(delim)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, err
	}
	if err := rd.mapColumns(toBytes(header)); err != nil {
		return nil, err
	}
	rd.index()
	a := rd.newAgg()
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		line, _ := r.FieldPos(0)
		a.checkWidth(len(rec), rowPos{line: int64(line)})
		a.record(toBytes(rec), rowPos{line: int64(line)})
	}
	t := &Tally{File: opts.File, Columns: rd.headers, Bytes: int64(len(data))}
	rd.merge(t, []*agg{a}, func(p rowPos) int64 { return p.line })
	return t, nil
}

func toBytes(rec []string) [][]byte {
	out := make([][]byte, len(rec))
	for i, s := range rec {
		out[i] = []byte(s)
	}
	return out
}

// FuzzResponses cross-checks the fast CSV reader against encoding/csv: the
// scanner must give the same records or both must fail, and ReadResponses,
// cut into tiny chunks over several workers, must count exactly what
// encoding/csv plus the same counting gives, or fail when it fails.
func FuzzResponses(f *testing.F) {
	seeds := []string{
		"a,10,7,5,x\n",
		"a,\"10\",7,5,\"x,y\"\nb,9,,,\n",
		"\"a\nb\",1\r\nc,2\r\n",
		"a,\"un\"\"quoted\",3\n\n\r\nb,4\r",
		"a,\"open\n",
		"a,b\"c,d\n",
		"a,\"x\"y,1\n",
		"c, 9 ,6,4,\"seg\r\nment\"\n",
		"\r\n\n a ,10\r\r\n",
		"a;10;7\nb;\"1;2\";3\n",
		"a\t10\t\"t\tab\"\n",
		"zz,10,1,1,p\nA,x,9,0,\n",
	}
	for i, s := range seeds {
		f.Add([]byte(s), byte(i%3))
	}
	delims := []byte{',', ';', '\t'}
	f.Fuzz(func(t *testing.T, data []byte, d byte) {
		delim := delims[int(d)%len(delims)]
		got, gerr := scanAll(data, delim)
		want, werr := stdAll(data, delim)
		if (gerr != nil) != (werr != nil) {
			t.Fatalf("scanner error %v, encoding/csv error %v\ninput %q", gerr, werr, data)
		}
		if werr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("records differ\ninput %q\n scanner  %q\n encoding %q", data, got, want)
		}

		// The whole reader, with a header, in chunks.
		sep := string(delim)
		input := append([]byte("touchpoint"+sep+"nps"+sep+"ces"+sep+"csat"+sep+"segment\n"), data...)
		m := fuzzMap()
		opts := ReadOptions{File: "fuzz.csv", Touchpoints: m, Segment: "segment"}
		ref, rerr := referenceTally(input, delim, opts)
		for _, c := range []struct{ workers, chunk int }{{1, 1 << 16}, {3, 5}, {2, 64}} {
			o := opts
			o.Workers, o.ChunkSize = c.workers, c.chunk
			tl, err := ReadResponses(context.Background(), bytes.NewReader(input), o)
			if (err != nil) != (rerr != nil) {
				t.Fatalf("workers %d chunk %d: error %v, reference error %v\ninput %q", c.workers, c.chunk, err, rerr, input)
			}
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("a malformed file must give a ParseError, got %v", err)
				}
				continue
			}
			if !reflect.DeepEqual(tl, ref) {
				t.Fatalf("workers %d chunk %d: tally differs\ninput %q\n got %+v\nwant %+v", c.workers, c.chunk, input, tl, ref)
			}
		}
	})
}

func fuzzMap() []*journey.Touchpoint {
	return []*journey.Touchpoint{
		{ID: "a"},
		{ID: "b"},
		{ID: "c", Metrics: &journey.Metrics{CES: &journey.CES{Scale: 5}}},
	}
}
