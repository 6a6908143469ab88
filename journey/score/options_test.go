package score

import (
	"errors"
	"reflect"
	"testing"

	"github.com/journey-cx/journey/journey"
)

func TestParseColumns(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		pairs   []string
		want    map[string]string
		badPair string // "" = no error
	}{
		{"none", nil, map[string]string{}, ""},
		{"one", []string{"touchpoint=tp_id"}, map[string]string{"touchpoint": "tp_id"}, ""},
		{"spaces trimmed", []string{" nps = Recommend "}, map[string]string{"nps": "Recommend"}, ""},
		{"later wins", []string{"nps=a", "nps=b"}, map[string]string{"nps": "b"}, ""},
		{"header with =", []string{"segment=plan=x"}, map[string]string{"segment": "plan=x"}, ""},
		{"no =", []string{"nps"}, nil, "nps"},
		{"empty header", []string{"nps= "}, nil, "nps= "},
		{"unknown key", []string{"mood=x"}, nil, "mood=x"},
		{"first bad one", []string{"nps=a", "mood=x", "oops"}, nil, "mood=x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseColumns(tt.pairs)
			if tt.badPair != "" {
				var ce *ColumnError
				if !errors.As(err, &ce) || ce.Pair != tt.badPair {
					t.Fatalf("err = %v, want a ColumnError for %q", err, tt.badPair)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
	if msg := (&ColumnError{Pair: "x"}).Error(); msg != `want KEY=HEADER with KEY one of touchpoint, nps, ces, csat, segment, date, got "x"` {
		t.Errorf("message %q", msg)
	}
}

func TestMergeColumns(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		base, override map[string]string
		want           map[string]string
		explicit       map[string]bool
	}{
		{"neither", nil, nil, map[string]string{}, map[string]bool{}},
		{"base only", map[string]string{"nps": "rec"}, nil, map[string]string{"nps": "rec"}, map[string]bool{"nps": true}},
		{"override only", nil, map[string]string{"ces": "effort"}, map[string]string{"ces": "effort"}, map[string]bool{"ces": true}},
		{"override wins", map[string]string{"nps": "rec", "date": "d"}, map[string]string{"nps": "score"},
			map[string]string{"nps": "score", "date": "d"}, map[string]bool{"nps": true, "date": true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := map[string]string{}
			for k, v := range tt.base {
				base[k] = v
			}
			c, e := MergeColumns(tt.base, tt.override)
			if !reflect.DeepEqual(c, tt.want) || !reflect.DeepEqual(e, tt.explicit) {
				t.Errorf("got %v %v; want %v %v", c, e, tt.want, tt.explicit)
			}
			if tt.base != nil && !reflect.DeepEqual(base, tt.base) {
				t.Error("base was changed")
			}
		})
	}
}

func TestSegmentColumn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		segment string
		columns map[string]string
		want    string
	}{
		{"", map[string]string{"segment": "plan"}, ""},
		{"plan", nil, "plan"},
		{"segment", nil, "segment"},
		{"segment", map[string]string{"segment": "tier"}, "tier"},
		{"region", map[string]string{"segment": "tier"}, "region"},
	}
	for _, tt := range tests {
		if got := SegmentColumn(tt.segment, tt.columns); got != tt.want {
			t.Errorf("SegmentColumn(%q, %v) = %q, want %q", tt.segment, tt.columns, got, tt.want)
		}
	}
}

func TestCheckDays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		since, until string
		want         *DayError // nil = valid
		msg          string
	}{
		{"", "", nil, ""},
		{"2026-01-01", "", nil, ""},
		{"", "2026-12-31", nil, ""},
		{"2026-01-01", "2026-01-01", nil, ""},
		{"2026-13-01", "", &DayError{Bound: BoundSince, Value: "2026-13-01"}, `since wants a day like 2026-01-31, got "2026-13-01"`},
		{"2026-02-30", "", &DayError{Bound: BoundSince, Value: "2026-02-30"}, ""},
		{"", "2026-1-1", &DayError{Bound: BoundUntil, Value: "2026-1-1"}, `until wants a day like 2026-01-31, got "2026-1-1"`},
		{"", "2026-01-01T00:00", &DayError{Bound: BoundUntil, Value: "2026-01-01T00:00"}, ""},
		{"bad", "worse", &DayError{Bound: BoundSince, Value: "bad"}, ""},
		{"2026-02-01", "2026-01-01", &DayError{Since: "2026-02-01", Until: "2026-01-01"}, "since 2026-02-01 is after until 2026-01-01"},
	}
	for _, tt := range tests {
		err := CheckDays(tt.since, tt.until)
		if tt.want == nil {
			if err != nil {
				t.Errorf("CheckDays(%q, %q) = %v", tt.since, tt.until, err)
			}
			continue
		}
		var de *DayError
		if !errors.As(err, &de) || *de != *tt.want {
			t.Errorf("CheckDays(%q, %q) = %#v, want %#v", tt.since, tt.until, err, tt.want)
			continue
		}
		if tt.msg != "" && err.Error() != tt.msg {
			t.Errorf("message %q, want %q", err, tt.msg)
		}
	}
}

