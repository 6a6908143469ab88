package eventlog

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

var update = flag.Bool("update", false, "rewrite the testdata fixtures")

// runningEvent is one event of the running example of process mining
// (W. van der Aalst, Process Mining, table 1.1): 6 cases, 42 events.
type runningEvent struct {
	id       string
	at       string // local time, +01:00
	activity string
	resource string
	cost     int
}

var runningExample = []struct {
	caseID string
	events []runningEvent
}{
	{"1", []runningEvent{
		{"35654423", "2010-12-30 11:02", "register request", "Pete", 50},
		{"35654424", "2010-12-31 10:06", "examine thoroughly", "Sue", 400},
		{"35654425", "2011-01-05 15:12", "check ticket", "Mike", 100},
		{"35654426", "2011-01-06 11:18", "decide", "Sara", 200},
		{"35654427", "2011-01-07 14:24", "reject request", "Pete", 200},
	}},
	{"2", []runningEvent{
		{"35654483", "2010-12-30 11:32", "register request", "Mike", 50},
		{"35654485", "2010-12-30 12:12", "check ticket", "Mike", 100},
		{"35654487", "2010-12-30 14:16", "examine casually", "Pete", 400},
		{"35654488", "2011-01-05 11:22", "decide", "Sara", 200},
		{"35654489", "2011-01-08 12:05", "pay compensation", "Ellen", 200},
	}},
	{"3", []runningEvent{
		{"35654521", "2010-12-30 14:32", "register request", "Pete", 50},
		{"35654522", "2010-12-30 15:06", "examine casually", "Mike", 400},
		{"35654524", "2010-12-30 16:34", "check ticket", "Ellen", 100},
		{"35654525", "2011-01-06 09:18", "decide", "Sara", 200},
		{"35654526", "2011-01-06 12:18", "reinitiate request", "Sara", 200},
		{"35654527", "2011-01-06 13:06", "examine thoroughly", "Sean", 400},
		{"35654530", "2011-01-08 11:43", "check ticket", "Pete", 100},
		{"35654531", "2011-01-09 09:55", "decide", "Sara", 200},
		{"35654533", "2011-01-15 10:45", "pay compensation", "Ellen", 200},
	}},
	{"4", []runningEvent{
		{"35654641", "2011-01-06 15:02", "register request", "Pete", 50},
		{"35654643", "2011-01-07 12:06", "check ticket", "Mike", 100},
		{"35654644", "2011-01-08 14:43", "examine thoroughly", "Sean", 400},
		{"35654645", "2011-01-09 12:02", "decide", "Sara", 200},
		{"35654647", "2011-01-12 15:44", "reject request", "Ellen", 200},
	}},
	{"5", []runningEvent{
		{"35654711", "2011-01-06 09:02", "register request", "Ellen", 50},
		{"35654712", "2011-01-07 10:16", "examine casually", "Mike", 400},
		{"35654714", "2011-01-08 11:22", "check ticket", "Pete", 100},
		{"35654715", "2011-01-10 13:28", "decide", "Sara", 200},
		{"35654716", "2011-01-11 16:18", "reinitiate request", "Sara", 200},
		{"35654718", "2011-01-14 14:33", "check ticket", "Ellen", 100},
		{"35654719", "2011-01-16 15:50", "examine casually", "Mike", 400},
		{"35654720", "2011-01-19 11:18", "decide", "Sara", 200},
		{"35654721", "2011-01-20 12:48", "reinitiate request", "Sara", 200},
		{"35654722", "2011-01-21 09:06", "examine casually", "Sue", 400},
		{"35654724", "2011-01-21 11:34", "check ticket", "Pete", 100},
		{"35654725", "2011-01-23 13:12", "decide", "Sara", 200},
		{"35654726", "2011-01-24 14:56", "reject request", "Mike", 200},
	}},
	{"6", []runningEvent{
		{"35654871", "2011-01-06 15:02", "register request", "Mike", 50},
		{"35654873", "2011-01-06 16:06", "examine casually", "Ellen", 400},
		{"35654874", "2011-01-07 16:22", "check ticket", "Mike", 100},
		{"35654875", "2011-01-07 16:52", "decide", "Sara", 200},
		{"35654877", "2011-01-16 11:47", "pay compensation", "Mike", 200},
	}},
}

