// Package workbook is the contract between the workbook journey writes and
// the one it imports: the names of its sheets and the keys of the columns
// of its Touchpoints sheet, with what each holds. render/xlsx writes
// workbooks by it and journey/importer/xlsx reads them back by it; neither
// imports the other. It links no workbook code.
//
// The sheets are always Map, Touchpoints, Scores and Findings, in this
// order and with these names whatever the locale, so tools can find them.
// Only Touchpoints is data that is read back.
//
// # The Touchpoints sheet
//
// Row 1 holds the column keys below, which are the map format's own field
// names; data starts on row 2, one row per touchpoint in journey order. A
// reader finds columns by key, so columns may be reordered or added;
// unknown keys are to be ignored. stage_id, id and name are required.
//
//	key                 content
//	stage_id            the stage's id
//	stage_name          the stage's name
//	id                  the touchpoint's id
//	name                the touchpoint's name
//	description         its description
//	channel             channel id
//	owner               owner id
//	actors              the other people and systems taking part, one per line
//	action              what the customer does
//	thought             what the customer thinks or says
//	emotion             the single emotion value, 1..5 (a number); blank when
//	                    the touchpoint gives none or gives it per persona
//	emotion:<persona>   one column per persona id, only when some touchpoint
//	                    of the map gives emotions per persona: that persona's
//	                    value (a number, 1..5)
//	moment_of_truth     zmot, fmot, smot or ultimate
//	next                the ids of `next:`, one per line; blank = `next:` not
//	                    given (the following touchpoint in file order); a
//	                    single "-" (EndOfFlow) = `next: []` (the journey
//	                    ends here)
//	pains               pain texts, one per line
//	pain_severity       line i: the severity of pain i (blank = not given)
//	pain_evidence       line i: the evidence of pain i
//	opportunities       opportunity texts, one per line
//	opportunity_owner   line i: the owner id of opportunity i
//	opportunity_status  line i: idea, planned, in-progress or done
//	opportunity_impact  line i: 1..5
//	opportunity_effort  line i: 1..5
//	nps_promoters       \
//	nps_passives         | the nps measure as given in the map: counts,
//	nps_detractors       | a score with its n, or the 0..10 distribution
//	nps_score            | as 11 comma-separated counts
//	nps_n                |
//	nps_distribution    /
//	ces_mean            \
//	ces_n                | the ces measure: mean and n, or the distribution
//	ces_distribution     | of answers 1..7 as comma-separated counts; scale
//	ces_scale            | 5 or 7 (blank = 7); reversed TRUE for a scale
//	ces_reversed        /  where 1 = least effort
//	csat_satisfied      \
//	csat_total           | the csat measure: counts, or the 1..5
//	csat_distribution   /  distribution as comma-separated counts
//	kpi_name            KPI names, one per line
//	kpi_value           line i: the value of KPI i
//	kpi_target          line i: its target
//	kpi_unit            line i: its unit
//	kpi_better          line i: higher or lower
//
// Columns whose key names a list (pains, opportunities, KPIs and their
// companions) hold one item per line (ListSeparator); line i of every
// companion column belongs to item i, and a blank or missing line means
// "not given". A line break inside one item's own text would split it, so
// it is written as a space. Numbers that stand alone (Numeric: emotion,
// counts, means) are numeric cells; numbers inside lists are text. Every
// piece of user text is a string cell, never a formula, and is read back
// as the text it is.
//
// # Document properties
//
// The workbook's properties carry the map's identity, which an import
// without the map it was rendered from starts from: Title is the map's
// title, Subject its id, Description its description, Keywords its tags
// (comma-separated) and Language its locale.
package workbook

import "strings"

// The sheet names, fixed whatever the locale.
const (
	SheetMap         = "Map"         // SheetMap is the journey grid, for people.
	SheetTouchpoints = "Touchpoints" // SheetTouchpoints is the data, one row per touchpoint: the sheet an import reads.
	SheetScores      = "Scores"      // SheetScores holds NPS, CES and CSAT per stage and touchpoint.
	SheetFindings    = "Findings"    // SheetFindings holds the lint findings.
)

// Sheets returns the sheet names in the order of the workbook.
func Sheets() []string {
	return []string{SheetMap, SheetTouchpoints, SheetScores, SheetFindings}
}

