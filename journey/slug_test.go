package journey

import (
	"strings"
	"testing"
)

func TestShortSlug(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Alta de fibra":                    "alta-de-fibra",
		strings.Repeat("Cotización ", 10):  "cotizacion-cotizacion-cotizacion-cotizacion-cotizacion",
		strings.Repeat("x", 70):            strings.Repeat("x", MaxSlug),
		strings.Repeat("ab ", 19) + "abcd": strings.Repeat("ab-", 18) + "ab",
		"":                                 "",
	} {
		got := ShortSlug(in)
		if got != want || len(got) > MaxSlug {
			t.Errorf("ShortSlug(%q) = %q, want %q", in, got, want)
		}
	}
}
