package mine

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/journey-cx/journey/journey"
)

// at returns Unix ns of a UTC date and time.
func at(y int, mo time.Month, d, h, mi int) int64 {
	return time.Date(y, mo, d, h, mi, 0, 0, time.UTC).UnixNano()
}

// mineAll mines events in one batch with opt.
func mineAll(t testing.TB, opt Options, events []Event) *Result {
	t.Helper()
	m := New(opt)
	m.Add(events)
	r, err := m.Result(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// jsonOf marshals v, failing the test on error.
func jsonOf(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// loadMap loads a map from YAML text and fails on any error.
func loadMap(t testing.TB, name, src string) *journey.Map {
	t.Helper()
	m, diags := journey.Load(name, []byte(src), journey.Options{})
	if diags.HasErrors() {
		t.Fatalf("%s is invalid: %v", name, diags)
	}
	return m
}

// edgeOf finds the edge from->to, or fails.
func edgeOf(t *testing.T, es []Edge, from, to string) Edge {
	t.Helper()
	for _, e := range es {
		if e.From == from && e.To == to {
			return e
		}
	}
	t.Fatalf("no edge %s -> %s in %v", from, to, es)
	return Edge{}
}
