package layout_test

import (
	"testing"

	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// benchMaps are the maps the benchmarks lay out: a real example and the
// hostile map (62 touchpoints, 2,000-character texts).
var benchMaps = []struct{ name, path string }{
	{"seguro-hogar", "../../examples/seguro-hogar.journey.yaml"},
	{"hostile", "../testdata/hostile.journey.yaml"},
}

// BenchmarkScene measures and places a map and builds its one-scene view
// (what SVG and PNG draw).
func BenchmarkScene(b *testing.B) {
	for _, bm := range benchMaps {
		b.Run(bm.name, func(b *testing.B) {
			in := &render.Input{Map: maptest.Load(b, bm.path)}
			if _, err := layout.LoadFonts(); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				l, err := layout.New(in)
				if err != nil {
					b.Fatal(err)
				}
				_ = l.Scene(l.Full())
			}
		})
	}
}

// BenchmarkDocument measures and places a map and splits it into A3
// landscape pages with the score and findings tables (what PDF draws).
func BenchmarkDocument(b *testing.B) {
	for _, bm := range benchMaps {
		b.Run(bm.name, func(b *testing.B) {
			in := &render.Input{Map: maptest.Load(b, bm.path)}
			if _, err := layout.LoadFonts(); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				l, err := layout.New(in)
				if err != nil {
					b.Fatal(err)
				}
				_ = l.Document(420, 297)
			}
		})
	}
}
