package score

import "testing"

func TestUnchecked(t *testing.T) {
	t.Parallel()
	nps, ces := 10.0, 5.0
	th := Thresholds{NPS: &nps, CES: &ces}
	rows := []Row{{CES: CESFromMean(5.5, 40, 7, false)}}
	got := th.Unchecked(rows)
	if len(got) != 1 || got[0] != MetricNPS {
		t.Errorf("Unchecked = %v, want [nps]", got)
	}
	rows[0].CES = CESFromMean(4, 40, 5, false)
	if got := th.Unchecked(rows); len(got) != 2 {
		t.Errorf("a 5-point CES cannot be checked on the 7-point gate: Unchecked = %v, want [nps ces]", got)
	}
}
