package score

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/journey-cx/journey/journey"
)

// bigCSV is a responses export long enough to span several chunks.
func bigCSV(rows int) []byte {
	var b bytes.Buffer
	b.WriteString("touchpoint,nps,ces,csat,segment,date\n")
	for i := range rows {
		fmt.Fprintf(&b, "a,%d,%d,%d,web,2026-01-%02d\n", i%11, 1+i%7, 1+i%5, 1+i%28)
	}
	return b.Bytes()
}

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadResponsesCompressed(t *testing.T) {
	t.Parallel()
	csv := bigCSV(20000)
	whole := gz(t, csv)
	flip := func(at int) []byte {
		b := bytes.Clone(whole)
		b[at] ^= 0xff
		return b
	}
	tests := []struct {
		name        string
		input       []byte
		want        error // nil = read fine; else the CompressedError's Err (errors.Is)
		corruptData bool  // want a flate.CorruptInputError
	}{
		{name: "whole", input: whole},
		{name: "two members", input: append(bytes.Clone(whole), gz(t, []byte("a,10,,,,2026-01-01\n"))...)},
		{name: "magic only", input: whole[:2], want: io.ErrUnexpectedEOF},
		{name: "header cut", input: whole[:7], want: io.ErrUnexpectedEOF},
		{name: "header only", input: whole[:10], want: io.ErrUnexpectedEOF},
		{name: "cut in the first chunk", input: whole[:200], want: io.ErrUnexpectedEOF},
		{name: "cut in half", input: whole[:len(whole)/2], want: io.ErrUnexpectedEOF},
		{name: "trailer cut", input: whole[:len(whole)-4], want: io.ErrUnexpectedEOF},
		{name: "last byte missing", input: whole[:len(whole)-1], want: io.ErrUnexpectedEOF},
		{name: "bad compression method", input: flip(2), want: gzip.ErrHeader},
		{name: "bad checksum", input: flip(len(whole) - 6), want: gzip.ErrChecksum},
		{name: "garbage after the stream", input: append(bytes.Clone(whole), "\x1f\x8bjunk-junk-junk"...), want: gzip.ErrHeader},
		{name: "corrupt data", input: append(bytes.Clone(whole[:10]), 0xff, 0xff, 0xff, 0xff), corruptData: true},
	}
	for _, tt := range tests {
		for _, c := range readConfigs {
			t.Run(tt.name+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				o := ReadOptions{File: "export.csv.gz", Touchpoints: tpsOf("a"), Workers: c.workers, ChunkSize: c.chunkSize}
				if c.chunkSize > 0 && c.chunkSize < 4096 {
					o.ChunkSize = 4096 // 1-byte chunks of 20,000 rows are slow
				}
				got, err := ReadResponses(context.Background(), bytes.NewReader(tt.input), o)
				if tt.want == nil && !tt.corruptData {
					if err != nil {
						t.Fatal(err)
					}
					if got.Rows < 20000 {
						t.Errorf("%d rows", got.Rows)
					}
					return
				}
				var ce *CompressedError
				if !errors.As(err, &ce) {
					t.Fatalf("err = %v (%T), want a *CompressedError", err, err)
				}
				var fe flate.CorruptInputError
				if tt.corruptData && !errors.As(err, &fe) || !tt.corruptData && !errors.Is(err, tt.want) {
					t.Errorf("err = %v, want %v", ce.Err, tt.want)
				}
				if ce.File != "export.csv.gz" || ce.At <= 0 || ce.At > int64(len(tt.input)) || ce.Out > int64(len(csv)) {
					t.Errorf("File %q At %d Out %d (input %d bytes)", ce.File, ce.At, ce.Out, len(tt.input))
				}
				if ce.Truncated() != (tt.want == io.ErrUnexpectedEOF) {
					t.Errorf("Truncated = %v", ce.Truncated())
				}
				if !strings.HasPrefix(err.Error(), "export.csv.gz: ") || !strings.Contains(err.Error(), "of the file (") {
					t.Errorf("message %q", err)
				}
			})
		}
	}
}

func TestCompressedErrorProblem(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  *CompressedError
		want string
	}{
		{&CompressedError{At: 812, Out: 4096, Err: io.ErrUnexpectedEOF}, "truncated gzip: the data end early after 812 bytes of the file (4096 bytes of CSV read)"},
		{&CompressedError{At: 10, Err: gzip.ErrHeader}, "corrupt gzip: invalid header after 10 bytes of the file (0 bytes of CSV read)"},
		{&CompressedError{At: 1, Out: 1, Err: gzip.ErrChecksum}, "corrupt gzip: checksum mismatch after 1 byte of the file (1 byte of CSV read)"},
		{&CompressedError{At: 14, Err: flate.CorruptInputError(4)}, "corrupt gzip data after 14 bytes of the file (0 bytes of CSV read)"},
	}
	for _, tt := range tests {
		if got := tt.err.Problem(); got != tt.want {
			t.Errorf("Problem() = %q, want %q", got, tt.want)
		}
	}
}

// An unreadable input stays an error of its own, not bad input.
func TestReadResponsesCompressedReadError(t *testing.T) {
	t.Parallel()
	boom := errors.New("disk on fire")
	whole := gz(t, bigCSV(100))
	r := io.MultiReader(bytes.NewReader(whole[:len(whole)/2]), iotestErr{boom})
	_, err := ReadResponses(context.Background(), r, ReadOptions{File: "x.csv.gz", Touchpoints: tpsOf("a")})
	var ce *CompressedError
	if !errors.Is(err, boom) || errors.As(err, &ce) {
		t.Fatalf("err = %v", err)
	}
}

type iotestErr struct{ err error }

func (e iotestErr) Read([]byte) (int, error) { return 0, e.err }

func tpsOf(ids ...string) []*journey.Touchpoint {
	out := make([]*journey.Touchpoint, len(ids))
	for i, id := range ids {
		out[i] = &journey.Touchpoint{ID: id}
	}
	return out
}