func TestCheckRange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		th     Thresholds
		metric Metric // "" = in range
		msg    string
	}{
		{"none", Thresholds{}, "", ""},
		{"bounds", Thresholds{NPS: fp(-100), CES: fp(7), CSAT: fp(0)}, "", ""},
		{"nps low", Thresholds{NPS: fp(-100.5)}, MetricNPS, "must be within -100..100, got -100.5"},
		{"ces high", Thresholds{CES: fp(7.01)}, MetricCES, "must be within 1..7, got 7.01"},
		{"ces zero", Thresholds{CES: fp(0)}, MetricCES, ""},
		{"csat high", Thresholds{CSAT: fp(101)}, MetricCSAT, "must be within 0..100, got 101"},
		{"first is nps", Thresholds{NPS: fp(200), CSAT: fp(-1)}, MetricNPS, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.th.CheckRange()
			if tt.metric == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var re *RangeError
			if !errors.As(err, &re) || re.Metric != tt.metric {
				t.Fatalf("err = %v, want a RangeError for %s", err, tt.metric)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("message %q, want %q", err, tt.msg)
			}
		})
	}
}

func TestGatesThresholds(t *testing.T) {
	t.Parallel()
	withTargets := &journey.Map{Targets: &journey.Targets{NPS: fp(20), CSAT: fp(75)}}
	noTargets := &journey.Map{}
	tests := []struct {
		name  string
		gates Gates
		m     *journey.Map
		want  Thresholds
		asked bool
	}{
		{"nothing asked: targets still colour", Gates{}, withTargets, Thresholds{NPS: fp(20), CSAT: fp(75)}, false},
		{"--gate", Gates{Targets: true}, withTargets, Thresholds{NPS: fp(20), CSAT: fp(75)}, true},
		{"--gate without targets", Gates{Targets: true}, noTargets, Thresholds{}, true},
		{"min only replaces targets", Gates{Min: Thresholds{CES: fp(5)}}, withTargets, Thresholds{CES: fp(5)}, true},
		{"--gate with a min overrides one target", Gates{Targets: true, Min: Thresholds{NPS: fp(30)}}, withTargets,
			Thresholds{NPS: fp(30), CSAT: fp(75)}, true},
		{"nil map", Gates{Targets: true}, nil, Thresholds{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.gates.Thresholds(tt.m); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Thresholds = %s, want %s", th(got), th(tt.want))
			}
			if got := tt.gates.Asked(); got != tt.asked {
				t.Errorf("Asked = %v, want %v", got, tt.asked)
			}
		})
	}
}

func th(t Thresholds) string {
	s := ""
	for _, m := range Metrics {
		if v := t.For(m); v != nil {
			s += string(m) + "=" + num(*v) + " "
		}
	}
	return "{" + s + "}"
}

func TestThresholdsGate(t *testing.T) {
	t.Parallel()
	fig := func(v float64, n int) Figure { return Figure{OK: true, Value: v, N: n} }
	rep := &Report{
		Stages: []Row{
			{Level: LevelStage, ID: "buy", NPS: NPS{Figure: fig(10, 40)}, CES: CES{Figure: fig(4, 40), Scale: 5}},
			{Level: LevelStage, ID: "use", NPS: NPS{Figure: fig(40, 40)}},
		},
		Total: Row{Level: LevelMap, ID: "m", NPS: NPS{Figure: fig(25, 80)}},
	}
	tests := []struct {
		name      string
		th        Thresholds
		by        Level
		misses    []string // Level/ID of the misses
		unchecked []Metric
	}{
		{"no thresholds", Thresholds{}, LevelStage, nil, nil},
		{"nps missed on a stage and the map", Thresholds{NPS: fp(30)}, LevelStage, []string{"stage/buy", "map/m"}, nil},
		{"nps met", Thresholds{NPS: fp(10)}, LevelStage, nil, nil},
		{"5-point ces is not checked", Thresholds{CES: fp(5)}, LevelStage, nil, []Metric{MetricCES}},
		{"no csat anywhere", Thresholds{NPS: fp(0), CSAT: fp(50)}, LevelStage, nil, []Metric{MetricCSAT}},
		{"by touchpoint: only the total", Thresholds{NPS: fp(30)}, LevelTouchpoint, []string{"map/m"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.th.Gate(rep, tt.by)
			var got []string
			for _, m := range v.Misses {
				got = append(got, string(m.Level)+"/"+m.ID)
			}
			if !reflect.DeepEqual(got, tt.misses) || !reflect.DeepEqual(v.Unchecked, tt.unchecked) {
				t.Errorf("misses %v unchecked %v; want %v %v", got, v.Unchecked, tt.misses, tt.unchecked)
			}
			if v.Passed() != (len(tt.misses) == 0) {
				t.Errorf("Passed = %v", v.Passed())
			}
		})
	}
	if len(rep.Stages) != 2 {
		t.Error("GateRows changed the report")
	}
}
