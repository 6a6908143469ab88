package score

import (
	"os"
	"testing"

	"github.com/journey-cx/journey/journey"
)

func loadFixture(t *testing.T, name string) *journey.Map {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := journey.Load(name, data, journey.Options{})
	if diags.HasErrors() {
		t.Fatalf("fixture %s is invalid: %v", name, diags)
	}
	return m
}

func rowByID(t *testing.T, rows []Row, id string) *Row {
	t.Helper()
	for i := range rows {
		if rows[i].ID == id {
			return &rows[i]
		}
	}
	t.Fatalf("no row %q", id)
	return nil
}

func TestComputeRollUps(t *testing.T) {
	t.Parallel()
	m := loadFixture(t, "rollup.journey.yaml")
	r := Compute(m, Options{})
	if len(r.Touchpoints) != 4 || len(r.Stages) != 2 || len(r.Channels) != 3 || len(r.Owners) != 3 {
		t.Fatalf("rows: %d touchpoints, %d stages, %d channels, %d owners", len(r.Touchpoints), len(r.Stages), len(r.Channels), len(r.Owners))
	}
	tests := []struct {
		name   string
		row    *Row
		metric Metric
		want   figureWant
	}{
		{"touchpoint a nps", rowByID(t, r.Touchpoints, "a"), MetricNPS, figureWant{true, 100, 15, 15.526119927399762, true}},
		{"touchpoint d nps missing", rowByID(t, r.Touchpoints, "d"), MetricNPS, figureWant{ok: false}},
		// s1 pools the counts of a and b: 70/75/55 of 200.
		{"stage s1 nps pooled", rowByID(t, r.Stages, "s1"), MetricNPS, figureWant{true, 200, 7.5, NPSMargin(.35, .275, 200), true}},
		{"stage s2 nps score", rowByID(t, r.Stages, "s2"), MetricNPS, figureWant{true, 300, 40, 0, false}},
		// s1 CES: a's distribution (4,4,7,7 -> 5.5) and b's mean 5 over 10: weighted.
		{"stage s1 ces weighted", rowByID(t, r.Stages, "s1"), MetricCES, figureWant{true, 14, (5.5*4 + 5*10) / 14, 0, false}},
		{"stage s2 ces 5-point", rowByID(t, r.Stages, "s2"), MetricCES, figureWant{true, 20, 4, 0, false}},
		{"stage s1 csat", rowByID(t, r.Stages, "s1"), MetricCSAT, figureWant{true, 200, 80, 5.543717164502533, true}},
		{"stage s2 csat missing", rowByID(t, r.Stages, "s2"), MetricCSAT, figureWant{ok: false}},
		// web = a + c: (15*100 + 40*300) / 400.
		{"channel web", rowByID(t, r.Channels, "web"), MetricNPS, figureWant{true, 400, 33.75, 0, false}},
		{"channel phone", rowByID(t, r.Channels, "phone"), MetricNPS, figureWant{true, 100, 0, NPSMargin(.3, .3, 100), true}},
		{"channel none", rowByID(t, r.Channels, ""), MetricNPS, figureWant{ok: false}},
		{"owner sales", rowByID(t, r.Owners, "sales"), MetricNPS, figureWant{true, 200, 7.5, NPSMargin(.35, .275, 200), true}},
		{"owner service", rowByID(t, r.Owners, "service"), MetricNPS, figureWant{true, 300, 40, 0, false}},
		// Whole map: (1500 + 0 + 12000) / 500.
		{"map nps", &r.Total, MetricNPS, figureWant{true, 500, 27, 0, false}},
		{"map ces mixed scales", &r.Total, MetricCES, figureWant{ok: false}},
		{"map csat", &r.Total, MetricCSAT, figureWant{true, 200, 80, 5.543717164502533, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkFigure(t, tt.row.Figure(tt.metric), tt.want)
		})
	}
	if got := rowByID(t, r.Stages, "s2").CSAT.Missing; got != "no touchpoint has csat" {
		t.Errorf("stage s2 csat missing reason %q", got)
	}
	if got := rowByID(t, r.Touchpoints, "d").NPS.Missing; got != "not in the map" {
		t.Errorf("touchpoint d nps missing reason %q", got)
	}
	if got := r.Total.CES.Missing; got != "mixed ces scales (5 and 7 points)" {
		t.Errorf("map ces missing reason %q", got)
	}
	if r.Total.Parts != 4 || rowByID(t, r.Stages, "s1").Parts != 2 {
		t.Errorf("parts: map %d", r.Total.Parts)
	}
	if n := rowByID(t, r.Touchpoints, "b").Name; n != "b" {
		t.Errorf("a touchpoint without name shows its id, got %q", n)
	}
}

