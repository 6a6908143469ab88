package journey

import (
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/journey-cx/journey/internal/mapgen"
)

var benchMap = mapgen.Map(50, 50)

// BenchmarkLoad measures decoding and validating a 50-touchpoint map.
func BenchmarkLoad(b *testing.B) {
	b.SetBytes(int64(len(benchMap)))
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Load("bench.journey.yaml", benchMap, Options{}); len(diags) > 0 {
			b.Fatal(diags)
		}
	}
}

// BenchmarkYAMLNodeDecode measures a bare yaml.v3 decode of the same bytes
// into a yaml.Node: the floor the loader is compared with.
func BenchmarkYAMLNodeDecode(b *testing.B) {
	b.SetBytes(int64(len(benchMap)))
	b.ReportAllocs()
	for b.Loop() {
		var n yaml.Node
		if err := yaml.Unmarshal(benchMap, &n); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadOverDecode times Load and a bare yaml.v3 node decode of the
// same bytes in alternation, so that both see the same machine load, and
// reports their ratio (the budget: at most 2).
func BenchmarkLoadOverDecode(b *testing.B) {
	var load, decode time.Duration
	for b.Loop() {
		start := time.Now()
		var n yaml.Node
		if err := yaml.Unmarshal(benchMap, &n); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if _, diags := Load("bench.journey.yaml", benchMap, Options{}); len(diags) > 0 {
			b.Fatal(diags)
		}
		load += time.Since(mid)
		decode += mid.Sub(start)
	}
	b.ReportMetric(float64(load)/float64(decode), "load/decode")
	b.ReportMetric(float64(len(benchMap))*float64(b.N)/load.Seconds()/1e6, "load-MB/s")
	b.ReportMetric(float64(len(benchMap))*float64(b.N)/decode.Seconds()/1e6, "decode-MB/s")
}
