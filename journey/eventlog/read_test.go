package eventlog

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"
)

func ts(s string) int64 {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UnixNano()
}

func TestTimestamps(t *testing.T) {
	madrid, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		madrid = time.FixedZone("CET", 3600)
	}
	tests := []struct {
		in, format string
		loc        *time.Location
		want       int64
		bad        bool
	}{
		{in: "2024-05-01T10:30:00Z", want: ts("2024-05-01T10:30:00Z")},
		{in: "2024-05-01T10:30:00.123456789+02:00", want: ts("2024-05-01T08:30:00.123456789Z")},
		{in: "2024-05-01T10:30:00,5-0330", want: ts("2024-05-01T14:00:00.5Z")},
		{in: "2024-05-01 10:30:00", want: ts("2024-05-01T10:30:00Z")},
		{in: "2024-05-01 10:30", want: ts("2024-05-01T10:30:00Z")},
		{in: "2024-05-01 10:30:00 +0100", want: ts("2024-05-01T09:30:00Z")},
		{in: "2024-05-01 10:30:00 UTC", want: ts("2024-05-01T10:30:00Z")},
		{in: "2024/05/01 10:30:00.250", want: ts("2024-05-01T10:30:00.25Z")},
		{in: "2024-05-01", want: ts("2024-05-01T00:00:00Z")},
		{in: "  2024-05-01  ", want: ts("2024-05-01T00:00:00Z")},
		{in: "2024-02-29", want: ts("2024-02-29T00:00:00Z")},
		{in: "2024-05-01 10:30:00", loc: madrid, want: ts("2024-05-01T08:30:00Z")},
		{in: "2024-01-01 10:30:00", loc: madrid, want: ts("2024-01-01T09:30:00Z")},
		{in: "2024-05-01T10:30:00Z", loc: madrid, want: ts("2024-05-01T10:30:00Z")},
		{in: "1714559400", want: ts("2024-05-01T10:30:00Z")},
		{in: "1714559400.5", want: ts("2024-05-01T10:30:00.5Z")},
		{in: "1714559400123", want: ts("2024-05-01T10:30:00.123Z")},
		{in: "1714559400123456", want: ts("2024-05-01T10:30:00.123456Z")},
		{in: "1714559400123456789", want: ts("2024-05-01T10:30:00.123456789Z")},
		{in: "01/05/2024 10:30", format: "%d/%m/%Y %H:%M", want: ts("2024-05-01T10:30:00Z")},
		{in: "01/05/2024 10:30:00.25", format: "%d/%m/%Y %H:%M:%S.%f", want: ts("2024-05-01T10:30:00.25Z")},
		{in: "01/05/2024 10:30", format: "%d/%m/%Y %H:%M", loc: madrid, want: ts("2024-05-01T08:30:00Z")},
		{in: "01-05-2024 10:30:00", format: "02-01-2006 15:04:05", want: ts("2024-05-01T10:30:00Z")},
		{in: "1714559400", format: "unix", want: ts("2024-05-01T10:30:00Z")},
		{in: "1714559400", format: "unix_ms", want: ts("1970-01-20T20:15:59.4Z")},
		{in: "2024-05-01", format: "%d/%m/%Y", bad: true},
		{in: "", bad: true},
		{in: "mañana", bad: true},
		{in: "2024-13-01", bad: true},
		{in: "2024-02-30", bad: true},
		{in: "2023-02-29", bad: true},
		{in: "2024-05-01T25:00:00", bad: true},
		{in: "2024-05-01T10:60:00", bad: true},
		{in: "2024-05-01T10:30:00+", bad: true},
		{in: "2024-05-01T10:30:00Zjunk", bad: true},
		{in: "2024-05-01T10:30:00.", bad: true},
		{in: "30-12-2010 11:02:00", bad: true},
		{in: "1500-01-01", bad: true},
		{in: "1e400", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.in+"|"+tt.format, func(t *testing.T) {
			p, err := newTimeParser(tt.format, tt.loc)
			if err != nil {
				t.Fatal(err)
			}
			got, reason := p.parse([]byte(tt.in))
			if tt.bad {
				if reason == "" {
					t.Errorf("parse(%q) = %d, want an error", tt.in, got)
				}
				return
			}
			if reason != "" || got != tt.want {
				t.Errorf("parse(%q) = %v (%s), want %v", tt.in, time.Unix(0, got).UTC(), reason, time.Unix(0, tt.want).UTC())
			}
		})
	}
}

