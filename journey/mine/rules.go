package mine

import "github.com/journey-cx/journey/journey"

// Rule describes one kind of conformance finding, for reports that list
// their rules (SARIF) and for docs/mining.md.
type Rule struct {
	ID       string
	Severity journey.Severity
	Summary  string
	Doc      string
}

// Rules lists the conformance findings mining reports, in order.
func Rules() []Rule {
	return []Rule{
		{RuleLowFitness, journey.SeverityWarning, "Few cases follow the designed flow",
			"Under half of the cases with a mapped event move only along designed edges (the map's touchpoint order and next:): the map no longer describes how customers move."},
		{RuleDeviation, journey.SeverityWarning, "Customers take a step the map does not design",
			"A directly-follows edge between two touchpoints that the designed flow lacks, among the most frequent ones: add it to next:, or fix the journey that makes customers take it."},
		{RuleUnobservedTouchpoint, journey.SeverityInfo, "A designed touchpoint no customer reached",
			"No event of the log maps to this touchpoint: it is not instrumented, named differently in the log (map it under events.activities), or nobody uses it."},
		{RuleUnmappedActivity, journey.SeverityWarning, "A log activity the map has no touchpoint for",
			"Events the map cannot place: a moment of the journey the map misses, or an activity to map under events.activities."},
		{RuleSkippedStage, journey.SeverityInfo, "Customers jump over a stage",
			"Cases move from an earlier stage to a later one without any event in this stage."},
	}
}
