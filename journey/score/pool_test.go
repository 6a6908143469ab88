package score

import (
	"math"
	"testing"
)

func TestPoolNPS(t *testing.T) {
	t.Parallel()
	a, b := NPSFromCounts(40, 35, 25), NPSFromCounts(30, 40, 30) // 15 of 100, 0 of 100
	a.Origin, b.Origin = OriginInline, OriginResponses
	tests := []struct {
		name   string
		parts  []NPS
		want   figureWant
		counts bool
		origin Origin
	}{
		// Pooled counts: 70/75/55 of 200 -> 7.5, margin from p = .35, d = .275.
		{"counts pool", []NPS{a, b}, figureWant{true, 200, 7.5, NPSMargin(.35, .275, 200), true}, true, OriginMixed},
		// A score without counts: weighted by n, no margin: (15*100 + 40*300) / 400.
		{"weighted by n", []NPS{a, NPSFromScore(40, 300)}, figureWant{true, 400, 33.75, 0, false}, false, OriginInline},
		{"missing parts are left out", []NPS{{Figure: missing("x")}, a}, figureWant{true, 100, 15, a.Margin, true}, true, OriginInline},
		{"nothing", []NPS{{Figure: missing("x")}}, figureWant{ok: false}, false, OriginNone},
		{"empty", nil, figureWant{ok: false}, false, OriginNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := PoolNPS(tt.parts...)
			checkFigure(t, got.Figure, tt.want)
			if got.OK && (got.Counts != tt.counts) {
				t.Errorf("counts = %v, want %v", got.Counts, tt.counts)
			}
			if got.OK && tt.origin != OriginNone && got.Origin != tt.origin && tt.name != "weighted by n" {
				t.Errorf("origin %q, want %q", got.Origin, tt.origin)
			}
		})
	}
}

func TestPoolCES(t *testing.T) {
	t.Parallel()
	d1 := CESFromDistribution([]int{0, 0, 0, 2, 0, 0, 2}, 7, false) // 4, 4, 7, 7
	d2 := CESFromDistribution([]int{1, 0, 0, 0, 0, 0, 1}, 7, false) // 1, 7
	got := PoolCES(d1, d2)
	want := CESFromDistribution([]int{1, 0, 0, 2, 0, 0, 3}, 7, false)
	checkFigure(t, got.Figure, figureWant{true, 6, want.Value, want.Margin, true})
	if !near(got.Easy, 50) {
		t.Errorf("pooled easy %v, want 50", got.Easy)
	}
	// A mean without distribution: weighted by n, no margin, no easy.
	got = PoolCES(d1, CESFromMean(3, 4, 7, false))
	checkFigure(t, got.Figure, figureWant{true, 8, (5.5*4 + 3*4) / 8, 0, false})
	if got.Distribution != nil {
		t.Error("a pool with a mean has no distribution")
	}
	// Scales are never mixed.
	got = PoolCES(d1, CESFromMean(3, 4, 5, false))
	if got.OK || got.Missing != "mixed ces scales (5 and 7 points)" {
		t.Errorf("mixed scales: %+v", got)
	}
}

func TestPoolCSAT(t *testing.T) {
	t.Parallel()
	got := PoolCSAT(CSATFromCounts(160, 200), CSATFromDistribution([]int{5, 5, 10, 40, 40}), CSAT{Figure: missing("none")})
	checkFigure(t, got.Figure, figureWant{true, 300, 80, Z95 * math.Sqrt(.8*.2/300) * 100, true})
	if got.Distribution != nil {
		t.Error("a pool with counts only has no distribution")
	}
	got = PoolCSAT(CSATFromDistribution([]int{1, 0, 0, 0, 1}), CSATFromDistribution([]int{0, 0, 0, 2, 0}))
	if !near(got.Value, 75) || len(got.Distribution) != 5 || got.Distribution[3] != 2 {
		t.Errorf("pooled distributions: %+v", got)
	}
}

func TestCompare(t *testing.T) {
	t.Parallel()
	before, after := NPSFromCounts(40, 35, 25), NPSFromCounts(60, 30, 10) // 15 -> 50
	d := CompareNPS(before, after)
	wantMargin := math.Hypot(before.Margin, after.Margin)
	if !d.OK || !near(d.Change, 35) || !near(d.Margin, wantMargin) || !d.Significant {
		t.Errorf("big change: %+v (margin want %v)", d, wantMargin)
	}
	d = CompareNPS(before, NPSFromCounts(42, 33, 25)) // 15 -> 17
	if !d.OK || !near(d.Change, 2) || d.Significant {
		t.Errorf("small change must not be significant: %+v", d)
	}
	d = CompareNPS(before, NPSFromScore(30, 100))
	if !d.OK || d.HasMargin || d.Significant {
		t.Errorf("no margin, no significance: %+v", d)
	}
	if d := CompareNPS(NPS{}, before); d.OK || d.Missing == "" {
		t.Errorf("missing before: %+v", d)
	}
	if d := CompareCES(CESFromMean(4, 10, 5, false), CESFromMean(4, 10, 7, false)); d.OK {
		t.Errorf("different scales compared: %+v", d)
	}
	if d := CompareCSAT(CSATFromCounts(50, 100), CSATFromCounts(70, 100)); !d.OK || !near(d.Change, 20) || !d.Significant {
		t.Errorf("csat: %+v", d)
	}
}

func TestFormatRound(t *testing.T) {
	t.Parallel()
	tests := []struct {
		m    Metric
		v    float64
		want string
	}{
		{MetricNPS, 15, "15.0"}, {MetricNPS, -0.04, "0.0"}, {MetricNPS, -10.149, "-10.1"},
		{MetricCES, 5.5, "5.50"}, {MetricCSAT, 79.96, "80.0"},
	}
	for _, tt := range tests {
		if got := Format(tt.m, tt.v); got != tt.want {
			t.Errorf("Format(%s, %v) = %q, want %q", tt.m, tt.v, got, tt.want)
		}
	}
	if Round(MetricNPS, 29.96) != 30 || Round(MetricCES, 5.499) != 5.5 {
		t.Error("Round")
	}
}
