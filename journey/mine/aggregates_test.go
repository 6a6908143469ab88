package mine

import (
	"strings"
	"testing"
	"time"
)

// tinyLog is three cases: web -> app (10 s, a channel switch), web -> app
// -> web (4 s and 6 s), and web alone.
func tinyLog() ([]Event, *Aggregates) {
	t0 := at(2026, time.March, 2, 9, 0)
	s := int64(time.Second)
	events := []Event{
		{Case: "c1", Activity: "web", Time: t0, Channel: "online"}, {Case: "c1", Activity: "app", Time: t0 + 10*s, Channel: "móvil"},
		{Case: "c2", Activity: "web", Time: t0, Channel: "online"}, {Case: "c2", Activity: "app", Time: t0 + 4*s, Channel: "online"},
		{Case: "c2", Activity: "web", Time: t0 + 10*s, Channel: "online"},
		{Case: "c3", Activity: "web", Time: t0 + 20*s},
	}
	sep := PathSeparator
	agg := &Aggregates{First: t0, Last: t0 + 20*s,
		Activities: []ActivityCount{{"app", "app", 2, 2}, {"web", "web", 4, 3}},
		Variants:   []PathDuration{{Path: strings.Split("web"+sep+"app", sep), Seconds: 10, N: 1}, {Path: strings.Split("web"+sep+"app"+sep+"web", sep), Seconds: 10, N: 1}, {Path: []string{"web"}, Seconds: 0, N: 1}},
		Edges:      []EdgeDuration{{"web", "app", 10, 1}, {"web", "app", 4, 1}, {"app", "web", 6, 1}},
		Gaps:       []GapCount{{Kind: "channel", From: "online", To: "móvil", Count: 1, Cases: 1, Ended: 1}},
	}
	return events, agg
}

// TestFromAggregatesIsMining: the aggregates of a log give the result of
// mining it, to the byte.
func TestFromAggregatesIsMining(t *testing.T) {
	events, agg := tinyLog()
	want := jsonOf(t, mineAll(t, Options{}, events))
	r, err := FromAggregates(agg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := jsonOf(t, r); got != want {
		t.Errorf("from aggregates:\n%s\nmined:\n%s", got, want)
	}
}

// TestFromAggregatesContradictions: aggregates that don't fit together are
// refused, never mined into a wrong picture.
func TestFromAggregatesContradictions(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Aggregates)
		opt  Options
		msg  string
	}{
		{"edges not the paths' moves", func(a *Aggregates) { a.Edges = a.Edges[:2] }, Options{}, "app"},
		{"edge to an unknown node", func(a *Aggregates) { a.Edges[2].To = "tienda" }, Options{}, "tienda"},
		{"feedback needs events", func(*Aggregates) {}, Options{Answers: []Answer{{Customer: "c1"}}}, "need the events"},
		{"one customer needs events", func(*Aggregates) {}, Options{Case: "c1"}, "need the events"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, agg := tinyLog()
			tc.edit(agg)
			if _, err := FromAggregates(agg, tc.opt); err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err %v, want one naming %q", err, tc.msg)
			}
		})
	}
}
