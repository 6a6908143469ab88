package lint

import (
	"testing"

	"github.com/journey-cx/journey/internal/golden"
)

// TestRulesDoc keeps docs/rules.md in sync with the registry; regenerate it
// with `go test ./journey/lint -run TestRulesDoc -update`.
func TestRulesDoc(t *testing.T) {
	t.Parallel()
	golden.Assert(t, "../../docs/rules.md", Markdown(Rules()))
}
