package cli

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey/lint"
)

func TestRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string
		stderr string
	}{
		{"list", []string{"rules"}, 0, "testdata/lint/rules.text.golden", ""},
		{"one", []string{"rules", "emotion-drop"}, 0, "testdata/lint/rule.text.golden", ""},
		{"one as markdown", []string{"rules", "-f", "markdown", "stage-order"}, 0, "testdata/lint/rule.md.golden", ""},
		{"unknown rule", []string{"rules", "emotion-dorp"}, 2, "",
			"journey: unknown rule \"emotion-dorp\"; did you mean \"emotion-drop\"? (journey rules lists them)\nRun 'journey rules --help' for usage.\n"},
		{"two rules", []string{"rules", "stage-empty", "stage-order"}, 2, "",
			"journey: journey rules takes at most one rule id, got 2 arguments\nRun 'journey rules --help' for usage.\n"},
		{"bad format", []string{"rules", "--format", "yaml"}, 2, "",
			"journey: unknown format \"yaml\" for rules (want text, json, markdown)\nRun 'journey rules --help' for usage.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := lintMain(t, "", false, tt.args...)
			if code != tt.code || errOut != tt.stderr {
				t.Errorf("exit %d, want %d; stderr:\n%q\nwant:\n%q", code, tt.code, errOut, tt.stderr)
			}
			if tt.golden == "" {
				if out != "" {
					t.Errorf("stdout should be empty, got:\n%s", out)
				}
				return
			}
			golden.Assert(t, tt.golden, []byte(out))
		})
	}
}

// TestRulesMarkdownIsTheDoc checks that `journey rules --format markdown`
// prints docs/rules.md as committed.
func TestRulesMarkdownIsTheDoc(t *testing.T) {
	t.Parallel()
	out, _, code := lintMain(t, "", false, "rules", "--format", "markdown")
	want, err := os.ReadFile("../../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	if code != 0 || out != string(want) {
		t.Error("journey rules --format markdown differs from docs/rules.md (go test ./journey/lint -run TestRulesDoc -update)")
	}
}

func TestRulesJSON(t *testing.T) {
	t.Parallel()
	out, _, code := lintMain(t, "", false, "rules", "--format", "json")
	var rules []map[string]any
	if err := json.Unmarshal([]byte(out), &rules); err != nil || code != 0 {
		t.Fatalf("exit %d, %v", code, err)
	}
	if len(rules) != len(lint.Rules()) {
		t.Fatalf("%d rules, want %d", len(rules), len(lint.Rules()))
	}
	for _, r := range rules {
		for _, k := range []string{"id", "category", "default_severity", "summary", "doc", "example_fix"} {
			if _, ok := r[k]; !ok {
				t.Errorf("rule %v lacks %q", r["id"], k)
			}
		}
	}
	out, _, _ = lintMain(t, "", false, "rules", "--format", "json", "metric-small-sample")
	var one map[string]any
	if err := json.Unmarshal([]byte(out), &one); err != nil || one["id"] != "metric-small-sample" || one["default_severity"] != "warning" {
		t.Errorf("one rule as JSON: %v %v", one, err)
	}
	if strings.Contains(out, "Check") {
		t.Error("the JSON leaks the Check function")
	}
}
