package score

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/journey-cx/journey/journey"
)

// benchData builds an export like bench/survey's, in memory.
func benchData(rows int) ([]byte, []*journey.Touchpoint) {
	var tps []*journey.Touchpoint
	for i := range 60 {
		tps = append(tps, &journey.Touchpoint{ID: fmt.Sprintf("tp-%02d-%d", i/6+1, i%6+1)})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.WriteString("respondent_id,touchpoint,stage,channel,segment,nps,ces,timestamp\n")
	segs := []string{"Consumer", "Small business", "Enterprise", "Public sector", "Partner"}
	for r := range rows {
		tp := rng.IntN(60)
		fmt.Fprintf(&b, "R%d,%s,stage-%02d,web,%s,%d,%d,2026-01-%02dT10:11:12Z\n", 10_000_000+r, tps[tp].ID, tp/6+1, segs[rng.IntN(5)], rng.IntN(11), 1+rng.IntN(7), 1+rng.IntN(28))
	}
	return b.Bytes(), tps
}

func benchmarkRead(b *testing.B, workers int, segment string) {
	data, tps := benchData(200_000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		_, err := ReadResponses(context.Background(), bytes.NewReader(data), ReadOptions{File: "bench.csv", Touchpoints: tps, Workers: workers, Segment: segment})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadResponses1(b *testing.B)       { benchmarkRead(b, 1, "") }
func BenchmarkReadResponses2(b *testing.B)       { benchmarkRead(b, 2, "") }
func BenchmarkReadResponsesSegment(b *testing.B) { benchmarkRead(b, 2, "segment") }
