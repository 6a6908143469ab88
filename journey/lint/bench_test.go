package lint

import (
	"fmt"
	"sync"
	"testing"

	"github.com/journey-cx/journey/internal/mapgen"
	"github.com/journey-cx/journey/journey"
)

// benchMaps are 1,000 generated maps of 50 touchpoints each, the corpus of
// bench/validate.sh: BenchmarkLint must cost at most 1.5x BenchmarkValidate.
var benchMaps = sync.OnceValue(func() [][]byte {
	maps := make([][]byte, 1000)
	for i := range maps {
		maps[i] = mapgen.Map(uint64(i), 50)
	}
	return maps
})

func benchBytes(maps [][]byte) int64 {
	var n int64
	for _, m := range maps {
		n += int64(len(m))
	}
	return n
}

// BenchmarkValidate loads and validates the maps: what `journey validate` does per map.
func BenchmarkValidate(b *testing.B) {
	maps := benchMaps()
	b.SetBytes(benchBytes(maps))
	b.ReportAllocs()
	for b.Loop() {
		for i, data := range maps {
			if _, ds := journey.Load(fmt.Sprint(i), data, journey.Options{}); ds.HasErrors() {
				b.Fatal(ds[0])
			}
		}
	}
}

// BenchmarkLint loads, validates and lints the same maps with every rule on.
func BenchmarkLint(b *testing.B) {
	maps := benchMaps()
	l, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(benchBytes(maps))
	b.ReportAllocs()
	findings := 0
	for b.Loop() {
		findings = 0
		for i, data := range maps {
			_, ds := l.LintFile(fmt.Sprint(i), data)
			if ds.HasErrors() {
				b.Fatal(ds[0])
			}
			findings += len(ds)
		}
	}
	b.ReportMetric(float64(findings)/float64(len(maps)), "findings/map")
}

// BenchmarkRules runs the rules alone on maps already loaded: the cost lint
// adds to validate.
func BenchmarkRules(b *testing.B) {
	maps := benchMaps()
	l, _ := New(Options{})
	loaded := make([]*journey.Map, len(maps))
	for i, data := range maps {
		loaded[i], _ = journey.Load(fmt.Sprint(i), data, journey.Options{})
	}
	b.SetBytes(benchBytes(maps))
	b.ReportAllocs()
	for b.Loop() {
		for i, m := range loaded {
			l.Lint(m, maps[i])
		}
	}
}
