package score

import (
	"context"
	"errors"
	"os"
	"reflect"
	"testing"
)

// readConfigs are the ways every fixture is read; all must agree. Tiny
// chunks put chunk boundaries everywhere, quoted fields included.
var readConfigs = []struct {
	name      string
	workers   int
	chunkSize int
}{
	{"one worker", 1, 0},
	{"4 workers, 8-byte chunks", 4, 8},
	{"2 workers, 13-byte chunks", 2, 13},
	{"3 workers, 1-byte chunks", 3, 1},
}

func readFixture(t *testing.T, name string, opts ReadOptions) (*Tally, error) {
	t.Helper()
	m := loadFixture(t, "rollup.journey.yaml")
	opts.Touchpoints = m.Touchpoints()
	opts.File = name
	var first *Tally
	var firstErr error
	for i, c := range readConfigs {
		f, err := os.Open("testdata/responses/" + name)
		if err != nil {
			t.Fatal(err)
		}
		o := opts
		o.Workers, o.ChunkSize = c.workers, c.chunkSize
		got, err := ReadResponses(context.Background(), f, o)
		f.Close()
		if i == 0 {
			first, firstErr = got, err
			continue
		}
		if (err == nil) != (firstErr == nil) || (err != nil && err.Error() != firstErr.Error()) {
			t.Fatalf("%s: error %v, but %s gave %v", c.name, err, readConfigs[0].name, firstErr)
		}
		if !reflect.DeepEqual(got, first) {
			t.Fatalf("%s: tally differs from %s:\n%+v\n%+v", c.name, readConfigs[0].name, got, first)
		}
	}
	return first, firstErr
}

// counts is a compact expectation: metric -> answer value -> count.
type counts map[Metric]map[int]int64

func checkAnswers(t *testing.T, tl *Tally, tp string, want counts) {
	t.Helper()
	a := tl.Answers[tp]
	if want == nil {
		if a != nil {
			t.Errorf("%s: want no answers, got %+v", tp, a)
		}
		return
	}
	if a == nil {
		t.Fatalf("%s: no answers", tp)
	}
	var exp Answers
	for v, c := range want[MetricNPS] {
		exp.NPS[v] = c
	}
	for v, c := range want[MetricCES] {
		exp.CES[v-1] = c
	}
	for v, c := range want[MetricCSAT] {
		exp.CSAT[v-1] = c
	}
	if *a != exp {
		t.Errorf("%s answers:\n got %+v\nwant %+v", tp, *a, exp)
	}
}

