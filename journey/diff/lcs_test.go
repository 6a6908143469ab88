package diff

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestLCSMatchesTable checks the O(n log n) alignment against the table it
// replaced, on random permutations (where ties between longest runs are
// common) and on lists that share only some ids.
func TestLCSMatchesTable(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 3000 {
		n := rng.IntN(12)
		if trial%10 == 0 {
			n = 60 + rng.IntN(60)
		}
		ids := make([]string, n+4)
		for i := range ids {
			ids[i] = fmt.Sprint("tp-", i)
		}
		a := slices.Clone(ids[:n])
		b := slices.Clone(ids[:n])
		switch trial % 3 {
		case 0:
			rng.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
		case 1: // a few moves
			for range 1 + n/10 {
				if n > 1 {
					i, j := rng.IntN(n), rng.IntN(n)
					x := b[i]
					b = slices.Insert(slices.Delete(b, i, i+1), j, x)
				}
			}
		default: // ids only one side has, and a shuffle
			a = append(a, ids[n], ids[n+1])
			b = append(b, ids[n+2], ids[n+3])
			rng.Shuffle(len(a), func(i, j int) { a[i], a[j] = a[j], a[i] })
			rng.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
		}
		got, want := lcs(a, b), lcsTable(a, b)
		if !maps.Equal(got, want) {
			t.Fatalf("lcs(%q, %q) = %v, the table says %v", a, b, got, want)
		}
	}
	dup := []string{"a", "b", "a"}
	if got, want := lcs(dup, []string{"a", "b"}), lcsTable(dup, []string{"a", "b"}); !maps.Equal(got, want) {
		t.Errorf("repeated ids: %v, want %v", got, want)
	}
}
