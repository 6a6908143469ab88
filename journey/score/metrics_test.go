package score

import (
	"math"
	"testing"

	"github.com/journey-cx/journey/journey"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func ip(v int) *int         { return &v }
func fp(v float64) *float64 { return &v }
func dist(v ...int) []int   { return v }

// figureWant is what a test expects of a Figure.
type figureWant struct {
	ok        bool
	n         int
	value     float64
	margin    float64
	hasMargin bool
}

func checkFigure(t *testing.T, got Figure, want figureWant) {
	t.Helper()
	if got.OK != want.ok {
		t.Fatalf("OK = %v (missing %q), want %v", got.OK, got.Missing, want.ok)
	}
	if !got.OK {
		if got.Missing == "" {
			t.Errorf("a missing figure must say why")
		}
		return
	}
	if got.N != want.n || !near(got.Value, want.value) || got.HasMargin != want.hasMargin || !near(got.Margin, want.margin) {
		t.Errorf("got n=%d value=%v margin=%v (has %v), want n=%d value=%v margin=%v (has %v)",
			got.N, got.Value, got.Margin, got.HasMargin, want.n, want.value, want.margin, want.hasMargin)
	}
}

func TestNPS(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  NPS
		want figureWant
	}{
		// p = .40, d = .25: 1.96 * sqrt((.65 - .15^2) / 100) * 100 = 15.5261...
		{"counts", NPSFromCounts(40, 35, 25), figureWant{true, 100, 15, 15.526119927399762, true}},
		// The map example: 96/118/131 of 345.
		{"counts negative score", NPSFromCounts(96, 118, 131), figureWant{true, 345, -10.144927536231885, 8.492321976624746, true}},
		{"all promoters", NPSFromCounts(10, 0, 0), figureWant{true, 10, 100, 0, true}},
		{"all detractors", NPSFromCounts(0, 0, 7), figureWant{true, 7, -100, 0, true}},
		{"all passives", NPSFromCounts(0, 12, 0), figureWant{true, 12, 0, 0, true}},
		{"no answers", NPSFromCounts(0, 0, 0), figureWant{ok: false}},
		{"negative count", NPSFromCounts(-1, 3, 0), figureWant{ok: false}},
		// 0..10 once each: P = 2 (9, 10), Pa = 2 (7, 8), D = 7 (0..6).
		{"distribution", NPSFromDistribution(dist(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)), figureWant{true, 11, (2.0 - 7.0) / 11 * 100, NPSMargin(2.0/11, 7.0/11, 11), true}},
		{"distribution short", NPSFromDistribution(dist(0, 0, 0, 0, 0, 0, 0, 5)), figureWant{true, 5, 0, 0, true}},
		// p = d = 1/3 of 6: 1.96 * sqrt((2/3) / 6) * 100 = 65.33...
		{"answers", NPSFromAnswers([]int{10, 9, 8, 7, 6, 0}), figureWant{true, 6, 0, 65.33333333333333, true}},
		{"answer out of range", NPSFromAnswers([]int{10, 11}), figureWant{ok: false}},
		{"score and n", NPSFromScore(12, 402), figureWant{true, 402, 12, 0, false}},
		{"score without answers", NPSFromScore(12, 0), figureWant{ok: false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkFigure(t, tt.got.Figure, tt.want)
		})
	}
}

func TestNPSMargin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		p, d float64
		n    int
		want float64
	}{
		{0.4, 0.25, 100, 15.526119927399762},
		{0.5, 0.5, 100, 19.6}, // the widest: variance 1
		{0, 0, 50, 0},
		{0.3, 0.2, 0, 0}, // no answers: no margin
	}
	for _, tt := range tests {
		if got := NPSMargin(tt.p, tt.d, tt.n); !near(got, tt.want) {
			t.Errorf("NPSMargin(%v, %v, %d) = %v, want %v", tt.p, tt.d, tt.n, got, tt.want)
		}
	}
}

func TestNPSOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    *journey.NPS
		want  figureWant
		count bool
	}{
		{"nil", nil, figureWant{ok: false}, false},
		{"counts", &journey.NPS{Promoters: ip(40), Passives: ip(35), Detractors: ip(25)}, figureWant{true, 100, 15, 15.526119927399762, true}, true},
		{"score", &journey.NPS{Score: fp(-8), N: ip(50)}, figureWant{true, 50, -8, 0, false}, false},
		{"score without n", &journey.NPS{Score: fp(-8)}, figureWant{ok: false}, false},
		{"distribution", &journey.NPS{Distribution: dist(0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 1)}, figureWant{true, 4, 100, 0, true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := NPSOf(tt.in)
			if tt.in == nil {
				if ok || got.OK {
					t.Fatal("NPSOf(nil) must report no figure")
				}
				return
			}
			if ok != tt.want.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.want.ok)
			}
			checkFigure(t, got.Figure, tt.want)
			if got.OK && (got.Origin != OriginInline || got.Counts != tt.count) {
				t.Errorf("origin %q counts %v, want inline %v", got.Origin, got.Counts, tt.count)
			}
		})
	}
}

