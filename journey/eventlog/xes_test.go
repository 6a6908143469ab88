package eventlog

import (
	"bytes"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

func TestXESNotWellFormed(t *testing.T) {
	head := "<?xml version=\"1.0\"?>\n<log>\n<trace><string key=\"concept:name\" value=\"1\"/>\n"
	tests := []struct {
		name, doc, want string
	}{
		{"mismatch", head + "<event>\n</trace>", "log.xes:5:1: XML is not well-formed: </trace> closes <event>"},
		{"unclosed", head + "<event><string key=\"a\" value=\"b\"/></event>", "log.xes:4:43: XML is not well-formed: unexpected end of input: <trace> is not closed"},
		{"unquoted", head + "<event><string key=a value=\"b\"/>", "log.xes:4:20: XML is not well-formed: the value of key is not quoted"},
		{"bad-entity", head + "<event><string key=\"a\" value=\"b &nbsp; c\"/>", "log.xes:4:33: XML is not well-formed: unknown entity &nbsp;"},
		{"bare-amp", head + "<event><string key=\"a\" value=\"b & c\"/>", "log.xes:4:33: XML is not well-formed: & not followed by a reference"},
		{"lt-in-value", head + "<event><string key=\"a\" value=\"a<b\"/>", "log.xes:4:32: XML is not well-formed: < in an attribute value"},
		{"duplicate-attr", head + "<event><string key=\"a\" key=\"b\"/>", "log.xes:4:24: XML is not well-formed: duplicate attribute key"},
		{"accents-col", head + "<event><string key=\"año\" value=\"señor\" x/>", "log.xes:4:41: XML is not well-formed: want = after the attribute x"},
		{"open-comment", head + "<!-- no end", "log.xes:4:1: XML is not well-formed: a comment is not closed"},
		{"two-roots", "<log></log>\n<log></log>", "log.xes:2:1: XML is not well-formed: a second root element <log>"},
		{"text-outside", "<log></log>\nhola", "log.xes:2:1: XML is not well-formed: text outside the root element"},
		{"stray-end", "<log></log></trace>", "log.xes:1:12: XML is not well-formed: </trace> closes nothing"},
		{"bad-name", "<log><1a/></log>", "log.xes:1:7: XML is not well-formed: a name cannot start with '1'"},
		{"not-xes", "<html></html>", "log.xes:1:1: not an XES log: the root element is <html>, want <log>"},
		{"truncated-tag", head + "<event><string key=\"a\" val", "log.xes:4:8: XML is not well-formed: a start tag is not closed"},
		{"empty", "  \n", "log.xes: empty log: no XML element"},
		{"no-events", "<log><trace></trace></log>", "log.xes: empty log: no events"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, "log.xes", []byte(tt.doc), Options{})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("err = %v\nwant %s...", err, tt.want)
			}
			if IsUsage(err) {
				t.Errorf("usage error for bad data")
			}
		})
	}
}