func TestTimestampFormatErrors(t *testing.T) {
	for _, f := range []string{"%Q", "%Y-%m-%d %", "%f", "hello", "15:04"} {
		if _, err := newTimeParser(f, nil); err == nil {
			t.Errorf("format %q accepted", f)
		}
	}
	_, _, err := readAll(t, "x.csv", []byte("case,activity,timestamp\n1,a,2024-01-01\n"), Options{TimestampFormat: "%Q"})
	if !IsUsage(err) {
		t.Errorf("bad format: err = %v, want a usage error", err)
	}
}

// csvLog reads a CSV text and returns its events as "case|activity|time|row" lines.
func csvLog(t *testing.T, name, text string, opt Options) ([]Event, *Stats, error) {
	t.Helper()
	return readAll(t, name, []byte(text), opt)
}

func TestColumnMatching(t *testing.T) {
	tests := []struct {
		name    string
		header  string
		cols    Columns
		want    [3]string // case, activity, channel of the first event
		errHas  []string
		usage   bool
		warnHas string
	}{
		{name: "pm4py", header: "case:concept:name,concept:name,time:timestamp,channel", want: [3]string{"C1", "A", "web"}},
		{name: "spanish", header: "cliente_id;actividad;fecha;canal", want: [3]string{"C1", "A", "web"}},
		{name: "case-insensitive", header: "Customer_ID,Activity,Timestamp,Channel", want: [3]string{"C1", "A", "web"}},
		{name: "spaces", header: "Case ID\tActivity\tTime\tCanal", want: [3]string{"C1", "A", "web"}},
		{name: "explicit", header: "who,what,when,where", cols: Columns{Case: "who", Activity: "what", Timestamp: "when", Channel: "where"}, want: [3]string{"C1", "A", "web"}},
		{name: "explicit-fold", header: "Who,What,When,Where", cols: Columns{Case: "who", Activity: "WHAT", Timestamp: "when", Channel: "where"}, want: [3]string{"C1", "A", "web"}},
		{name: "exact-beats-fold", header: "id,ID,activity,timestamp", cols: Columns{Case: "ID"}, want: [3]string{"C1", "A", ""}},
		{name: "ambiguous", header: "Id,ID,activity,timestamp", cols: Columns{Case: "id"}, errHas: []string{`"id" matches both "Id" and "ID"`}, usage: true},
		{name: "did-you-mean", header: "customer_id,activity,timestamp,chanel", cols: Columns{Channel: "channnel"}, errHas: []string{`no column "channnel" for channel`, `did you mean "chanel"?`, `the header has: "customer_id", "activity", "timestamp", "chanel"`}, usage: true},
		{name: "missing-default", header: "cust,activity,timestamp", errHas: []string{"no case column", `"case_id"`, `the header has: "cust", "activity", "timestamp"`}, usage: true},
		{name: "missing-default-suggest", header: "cas_id,activity,timestamp", errHas: []string{"no case column", `did you mean "cas_id"?`}, usage: true},
		{name: "missing-timestamp", header: "case,activity,channel", errHas: []string{"no timestamp column"}, usage: true},
		{name: "missing-attr", header: "case,activity,timestamp,channel", cols: Columns{Attrs: []string{"chanel"}}, errHas: []string{`no column "chanel" for an attribute`, `did you mean "channel"?`}, usage: true},
		{name: "duplicate", header: "case,activity,timestamp,channel,channel", want: [3]string{"C1", "A", "web"}, warnHas: `columns 4 and 5 are both named "channel"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			delim := string(detectDelimiter([]byte(tt.header)))
			n := strings.Count(tt.header, delim) + 1
			vals := []string{"C1", "A", "2024-05-01T10:00:00Z", "web", "web"}
			if tt.name == "exact-beats-fold" {
				vals = []string{"A", "C1", "A", "2024-05-01T10:00:00Z"}
			}
			text := tt.header + "\n" + strings.Join(vals[:n], delim) + "\n"
			evs, st, err := csvLog(t, "log.csv", text, Options{Columns: tt.cols})
			if len(tt.errHas) > 0 {
				if err == nil {
					t.Fatalf("no error, want one with %q", tt.errHas)
				}
				for _, s := range tt.errHas {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q lacks %q", err, s)
					}
				}
				if IsUsage(err) != tt.usage {
					t.Errorf("usage = %v, want %v", IsUsage(err), tt.usage)
				}
				if !strings.HasPrefix(err.Error(), "log.csv:1: ") {
					t.Errorf("error %q does not start with log.csv:1:", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) != 1 {
				t.Fatalf("%d events", len(evs))
			}
			if got := [3]string{evs[0].Case, evs[0].Activity, evs[0].Channel}; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if tt.warnHas != "" && !strings.Contains(strings.Join(st.Warnings, "\n"), tt.warnHas) {
				t.Errorf("warnings %q lack %q", st.Warnings, tt.warnHas)
			}
		})
	}
}

func TestCSVShapes(t *testing.T) {
	type ev struct {
		Case, Activity string
		Row            int64
	}
	tests := []struct {
		name string
		text string
		want []ev
		bad  []BadRow
		warn string
	}{
		{name: "bom-crlf", text: "\xef\xbb\xbfcase,activity,timestamp\r\n1,a,2024-01-01\r\n2,b,2024-01-02\r\n",
			want: []ev{{"1", "a", 2}, {"2", "b", 3}}},
		{name: "quotes", text: "case,activity,timestamp\n1,\"pago, \"\"con\"\" tarjeta\",2024-01-01\n\"2\",\"línea\r\nde dos\",2024-01-02\n3,c,2024-01-03\n",
			want: []ev{{"1", `pago, "con" tarjeta`, 2}, {"2", "línea\nde dos", 3}, {"3", "c", 5}}},
		{name: "blank-lines", text: "\n\ncase;activity;timestamp\n\n1;a;2024-01-01\n\n\n2;b;2024-01-02",
			want: []ev{{"1", "a", 5}, {"2", "b", 8}}},
		{name: "pipe", text: "case|activity|timestamp\n1|a|2024-01-01\n", want: []ev{{"1", "a", 2}}},
		{name: "tab", text: "case\tactivity\ttimestamp\n1\ta, b\t2024-01-01\n", want: []ev{{"1", "a, b", 2}}},
		{name: "ragged", text: "case,activity,timestamp,channel\n1,a,2024-01-01\n2,b\n3,c,2024-01-03,web,extra\n",
			want: []ev{{"1", "a", 2}, {"3", "c", 4}},
			bad:  []BadRow{{Row: 3, Reason: "the row has 2 fields; the header has 4"}},
		}, {name: "ragged-attr", text: "case,activity,timestamp,channel\n1,a,2024-01-01\n",
			want: []ev{{"1", "a", 2}},
			warn: "log.csv:2: 1 row does not have the header's 4 fields (it has 3)"},
		{name: "ragged-count", text: "case,activity,timestamp,channel\n1,a,2024-01-01\n2,b\n3,c,2024-01-03,web,extra\n",
			want: []ev{{"1", "a", 2}, {"3", "c", 4}},
			bad:  []BadRow{{Row: 3, Reason: "the row has 2 fields; the header has 4"}},
			warn: "log.csv:2: 3 rows do not have the header's 4 fields (the first has 3)"},
		{name: "bad-values", text: "case,activity,timestamp\n,a,2024-01-01\n2,,2024-01-02\n3,c,ayer\n4,d,\n5,e,2024-01-05\n",
			want: []ev{{"5", "e", 6}},
			bad: []BadRow{{Row: 2, Column: "case", Reason: "empty case id"}, {Row: 3, Column: "activity", Reason: "empty activity"},
				{Row: 4, Column: "timestamp", Value: "ayer", Reason: reasonBadTime}, {Row: 5, Column: "timestamp", Reason: reasonNoTime}}},
		{name: "spanish", text: "cliente,evento,fecha,canal\nJosé Muñoz,Reclamación,2024-01-01,teléfono\n", want: []ev{{"José Muñoz", "Reclamación", 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, st, err := csvLog(t, "log.csv", tt.text, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []ev
			for _, e := range evs {
				got = append(got, ev{e.Case, e.Activity, e.Row})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("events = %v, want %v", got, tt.want)
			}
			if !reflect.DeepEqual(st.Bad, tt.bad) {
				t.Errorf("bad = %+v, want %+v", st.Bad, tt.bad)
			}
			if st.Rows != st.Events+st.Skipped+st.BadCount {
				t.Errorf("stats do not add up: %+v", st)
			}
			if tt.warn != "" && !strings.Contains(strings.Join(st.Warnings, "\n"), tt.warn) {
				t.Errorf("warnings %q lack %q", st.Warnings, tt.warn)
			}
		})
	}
}

func TestCSVMalformed(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"bare-quote", "case,activity,timestamp\n1,a,2024-01-01\n2,b\"c,2024-01-02\n", `log.csv:3: bare " in non-quoted field`},
		{"open-quote", "case,activity,timestamp\n1,a,2024-01-01\n2,\"b,2024-01-02\n", `log.csv:3: extraneous or missing " in quoted field`},
		{"empty", "", "log.csv: empty log: no header row"},
		{"blank", "\n\n", "log.csv: empty log: no header row"},
		{"header-only", "case,activity,timestamp\n", "log.csv: empty log: a header but no rows"},
		{"utf16", "\xff\xfec\x00a\x00s\x00e\x00", "log.csv: the log is UTF-16 (little-endian) text; save or convert it as UTF-8"},
		{"utf16 without a BOM", "c\x00a\x00s\x00e\x00,\x00a\x00\n\x00", "log.csv: the log is UTF-16 (little-endian) text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := csvLog(t, "log.csv", tt.text, Options{})
			var e *Error
			if !errors.As(err, &e) || e.Usage {
				t.Fatalf("err = %#v, want a data *Error", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("err = %q, want %q...", err, tt.want)
			}
		})
	}
}

func TestStrictAndMaxBadRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("case,activity,timestamp\n")
	for i := range 20 {
		if i%2 == 1 {
			fmt.Fprintf(&b, "%d,a,nope\n", i)
		} else {
			fmt.Fprintf(&b, "%d,a,2024-01-01\n", i)
		}
	}
	_, st, err := csvLog(t, "log.csv", b.String(), Options{MaxBadRows: 3})
	if err != nil {
		t.Fatal(err)
	}
	if st.BadCount != 10 || len(st.Bad) != 3 || st.Bad[0].Row != 3 || st.Bad[2].Row != 7 || st.Events != 10 {
		t.Errorf("stats = %+v", st)
	}
	_, _, err = csvLog(t, "log.csv", b.String(), Options{Strict: true})
	if err == nil || !strings.HasPrefix(err.Error(), `log.csv:3: timestamp "nope": not a timestamp`) {
		t.Errorf("strict: err = %v", err)
	}
	_, _, err = csvLog(t, "log.csv", "case,activity,timestamp\n1,a,2024-01-01,x\n", Options{Strict: true})
	if err == nil || !strings.Contains(err.Error(), "log.csv:2: the row has 4 fields; the header has 3") {
		t.Errorf("strict ragged: err = %v", err)
	}
}

