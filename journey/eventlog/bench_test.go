package eventlog

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

var benchData = map[bool][]byte{}

// benchCSV builds a simple 5-column log: case, activity, timestamp,
// channel, resource; about 6 events per customer. Grouped, the events of
// a customer follow each other, as in most exports (sorted by case, then
// time); else customers come in random order.
func benchCSV(rows int, grouped bool) []byte {
	if d := benchData[grouped]; d != nil && rows == 1_000_000 {
		return d
	}
	var b bytes.Buffer
	defer func() {
		if rows == 1_000_000 {
			benchData[grouped] = b.Bytes()
		}
	}()
	rng := rand.New(rand.NewPCG(1, 2))
	acts := []string{"visita web", "alta de cliente", "llamada al centro", "compra", "reclamación", "encuesta", "baja", "renovación"}
	chans := []string{"web", "app", "teléfono", "tienda"}
	b.WriteString("customer_id,activity,timestamp,channel,resource\n")
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for r := range rows {
		t := t0.Add(time.Duration(r) * 7 * time.Second)
		c := rng.IntN(rows/6 + 1)
		if grouped {
			c = r / 6
		}
		fmt.Fprintf(&b, "C%07d,%s,%s,%s,agent-%02d\n", c, acts[rng.IntN(len(acts))], t.Format("2006-01-02T15:04:05Z"), chans[rng.IntN(4)], rng.IntN(40))
	}
	return b.Bytes()
}

func benchRead(b *testing.B, name string, data []byte, events int64, opt Options) {
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	cpu0 := cpuSeconds()
	var n int64
	for b.Loop() {
		n = 0
		_, err := Read(context.Background(), name, bytes.NewReader(data), opt, func(evs []Event) error {
			n += int64(len(evs))
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if n != events {
		b.Fatalf("%d events, want %d", n, events)
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(events)/sec, "events/s")
	// CPU time per event: what the reader costs whatever the machine's load
	// (a busy machine slows the wall clock, not this).
	if cpu := (cpuSeconds() - cpu0) / float64(b.N); cpu > 0 {
		b.ReportMetric(float64(events)/cpu, "events/cpu-s")
	}
	b.ReportMetric(float64(len(data))/sec/1e6, "MB/s")
}

func BenchmarkReadCSV(b *testing.B) {
	const rows = 1_000_000
	benchRead(b, "bench.csv", benchCSV(rows, true), rows, Options{})
}

func BenchmarkReadCSV1(b *testing.B) {
	const rows = 1_000_000
	benchRead(b, "bench.csv", benchCSV(rows, true), rows, Options{Workers: 1})
}

// BenchmarkReadCSVShuffled has the customers in random order: interning
// case ids then misses the cache on most rows.
func BenchmarkReadCSVShuffled(b *testing.B) {
	const rows = 1_000_000
	benchRead(b, "bench.csv", benchCSV(rows, false), rows, Options{})
}

func BenchmarkReadCSVGzip(b *testing.B) {
	const rows = 1_000_000
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.DefaultCompression)
	zw.Write(benchCSV(rows, true))
	zw.Close()
	benchRead(b, "bench.csv.gz", z.Bytes(), rows, Options{})
}

// benchXES builds an XES log of about n events, 10 per trace.
func benchXES(n int) []byte {
	var x bytes.Buffer
	x.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1.0\">\n")
	acts := []string{"visita web", "alta de cliente", "llamada al centro", "compra", "reclamación", "encuesta", "baja", "renovación"}
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i += 10 {
		fmt.Fprintf(&x, "\t<trace>\n\t\t<string key=\"concept:name\" value=\"C%07d\"/>\n", i/10)
		for j := range 10 {
			t := t0.Add(time.Duration(i+j) * 7 * time.Second)
			fmt.Fprintf(&x, "\t\t<event>\n\t\t\t<string key=\"concept:name\" value=\"%s\"/>\n\t\t\t<string key=\"org:resource\" value=\"agent-%02d\"/>\n\t\t\t<date key=\"time:timestamp\" value=\"%s\"/>\n\t\t\t<string key=\"lifecycle:transition\" value=\"complete\"/>\n\t\t</event>\n",
				acts[(i+j)%len(acts)], (i+j)%40, t.Format("2006-01-02T15:04:05.000+01:00"))
		}
		x.WriteString("\t</trace>\n")
	}
	x.WriteString("</log>\n")
	return x.Bytes()
}

func BenchmarkReadXES(b *testing.B) {
	const n = 300_000
	benchRead(b, "bench.xes", benchXES(n), n, Options{})
}

func BenchmarkReadXESGzip(b *testing.B) {
	const n = 300_000
	benchRead(b, "bench.xes.gz", gz(benchXES(n)), n, Options{})
}

func BenchmarkReadParquet(b *testing.B) {
	const n = 1_000_000
	type row struct {
		Case      string    `parquet:"customer_id,dict"`
		Activity  string    `parquet:"activity,dict"`
		Timestamp time.Time `parquet:"timestamp,timestamp(millisecond)"`
		Channel   string    `parquet:"channel,dict"`
		Resource  string    `parquet:"resource,dict"`
	}
	rng := rand.New(rand.NewPCG(1, 2))
	acts := []string{"visita web", "alta de cliente", "llamada al centro", "compra", "reclamación", "encuesta", "baja", "renovación"}
	chans := []string{"web", "app", "teléfono", "tienda"}
	rows := make([]row, n)
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range rows {
		rows[i] = row{fmt.Sprintf("C%07d", rng.IntN(n/6+1)), acts[rng.IntN(len(acts))], t0.Add(time.Duration(i) * 7 * time.Second), chans[rng.IntN(4)], fmt.Sprintf("agent-%02d", rng.IntN(40))}
	}
	var buf bytes.Buffer
	if err := parquet.Write(&buf, rows); err != nil {
		b.Fatal(err)
	}
	benchRead(b, "bench.parquet", buf.Bytes(), n, Options{})
}