func TestXESSemantics(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE log>
<log xes.version="1.0">
  <global scope="event"><string key="concept:name" value="GLOBAL"/></global>
  <string key="concept:name" value="log name"/>
  <trace>
    <string key="concept:name" value="Cliente &#209;o&#x00F1;o"/>
    <string key="canal" value="web"/>
    <string key="segment" value="pyme"/>
    <event>
      <string key="concept:name" value="Alta &amp; registro"/>
      <date key="time:timestamp" value="2024-05-01T10:00:00.000+02:00"/>
      <string key="lifecycle:transition" value="START"/>
    </event>
    <event>
      <container key="meta"><string key="concept:name" value="nested, ignored"/></container>
      <list key="items"><values><string key="concept:name" value="in a list"/></values></list>
      <string key="concept:name" value="Alta &amp; registro"><string key="concept:name" value="nested"/></string>
      <date key="time:timestamp" value="2024-05-01T11:00:00Z"/>
      <string key="lifecycle:transition" value="Complete"/>
      <string key="org:resource" value="Ana"/>
      <string key="canal" value="teléfono"/>
      <boolean key="vip" value="true"/>
    </event>
    <event><string key="concept:name" value="sin fecha"/></event>
    <event><string key="concept:name" value="cierre"/><date key="time:timestamp" value="2024-05-02T00:00:00Z"/><![CDATA[ <ignored> ]]></event>
  </trace>
</log>
`
	evs, st, err := readAll(t, "log.xes", []byte(doc), Options{Columns: Columns{Attrs: []string{"segment", "vip"}}, MaxBadRows: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || st.Skipped != 1 || st.BadCount != 1 || st.Rows != 4 {
		t.Fatalf("events %+v, stats %+v", evs, st)
	}
	e := evs[0]
	if e.Case != "Cliente Ñoño" || e.Activity != "Alta & registro" || e.Time != ts("2024-05-01T11:00:00Z") || e.Lifecycle != "complete" ||
		e.Resource != "Ana" || e.Channel != "teléfono" || e.Attrs["segment"] != "pyme" || e.Attrs["vip"] != "true" || e.Row != 15 {
		t.Errorf("first event: %+v", e)
	}
	if e := evs[1]; e.Channel != "web" || e.Activity != "cierre" || e.Attrs["vip"] != "" {
		t.Errorf("second event: %+v", e)
	}
	if b := st.Bad[0]; b.Row != 25 || b.Column != "time:timestamp" || b.Reason != reasonNoTime {
		t.Errorf("bad row: %+v", b)
	}
	// Lifecycle "all" keeps the start event.
	evs, _, err = readAll(t, "log.xes", []byte(doc), Options{Lifecycle: "all"})
	if err != nil || len(evs) != 3 || evs[0].Lifecycle != "start" {
		t.Errorf("all: %+v %v", evs, err)
	}
	// An explicit key that no event has.
	_, _, err = readAll(t, "log.xes", []byte(doc), Options{Columns: Columns{Activity: "concept:nme"}})
	if !IsUsage(err) || !strings.Contains(err.Error(), `did you mean "concept:name"?`) {
		t.Errorf("missing key: %v", err)
	}
	// A trace attribute as the case id.
	evs, _, err = readAll(t, "log.xes", []byte(doc), Options{Columns: Columns{Case: "segment"}})
	if err != nil || len(evs) != 2 || evs[0].Case != "pyme" {
		t.Errorf("case from segment: %+v %v", evs, err)
	}
}

// TestXESBuffering reads a log bigger than the scanner's buffer, with long
// values across refills, and checks lines.
func TestXESBuffering(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("<log>\n")
	long := strings.Repeat("ñ", 40000)
	n := 0
	for i := range 3000 {
		b.WriteString("<trace><string key=\"concept:name\" value=\"c\"/>\n")
		for j := range 3 {
			v := "a"
			if (i*3+j)%1000 == 7 {
				v = long
			}
			b.WriteString("<event><string key=\"concept:name\" value=\"" + v + "\"/><date key=\"time:timestamp\" value=\"2024-01-01T00:00:00Z\"/></event>\n")
			n++
		}
		b.WriteString("</trace>\n")
	}
	b.WriteString("</log>")
	evs, _, err := readAll(t, "log.xes", b.Bytes(), Options{})
	if err != nil || len(evs) != n {
		t.Fatalf("%d events, %v", len(evs), err)
	}
	if evs[7].Activity != long || evs[7].Row != 14 || evs[n-1].Row != 15000 {
		t.Errorf("rows %d %d", evs[7].Row, evs[n-1].Row)
	}
	// An error late in the file has the right line.
	bad := append(b.Bytes()[:b.Len()-len("</log>")], []byte("<event></trace>")...)
	_, _, err = readAll(t, "log.xes", bad, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "log.xes:15002:8: ") {
		t.Errorf("late error: %v", err)
	}
}

func TestParquetTypes(t *testing.T) {
	type boolTime struct {
		Case     string `parquet:"case_id"`
		Activity string `parquet:"activity"`
		TS       bool   `parquet:"timestamp"`
	}
	type floatCase struct {
		Case     float64 `parquet:"case_id"`
		Activity string  `parquet:"activity"`
		TS       int64   `parquet:"timestamp"`
	}
	type list struct {
		Case     string   `parquet:"case_id"`
		Activity []string `parquet:"activity,list"`
		TS       int64    `parquet:"timestamp"`
	}
	type ints struct {
		Case     int64   `parquet:"case_id"`
		Activity string  `parquet:"activity"`
		TS       int64   `parquet:"timestamp"`
		Date     int32   `parquet:"day,date"`
		Text     *string `parquet:"text_ts,optional"`
		Score    float64 `parquet:"score"`
	}
	write := func(rows any) []byte {
		var b bytes.Buffer
		var err error
		switch r := rows.(type) {
		case []boolTime:
			err = parquet.Write(&b, r)
		case []floatCase:
			err = parquet.Write(&b, r)
		case []list:
			err = parquet.Write(&b, r)
		case []ints:
			err = parquet.Write(&b, r)
		}
		if err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	_, _, err := readAll(t, "log.parquet", write([]boolTime{{"1", "a", true}}), Options{})
	if err == nil || IsUsage(err) || !strings.Contains(err.Error(), `log.parquet: column "timestamp" (timestamp) has type BOOLEAN`) {
		t.Errorf("bool time: %v", err)
	}
	_, _, err = readAll(t, "log.parquet", write([]floatCase{{1.5, "a", 1}}), Options{})
	if err == nil || !strings.Contains(err.Error(), `column "case_id" (case) has type DOUBLE: want a string or an integer`) {
		t.Errorf("float case: %v", err)
	}
	_, _, err = readAll(t, "log.parquet", write([]list{{"1", []string{"a"}, 1}}), Options{Columns: Columns{Activity: "activity.list.element"}})
	if err == nil || !strings.Contains(err.Error(), "repeated") {
		t.Errorf("list: %v", err)
	}
	s := "2024-05-01 10:30:00"
	data := write([]ints{{42, "compra", 1714559400123, 19844, &s, 0.5}, {43, "baja", 1714559400, 19845, nil, 1}})
	evs, st, err := readAll(t, "log.parquet", data, Options{Columns: Columns{Attrs: []string{"score"}}})
	if err != nil || len(evs) != 2 || evs[0].Case != "42" || evs[0].Time != ts("2024-05-01T10:30:00.123Z") || evs[1].Time != ts("2024-05-01T10:30:00Z") || evs[0].Attrs["score"] != "0.5" || evs[1].Row != 2 {
		t.Errorf("ints: %+v %+v %v", evs, st, err)
	}
	evs, _, err = readAll(t, "log.parquet", data, Options{Columns: Columns{Timestamp: "day"}})
	if err != nil || evs[1].Time != ts("2024-05-02T00:00:00Z") {
		t.Errorf("date: %+v %v", evs, err)
	}
	evs, st, err = readAll(t, "log.parquet", data, Options{Columns: Columns{Timestamp: "text_ts"}})
	if err != nil || len(evs) != 1 || evs[0].Time != ts("2024-05-01T10:30:00Z") || st.BadCount != 1 || st.Bad[0].Row != 2 {
		t.Errorf("text: %+v %+v %v", evs, st, err)
	}
	_, _, err = readAll(t, "log.parquet", data, Options{Columns: Columns{Channel: "canal"}})
	if !IsUsage(err) || !strings.Contains(err.Error(), `no column "canal" for channel`) {
		t.Errorf("missing: %v", err)
	}
	_, _, err = readAll(t, "log.parquet", data[:len(data)-10], Options{})
	if err == nil || !strings.Contains(err.Error(), "log.parquet: not a readable Parquet file") {
		t.Errorf("truncated: %v", err)
	}
	_, _, err = readAll(t, "log.parquet", write([]ints{}), Options{})
	if err == nil || !strings.Contains(err.Error(), "empty log") {
		t.Errorf("empty: %v", err)
	}
}
