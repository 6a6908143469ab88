package score

import (
	"strconv"
	"testing"
)

// TestIntervalCapped checks the capped interval and the small-sample flag at
// the edges: one and two answers, 29 and 30 (SmallN), all promoters, all
// detractors, and CES and CSAT at the ends of their scales.
func TestIntervalCapped(t *testing.T) {
	one := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	for _, c := range []struct {
		name      string
		f         Figure
		low, high float64
		small     bool
		text      string
	}{
		{"nps n=1 promoter", NPSFromCounts(1, 0, 0).Figure, 100, 100, true, "±0.0"},
		{"nps n=2 one each", NPSFromCounts(1, 0, 1).Figure, -100, 100, true, "-100.0–100.0"},
		{"nps n=2 promoter passive", NPSFromCounts(1, 1, 0).Figure, -19.3, 100, true, "-19.3–100.0"},
		{"nps n=29", NPSFromCounts(15, 0, 14).Figure, -32.9, 39.8, true, "±36.4"},
		{"nps n=30", NPSFromCounts(15, 0, 15).Figure, -35.8, 35.8, false, "±35.8"},
		{"nps all promoters", NPSFromCounts(30, 0, 0).Figure, 100, 100, false, "±0.0"},
		{"nps all detractors", NPSFromCounts(0, 0, 30).Figure, -100, -100, false, "±0.0"},
		{"nps 29 promoters 1 detractor", NPSFromCounts(29, 0, 1).Figure, 80.5, 100, false, "80.5–100.0"},
		{"csat n=2 one satisfied", CSATFromCounts(1, 2).Figure, 0, 100, true, "0.0–100.0"},
		{"csat n=30 29 satisfied", CSATFromCounts(29, 30).Figure, 90.2, 100, false, "90.2–100.0"},
		{"ces n=2 at 1 and 7", CESFromDistribution(dist(1, 0, 0, 0, 0, 0, 1), 7, false).Figure, 1, 7, true, "1.0–7.0"},
		{"ces n=3 on 5 points", CESFromDistribution(dist(0, 0, 0, 1, 2), 5, false).Figure, 4.0, 5, true, "4.0–5.0"},
	} {
		f := c.f
		if !f.OK || !f.HasMargin {
			t.Fatalf("%s: no figure or no margin", c.name)
		}
		if one(f.Low) != one(c.low) || one(f.High) != one(c.high) {
			t.Errorf("%s: interval %v..%v, want %v..%v", c.name, f.Low, f.High, c.low, c.high)
		}
		if f.Small != c.small {
			t.Errorf("%s: small = %v, want %v (n=%d)", c.name, f.Small, c.small, f.N)
		}
		if got := f.Interval(one); got != c.text {
			t.Errorf("%s: Interval = %q, want %q", c.name, got, c.text)
		}
	}
}

// TestIntervalWithoutMargin: figures without a margin have no interval but
// are still flagged small.
func TestIntervalWithoutMargin(t *testing.T) {
	f := NPSFromScore(40, 12).Figure
	if f.Interval(func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }) != "" || !f.Small || f.Capped() {
		t.Errorf("nps {score, n=12}: interval %q small %v capped %v", f.Interval(func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }), f.Small, f.Capped())
	}
	if g := NPSFromScore(40, 30).Figure; g.Small {
		t.Errorf("n=30 must not be small")
	}
	if m := NPSFromCounts(0, 0, 0).Figure; m.Small || m.OK {
		t.Errorf("a missing figure is not a small sample: %+v", m)
	}
}
