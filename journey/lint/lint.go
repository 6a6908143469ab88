package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/journey-cx/journey/journey"
)

// DefaultMinSample is the number of answers under which a survey measure
// is a small sample, unless Options.MinSample says otherwise.
const DefaultMinSample = 30

// Options tune a Linter. The zero Options runs every rule at its default
// severity.
type Options struct {
	Severity  map[string]journey.Severity // rule id -> severity; SeverityNone turns the rule off
	MinSample int                         // 0 means DefaultMinSample
	Models    []journey.StageModel        // custom stage models, besides the built-in ones
}

// Linter runs the enabled rules on maps. It is safe for concurrent use.
type Linter struct {
	rules     []enabled
	sev       map[string]journey.Severity // effective severity of every rule; SeverityNone = off
	minSample int
	models    []journey.StageModel
}

type enabled struct {
	rule *Rule
	sev  journey.Severity
}

// New returns a Linter for opt. An unknown rule id in opt.Severity is an
// error that suggests the closest id.
func New(opt Options) (*Linter, error) {
	l := &Linter{sev: make(map[string]journey.Severity, len(registry)), minSample: opt.MinSample, models: opt.Models}
	if l.minSample <= 0 {
		l.minSample = DefaultMinSample
	}
	ids := ConfigurableIDs()
	for id := range opt.Severity {
		if !slices.Contains(ids, id) {
			msg := fmt.Sprintf("unknown rule %q", id)
			if s := journey.Suggest(id, ids); s != "" {
				msg += " (" + s + ")"
			}
			return nil, fmt.Errorf("%s", msg)
		}
	}
	for i := range registry {
		r := &registry[i]
		sev := r.Severity
		if s, ok := opt.Severity[r.ID]; ok {
			sev = s
		}
		l.sev[r.ID] = sev
		if sev != journey.SeverityNone && r.Check != nil {
			l.rules = append(l.rules, enabled{rule: r, sev: sev})
		}
	}
	return l, nil
}

// Severity returns the effective severity of rule id; SeverityNone when
// it is off or unknown.
func (l *Linter) Severity(id string) journey.Severity { return l.sev[id] }

// Disabled returns the ids of the rules turned off, in registry order.
func (l *Linter) Disabled() []string {
	var out []string
	for _, r := range registry {
		if l.sev[r.ID] == journey.SeverityNone {
			out = append(out, r.ID)
		}
	}
	return out
}

// LintFile loads data as a map (as journey validate does) and lints it.
// An invalid map yields only its validation errors, rule `invalid`: the
// rules run on valid maps only.
func (l *Linter) LintFile(file string, data []byte) (*journey.Map, journey.Diagnostics) {
	m, diags := journey.Load(file, data, journey.Options{Models: l.models})
	if m == nil || diags.HasErrors() {
		return m, diags
	}
	diags = append(diags, l.Lint(m, data)...)
	diags.Sort()
	return m, diags
}

// Lint runs the enabled rules on m, a map that loaded without errors, and
// applies the `# journey:ignore` comments of src, its source. The findings
// come back sorted.
func (l *Linter) Lint(m *journey.Map, src []byte) journey.Diagnostics {
	return l.LintWith(m, src, Facts{})
}

// NeedsFacts reports whether some of ds comes from a rule that reads Facts:
// only then is it worth reading the map's sources and linting again with
// LintWith.
func NeedsFacts(ds journey.Diagnostics) bool {
	for _, d := range ds {
		if r, ok := Lookup(d.Rule); ok && r.Facts {
			return true
		}
	}
	return false
}

// LintWith is Lint with facts about the map's sources that the caller read
// (lint itself reads no file).
func (l *Linter) LintWith(m *journey.Map, src []byte, facts Facts) journey.Diagnostics {
	if m == nil {
		return nil
	}
	var out journey.Diagnostics
	var model *journey.StageModel
	if m.Model != "" {
		model = journey.FindModel(m.Model, l.models)
	}
	cache := &mapCache{}
	for _, e := range l.rules {
		p := &Pass{Map: m, Model: model, MinSample: l.minSample, Facts: facts, rule: e.rule, sev: e.sev, out: &out, cache: cache}
		e.rule.Check(p)
	}
	if ignores := parseIgnores(src); len(ignores) > 0 {
		out = l.applyIgnores(m.File, out, ignores)
	}
	out.Sort()
	return out
}

// applyIgnores drops the findings an ignore comment covers and reports
// the ignores that cover nothing.
func (l *Linter) applyIgnores(file string, ds journey.Diagnostics, ignores []ignore) journey.Diagnostics {
	kept := ds[:0]
	for _, d := range ds {
		if !suppressed(d, ignores) {
			kept = append(kept, d)
		}
	}
	sev := l.sev[RuleUnusedIgnore]
	if sev == journey.SeverityNone {
		return kept
	}
	known := IDs()
	for i := range ignores {
		ig := &ignores[i]
		report := func(msg, help string) {
			kept = append(kept, journey.Diagnostic{Rule: RuleUnusedIgnore, Severity: sev, File: file,
				Line: ig.line, Column: ig.column, Message: msg, Suggest: help})
		}
		if len(ig.rules) == 0 {
			report("journey:ignore names no rule", "write `# journey:ignore RULE-ID reason`")
			continue
		}
		for j, id := range ig.rules {
			switch {
			case ig.used[j]:
			case id == journey.RuleInvalid:
				report("journey:ignore cannot silence invalid: lint runs its rules on valid maps only", "fix the map; `journey validate` lists what is wrong")
			case !slices.Contains(known, id):
				report(fmt.Sprintf("journey:ignore names unknown rule %q", id), journey.Suggest(id, known))
			case l.sev[id] == journey.SeverityNone:
				// The rule is off: the ignore is moot, not stale.
			default:
				report(fmt.Sprintf("journey:ignore %s suppresses nothing on %s", id, ig.describeTargets()), "remove the comment, or move it onto or above the line of the finding")
			}
		}
	}
	return kept
}

func suppressed(d journey.Diagnostic, ignores []ignore) bool {
	hit := false
	for i := range ignores {
		ig := &ignores[i]
		if !slices.Contains(ig.targets, d.Line) {
			continue
		}
		for j, id := range ig.rules {
			if id == d.Rule {
				ig.used[j] = true
				hit = true
			}
		}
	}
	return hit
}

func (ig *ignore) describeTargets() string {
	lines := make([]string, len(ig.targets))
	for i, t := range ig.targets {
		lines[i] = fmt.Sprint(t)
	}
	if len(lines) == 1 {
		return "line " + lines[0]
	}
	return "lines " + strings.Join(lines, " and ")
}
