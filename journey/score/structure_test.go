package score

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"testing"
	"unicode/utf16"
)

func utf16LE(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16BE(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFE, 0xFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func TestReadResponsesEncoding(t *testing.T) {
	t.Parallel()
	const csv = "touchpoint,nps\na,10\n"
	tests := []struct {
		name     string
		input    []byte
		encoding string // "" = read fine
	}{
		{"UTF-8", []byte(csv), ""},
		{"UTF-8 with BOM", append([]byte("\xef\xbb\xbf"), csv...), ""},
		{"UTF-16 LE", utf16LE(csv, true), "UTF-16 (little-endian)"},
		{"UTF-16 BE", utf16BE(csv, true), "UTF-16 (big-endian)"},
		{"UTF-16 LE without a BOM", utf16LE(csv, false), "UTF-16 (little-endian)"},
		{"UTF-16 BE without a BOM", utf16BE("touchpoint,valoración\na,10\n", false), "UTF-16 (big-endian)"},
		{"UTF-16 LE, BOM only", []byte{0xFF, 0xFE}, "UTF-16 (little-endian)"},
		{"UTF-32 LE", []byte{0xFF, 0xFE, 0, 0, 't', 0, 0, 0}, "UTF-32 (little-endian)"},
		{"UTF-32 BE", []byte{0, 0, 0xFE, 0xFF, 0, 0, 0, 't'}, "UTF-32 (big-endian)"},
		{"UTF-16 LE, gzip-compressed", gz(t, utf16LE(csv, true)), "UTF-16 (little-endian)"},
	}
	for _, tt := range tests {
		for _, c := range readConfigs {
			t.Run(tt.name+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				o := ReadOptions{File: "x.csv", Touchpoints: tpsOf("a"), Workers: c.workers, ChunkSize: c.chunkSize}
				got, err := ReadResponses(context.Background(), bytes.NewReader(tt.input), o)
				if tt.encoding == "" {
					if err != nil || got.Counted != 1 {
						t.Fatalf("got %+v, %v", got, err)
					}
					return
				}
				var ee *EncodingError
				if !errors.As(err, &ee) || ee.Encoding != tt.encoding || ee.File != "x.csv" {
					t.Fatalf("err = %v, want an EncodingError for %s", err, tt.encoding)
				}
				if want := "x.csv: file is " + tt.encoding + " text; save it as UTF-8 (in Excel: CSV UTF-8)"; err.Error() != want {
					t.Errorf("message %q, want %q", err, want)
				}
			})
		}
	}
}

func TestReadResponsesStructure(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		csv        string
		counted    int64
		width      int
		ragged     int64
		raggedRows []int64
		dups       []Duplicate
		npsTen     int64 // answers of 10 counted for a
	}{
		{name: "even", csv: "touchpoint,nps,note\na,10,x\na,9,y\n", counted: 2, width: 3, npsTen: 1},
		{name: "short and long rows", csv: "touchpoint,nps,note\na,10\na,10,x,extra\na,9,y\n\na,10,\"q\",more\n",
			counted: 4, width: 3, ragged: 3, raggedRows: []int64{2, 3, 6}, npsTen: 3},
		{name: "trailing delimiter", csv: "touchpoint,nps\na,10,\n", counted: 1, width: 2, ragged: 1, raggedRows: []int64{2}, npsTen: 1},
		{name: "quoted multi-line field", csv: "touchpoint,nps,note\na,10,\"two\nlines\"\na,10,\"x\",y\n",
			counted: 2, width: 3, ragged: 1, raggedRows: []int64{4}, npsTen: 2},
		{name: "many ragged rows: first five lines kept", csv: "touchpoint,nps,x\na,10\na,10\na,10\na,10\na,10\na,10\na,10\n",
			counted: 7, width: 3, ragged: 7, raggedRows: []int64{2, 3, 4, 5, 6}, npsTen: 7},
		{name: "duplicate header: the first is read", csv: "touchpoint,nps,nps\na,10,0\n",
			counted: 1, width: 3, dups: []Duplicate{{Header: "nps", Columns: []int{2, 3}}}, npsTen: 1},
		{name: "duplicates in order, blanks and case aside", csv: "date,touchpoint,,date,,nps,NPS, date \na,a,,,,10,1,\n",
			counted: 1, width: 8, dups: []Duplicate{{Header: "date", Columns: []int{1, 4, 8}}}, npsTen: 1},
	}
	for _, tt := range tests {
		for _, c := range readConfigs {
			t.Run(tt.name+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				o := ReadOptions{File: "x.csv", Touchpoints: tpsOf("a"), Workers: c.workers, ChunkSize: c.chunkSize}
				got, err := ReadResponses(context.Background(), bytes.NewReader([]byte(tt.csv)), o)
				if err != nil {
					t.Fatal(err)
				}
				if got.Counted != tt.counted || got.Width != tt.width || got.Ragged != tt.ragged ||
					!reflect.DeepEqual(got.RaggedRows, tt.raggedRows) || !reflect.DeepEqual(got.Duplicates, tt.dups) {
					t.Errorf("counted %d width %d ragged %d %v dups %v; want %d %d %d %v %v", got.Counted, got.Width, got.Ragged,
						got.RaggedRows, got.Duplicates, tt.counted, tt.width, tt.ragged, tt.raggedRows, tt.dups)
				}
				if a := got.Answers["a"]; a == nil || a.NPS[10] != tt.npsTen {
					t.Errorf("answers %+v", a)
				}
			})
		}
	}
}
