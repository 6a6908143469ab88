package cli

import (
	"bytes"
	"strings"
	"testing"
)

func TestScoreProgress(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	p := &progress{w: &b, name: "big.csv", total: 200 << 20}
	p.update(50 << 20)
	p.update(50<<20 + 1) // same percent: not redrawn
	p.update(200 << 20)
	p.done()
	got := b.String()
	if strings.Count(got, "reading big.csv") != 2 {
		t.Errorf("want two redraws, got %q", got)
	}
	for _, s := range []string{" 25% 50 MiB of 200 MiB", "100%", "\r\x1b[K"} {
		if !strings.Contains(got, s) {
			t.Errorf("progress output lacks %q: %q", s, got)
		}
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("done must clear the line: %q", got)
	}
}