func TestFilters(t *testing.T) {
	text := "case,activity,timestamp,lifecycle:transition\n" +
		"1,a,2024-01-01,start\n1,a,2024-01-02,COMPLETE\n1,b,2024-01-03,\n1,c,2024-01-04,complete\n1,d,2024-01-05,schedule\n"
	evs, st, err := csvLog(t, "log.csv", text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 3 || st.Skipped != 2 || evs[0].Lifecycle != "complete" || evs[1].Lifecycle != "" {
		t.Errorf("complete: %d events, stats %+v, %+v", len(evs), st, evs)
	}
	evs, st, err = csvLog(t, "log.csv", text, Options{Lifecycle: "all"})
	if err != nil || len(evs) != 5 || st.Skipped != 0 || evs[0].Lifecycle != "start" {
		t.Errorf("all: %d events, %v", len(evs), err)
	}
	evs, st, err = csvLog(t, "log.csv", text, Options{Lifecycle: "all", Since: ts("2024-01-02T00:00:00Z"), Until: ts("2024-01-04T00:00:00Z")})
	if err != nil || len(evs) != 2 || st.Skipped != 3 || evs[0].Activity != "a" || evs[1].Activity != "b" {
		t.Errorf("since/until: %+v, %+v, %v", evs, st, err)
	}
	if _, _, err := csvLog(t, "log.csv", text, Options{Lifecycle: "some"}); !IsUsage(err) {
		t.Errorf("bad lifecycle: %v", err)
	}
}

func gz(b []byte) []byte {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(b)
	zw.Close()
	return z.Bytes()
}

func TestGzip(t *testing.T) {
	var b strings.Builder
	b.WriteString("case,activity,timestamp\n")
	for i := range 50000 {
		fmt.Fprintf(&b, "%d,actividad %d,2024-01-01T00:00:%02dZ\n", i%977, i%13, i%60)
	}
	z := gz([]byte(b.String()))
	evs, _, err := readAll(t, "log.csv.gz", z, Options{})
	if err != nil || len(evs) != 50000 {
		t.Fatalf("whole: %d events, %v", len(evs), err)
	}
	// Detected from the magic, whatever the name.
	if evs, _, err := readAll(t, "log", z, Options{}); err != nil || len(evs) != 50000 {
		t.Fatalf("by magic: %d events, %v", len(evs), err)
	}
	for _, cut := range []int{len(z) - 4, len(z) / 2, 30} {
		_, st, err := readAll(t, "log.csv.gz", z[:cut], Options{})
		if err == nil {
			t.Fatalf("truncated at %d: no error (%d rows)", cut, st.Rows)
		}
		if !strings.HasPrefix(err.Error(), "log.csv.gz: truncated gzip data") || (cut > 1000 && !strings.Contains(err.Error(), "rows read before")) {
			t.Errorf("truncated at %d: %v", cut, err)
		}
	}
	bad := append([]byte{}, z...)
	bad[3] = 0xff // reserved flag bits
	if _, _, err := readAll(t, "log.csv.gz", bad, Options{}); err == nil || !strings.Contains(err.Error(), "not valid gzip data") {
		t.Errorf("corrupt header: %v", err)
	}
	if _, _, err := readAll(t, "log.csv.gz", []byte("case,activity\n"), Options{}); err == nil || !strings.Contains(err.Error(), "log.csv.gz: not valid gzip data") {
		t.Errorf("not gzip: %v", err)
	}
	if _, _, err := readAll(t, "log.csv.gz", nil, Options{}); err == nil || !strings.Contains(err.Error(), "empty gzip file") {
		t.Errorf("empty: %v", err)
	}
	flip := append([]byte{}, z...)
	flip[len(flip)-6] ^= 0xff // the CRC
	if _, _, err := readAll(t, "log.csv.gz", flip, Options{}); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("bad checksum: %v", err)
	}
}