// TestReadResponses is over 80 lines: it is one table of fixture cases, a
// few lines each, and a short loop that checks them.
func TestReadResponses(t *testing.T) {
	t.Parallel()
	es := map[string]string{"touchpoint": "Punto de contacto", "nps": "Recomendación (0-10)", "ces": "Facilidad (1-7)", "csat": "Satisfacción (1-5)"}
	remap := map[string]string{"touchpoint": "tp", "nps": "recommend", "ces": "effort", "csat": "sat", "segment": "plan", "date": "submitted_at"}
	tests := []struct {
		name    string
		file    string
		opts    ReadOptions
		rows    int64
		counted int64
		answers map[string]counts
		check   func(t *testing.T, tl *Tally)
	}{
		{name: "comma, LF, default columns", file: "comma.csv", rows: 5, counted: 5, answers: map[string]counts{
			"a": {MetricNPS: {10: 1, 9: 1, 0: 1}, MetricCES: {7: 1, 6: 1, 1: 1}, MetricCSAT: {5: 1, 4: 1, 1: 1}},
			"b": {MetricNPS: {7: 1}, MetricCES: {4: 1}, MetricCSAT: {3: 1}},
			"c": {MetricNPS: {8: 1}, MetricCES: {5: 1}, MetricCSAT: {4: 1}},
			"d": nil,
		}},
		{name: "Spanish Excel: BOM, semicolons, CRLF, decimal comma", file: "excel-es.csv", opts: ReadOptions{Columns: es, Segment: "Canal"}, rows: 3, counted: 3,
			answers: map[string]counts{
				"a": {MetricNPS: {10: 1, 9: 1}, MetricCES: {7: 1, 6: 1}, MetricCSAT: {5: 1, 4: 1}},
				"b": {MetricNPS: {3: 1}, MetricCES: {2: 1}, MetricCSAT: {1: 1}},
			},
			check: func(t *testing.T, tl *Tally) {
				if !reflect.DeepEqual(tl.Segments, []string{"Teléfono", "Web"}) {
					t.Errorf("segments %q", tl.Segments)
				}
				if tl.Columns["touchpoint"] != "Punto de contacto" || tl.Columns["segment"] != "Canal" {
					t.Errorf("columns %v", tl.Columns)
				}
				if a := tl.Segmented["a"]["Teléfono"]; a == nil || a.NPS[9] != 1 {
					t.Errorf("segment answers %+v", tl.Segmented["a"])
				}
			}},
		{name: "tab-separated", file: "tab.tsv", rows: 3, counted: 3, answers: map[string]counts{
			"a": {MetricNPS: {10: 1}, MetricCES: {7: 1}},
			"b": {MetricNPS: {6: 1}, MetricCES: {3: 1}},
			"c": {MetricNPS: {9: 1}, MetricCES: {5: 1}},
		}},
		{name: "quoted fields with delimiters, quotes and line breaks", file: "quoted.csv", rows: 5, counted: 5, answers: map[string]counts{
			"a": {MetricNPS: {10: 1, 9: 1}},
			"b": {MetricNPS: {4: 1}},
			"c": {MetricNPS: {8: 1}},
		}},
		{name: "gzip", file: "gzip.csv.gz", rows: 3, counted: 3, answers: map[string]counts{
			"a": {MetricNPS: {10: 1, 6: 1}, MetricCES: {7: 1, 2: 1}, MetricCSAT: {5: 1, 2: 1}},
			"b": {MetricNPS: {8: 1}, MetricCSAT: {4: 1}},
		}},
		{name: "blank cells and blank lines", file: "blank.csv", rows: 5, counted: 5, answers: map[string]counts{
			"a": {MetricNPS: {10: 1}, MetricCES: {5: 1}},
			"b": {MetricNPS: {7: 1}, MetricCSAT: {5: 1}},
			"c": {MetricNPS: {9: 1}, MetricCSAT: {4: 1}},
		}, check: func(t *testing.T, tl *Tally) {
			if len(tl.Rejected) != 0 {
				t.Errorf("blank cells are not rejects: %+v", tl.Rejected)
			}
		}},
		{name: "rejected cells", file: "rejects.csv", rows: 7, counted: 7, answers: map[string]counts{
			"a": {MetricNPS: {10: 1}, MetricCES: {7: 3}, MetricCSAT: {5: 2, 4: 1, 3: 1}},
			"c": {MetricNPS: {10: 2}, MetricCES: {5: 1}, MetricCSAT: {4: 2}},
		}, check: func(t *testing.T, tl *Tally) {
			want := []Rejects{
				{Column: "nps", Header: "nps", Count: 4, FirstRows: []int64{2, 3, 4, 5}, Example: "11", Reason: "out of range 0..10"},
				{Column: "ces", Header: "ces", Count: 3, FirstRows: []int64{3, 4, 6}, Example: "8", Reason: "out of range 1..7"},
				{Column: "csat", Header: "csat", Count: 1, FirstRows: []int64{4}, Example: "6", Reason: "out of range 1..5"},
			}
			if !reflect.DeepEqual(tl.Rejected, want) {
				t.Errorf("rejected:\n got %+v\nwant %+v", tl.Rejected, want)
			}
		}},
		{name: "unknown and blank touchpoints", file: "unknown.csv", rows: 6, counted: 1, answers: map[string]counts{
			"a": {MetricNPS: {10: 1}},
		}, check: func(t *testing.T, tl *Tally) {
			want := []Unknown{{"zz", 2, 3}, {"A", 1, 7}, {"yy", 1, 5}}
			if !reflect.DeepEqual(tl.Unknown, want) || tl.UnknownRows != 4 || tl.NoTouchpoint != 1 {
				t.Errorf("unknown %+v (%d rows), blank %d", tl.Unknown, tl.UnknownRows, tl.NoTouchpoint)
			}
			if len(tl.Rejected) != 1 || tl.Rejected[0].Column != "touchpoint" || !reflect.DeepEqual(tl.Rejected[0].FirstRows, []int64{6}) {
				t.Errorf("blank touchpoint: %+v", tl.Rejected)
			}
		}},
		{name: "remapped columns, segment, since", file: "remap.csv",
			opts: ReadOptions{Columns: remap, Segment: "plan", Since: "2026-01-02"}, rows: 2, counted: 1, answers: map[string]counts{
				"a": nil,
				"b": {MetricNPS: {0: 1}, MetricCES: {1: 1}, MetricCSAT: {1: 1}},
			}, check: func(t *testing.T, tl *Tally) {
				if tl.Filtered != 1 || !reflect.DeepEqual(tl.Segments, []string{"free"}) {
					t.Errorf("filtered %d, segments %q", tl.Filtered, tl.Segments)
				}
			}},
		{name: "since and until", file: "dates.csv", opts: ReadOptions{Since: "2026-01-01", Until: "2026-01-31"}, rows: 6, counted: 2,
			answers: map[string]counts{"a": {MetricNPS: {9: 1, 0: 1}}},
			check: func(t *testing.T, tl *Tally) {
				want := []Rejects{{Column: "date", Header: "date", Count: 2, FirstRows: []int64{6, 7}, Example: "31/01/2026", Reason: "not a date (YYYY-MM-DD...)"}}
				if tl.Filtered != 2 || !reflect.DeepEqual(tl.Rejected, want) {
					t.Errorf("filtered %d, rejected %+v", tl.Filtered, tl.Rejected)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tl, err := readFixture(t, tt.file, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if tl.Rows != tt.rows || tl.Counted != tt.counted {
				t.Errorf("rows %d counted %d, want %d and %d", tl.Rows, tl.Counted, tt.rows, tt.counted)
			}
			for tp, want := range tt.answers {
				checkAnswers(t, tl, tp, want)
			}
			if tt.check != nil {
				tt.check(t, tl)
			}
		})
	}
}

func TestReadResponsesErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		file string
		opts ReadOptions
		is   error
		msg  string
	}{
		{"bare quote", "malformed.csv", ReadOptions{}, ErrBareQuote, `malformed.csv:5: bare " in non-quoted field`},
		{"no touchpoint column", "no-touchpoint.csv", ReadOptions{}, ErrColumns,
			`no-touchpoint.csv: missing column: no column "touchpoint" for touchpoint; the header has: "tp_id", "nps"`},
		{"a named column is missing", "comma.csv", ReadOptions{Columns: map[string]string{"csat": "satisfaction"}, Explicit: map[string]bool{"csat": true}}, ErrColumns,
			`comma.csv: missing column: no column "satisfaction" for csat; the header has: "touchpoint", "nps", "ces", "csat", "segment", "date"`},
		{"segment column is missing", "tab.tsv", ReadOptions{Segment: "plan"}, ErrColumns,
			`tab.tsv: missing column: no column "plan" for segment; the header has: "touchpoint", "nps", "ces"`},
		{"dates need a date column", "tab.tsv", ReadOptions{Since: "2026-01-01"}, ErrColumns,
			`tab.tsv: missing column: no column "date" for date; the header has: "touchpoint", "nps", "ces"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := readFixture(t, tt.file, tt.opts)
			if !errors.Is(err, tt.is) || err.Error() != tt.msg {
				t.Errorf("error %v, want %q (%v)", err, tt.msg, tt.is)
			}
		})
	}
}

func TestWholeNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in string
		v  int
		ok bool
	}{
		{"0", 0, true}, {"10", 10, true}, {"9.0", 9, true}, {"9,00", 9, true}, {"9.", 9, true},
		{"9.5", 0, false}, {"-1", 0, false}, {"", 0, false}, {"x", 0, false}, {"1e1", 0, false}, {"99999999999999999999", 0, false},
	}
	for _, tt := range tests {
		v, ok := wholeNumber([]byte(tt.in))
		if ok != tt.ok || (ok && v != tt.v) {
			t.Errorf("wholeNumber(%q) = %d, %v; want %d, %v", tt.in, v, ok, tt.v, tt.ok)
		}
	}
}

func TestDetectDelimiter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		header string
		want   byte
	}{
		{"a,b,c", ','}, {"a;b;c", ';'}, {"a\tb\tc", '\t'}, {"single", ','},
		{`"a;b",c,d`, ','}, {`"x,y";z`, ';'}, {"a;b,c;d", ';'},
	}
	for _, tt := range tests {
		if got := detectDelimiter([]byte(tt.header)); got != tt.want {
			t.Errorf("detectDelimiter(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}
