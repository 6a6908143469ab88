package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/journey-cx/journey/journey"
)

var known = []string{"stage-empty", "owner-handoff", "metric-small-sample", "channel-switch"}

func TestParse(t *testing.T) {
	t.Parallel()
	src := `# project config
lint:
  fail-on: warning
  min-sample: 50
  rules:
    stage-empty: "off"
    owner-handoff: warning
    channel-switch: off
    metric-small-sample: ERROR
models:
  onboarding: [signup, activate, adopt, expand]
  funnel:
    name: Sales funnel
    description: Ours.
    stages: [lead, opportunity, won]
`
	cfg, err := Parse(".journey.yaml", []byte(src), Options{Rules: known})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Lint.FailOn == nil || *cfg.Lint.FailOn != journey.SeverityWarning {
		t.Errorf("fail-on = %v", cfg.Lint.FailOn)
	}
	if cfg.Lint.MinSample != 50 {
		t.Errorf("min-sample = %d", cfg.Lint.MinSample)
	}
	want := map[string]journey.Severity{"stage-empty": journey.SeverityNone, "owner-handoff": journey.SeverityWarning,
		"channel-switch": journey.SeverityNone, "metric-small-sample": journey.SeverityError}
	for k, v := range want {
		if got, ok := cfg.Lint.Rules[k]; !ok || got != v {
			t.Errorf("rules[%s] = %v, want %v", k, got, v)
		}
	}
	if p := cfg.Lint.RulePos["owner-handoff"]; p != (journey.Pos{Line: 7, Column: 20}) {
		t.Errorf("position of owner-handoff = %v", p)
	}
	if len(cfg.Models) != 2 || cfg.Models[0].ID != "onboarding" || !slices.Equal(cfg.Models[0].Stages, []string{"signup", "activate", "adopt", "expand"}) ||
		cfg.Models[1].Name != "Sales funnel" || cfg.Models[1].Description != "Ours." || len(cfg.Models[1].Stages) != 3 {
		t.Errorf("models = %+v", cfg.Models)
	}
}

func TestParseEmpty(t *testing.T) {
	t.Parallel()
	for _, src := range []string{"", "# nothing yet\n", "~\n"} {
		cfg, err := Parse(".journey.yaml", []byte(src), Options{})
		if err != nil || cfg.Lint.FailOn != nil || cfg.Lint.Rules != nil || cfg.Models != nil {
			t.Errorf("%q: %+v, %v", src, cfg, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, src, want string }{
		{"unknown top key", "lintt: {}\n", `.journey.yaml:1:1: error: unknown key "lintt" in the config (known: lint, models) (did you mean "lint"?)`},
		{"unknown lint key", "lint:\n  fail-one: error\n", `.journey.yaml:2:3: error: unknown key "fail-one" in lint (known: fail-on, min-sample, rules) (did you mean "fail-on"?)`},
		{"unknown rule", "lint:\n  rules:\n    stage-emtpy: error\n", `.journey.yaml:3:5: error: unknown rule "stage-emtpy" (see ` + "`journey rules`" + `) (did you mean "stage-empty"?)`},
		{"invalid is fixed", "lint:\n  rules:\n    invalid: \"off\"\n", `.journey.yaml:3:5: error: rule "invalid" cannot be configured: an invalid map is always an error`},
		{"bad severity", "lint:\n  rules:\n    stage-empty: warn1ng\n", `.journey.yaml:3:18: error: severity of stage-empty must be error, warning, info or off, got the text "warn1ng" (did you mean "warning"?)`},
		{"bad fail-on", "lint:\n  fail-on: always\n", `.journey.yaml:2:12: error: fail-on must be error, warning, info or none, got the text "always"`},
		{"bad min-sample", "lint:\n  min-sample: 0\n", `.journey.yaml:2:15: error: min-sample must be a whole number of answers, 1 or more, got the number 0`},
		{"model not a list", "models:\n  x: signup\n", `.journey.yaml:2:6: error: model x must be a list of stage ids, or a mapping with name and stages, got the text "signup"`},
		{"model without stages", "models:\n  x: {name: X}\n", `.journey.yaml:2:6: error: model x is missing the required key "stages"`},
		{"bad model id", "models:\n  My Model: [a]\n", `.journey.yaml:2:3: error: model id "My Model" is not a valid id: use lowercase letters, digits and dashes (try "my-model")`},
		{"repeated stage", "models:\n  x: [a, b, a]\n", `.journey.yaml:2:13: error: stage "a" is listed twice`},
		{"empty model", "models:\n  x: []\n", `.journey.yaml:2:6: error: a model needs at least one stage`},
		{"not a mapping", "- lint\n", `.journey.yaml:1:1: error: the config must be a mapping, got a list`},
		// Placed as in a map: the parser gives up at the end of the file.
		{"syntax", "lint:\n  rules: [\n", `.journey.yaml:3: error: YAML syntax: did not find expected node content`},
		{"tab indentation", "lint:\n  fail-on: warning\n\tmin-sample: 3\n", `.journey.yaml:3:1: error: YAML syntax: found a tab character that violates indentation`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse(".journey.yaml", []byte(tt.src), Options{Rules: known})
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("want *Error, got %v", err)
			}
			if err.Error() != tt.want {
				t.Errorf("got  %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestParseCollectsEveryProblem(t *testing.T) {
	t.Parallel()
	_, err := Parse("c.yaml", []byte("lint:\n  fail-on: x\n  rules: {a: error, b: error}\nmodelz: {}\n"), Options{Rules: known})
	var ce *Error
	if !errors.As(err, &ce) || len(ce.Diagnostics) != 4 {
		t.Fatalf("want 4 problems, got %v", err)
	}
	if !strings.HasPrefix(err.Error(), "c.yaml:2:12: ") {
		t.Errorf("problems are not sorted by position: %s", err)
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(deep); err != nil || got != "" {
		t.Errorf("no config: got %q, %v", got, err)
	}
	top := filepath.Join(root, "a", FileName)
	if err := os.WriteFile(top, []byte("lint: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(deep); err != nil || got != top {
		t.Errorf("walk up: got %q, %v, want %q", got, err, top)
	}
	near := filepath.Join(root, "a", "b", AltFileName)
	if err := os.WriteFile(near, []byte("lint: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(deep); err != nil || got != near {
		t.Errorf("nearest wins: got %q, %v, want %q", got, err, near)
	}
	if err := os.WriteFile(filepath.Join(root, "a", "b", FileName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(deep); err == nil || !strings.Contains(err.Error(), "keep one") {
		t.Errorf("both names: want an error, got %v", err)
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte("lint:\n  rules:\n    nope: error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(p, Options{Rules: known, Name: "cfg/.journey.yaml"})
	if err == nil || !strings.HasPrefix(err.Error(), "cfg/.journey.yaml:3:5: error: unknown rule") {
		t.Errorf("got %v", err)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml"), Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: got %v", err)
	}
}
