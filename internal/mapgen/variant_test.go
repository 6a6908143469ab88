package mapgen

import (
	"bytes"
	"testing"

	"github.com/journey-cx/journey/journey"
)

func TestVariantIsValidAndDiffers(t *testing.T) {
	t.Parallel()
	for _, n := range []int{50, 1000} {
		old := Map(1, n)
		v := Variant(old)
		m, diags := journey.Load("v.journey.yaml", v, journey.Options{})
		if len(diags) > 0 {
			t.Fatalf("%d touchpoints: %v", n, diags)
		}
		if bytes.Equal(old, v) || len(m.Touchpoints()) == 0 {
			t.Errorf("%d touchpoints: variant is the same map", n)
		}
		if !bytes.Equal(v, Variant(old)) {
			t.Errorf("%d touchpoints: variant differs between runs", n)
		}
	}
}
