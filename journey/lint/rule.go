// Package lint checks journey maps for what they still lack: stages of the
// model no stage covers, touchpoints without a channel or an owner, emotion
// drops with no opportunity, gaps in the flow, metrics that are missing,
// too small or contradictory. Rules are values in one registry (Rules);
// each reports findings through a Pass. The package does no terminal I/O.
package lint

import (
	"fmt"
	"slices"

	"github.com/journey-cx/journey/journey"
)

// Category groups rules by what they look at.
type Category string

// The rule categories, in display order.
const (
	CategoryStructure  Category = "structure"  // the map's shape: stages, order, declarations
	CategoryCoverage   Category = "coverage"   // what the map leaves out: stages, personas, channels, owners
	CategoryExperience Category = "experience" // how the customer lives it: pains, emotions
	CategoryFlow       Category = "flow"       // the path through touchpoints: reachability, gaps
	CategoryMetrics    Category = "metrics"    // measures: NPS, CES, CSAT, KPIs
)

// Categories returns the categories in display order.
func Categories() []Category {
	return []Category{CategoryStructure, CategoryCoverage, CategoryExperience, CategoryFlow, CategoryMetrics}
}

// Rule is one lint check. Rules are plain values listed in Rules.
type Rule struct {
	ID       string           `json:"id"`               // kebab-case, stable: configs and ignores name it
	Category Category         `json:"category"`         // one of Categories
	Severity journey.Severity `json:"default_severity"` // severity unless the config changes it
	Summary  string           `json:"summary"`          // one line: what fires it
	Doc      string           `json:"doc"`              // rationale, in Markdown paragraphs
	Example  string           `json:"example_fix"`      // YAML showing the fix; may be empty
	Check    func(*Pass)      `json:"-"`                // nil for rules the linter reports itself
	Facts    bool             `json:"-"`                // the rule reads Pass.Facts: its findings can change with the map's sources
}

// RuleUnusedIgnore is the rule of ignore comments that suppress nothing.
const RuleUnusedIgnore = "unused-ignore"

// Rules returns every rule in registry order, which groups them by category.
// The slice is a copy; changing it changes nothing.
func Rules() []Rule { return slices.Clone(registry) }

// Lookup returns the rule with id, or false.
func Lookup(id string) (Rule, bool) {
	for _, r := range registry {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// IDs returns the ids of every rule, in registry order.
func IDs() []string {
	ids := make([]string, len(registry))
	for i, r := range registry {
		ids[i] = r.ID
	}
	return ids
}

// ConfigurableIDs returns the ids a config may set the severity of: every
// rule but invalid.
func ConfigurableIDs() []string {
	return slices.DeleteFunc(IDs(), func(id string) bool { return id == journey.RuleInvalid })
}

// Pass is what a rule's Check sees for one map: the map, its resolved
// stage model, the options, and Report for its findings.
type Pass struct {
	Map       *journey.Map
	Model     *journey.StageModel // the map's stage model; nil when the map names none
	MinSample int                 // answers under which a survey measure is a small sample
	Facts     Facts               // what the caller found in the map's sources (zero: the map alone)

	rule  *Rule
	sev   journey.Severity
	out   *journey.Diagnostics
	cache *mapCache
}

// Facts are what the caller knows of a map beyond its file, for the rules
// that need it: lint reads no file, so whoever reads the map's sources:
// passes in what they hold. The zero Facts is the map alone.
type Facts struct {
	NPS map[string]bool // touchpoint id -> the map's sources hold NPS answers for it
}

// Report records a finding of the running rule at pos, the position of
// the element at fault; path is its model path (stages[1].touchpoints[0]).
func (p *Pass) Report(pos journey.Pos, path, msg string) {
	p.ReportHelp(pos, path, msg, "")
}

// Reportf is Report with a formatted message.
func (p *Pass) Reportf(pos journey.Pos, path, format string, args ...any) {
	p.ReportHelp(pos, path, fmt.Sprintf(format, args...), "")
}

// ReportHelp is Report with a suggestion on how to fix it.
func (p *Pass) ReportHelp(pos journey.Pos, path, msg, help string) {
	*p.out = append(*p.out, journey.Diagnostic{
		Rule: p.rule.ID, Severity: p.sev, Message: msg, Suggest: help,
		File: p.Map.File, Line: pos.Line, Column: pos.Column, Path: path,
	})
}

// Touchpoints returns every touchpoint in file order.
func (p *Pass) Touchpoints() []*journey.Touchpoint { return p.cache.touchpoints(p.Map) }

// Touchpoint returns the touchpoint with id, or nil.
func (p *Pass) Touchpoint(id string) *journey.Touchpoint { return p.cache.byID(p.Map)[id] }

// StageIndex returns the index of the stage holding the touchpoint with id, or -1.
func (p *Pass) StageIndex(id string) int {
	if i, ok := p.cache.stageOf(p.Map)[id]; ok {
		return i
	}
	return -1
}

// Flow returns the map's flow (journey.Map.Flow), computed once per map.
func (p *Pass) Flow() map[string][]string { return p.cache.flow(p.Map) }

// Edges returns the flow's edges in file order of their source, then in
// the order of its `next`; edges to unknown touchpoints are left out.
func (p *Pass) Edges() []Edge { return p.cache.edges(p) }

// Edge is one step of the flow, from one touchpoint to the next.
type Edge struct {
	From, To *journey.Touchpoint
}

// mapCache holds what several rules derive from the same map.
type mapCache struct {
	tps   []*journey.Touchpoint
	ids   map[string]*journey.Touchpoint
	stage map[string]int
	fl    map[string][]string
	es    []Edge
	esOK  bool
}

func (c *mapCache) touchpoints(m *journey.Map) []*journey.Touchpoint {
	if c.tps == nil {
		c.tps = m.Touchpoints()
	}
	return c.tps
}

func (c *mapCache) byID(m *journey.Map) map[string]*journey.Touchpoint {
	if c.ids == nil {
		tps := c.touchpoints(m)
		c.ids = make(map[string]*journey.Touchpoint, len(tps))
		c.stage = make(map[string]int, len(tps))
		for i := range m.Stages {
			for j := range m.Stages[i].Touchpoints {
				t := &m.Stages[i].Touchpoints[j]
				if _, dup := c.ids[t.ID]; !dup {
					c.ids[t.ID] = t
					c.stage[t.ID] = i
				}
			}
		}
	}
	return c.ids
}

func (c *mapCache) stageOf(m *journey.Map) map[string]int {
	c.byID(m)
	return c.stage
}

func (c *mapCache) flow(m *journey.Map) map[string][]string {
	if c.fl == nil {
		c.fl = m.Flow()
	}
	return c.fl
}

func (c *mapCache) edges(p *Pass) []Edge {
	if !c.esOK {
		c.esOK = true
		fl, ids := c.flow(p.Map), c.byID(p.Map)
		for _, t := range c.touchpoints(p.Map) {
			for _, n := range fl[t.ID] {
				if to := ids[n]; to != nil {
					c.es = append(c.es, Edge{From: t, To: to})
				}
			}
		}
	}
	return c.es
}
