package diff_test

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/journey-cx/journey/internal/mapgen"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/diff"
	"github.com/journey-cx/journey/journey/lint"
)

// BenchmarkDiffOverValidate times what `journey diff` does (load both
// versions, lint them, compare, print the text report) and what `journey
// validate` does with the same two files (load them), in alternation so
// that both see the same machine load, and reports their ratio at 200,
// 1,000 and 4,000 touchpoints (the budget: at most 2, at every
// size: linear).
func BenchmarkDiffOverValidate(b *testing.B) {
	l, err := lint.New(lint.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{200, 1000, 4000} {
		old := mapgen.Map(1, n)
		new := mapgen.Variant(old)
		load := func(name string, src []byte) diff.Side {
			m, diags := journey.Load(name, src, journey.Options{})
			if len(diags) > 0 {
				b.Fatal(diags)
			}
			return diff.Side{Name: name, Map: m, Src: src, Diags: diags}
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var tDiff, tValidate time.Duration
			for b.Loop() {
				start := time.Now()
				load("old.journey.yaml", old)
				load("new.journey.yaml", new)
				mid := time.Now()
				r := diff.Compare(load("old.journey.yaml", old), load("new.journey.yaml", new), diff.Options{Lint: l.Lint})
				if err := diff.Print(io.Discard, diff.FormatText, r, diff.Style{}); err != nil {
					b.Fatal(err)
				}
				tDiff += time.Since(mid)
				tValidate += mid.Sub(start)
			}
			b.ReportMetric(float64(tDiff)/float64(tValidate), "diff/validate")
		})
	}
}
