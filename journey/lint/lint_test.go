package lint

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/journey-cx/journey/journey"
)

// at is an expected finding: line and column (1-based, characters).
type at struct{ line, col int }

// fires lists, for every rule, where it fires in its fires fixture.
var fires = map[string][]at{
	journey.RuleInvalid:          {{17, 9}},
	"stage-empty":                {{22, 5}},
	"stage-order":                {{15, 5}, {20, 5}},
	"channel-unused":             {{9, 5}},
	"owner-unused":               {{11, 5}},
	RuleUnusedIgnore:             {{15, 7}, {20, 21}},
	"model-stage-missing":        {{11, 8}},
	"stage-unmapped":             {{17, 5}},
	"persona-missing":            {{3, 1}},
	"touchpoint-channel-missing": {{20, 9}},
	"touchpoint-owner-missing":   {{23, 9}},
	"touchpoint-emotion-missing": {{15, 9}},
	"pain-without-opportunity":   {{21, 11}, {26, 83}},
	"emotion-drop":               {{21, 89}, {34, 11}}, // 89: columns count characters, and the line has an ó
	"channel-switch":             {{21, 18}, {24, 51}},
	"owner-handoff":              {{16, 49}, {20, 16}},
	"flow-unreachable":           {{21, 9}, {22, 9}},
	"flow-dead-end":              {{26, 15}, {27, 78}},
	"recommend-without-nps":      {{17, 5}},
	"moment-of-truth-unmeasured": {{20, 26}},
	"metric-small-sample":        {{21, 16}, {23, 13}, {27, 91}},
	"metric-inconsistent":        {{21, 31}, {22, 31}, {23, 39}, {30, 65}, {32, 13}, {39, 24}},
	"kpi-without-target":         {{23, 15}, {24, 15}},
	"actor-repeated":             {{20, 35}, {26, 18}, {26, 30}},
}

func lintFixture(t *testing.T, path string, opt Options) journey.Diagnostics {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	_, ds := l.LintFile(filepath.ToSlash(path), data)
	return ds
}

func positions(ds journey.Diagnostics, rule string) []at {
	var out []at
	for _, d := range ds {
		if d.Rule == rule {
			out = append(out, at{d.Line, d.Column})
		}
	}
	return out
}

func TestRuleFixtures(t *testing.T) {
	t.Parallel()
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			t.Parallel()
			want, ok := fires[r.ID]
			if !ok {
				t.Fatalf("no expected positions for rule %s in the fires table", r.ID)
			}
			dir := filepath.Join("testdata", r.ID)
			got := lintFixture(t, filepath.Join(dir, "fires.journey.yaml"), Options{})
			if p := positions(got, r.ID); !slices.Equal(p, want) {
				t.Errorf("fires: %s at %v, want %v; all findings:\n%s", r.ID, p, want, list(got))
			}
			for _, d := range got {
				if d.Rule == r.ID && (d.Severity != r.Severity || d.File == "" || d.Message == "") {
					t.Errorf("fires: bad finding %+v", d)
				}
				if d.Rule == r.ID && r.ID != journey.RuleInvalid && d.Path == "" && r.ID != "persona-missing" && r.ID != RuleUnusedIgnore {
					t.Errorf("fires: finding without a path: %s", d)
				}
			}
			// The clean fixtures are clean of every rule, not only their own.
			if clean := lintFixture(t, filepath.Join(dir, "clean.journey.yaml"), Options{}); len(clean) > 0 {
				t.Errorf("clean: want no findings, got:\n%s", list(clean))
			}
		})
	}
}

func list(ds journey.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("  " + d.String() + "\n")
	}
	return b.String()
}