// The channels cycle through Spanish names; one note needs quoting and
// escaping in every format.
var (
	channels = []string{"web", "teléfono", "correo electrónico", "oficina"}
	noteText = `señora Muñoz, "VIP" & <urgente>`
)

var cet = time.FixedZone("CET", 3600)

// runningEvents is the example as Events (Row left 0), with the attributes
// the fixtures map: id, cost and note.
func runningEvents() []Event {
	var out []Event
	k := 0
	for _, c := range runningExample {
		for _, e := range c.events {
			t, err := time.ParseInLocation("2006-01-02 15:04", e.at, cet)
			if err != nil {
				panic(err)
			}
			attrs := map[string]string{"id": e.id, "cost": fmt.Sprint(e.cost)}
			if e.id == "35654526" {
				attrs["note"] = noteText
			}
			out = append(out, Event{
				Case: c.caseID, Activity: e.activity, Time: t.UnixNano(),
				Channel: channels[k%len(channels)], Resource: e.resource, Lifecycle: "complete", Attrs: attrs,
			})
			k++
		}
	}
	return out
}

// fixtureColumns maps the fixtures' attributes.
var fixtureColumns = Columns{Attrs: []string{"id", "cost", "note"}}

func csvQuote(s string, delim byte) string {
	if strings.ContainsAny(s, "\"\n\r"+string(delim)) {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

func xmlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case 'ñ':
			b.WriteString("&#241;") // a character reference, to test them
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// writeFixtures writes the running example in every format.
func writeFixtures(t *testing.T) {
	evs := runningEvents()
	// CSV: PM4Py-style names, RFC 3339 with offset, CRLF, BOM.
	var b bytes.Buffer
	b.WriteString("\xef\xbb\xbfcase:concept:name,concept:name,time:timestamp,channel,org:resource,lifecycle:transition,id,cost,note\r\n")
	for _, e := range evs {
		ts := time.Unix(0, e.Time).In(cet).Format("2006-01-02T15:04:05.000-07:00")
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%s,%s\r\n", e.Case, e.Activity, ts, csvQuote(e.Channel, ','), e.Resource, e.Lifecycle, e.Attrs["id"], e.Attrs["cost"], csvQuote(e.Attrs["note"], ','))
	}
	writeFile(t, "running-example.csv", b.Bytes())
	// TSV: Spanish-ish names, UTC times without an offset.
	b.Reset()
	b.WriteString("Case ID\tActividad\tFecha\tCanal\tResource\tid\tcost\tnote\n")
	for _, e := range evs {
		ts := time.Unix(0, e.Time).UTC().Format("2006-01-02 15:04:05")
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Case, e.Activity, ts, e.Channel, e.Resource, e.Attrs["id"], e.Attrs["cost"], csvQuote(e.Attrs["note"], '\t'))
	}
	writeFile(t, "running-example.tsv", b.Bytes())
	// JSON Lines: Unix milliseconds as numbers, case ids as numbers.
	b.Reset()
	for _, e := range evs {
		m := map[string]any{"customer_id": json.Number(e.Case), "event": e.Activity, "timestamp": e.Time / 1e6, "channel": e.Channel,
			"resource": e.Resource, "lifecycle": e.Lifecycle, "id": e.Attrs["id"], "cost": json.Number(e.Attrs["cost"])}
		if n, ok := e.Attrs["note"]; ok {
			m["note"] = n
		}
		line, _ := json.Marshal(m)
		b.Write(line)
		b.WriteByte('\n')
	}
	writeFile(t, "running-example.jsonl", b.Bytes())
	// XES.
	b.Reset()
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" ?>
<!-- The running example of process mining, with Spanish channels -->
<log xes.version="1.0" xes.features="nested-attributes" openxes.version="1.0RC7" xmlns="http://www.xes-standard.org/">
	<extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
	<extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
	<extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
	<extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
	<global scope="trace">
		<string key="concept:name" value="__INVALID__"/>
	</global>
	<global scope="event">
		<string key="concept:name" value="__INVALID__"/>
		<string key="lifecycle:transition" value="complete"/>
	</global>
	<classifier name="MXML Legacy Classifier" keys="concept:name lifecycle:transition"/>
	<string key="concept:name" value="running-example.xes"/>
`)
	i := 0
	for _, c := range runningExample {
		fmt.Fprintf(&b, "\t<trace>\n\t\t<string key=\"concept:name\" value=\"%s\"/>\n\t\t<list key=\"tags\"><values><string key=\"tag\" value=\"x\"/></values></list>\n", c.caseID)
		for range c.events {
			e := evs[i]
			i++
			ts := time.Unix(0, e.Time).In(cet).Format("2006-01-02T15:04:05.000-07:00")
			fmt.Fprintf(&b, "\t\t<event>\n\t\t\t<string key=\"org:resource\" value=\"%s\"/>\n\t\t\t<date key=\"time:timestamp\" value=\"%s\"/>\n", e.Resource, ts)
			fmt.Fprintf(&b, "\t\t\t<string key=\"concept:name\" value=\"%s\"/>\n\t\t\t<string key=\"lifecycle:transition\" value=\"%s\"/>\n", xmlEscape(e.Activity), e.Lifecycle)
			fmt.Fprintf(&b, "\t\t\t<string key=\"channel\" value=\"%s\"/>\n\t\t\t<string key=\"id\" value='%s'/>\n\t\t\t<int key=\"cost\" value=\"%s\"></int>\n", xmlEscape(e.Channel), e.Attrs["id"], e.Attrs["cost"])
			if n, ok := e.Attrs["note"]; ok {
				fmt.Fprintf(&b, "\t\t\t<string key=\"note\" value=\"%s\">\n\t\t\t\t<string key=\"nested\" value=\"ignored\"/>\n\t\t\t</string>\n", xmlEscape(n))
			}
			b.WriteString("\t\t</event>\n")
		}
		b.WriteString("\t</trace>\n")
	}
	b.WriteString("</log>\n")
	writeFile(t, "running-example.xes", b.Bytes())
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(b.Bytes())
	zw.Close()
	writeFile(t, "running-example.xes.gz", z.Bytes())
	// Parquet: an INT64 TIMESTAMP(millis) column.
	type row struct {
		Case      string    `parquet:"case_id"`
		Activity  string    `parquet:"activity"`
		Timestamp time.Time `parquet:"timestamp,timestamp(millisecond)"`
		Channel   string    `parquet:"channel"`
		Resource  string    `parquet:"resource"`
		Lifecycle string    `parquet:"lifecycle"`
		ID        string    `parquet:"id"`
		Cost      int64     `parquet:"cost"`
		Note      *string   `parquet:"note,optional"`
	}
	var rows []row
	for _, e := range evs {
		r := row{e.Case, e.Activity, time.Unix(0, e.Time).UTC(), e.Channel, e.Resource, e.Lifecycle, e.Attrs["id"], int64(len(e.Attrs["cost"])), nil}
		fmt.Sscan(e.Attrs["cost"], &r.Cost)
		if n, ok := e.Attrs["note"]; ok {
			r.Note = &n
		}
		rows = append(rows, r)
	}
	b.Reset()
	if err := parquet.Write(&b, rows, parquet.MaxRowsPerRowGroup(16)); err != nil {
		t.Fatal(err)
	}
	writeFile(t, "running-example.parquet", b.Bytes())
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}