func TestComputeResponsesReplaceInline(t *testing.T) {
	t.Parallel()
	m := loadFixture(t, "rollup.journey.yaml")
	a := &Answers{}
	a.NPS[10], a.NPS[0] = 3, 1 // 3 promoters, 1 detractor: 50
	c := &Answers{}
	c.CES[0] = 2 // two answers of 1 on c's 5-point scale
	web := &Answers{}
	web.NPS[9] = 1
	phone := &Answers{}
	phone.NPS[0] = 3
	tally := &Tally{File: "r.csv",
		Answers:   map[string]*Answers{"a": a, "c": c},
		Segmented: map[string]map[string]*Answers{"a": {"web": web, "phone": phone}, "c": {"web": c}},
		Segments:  []string{"phone", "web"}}
	r := Compute(m, Options{Responses: []*Tally{tally}, Segments: true})
	ta := rowByID(t, r.Touchpoints, "a")
	checkFigure(t, ta.NPS.Figure, figureWant{true, 4, 50, NPSMargin(.75, .25, 4), true})
	if ta.NPS.Origin != OriginResponses || ta.CES.Origin != OriginInline || ta.CSAT.Origin != OriginInline {
		t.Errorf("origins: nps %q ces %q csat %q", ta.NPS.Origin, ta.CES.Origin, ta.CSAT.Origin)
	}
	tc := rowByID(t, r.Touchpoints, "c")
	if tc.CES.Scale != 5 || !near(tc.CES.Value, 1) || tc.CES.Origin != OriginResponses || tc.NPS.Origin != OriginInline {
		t.Errorf("c: %+v", tc.CES)
	}
	if tb := rowByID(t, r.Touchpoints, "b"); tb.CSAT.Missing != "not in the map or the responses" {
		t.Errorf("b csat reason %q", tb.CSAT.Missing)
	}
	// s1 mixes a (responses) and b (inline): pooled counts, origin mixed.
	s1 := rowByID(t, r.Stages, "s1")
	checkFigure(t, s1.NPS.Figure, figureWant{true, 104, (33.0 - 31.0) / 104 * 100, NPSMargin(33.0/104, 31.0/104, 104), true})
	if s1.NPS.Origin != OriginMixed {
		t.Errorf("s1 origin %q", s1.NPS.Origin)
	}
	// Segments: a's segment rows come from the answers; b's inline figures have none.
	if !r.Segmented || len(ta.Segments) != 2 || ta.Segments[0].Segment != "phone" {
		t.Fatalf("segments: %+v", ta.Segments)
	}
	checkFigure(t, ta.Segments[0].NPS.Figure, figureWant{true, 3, -100, 0, true})
	if got := rowByID(t, r.Touchpoints, "b").Segments[0].NPS.Missing; got != "inline figures have no segment" {
		t.Errorf("b segment reason %q", got)
	}
	if len(r.Segments) != 2 || r.Segments[1].ID != "web" || r.Segments[1].Level != LevelSegment {
		t.Fatalf("map segments: %+v", r.Segments)
	}
	checkFigure(t, r.Segments[1].NPS.Figure, figureWant{true, 1, 100, 0, true})
	checkFigure(t, r.Segments[1].CES.Figure, figureWant{true, 2, 1, 0, true})
}

func TestCurve(t *testing.T) {
	t.Parallel()
	m := loadFixture(t, "rollup.journey.yaml")
	c := Curve(m, "")
	if len(c.Points) != 4 || len(c.Stages) != 2 {
		t.Fatalf("curve: %+v", c)
	}
	if !c.Stages[0].OK || !near(c.Stages[0].Mean, 3) || c.Stages[0].N != 2 || !near(c.Stages[1].Mean, 1) {
		t.Errorf("stage means: %+v", c.Stages)
	}
	if len(c.Valleys) != 2 || c.Valleys[0].Touchpoint != "c" || c.Valleys[1].Touchpoint != "d" {
		t.Errorf("valleys: %+v", c.Valleys)
	}
}

func TestGate(t *testing.T) {
	t.Parallel()
	m := loadFixture(t, "rollup.journey.yaml")
	r := Compute(m, Options{})
	th := TargetsOf(m)
	misses := th.Check(append(r.Rows(LevelStage), r.Total))
	// s1: nps 7.5 < 30, ces 5.14 < 5.5, csat 80 met; s2: nps 40 met, ces
	// 5-point not checked; map: nps 27 < 30, csat met, ces missing.
	want := []string{
		"nps 7.5 is below 30.0 by 22.5 points at stage s1 (n=200)",
		"ces 5.14 is below 5.50 by 0.36 at stage s1 (n=14)",
		"nps 27.0 is below 30.0 by 3.0 points at the whole map (n=500)",
	}
	if len(misses) != len(want) {
		t.Fatalf("misses: %v", misses)
	}
	for i, w := range want {
		if got := misses[i].String(); got != w {
			t.Errorf("miss %d: %q, want %q", i, got, w)
		}
	}
	s1 := rowByID(t, r.Stages, "s1")
	if th.StatusOf(s1, MetricCSAT) != StatusMet || th.StatusOf(s1, MetricNPS) != StatusMissed {
		t.Errorf("status s1")
	}
	if th.StatusOf(rowByID(t, r.Stages, "s2"), MetricCES) != StatusNone {
		t.Errorf("a 5-point CES is not compared with a 7-point target")
	}
	// Within the margin: a (15 ± 15.5) against 30 is uncertain.
	if got := th.StatusOf(rowByID(t, r.Touchpoints, "a"), MetricNPS); got != StatusUncertain {
		t.Errorf("a nps status %v", got)
	}
	// A figure shown as 30.0 meets 30.
	v := 29.96
	row := Row{Level: LevelMap, NPS: NPSFromScore(29.96, 10)}
	if ms := (Thresholds{NPS: &v}).Check([]Row{row}); len(ms) != 0 {
		t.Errorf("rounded equal must pass: %v", ms)
	}
	thirty := 30.0
	if ms := (Thresholds{NPS: &thirty}).Check([]Row{row}); len(ms) != 0 {
		t.Errorf("29.96 shows as 30.0 and meets 30: %v", ms)
	}
}
