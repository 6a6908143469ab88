package lint

import (
	"os"
	"testing"

	"github.com/journey-cx/journey/journey"
)

// TestRecommendWithoutNPSFacts: NPS answers from the map's sources (passed
// in as Facts) for a touchpoint of the advocacy stage silence the rule;
// answers elsewhere, or none, do not.
func TestRecommendWithoutNPSFacts(t *testing.T) {
	t.Parallel()
	const path = "testdata/recommend-without-nps/fires.journey.yaml"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, diags := journey.Load(path, data, journey.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, tt := range []struct {
		name  string
		facts Facts
		fires bool
	}{
		{"no facts", Facts{}, true},
		{"nps answers for the advocacy touchpoint", Facts{NPS: map[string]bool{"e": true}}, false},
		{"nps answers for another stage only", Facts{NPS: map[string]bool{"d": true, "a": true}}, true},
		{"an unknown touchpoint", Facts{NPS: map[string]bool{"zz": true}}, true},
	} {
		got := positions(l.LintWith(m, data, tt.facts), "recommend-without-nps")
		if fired := len(got) > 0; fired != tt.fires {
			t.Errorf("%s: fired %v (%v), want %v", tt.name, fired, got, tt.fires)
		}
	}
	if !NeedsFacts(l.Lint(m, data)) {
		t.Error("NeedsFacts: a recommend-without-nps finding needs the sources' facts")
	}
	if NeedsFacts(journey.Diagnostics{{Rule: "stage-empty"}}) {
		t.Error("NeedsFacts: stage-empty does not read facts")
	}
}
