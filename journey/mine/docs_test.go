package mine

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestRulesDocumented keeps the rules table of docs/mining.md in step with
// Rules(): same ids, severities and texts, in the same order.
func TestRulesDocumented(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../docs/mining.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	const begin, end = "<!-- rules: generated from journey/mine.Rules(); a test keeps this table in step -->\n", "<!-- rules: end -->"
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("docs/mining.md has no rules block (%q ... %q)", begin, end)
	}
	var want strings.Builder
	want.WriteString("| rule | severity | what it means |\n|---|---|---|\n")
	for _, r := range Rules() {
		fmt.Fprintf(&want, "| `%s` | %s | **%s.** %s |\n", r.ID, r.Severity, r.Summary, r.Doc)
	}
	if got := doc[i+len(begin) : j]; got != want.String() {
		t.Errorf("the rules table of docs/mining.md is stale; it should read:\n%s", want.String())
	}
}
