package mine

import (
	"math"
	"testing"
)

func TestEventEncodingRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		ts   []int64
	}{
		{"whole seconds", []int64{1.7e18, 1.7e18 + 60e9, 1.7e18 + 86400e9}},
		{"nanoseconds", []int64{1, 2, 999_999_999, 1e9 + 1}},
		{"backwards", []int64{1e18, 5e17, -3e9, -3e9 - 1}},
		{"extremes", []int64{math.MaxInt64, math.MinInt64 + 1, 0, 1 << 62, -(1 << 62) - 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ar := newArena()
			var c caseBuf
			for i, v := range tt.ts {
				ar.write(&c, appendEvent(nil, v-c.lastT, uint32(i*1000)))
				c.lastT = v
			}
			ts, ss, _, err := decodeEvents(ar.read(&c, nil), 0, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tt.ts {
				if ts[i] != tt.ts[i] || ss[i] != uint32(i*1000) {
					t.Errorf("event %d: %d/%d, want %d/%d", i, ts[i], ss[i], tt.ts[i], i*1000)
				}
			}
		})
	}
}

func TestQuantile(t *testing.T) {
	tests := []struct {
		name        string
		vals        []float64
		median, p90 float64
	}{
		{"none", nil, 0, 0},
		{"one", []float64{7}, 7, 7},
		{"even", []float64{1, 2, 3, 4}, 2.5, 3.7},
		{"histogram of whole seconds", repeat(map[float64]int{1: 400, 2: 300, 200: 300}), 2, 200},
		{"histogram with zeros", repeat(map[float64]int{0: 600, 3600: 400}), 0, 3600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var q, a, b quant
			for i, v := range tt.vals {
				q.add(v)
				if i%3 == 0 {
					a.add(v)
				} else {
					b.add(v)
				}
			}
			a.merge(&b)
			for _, x := range []*quant{&q, &a} {
				if md, p90 := x.medianP90(); md != tt.median || p90 != tt.p90 {
					t.Errorf("median %v p90 %v, want %v %v", md, p90, tt.median, tt.p90)
				}
			}
		})
	}
}

func repeat(counts map[float64]int) []float64 {
	var out []float64
	for _, v := range []float64{0, 1, 2, 200, 3600} {
		for range counts[v] {
			out = append(out, v)
		}
	}
	return out
}

func TestResultTwice(t *testing.T) {
	m := New(Options{})
	m.Add([]Event{{Case: "1", Activity: "a"}})
	if _, err := m.Result(t.Context()); err != nil {
		t.Fatal(err)
	}
	m.Add([]Event{{Case: "2", Activity: "b"}}) // ignored
	if _, err := m.Result(t.Context()); err == nil {
		t.Error("second Result gave no error")
	}
}
