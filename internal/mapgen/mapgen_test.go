package mapgen

import (
	"bytes"
	"testing"

	"github.com/journey-cx/journey/journey"
)

func TestMapIsValidAndDeterministic(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 8, 50, 200} {
		data := Map(uint64(n), n)
		m, diags := journey.Load("gen.journey.yaml", data, journey.Options{})
		if len(diags) > 0 {
			t.Fatalf("%d touchpoints: %v", n, diags)
		}
		if got := len(m.Touchpoints()); got != n {
			t.Errorf("got %d touchpoints, want %d", got, n)
		}
		if !bytes.Equal(data, Map(uint64(n), n)) {
			t.Errorf("%d touchpoints: output differs between runs", n)
		}
	}
}
