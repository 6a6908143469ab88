package eventlog

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

var (
	benchData []byte
	b         bytes.Buffer
)

// benchCSV builds a simple 5-column log: case, activity, timestamp, channel, resource.
func benchCSV(rows int) []byte {
	if rows == 1_000_000 && benchData != nil {
		return benchData
	}
	defer func() {
		if rows == 1_000_000 {
			benchData = b.Bytes()
		}
	}()
	rng := rand.New(rand.NewPCG(1, 2))
	acts := []string{"visita web", "alta de cliente", "llamada al centro", "compra", "reclamación", "encuesta", "baja", "renovación"}
	chans := []string{"web", "app", "teléfono", "tienda"}
	b.WriteString("customer_id,activity,timestamp,channel,resource\n")
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for r := range rows {
		t := t0.Add(time.Duration(r) * 7 * time.Second)
		fmt.Fprintf(&b, "C%07d,%s,%s,%s,agent-%02d\n", rng.IntN(rows/6+1), acts[rng.IntN(len(acts))], t.Format("2006-01-02T15:04:05Z"), chans[rng.IntN(4)], rng.IntN(40))
	}
	return b.Bytes()
}

func benchRead(b *testing.B, name string, data []byte, events int64, opt Options) {
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
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
	b.ReportMetric(float64(len(data))/sec/1e6, "MB/s")
}

func BenchmarkReadCSV(b *testing.B) {
	const rows = 1_000_000
	benchRead(b, "bench.csv", benchCSV(rows), rows, Options{})
}

func BenchmarkReadCSV1(b *testing.B) {
	const rows = 1_000_000
	benchRead(b, "bench.csv", benchCSV(rows), rows, Options{Workers: 1})
}

func BenchmarkReadCSVGzip(b *testing.B) {
	const rows = 1_000_000
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.DefaultCompression)
	zw.Write(benchCSV(rows))
	zw.Close()
	benchRead(b, "bench.csv.gz", z.Bytes(), rows, Options{})
}