// The column keys of the Touchpoints sheet: see the package documentation.
const (
	KeyStageID           = "stage_id"           // KeyStageID is the stage's id.
	KeyStageName         = "stage_name"         // KeyStageName is the stage's name.
	KeyID                = "id"                 // KeyID is the touchpoint's id.
	KeyName              = "name"               // KeyName is the touchpoint's name.
	KeyDescription       = "description"        // KeyDescription is the touchpoint's description.
	KeyChannel           = "channel"            // KeyChannel is the channel id.
	KeyOwner             = "owner"              // KeyOwner is the owner id.
	KeyActors            = "actors"             // KeyActors is the touchpoint's actors, one per line.
	KeyAction            = "action"             // KeyAction is what the customer does.
	KeyThought           = "thought"            // KeyThought is what the customer thinks or says.
	KeyEmotion           = "emotion"            // KeyEmotion is the single emotion value.
	KeyMomentOfTruth     = "moment_of_truth"    // KeyMomentOfTruth is zmot, fmot, smot or ultimate.
	KeyNext              = "next"               // KeyNext is the ids of next, one per line.
	KeyPains             = "pains"              // KeyPains is the pain texts, one per line.
	KeyPainSeverity      = "pain_severity"      // KeyPainSeverity is the severity of each pain.
	KeyPainEvidence      = "pain_evidence"      // KeyPainEvidence is the evidence of each pain.
	KeyOpportunities     = "opportunities"      // KeyOpportunities is the opportunity texts, one per line.
	KeyOpportunityOwner  = "opportunity_owner"  // KeyOpportunityOwner is the owner id of each opportunity.
	KeyOpportunityStatus = "opportunity_status" // KeyOpportunityStatus is the status of each opportunity.
	KeyOpportunityImpact = "opportunity_impact" // KeyOpportunityImpact is the impact of each opportunity, 1..5.
	KeyOpportunityEffort = "opportunity_effort" // KeyOpportunityEffort is the effort of each opportunity, 1..5.
	KeyNPSPromoters      = "nps_promoters"      // KeyNPSPromoters is the count of NPS promoters.
	KeyNPSPassives       = "nps_passives"       // KeyNPSPassives is the count of NPS passives.
	KeyNPSDetractors     = "nps_detractors"     // KeyNPSDetractors is the count of NPS detractors.
	KeyNPSScore          = "nps_score"          // KeyNPSScore is an NPS given as a score.
	KeyNPSN              = "nps_n"              // KeyNPSN is the n of an NPS score.
	KeyNPSDistribution   = "nps_distribution"   // KeyNPSDistribution is the 11 counts of answers 0..10.
	KeyCESMean           = "ces_mean"           // KeyCESMean is a CES given as a mean.
	KeyCESN              = "ces_n"              // KeyCESN is the n of a CES mean.
	KeyCESDistribution   = "ces_distribution"   // KeyCESDistribution is the 7 counts of answers 1..7.
	KeyCESScale          = "ces_scale"          // KeyCESScale is the CES scale, 5 or 7.
	KeyCESReversed       = "ces_reversed"       // KeyCESReversed is TRUE for a scale where 1 = least effort.
	KeyCSATSatisfied     = "csat_satisfied"     // KeyCSATSatisfied is the count of satisfied answers.
	KeyCSATTotal         = "csat_total"         // KeyCSATTotal is the count of all CSAT answers.
	KeyCSATDistribution  = "csat_distribution"  // KeyCSATDistribution is the 5 counts of answers 1..5.
	KeyKPIName           = "kpi_name"           // KeyKPIName is the KPI names, one per line.
	KeyKPIValue          = "kpi_value"          // KeyKPIValue is the value of each KPI.
	KeyKPITarget         = "kpi_target"         // KeyKPITarget is the target of each KPI.
	KeyKPIUnit           = "kpi_unit"           // KeyKPIUnit is the unit of each KPI.
	KeyKPIBetter         = "kpi_better"         // KeyKPIBetter is higher or lower, for each KPI.
)

// EmotionColumnPrefix starts the key of a per-persona emotion column:
// "emotion:marta".
const EmotionColumnPrefix = KeyEmotion + ":"

// EndOfFlow is the next cell of a touchpoint with `next: []`.
const EndOfFlow = "-"

// ListSeparator separates the items of a list cell: one item per line.
const ListSeparator = "\n"

// before and after are the fixed keys, in the sheet's order, before and
// after the per-persona emotion columns.
var (
	before = []string{KeyStageID, KeyStageName, KeyID, KeyName, KeyDescription, KeyChannel, KeyOwner, KeyActors,
		KeyAction, KeyThought, KeyEmotion}
	after = []string{KeyMomentOfTruth, KeyNext, KeyPains, KeyPainSeverity, KeyPainEvidence, KeyOpportunities,
		KeyOpportunityOwner, KeyOpportunityStatus, KeyOpportunityImpact, KeyOpportunityEffort,
		KeyNPSPromoters, KeyNPSPassives, KeyNPSDetractors, KeyNPSScore, KeyNPSN, KeyNPSDistribution,
		KeyCESMean, KeyCESN, KeyCESDistribution, KeyCESScale, KeyCESReversed,
		KeyCSATSatisfied, KeyCSATTotal, KeyCSATDistribution,
		KeyKPIName, KeyKPIValue, KeyKPITarget, KeyKPIUnit, KeyKPIBetter}
)

// Columns returns the keys of the Touchpoints sheet in the order journey
// writes them, with one emotion column per persona id right after emotion.
func Columns(personas []string) []string {
	out := make([]string, 0, len(before)+len(personas)+len(after))
	out = append(out, before...)
	for _, p := range personas {
		out = append(out, EmotionColumn(p))
	}
	return append(out, after...)
}

// Known reports whether key is one of the fixed column keys (the
// per-persona emotion columns aside).
func Known(key string) bool {
	for _, k := range before {
		if k == key {
			return true
		}
	}
	for _, k := range after {
		if k == key {
			return true
		}
	}
	return false
}

// Required returns the keys a Touchpoints sheet cannot do without.
func Required() []string { return []string{KeyStageID, KeyID, KeyName} }

// EmotionColumn returns the key of persona's emotion column.
func EmotionColumn(persona string) string { return EmotionColumnPrefix + persona }

// PersonaOf returns the persona id of a per-persona emotion column's key;
// ok is false for any other key.
func PersonaOf(key string) (persona string, ok bool) {
	return strings.CutPrefix(key, EmotionColumnPrefix)
}

// Numeric reports whether the column with key holds numbers (or, for
// ces_reversed, a boolean) as cells of their own, not text.
func Numeric(key string) bool {
	switch key {
	case KeyEmotion, KeyNPSPromoters, KeyNPSPassives, KeyNPSDetractors, KeyNPSScore, KeyNPSN,
		KeyCESMean, KeyCESN, KeyCESScale, KeyCESReversed, KeyCSATSatisfied, KeyCSATTotal:
		return true
	}
	_, ok := PersonaOf(key)
	return ok
}