func TestFixtureDirsMatchRules(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	ids := IDs()
	for _, e := range entries {
		if e.IsDir() && !slices.Contains(ids, e.Name()) {
			t.Errorf("testdata/%s is not a rule id", e.Name())
		}
	}
	for id := range fires {
		if !slices.Contains(ids, id) {
			t.Errorf("fires table names unknown rule %s", id)
		}
	}
}

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func TestRegistry(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	cats := Categories()
	for i, r := range Rules() {
		if !kebab.MatchString(r.ID) {
			t.Errorf("rule %q: id is not kebab-case", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("rule %q listed twice", r.ID)
		}
		seen[r.ID] = true
		if !slices.Contains(cats, r.Category) {
			t.Errorf("rule %s: unknown category %q", r.ID, r.Category)
		}
		if i > 0 && slices.Index(cats, r.Category) < slices.Index(cats, Rules()[i-1].Category) {
			t.Errorf("rule %s: the registry is not grouped by category", r.ID)
		}
		if r.Severity == journey.SeverityNone {
			t.Errorf("rule %s: no default severity", r.ID)
		}
		if r.Summary == "" || strings.Contains(r.Summary, "\n") || strings.HasSuffix(r.Summary, ".") {
			t.Errorf("rule %s: summary must be one line without a final period: %q", r.ID, r.Summary)
		}
		if len(r.Doc) < 80 || r.Example == "" {
			t.Errorf("rule %s: needs a doc with the rationale and an example fix", r.ID)
		}
		if strings.HasPrefix(r.Example, " ") {
			t.Errorf("rule %s: the example fix should start at column 1", r.ID)
		}
		if (r.Check == nil) != (r.ID == journey.RuleInvalid || r.ID == RuleUnusedIgnore) {
			t.Errorf("rule %s: only invalid and unused-ignore are reported by the linter itself", r.ID)
		}
	}
	for _, id := range []string{"model-stage-missing", "stage-order", "stage-empty", "persona-missing",
		"touchpoint-channel-missing", "touchpoint-owner-missing", "touchpoint-emotion-missing",
		"pain-without-opportunity", "emotion-drop", "channel-switch", "owner-handoff", "flow-unreachable",
		"flow-dead-end", "recommend-without-nps", "moment-of-truth-unmeasured", "metric-small-sample",
		"metric-inconsistent", "kpi-without-target"} {
		if !seen[id] {
			t.Errorf("required rule %s is missing", id)
		}
	}
	if _, ok := Lookup("stage-empty"); !ok {
		t.Error("Lookup(stage-empty) failed")
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup(nope) found something")
	}
}

func TestRulesIsACopy(t *testing.T) {
	t.Parallel()
	rs := Rules()
	rs[0].ID = "changed"
	if Rules()[0].ID == "changed" {
		t.Error("Rules returned the registry itself")
	}
}

func TestOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		file string
		opt  Options
		rule string
		want []at
		sev  journey.Severity
	}{
		{"severity raised", "stage-empty/fires.journey.yaml",
			Options{Severity: map[string]journey.Severity{"recommend-without-nps": journey.SeverityError}},
			"recommend-without-nps", []at{{22, 5}}, journey.SeverityError},
		{"rule off", "stage-empty/fires.journey.yaml",
			Options{Severity: map[string]journey.Severity{"stage-empty": journey.SeverityNone}},
			"stage-empty", nil, 0},
		{"min-sample lowered", "metric-small-sample/fires.journey.yaml",
			Options{MinSample: 12}, "metric-small-sample", []at{{23, 13}}, journey.SeverityWarning},
		{"min-sample raised", "metric-small-sample/clean.journey.yaml",
			Options{MinSample: 31}, "metric-small-sample", []at{{21, 16}, {22, 17}, {26, 91}}, journey.SeverityWarning},
		{"ignore of a rule that is off is not unused", "unused-ignore/clean.journey.yaml",
			Options{Severity: map[string]journey.Severity{"metric-small-sample": journey.SeverityNone}},
			RuleUnusedIgnore, nil, 0},
		{"unused-ignore off", "unused-ignore/fires.journey.yaml",
			Options{Severity: map[string]journey.Severity{RuleUnusedIgnore: journey.SeverityNone}},
			RuleUnusedIgnore, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := lintFixture(t, filepath.Join("testdata", tt.file), tt.opt)
			if p := positions(got, tt.rule); !slices.Equal(p, tt.want) {
				t.Fatalf("%s at %v, want %v:\n%s", tt.rule, p, tt.want, list(got))
			}
			for _, d := range got {
				if d.Rule == tt.rule && d.Severity != tt.sev {
					t.Errorf("severity %s, want %s", d.Severity, tt.sev)
				}
			}
		})
	}
}

func TestNewRejectsUnknownRules(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"stage-emtpy", journey.RuleInvalid} {
		_, err := New(Options{Severity: map[string]journey.Severity{id: journey.SeverityError}})
		if err == nil {
			t.Errorf("New accepted %q", id)
		}
	}
	_, err := New(Options{Severity: map[string]journey.Severity{"stage-emtpy": journey.SeverityError}})
	if err == nil || !strings.Contains(err.Error(), `did you mean "stage-empty"?`) {
		t.Errorf("want a suggestion, got %v", err)
	}
}

func TestCustomModel(t *testing.T) {
	t.Parallel()
	src := []byte(`version: 1
id: custom
title: Custom
model: onboarding
persona: {name: Ana}
channels: [{id: web, name: Web, kind: digital}]
owners: [{id: sales, name: Sales}]
stages:
  - {id: signup, name: Sign up, touchpoints: [{id: a, name: A, channel: web, owner: sales, emotion: 3}]}
  - {id: expand, name: Expand, touchpoints: [{id: b, name: B, channel: web, owner: sales, emotion: 3}]}
`)
	l, err := New(Options{Models: []journey.StageModel{{ID: "onboarding", Stages: []string{"signup", "activate", "adopt", "expand"}}}})
	if err != nil {
		t.Fatal(err)
	}
	_, ds := l.LintFile("custom.journey.yaml", src)
	var got []string
	for _, d := range ds {
		got = append(got, d.Rule+": "+d.Message)
	}
	want := []string{
		"model-stage-missing: model onboarding has 2 stages no stage of the map covers: activate, adopt",
		`recommend-without-nps: stage "expand" covers expand, the advocacy stage of model onboarding, but none of its touchpoints measures NPS`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Without the custom model, the map is invalid: lint reports only that.
	l0, _ := New(Options{})
	_, ds = l0.LintFile("custom.journey.yaml", src)
	if len(ds) != 1 || ds[0].Rule != journey.RuleInvalid || ds[0].Line != 4 {
		t.Errorf("want one invalid finding on line 4, got:\n%s", list(ds))
	}
}

func TestLintNilMap(t *testing.T) {
	t.Parallel()
	l, _ := New(Options{})
	if ds := l.Lint(nil, nil); ds != nil {
		t.Errorf("Lint(nil) = %v", ds)
	}
}

func TestDisabled(t *testing.T) {
	t.Parallel()
	l, _ := New(Options{Severity: map[string]journey.Severity{"owner-handoff": journey.SeverityNone, "stage-empty": journey.SeverityInfo}})
	if got := l.Disabled(); !slices.Equal(got, []string{"owner-handoff"}) {
		t.Errorf("Disabled() = %v", got)
	}
	if l.Severity("stage-empty") != journey.SeverityInfo || l.Severity("stage-order") != journey.SeverityWarning {
		t.Error("Severity does not reflect the options")
	}
}
