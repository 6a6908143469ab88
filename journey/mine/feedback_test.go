package mine

import (
	"testing"
	"time"
)

func ip(v int) *int { return &v }

func TestFeedbackAttribution(t *testing.T) {
	jm := loadMap(t, "gen.journey.yaml", genMap)
	day := int64(24 * time.Hour)
	t0 := int64(1e18)
	evs := []Event{
		{Case: "ana", Activity: "a", Time: t0},
		{Case: "ana", Activity: "c", Time: t0 + day},
		{Case: "ana", Activity: "d", Time: t0 + 10*day},
	}
	tests := []struct {
		name   string
		answer Answer
		point  string // touchpoint attributed to; "" = none
		why    Unattributed
	}{
		{"within window", Answer{Customer: "ana", Time: t0 + 2*day, NPS: ip(10)}, "c", Unattributed{}},
		{"at the event", Answer{Customer: "ana", Time: t0 + 10*day, NPS: ip(10)}, "d", Unattributed{}},
		{"outside window", Answer{Customer: "ana", Time: t0 + 9*day, NPS: ip(10)}, "", Unattributed{OutsideWindow: 1}},
		{"no event before", Answer{Customer: "ana", Time: t0 - 1, NPS: ip(10)}, "", Unattributed{NoEventBefore: 1}},
		{"names its touchpoint", Answer{Customer: "nadie", Time: 0, Touchpoint: "Búsqueda", NPS: ip(10)}, "b", Unattributed{}},
		{"names an unknown touchpoint", Answer{Customer: "ana", Touchpoint: "zzz", NPS: ip(10)}, "", Unattributed{UnknownTouchpoint: 1}},
		{"unknown customer", Answer{Customer: "nadie", Time: t0 + day, NPS: ip(10)}, "", Unattributed{UnknownCustomer: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mineAll(t, Options{Map: jm, Answers: []Answer{tt.answer}}, evs)
			f := r.Feedback
			if f.Answers != 1 || f.Unattributed != tt.why {
				t.Errorf("feedback %+v, want unattributed %+v", f, tt.why)
			}
			if tt.point == "" {
				if f.Attributed != 0 || len(f.Touchpoints) != 0 {
					t.Errorf("attributed %+v", f.Touchpoints)
				}
				return
			}
			if f.Attributed != 1 || len(f.Touchpoints) != 1 || f.Touchpoints[0].Touchpoint != tt.point {
				t.Errorf("touchpoints %+v, want %s", f.Touchpoints, tt.point)
			}
		})
	}
}

func TestFeedbackScores(t *testing.T) {
	evs := []Event{{Case: "1", Activity: "alta", Time: 100}, {Case: "2", Activity: "alta", Time: 100}}
	var answers []Answer
	// 6 promoters, 2 passives, 2 detractors: NPS 40; CES 7 x5 and 1 x5: mean 4;
	// CSAT 5 x3 and 1 x1: 75%.
	for i, n := range []int{10, 9, 9, 10, 9, 10, 7, 8, 0, 6} {
		a := Answer{Customer: []string{"1", "2"}[i%2], Time: 200, NPS: ip(n), CES: ip([]int{7, 1}[i%2])}
		if i < 4 {
			a.CSAT = ip([]int{5, 5, 5, 1}[i])
		}
		answers = append(answers, a)
	}
	r := mineAll(t, Options{Answers: answers}, evs)
	f := r.Feedback
	if f.Attributed != 10 || len(f.Touchpoints) != 1 {
		t.Fatalf("feedback %+v", f)
	}
	p := f.Touchpoints[0]
	if p.Touchpoint != "alta" || p.Answers != 10 {
		t.Errorf("point %+v", p)
	}
	if p.NPS.Value != 40 || p.NPS.N != 10 || p.NPS.Margin <= 0 {
		t.Errorf("nps %+v", p.NPS)
	}
	if p.CES.Value != 4 || p.CES.N != 10 {
		t.Errorf("ces %+v", p.CES)
	}
	if p.CSAT.Value != 75 || p.CSAT.N != 4 {
		t.Errorf("csat %+v", p.CSAT)
	}
	bad := mineAll(t, Options{Answers: []Answer{{Customer: "1", Time: 200, CES: ip(9)}}}, evs)
	if m := bad.Feedback.Touchpoints[0].CES; m.Missing == "" {
		t.Errorf("ces 9 on a 7-point scale: %+v", m)
	}
}
