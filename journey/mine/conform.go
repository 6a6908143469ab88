package mine

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/journey-cx/journey/journey"
)

// Rule ids of the findings of conformance.
const (
	RuleDeviation            = "mine-deviation"
	RuleUnobservedTouchpoint = "mine-unobserved-touchpoint"
	RuleUnmappedActivity     = "mine-unmapped-activity"
	RuleLowFitness           = "mine-low-fitness"
	RuleSkippedStage         = "mine-skipped-stage"
)

// maxFindings caps the deviations and unmapped activities reported as
// diagnostics (the worst first); the Conformance lists hold them all.
const maxFindings = 10

func conformance(a *acc, file string, declared bool) *Conformance {
	tb := a.tb
	c := &Conformance{Cases: a.confCases, FittingCases: a.fitCases, Moves: a.moves, DesignedMoves: a.designedMoves,
		FitnessByCase: share(a.fitCases, a.confCases), FitnessByMove: share(a.designedMoves, a.moves),
		Deviations: []Move{}, UnobservedTouchpoints: []string{}, UnobservedEdges: []Link{},
		SkippedStages: []Skip{}, UnmappedActivities: []Unmapped{}, Diagnostics: journey.Diagnostics{}}
	if a.confCases == 0 {
		c.FitnessByCase = 0
	}
	observed := map[uint64]bool{}
	for i := range a.conf.list {
		e := &a.conf.list[i]
		observed[edgeKey(e.from, e.to)] = true
		if !tb.designed[edgeKey(e.from, e.to)] {
			c.Deviations = append(c.Deviations, Move{From: tb.nodeNames[e.from], To: tb.nodeNames[e.to],
				Count: e.count, Cases: e.cases})
		}
	}
	slices.SortFunc(c.Deviations, func(x, y Move) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), strings.Compare(x.From, y.From), strings.Compare(x.To, y.To))
	})
	for i := 0; i < tb.nT; i++ {
		if a.nodeEvents[i] == 0 {
			c.UnobservedTouchpoints = append(c.UnobservedTouchpoints, tb.nodeNames[i])
		}
	}
	for k := range tb.designed {
		if !observed[k] {
			c.UnobservedEdges = append(c.UnobservedEdges, Link{tb.nodeNames[k>>32], tb.nodeNames[uint32(k)]})
		}
	}
	slices.SortFunc(c.UnobservedEdges, func(x, y Link) int {
		return cmp.Or(cmp.Compare(tb.index(x.From), tb.index(y.From)), cmp.Compare(tb.index(x.To), tb.index(y.To)))
	})
	for i, n := range a.skipped {
		if n > 0 {
			c.SkippedStages = append(c.SkippedStages, Skip{tb.m.Stages[i].ID, n})
		}
	}
	for act, n := range a.actEvents {
		if n > 0 && int(tb.actNode[act]) >= tb.nT {
			c.UnmappedActivities = append(c.UnmappedActivities, Unmapped{tb.nodeNames[tb.actNode[act]], n, a.actCases[act]})
		}
	}
	slices.SortFunc(c.UnmappedActivities, func(x, y Unmapped) int {
		return cmp.Or(cmp.Compare(y.Events, x.Events), strings.Compare(x.Activity, y.Activity))
	})
	c.Diagnostics = findings(tb, c, file, declared)
	return c
}

// index returns the node index of a touchpoint id (document order).
func (tb *tables) index(id string) int {
	return slices.Index(tb.nodeNames[:tb.nT], id)
}

// findings turns the worst of the conformance figures into diagnostics.
// Unmapped activities point at the map's events: when the logs are the
// ones it declares, else at the map file alone.
func findings(tb *tables, c *Conformance, file string, declared bool) journey.Diagnostics {
	var events *journey.Element
	if declared && len(tb.m.Events) > 0 {
		el := tb.m.Element
		el.Pos = tb.m.At("events")
		events = &el
	}
	ds := journey.Diagnostics{}
	at := func(rule string, sev journey.Severity, el *journey.Element, msg, suggest string) {
		d := journey.Diagnostic{Rule: rule, Severity: sev, File: file, Message: msg, Suggest: suggest}
		if el != nil {
			d.Line, d.Column, d.Path = el.Pos.Line, el.Pos.Column, el.Path
		}
		ds = append(ds, d)
	}
	if c.Cases > 0 && c.FitnessByCase < LowFitness {
		at(RuleLowFitness, journey.SeverityWarning, &tb.m.Element,
			fmt.Sprintf("only %.1f%% of cases follow the designed flow (%d of %d)", c.FitnessByCase*100, c.FittingCases, c.Cases),
			"check the deviations: the map or the journey may be wrong")
	}
	for i, d := range c.Deviations {
		if i == maxFindings {
			break
		}
		t := tb.tps[tb.index(d.From)]
		msg := fmt.Sprintf("customers move from %q to %q %s in %s (%.1f%% of moves), which the map does not design",
			d.From, d.To, counted(d.Count, "time", "times"), counted(d.Cases, "case", "cases"), share(d.Count, c.Moves)*100)
		el := t.Element
		if t.NextSet {
			el.Pos = t.At("next")
		}
		at(RuleDeviation, journey.SeverityWarning, &el, msg, fmt.Sprintf("add %s to the next: of %s, or fix the journey", d.To, d.From))
	}
	for _, id := range c.UnobservedTouchpoints {
		t := tb.tps[tb.index(id)]
		at(RuleUnobservedTouchpoint, journey.SeverityInfo, &t.Element,
			fmt.Sprintf("touchpoint %q never appears in the log", id), "map a log activity to it, or check the touchpoint is still live")
	}
	for i, u := range c.UnmappedActivities {
		if i == maxFindings {
			break
		}
		at(RuleUnmappedActivity, journey.SeverityWarning, events,
			fmt.Sprintf("log activity %q (%s in %s) maps to no touchpoint", u.Activity, counted(u.Events, "event", "events"), counted(u.Cases, "case", "cases")),
			"map it to a touchpoint id, or add the touchpoint")
	}
	for _, s := range c.SkippedStages {
		si := slices.IndexFunc(tb.m.Stages, func(st journey.Stage) bool { return st.ID == s.Stage })
		st := &tb.m.Stages[si]
		at(RuleSkippedStage, journey.SeverityInfo, &st.Element,
			fmt.Sprintf("stage %q is jumped over in %s", s.Stage, counted(s.Cases, "case", "cases")), "")
	}
	ds.Sort()
	return ds
}

// counted is n with its noun: "1 case", "3 cases".
func counted(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
}