func TestCES(t *testing.T) {
	t.Parallel()
	// The map example: 22/41/58/61/52/38/19 answers of 1..7, n = 291,
	// mean 1143/291, sd from the sample variance, easy = (52+38+19)/291.
	ex := dist(22, 41, 58, 61, 52, 38, 19)
	tests := []struct {
		name  string
		got   CES
		want  figureWant
		easy  float64
		dist  []int
		scale int
	}{
		{"distribution 7", CESFromDistribution(ex, 7, false), figureWant{true, 291, 1143.0 / 291, 0.19005522406778202, true}, 10900.0 / 291, ex, 7},
		// Reversed: 1 = least effort becomes 7.
		{"reversed 7", CESFromDistribution(dist(6, 0, 0, 0, 0, 0, 2), 7, true), figureWant{true, 8, (6*7 + 2*1) / 8.0, Z95 * math.Sqrt((6*math.Pow(7-5.5, 2)+2*math.Pow(1-5.5, 2))/7) / math.Sqrt(8), true}, 75, dist(2, 0, 0, 0, 0, 0, 6), 7},
		// 5-point: easy is 4 and 5.
		{"distribution 5", CESFromDistribution(dist(1, 1, 1, 1, 1), 5, false), figureWant{true, 5, 3, Z95 * math.Sqrt(2.5) / math.Sqrt(5), true}, 40, dist(1, 1, 1, 1, 1), 5},
		{"reversed 5", CESFromDistribution(dist(4, 0, 0, 0, 0), 5, true), figureWant{true, 4, 5, 0, true}, 100, dist(0, 0, 0, 0, 4), 5},
		{"one answer: no margin", CESFromDistribution(dist(0, 0, 1), 7, false), figureWant{true, 1, 3, 0, false}, 0, dist(0, 0, 1, 0, 0, 0, 0), 7},
		{"answer above the scale", CESFromDistribution(dist(0, 0, 0, 0, 0, 1), 5, false), figureWant{ok: false}, 0, nil, 5},
		{"bad scale", CESFromDistribution(dist(1), 6, false), figureWant{ok: false}, 0, nil, 6},
		{"no answers", CESFromDistribution(dist(0, 0), 7, false), figureWant{ok: false}, 0, nil, 7},
		{"mean", CESFromMean(4.8, 210, 7, false), figureWant{true, 210, 4.8, 0, false}, 0, nil, 7},
		{"mean reversed 5", CESFromMean(2, 30, 5, true), figureWant{true, 30, 4, 0, false}, 0, nil, 5},
		{"mean above scale", CESFromMean(6, 30, 5, false), figureWant{ok: false}, 0, nil, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkFigure(t, tt.got.Figure, tt.want)
			if tt.got.Scale != tt.scale {
				t.Errorf("scale %d, want %d", tt.got.Scale, tt.scale)
			}
			if !tt.got.OK {
				return
			}
			if tt.dist != nil {
				if !near(tt.got.Easy, tt.easy) {
					t.Errorf("easy %v, want %v", tt.got.Easy, tt.easy)
				}
				if len(tt.got.Distribution) != len(tt.dist) {
					t.Fatalf("distribution %v, want %v", tt.got.Distribution, tt.dist)
				}
				for i := range tt.dist {
					if tt.got.Distribution[i] != tt.dist[i] {
						t.Fatalf("distribution %v, want %v", tt.got.Distribution, tt.dist)
					}
				}
			} else if tt.got.Distribution != nil {
				t.Errorf("a mean has no distribution")
			}
		})
	}
}

func TestCESOf(t *testing.T) {
	t.Parallel()
	got, ok := CESOf(&journey.CES{Mean: fp(4.8), N: ip(210), Scale: 7})
	if !ok || !near(got.Value, 4.8) || got.Origin != OriginInline {
		t.Errorf("mean form: %+v", got)
	}
	got, ok = CESOf(&journey.CES{Distribution: dist(0, 0, 0, 0, 2), Scale: 5, Reversed: true})
	if !ok || !near(got.Value, 1) || got.Scale != 5 {
		t.Errorf("reversed 5-point distribution: %+v", got)
	}
	got, ok = CESOf(&journey.CES{Distribution: dist(0, 0, 0, 0, 2)}) // Scale 0 = 7
	if !ok || got.Scale != 7 {
		t.Errorf("default scale: %+v", got)
	}
	if _, ok := CESOf(&journey.CES{Mean: fp(4)}); ok {
		t.Errorf("a mean without n is no figure")
	}
}

func TestCSAT(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  CSAT
		want figureWant
	}{
		// 1.96 * sqrt(.8 * .2 / 200) * 100 = 5.5437...
		{"counts", CSATFromCounts(160, 200), figureWant{true, 200, 80, 5.543717164502533, true}},
		{"all satisfied", CSATFromCounts(9, 9), figureWant{true, 9, 100, 0, true}},
		{"more satisfied than total", CSATFromCounts(10, 9), figureWant{ok: false}},
		{"no answers", CSATFromCounts(0, 0), figureWant{ok: false}},
		{"distribution", CSATFromDistribution(dist(5, 5, 10, 40, 40)), figureWant{true, 100, 80, Z95 * math.Sqrt(.8*.2/100) * 100, true}},
		{"distribution above 5", CSATFromDistribution(dist(0, 0, 0, 0, 0, 1)), figureWant{ok: false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkFigure(t, tt.got.Figure, tt.want)
		})
	}
	if got, ok := CSATOf(&journey.CSAT{Satisfied: ip(171), Total: ip(298)}); !ok || got.Satisfied != 171 || got.Total != 298 || got.Origin != OriginInline {
		t.Errorf("CSATOf counts: %+v", got)
	}
	if got, ok := CSATOf(&journey.CSAT{Distribution: dist(1, 1, 1, 1, 1)}); !ok || !near(got.Value, 40) || len(got.Distribution) != 5 {
		t.Errorf("CSATOf distribution: %+v", got)
	}
}