// TestChunks checks that small chunks and several workers give the same
// events, rows and bad rows as one big chunk.
func TestChunks(t *testing.T) {
	var b strings.Builder
	b.WriteString("case,activity,timestamp,channel\r\n")
	for i := range 3000 {
		switch i % 97 {
		case 5:
			fmt.Fprintf(&b, "%d,\"multi\nline, \"\"quoted\"\"\",2024-01-01T00:00:00Z,web\r\n", i)
		case 7:
			fmt.Fprintf(&b, "%d,a,bad time,web\r\n", i)
		case 9:
			b.WriteString("\r\n")
		default:
			fmt.Fprintf(&b, "%d,act %d,2024-01-01T00:%02d:00Z,canal %d\r\n", i%101, i%7, i%60, i%3)
		}
	}
	data := []byte(b.String())
	ref, refSt, err := readAll(t, "log.csv", data, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	old := chunkSize
	defer func() { chunkSize = old }()
	for _, size := range []int{64, 100, 1000, 4096} {
		chunkSize = size
		for _, w := range []int{1, 2, 4} {
			evs, st, err := readAll(t, "log.csv", data, Options{Workers: w, MaxBadRows: 100})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(evs, ref) {
				t.Fatalf("chunk %d, %d workers: events differ", size, w)
			}
			if st.Rows != refSt.Rows || st.BadCount != refSt.BadCount || !reflect.DeepEqual(st.Bad[:len(refSt.Bad)], refSt.Bad) {
				t.Fatalf("chunk %d, %d workers: stats %+v, want %+v", size, w, st, refSt)
			}
		}
	}
	// JSON Lines too.
	var j strings.Builder
	for i := range 2000 {
		if i%50 == 3 {
			j.WriteString("{not json}\n")
			continue
		}
		fmt.Fprintf(&j, `{"case":"c%d","activity":"a\u00f1o %d","timestamp":%d}`+"\n", i%31, i%5, 1714559400+i)
	}
	chunkSize = old
	jref, _, err := readAll(t, "log.jsonl", []byte(j.String()), Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	chunkSize = 128
	jevs, jst, err := readAll(t, "log.jsonl", []byte(j.String()), Options{Workers: 3})
	if err != nil || !reflect.DeepEqual(jevs, jref) || len(jevs) != 1960 || jst.BadCount != 40 || jst.Bad[0].Row != 4 {
		t.Fatalf("jsonl chunks: %d events, %+v, %v", len(jevs), jst, err)
	}
}

func TestJSONL(t *testing.T) {
	text := "\n{\"customer_id\": 42, \"event\": \"Compra en línea\", \"timestamp\": \"2024-05-01T10:00:00Z\", \"canal\": \"web\", \"extra\": {\"a\": [1,2]}}\n" +
		"   \n" +
		"{\"customer_id\": \"43\", \"event\": \"Devoluci\\u00f3n\", \"timestamp\": 1714559400, \"canal\": null, \"extra\": true}\r\n" +
		"{\"customer_id\": 44, \"event\": \"x\", \"timestamp\": \"2024-05-01\"\n" +
		"[1,2]\n"
	evs, st, err := readAll(t, "log.jsonl", []byte(text), Options{Columns: Columns{Attrs: []string{"extra"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Case != "42" || evs[0].Activity != "Compra en línea" || evs[0].Channel != "web" || evs[0].Row != 2 ||
		evs[0].Attrs["extra"] != `{"a": [1,2]}` || evs[1].Activity != "Devolución" || evs[1].Time != ts("2024-05-01T10:30:00Z") || evs[1].Row != 4 || evs[1].Attrs["extra"] != "true" {
		t.Errorf("events: %+v", evs)
	}
	if st.BadCount != 2 || st.Bad[0].Row != 5 || !strings.HasPrefix(st.Bad[0].Reason, "bad JSON") || st.Bad[1].Row != 6 {
		t.Errorf("bad: %+v", st.Bad)
	}
	if _, _, err := readAll(t, "log.jsonl", []byte("[{\"a\":1}]\n"), Options{}); err == nil || !strings.Contains(err.Error(), "log.jsonl:1: not JSON Lines") {
		t.Errorf("array: %v", err)
	}
	if _, _, err := readAll(t, "log.jsonl", []byte("{\"case\":1,\"activity\":\"a\",\"timestamp\":1}\n"), Options{Columns: Columns{Channel: "chanel"}}); !IsUsage(err) || !strings.Contains(err.Error(), `no key "chanel" for channel`) {
		t.Errorf("missing key: %v", err)
	}
	if _, _, err := readAll(t, "log.jsonl", []byte("\n \n"), Options{}); err == nil || !strings.Contains(err.Error(), "empty log") {
		t.Errorf("empty: %v", err)
	}
}

func TestSniffAndParquetStream(t *testing.T) {
	csv := []byte("case,activity,timestamp\n1,a,2024-01-01\n")
	jsonl := []byte(`{"case":"1","activity":"a","timestamp":"2024-01-01"}` + "\n")
	xes := []byte(`<log><trace><string key="concept:name" value="1"/><event><string key="concept:name" value="a"/><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event></trace></log>`)
	for name, data := range map[string][]byte{"csv": csv, "jsonl": jsonl, "xes": xes, "xes.gz": gz(xes)} {
		evs, st, err := readAll(t, "stdin", data, Options{})
		if err != nil || len(evs) != 1 || evs[0].Case != "1" || evs[0].Activity != "a" || evs[0].Time != ts("2024-01-01T00:00:00Z") {
			t.Errorf("%s: %+v %v", name, evs, err)
		}
		if want := strings.TrimSuffix(name, ".gz"); st.Format.String() != want {
			t.Errorf("%s: format %v", name, st.Format)
		}
	}
	_, err := Read(context.Background(), "log.parquet", io.MultiReader(bytes.NewReader(csv)), Options{}, func([]Event) error { return nil })
	if !IsUsage(err) || !strings.Contains(err.Error(), "random access") {
		t.Errorf("parquet stream: %v", err)
	}
}

func TestCancelAndCallbackError(t *testing.T) {
	var b strings.Builder
	b.WriteString("case,activity,timestamp\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "%d,a,2024-01-01\n", i)
	}
	old := chunkSize
	chunkSize = 4096
	defer func() { chunkSize = old }()
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := Read(ctx, "log.csv", strings.NewReader(b.String()), Options{}, func([]Event) error {
		calls++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Errorf("cancel: err %v after %d calls", err, calls)
	}
	stop := errors.New("stop")
	_, err = Read(context.Background(), "log.csv", strings.NewReader(b.String()), Options{}, func([]Event) error { return stop })
	if err != stop {
		t.Errorf("callback error: %v", err)
	}
}
