package eventlog

import (
	"bytes"
	"encoding/csv"
	"os"
	"reflect"
	"testing"
	"time"
)

// checkStats checks the invariants of a read that succeeded.
func checkStats(t *testing.T, evs []Event, st *Stats, lines int64) {
	t.Helper()
	if st.Rows != st.Events+st.Skipped+st.BadCount {
		t.Fatalf("rows %d != events %d + skipped %d + bad %d", st.Rows, st.Events, st.Skipped, st.BadCount)
	}
	if int64(len(evs)) != st.Events || int64(len(st.Bad)) > st.BadCount || len(st.Bad) > DefaultMaxBadRows {
		t.Fatalf("stats %+v for %d events", st, len(evs))
	}
	prev := int64(0)
	for _, e := range evs {
		if e.Case == "" || e.Activity == "" || e.Row < 1 || e.Row > lines || e.Row < prev {
			t.Fatalf("bad event %+v (lines %d, previous row %d)", e, lines, prev)
		}
		prev = e.Row
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"case,activity,timestamp\n1,a,2024-01-01\n",
		"\xef\xbb\xbfcase;activity;timestamp;canal\r\n1;\"a;\"\"b\"\"\r\nc\";1714559400;web\r\n\r\n2;b;2024-01-01T10:00:00+01:00\n",
		"case|activity|timestamp|lifecycle\n1|a|2024/01/01 10:00:00.5|start\n1|b||complete\n,x,1\n",
		"case\tactivity\ttimestamp\n1\t\"a\"b\t1\n",
	} {
		f.Add([]byte(s))
	}
	if b, err := os.ReadFile("testdata/running-example.csv"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		evs, st, err := readAll(t, "fuzz.csv", data, Options{Workers: 1})
		old := chunkSize
		chunkSize = 64
		evs2, st2, err2 := readAll(t, "fuzz.csv", data, Options{Workers: 3})
		chunkSize = old
		if (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
			t.Fatalf("one chunk: %v; small chunks: %v", err, err2)
		}
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
			return
		}
		if !reflect.DeepEqual(evs, evs2) || st.Rows != st2.Rows || st.BadCount != st2.BadCount || !reflect.DeepEqual(st.Bad, st2.Bad) {
			t.Fatalf("chunking changes the result:\n%+v\n%+v", st, st2)
		}
		lines := int64(bytes.Count(data, []byte{'\n'})) + 1
		checkStats(t, evs, st, lines)
		// encoding/csv agrees on the number of records.
		body := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		r := csv.NewReader(bytes.NewReader(body))
		r.FieldsPerRecord = -1
		r.Comma = rune(detectDelimiter(body[:max(firstBoundary(body[skipBlankLines(body):])+skipBlankLines(body), 0)]))
		if firstBoundary(body[skipBlankLines(body):]) == 0 {
			return
		}
		recs, cerr := r.ReadAll()
		if cerr == nil && int64(len(recs))-1 != st.Rows {
			t.Fatalf("encoding/csv reads %d records, the reader %d rows", len(recs)-1, st.Rows)
		}
	})
}

func FuzzReadXES(f *testing.F) {
	for _, s := range []string{
		`<log><trace><string key="concept:name" value="1"/><event><string key="concept:name" value="a &amp; b"/><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event></trace></log>`,
		"<?xml version=\"1.0\"?>\n<!-- c -->\n<log>\n<trace><string key='concept:name' value='&#241;'/>\n<event><list key=\"l\"><values/></list><![CDATA[x]]></event></trace></log>",
		`<log><event><string key="concept:name" value="x"/></event></log>`,
		`<log><trace><event></trace></log>`,
	} {
		f.Add([]byte(s))
	}
	if b, err := os.ReadFile("testdata/running-example.xes"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		evs, st, err := readAll(t, "fuzz.xes", data, Options{Lifecycle: "all"})
		if err != nil {
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
			if e.Line < 0 || e.Column < 0 || e.Line > bytes.Count(data, []byte{'\n'})+1 {
				t.Fatalf("error at %d:%d in %d lines: %v", e.Line, e.Column, bytes.Count(data, []byte{'\n'})+1, err)
			}
			return
		}
		checkStats(t, evs, st, int64(bytes.Count(data, []byte{'\n'}))+1)
		if st.Rows > int64(bytes.Count(data, []byte("<event"))) {
			t.Fatalf("%d rows from %d <event tags", st.Rows, bytes.Count(data, []byte("<event")))
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	for _, s := range []string{
		`{"case":"1","activity":"a","timestamp":"2024-01-01"}` + "\n" + `{"case":2,"activity":"b\u00f1","timestamp":1714559400}`,
		"\n{\"case\":\"1\",\"activity\":\"a\",\"timestamp\":1}\r\n{bad\n[1]\n",
	} {
		f.Add([]byte(s))
	}
	if b, err := os.ReadFile("testdata/running-example.jsonl"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		evs, st, err := readAll(t, "fuzz.jsonl", data, Options{Workers: 1})
		old := chunkSize
		chunkSize = 64
		evs2, _, err2 := readAll(t, "fuzz.jsonl", data, Options{Workers: 3})
		chunkSize = old
		if (err == nil) != (err2 == nil) || (err == nil && !reflect.DeepEqual(evs, evs2)) {
			t.Fatalf("chunking changes the result: %v / %v", err, err2)
		}
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
			return
		}
		checkStats(t, evs, st, int64(bytes.Count(data, []byte{'\n'}))+1)
	})
}

func FuzzReadParquet(f *testing.F) {
	if b, err := os.ReadFile("testdata/running-example.parquet"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("PAR1PAR1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		evs, st, err := readAll(t, "fuzz.parquet", data, Options{Columns: fixtureColumns})
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
			return
		}
		checkStats(t, evs, st, st.Rows)
	})
}

// FuzzTimestamp checks the automatic parser against time.Parse on RFC 3339.
func FuzzTimestamp(f *testing.F) {
	for _, s := range []string{"2024-05-01T10:30:00Z", "2024-05-01T10:30:00.123+02:00", "2024-05-01 10:30", "1714559400", "2024/05/01"} {
		f.Add(s)
	}
	p, _ := newTimeParser("", nil)
	f.Fuzz(func(t *testing.T, s string) {
		got, reason := p.parse([]byte(s))
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil || want.Year() < 1678 || want.Year() > 2261 || len(s) < 20 || (s[10] != 'T') {
			return
		}
		if _, off := want.Zone(); off%60 != 0 {
			return
		}
		if reason != "" || got != want.UnixNano() {
			t.Fatalf("parse(%q) = %d (%s), time.Parse says %d", s, got, reason, want.UnixNano())
		}
	})
}
