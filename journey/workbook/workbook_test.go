package workbook_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/journey-cx/journey/journey/workbook"
)

func TestColumns(t *testing.T) {
	t.Parallel()
	cols := workbook.Columns([]string{"marta", "jorge"})
	if len(cols) != 42 || cols[0] != workbook.KeyStageID || cols[len(cols)-1] != workbook.KeyKPIBetter {
		t.Fatalf("columns %q", cols)
	}
	i := slices.Index(cols, workbook.KeyEmotion)
	if got := cols[i+1 : i+4]; !slices.Equal(got, []string{"emotion:marta", "emotion:jorge", workbook.KeyMomentOfTruth}) {
		t.Errorf("after emotion: %q", got)
	}
	seen := map[string]bool{}
	for _, k := range cols {
		if seen[k] {
			t.Errorf("key %q twice", k)
		}
		seen[k] = true
		_, perPersona := workbook.PersonaOf(k)
		if workbook.Known(k) == perPersona {
			t.Errorf("%q: Known %v, per persona %v", k, workbook.Known(k), perPersona)
		}
		if k != strings.ToLower(strings.TrimSpace(k)) {
			t.Errorf("key %q: readers lower-case and trim the header", k)
		}
	}
	if got := workbook.Columns(nil); len(got) != 40 || slices.ContainsFunc(got, func(k string) bool { return strings.Contains(k, ":") }) {
		t.Errorf("columns without personas %q", got)
	}
	for _, k := range workbook.Required() {
		if !workbook.Known(k) {
			t.Errorf("required key %q is not a column", k)
		}
	}
}

func TestKeys(t *testing.T) {
	t.Parallel()
	if p, ok := workbook.PersonaOf(workbook.EmotionColumn("marta")); !ok || p != "marta" {
		t.Errorf("PersonaOf(EmotionColumn) = %q, %v", p, ok)
	}
	for _, k := range []string{"emotion", "emotions:marta", "name", ""} {
		if _, ok := workbook.PersonaOf(k); ok {
			t.Errorf("PersonaOf(%q) is a persona column", k)
		}
	}
	for _, k := range []string{"colour", "Name", "emotion:x", ""} {
		if workbook.Known(k) {
			t.Errorf("Known(%q)", k)
		}
	}
	for k, want := range map[string]bool{"emotion": true, "emotion:marta": true, "nps_score": true, "ces_reversed": true,
		"nps_distribution": false, "kpi_value": false, "name": false, "opportunity_impact": false} {
		if workbook.Numeric(k) != want {
			t.Errorf("Numeric(%q) = %v", k, !want)
		}
	}
	if got := workbook.Sheets(); !slices.Equal(got, []string{"Map", "Touchpoints", "Scores", "Findings"}) {
		t.Errorf("sheets %q", got)
	}
}
