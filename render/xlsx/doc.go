// Package xlsx writes a journey map as an Excel workbook (.xlsx) with four
// sheets, always in this order and always with these names (they are not
// translated, so tools can find them):
//
//   - Map: the journey grid for people. One column per touchpoint (an empty
//     stage gets one column of its own), stage and goal cells merged across
//     their touchpoints, one row per lane (stage, goal, touchpoint, channel,
//     owner, action, thought, emotion, pains, opportunities, metrics), lane
//     names in the map's locale. The emotion row holds the numbers 1..5
//     filled with the theme's emotion colours (one row per persona when the
//     map gives emotions per persona), and a line chart of it sits under the
//     grid.
//   - Touchpoints: the data, one row per touchpoint in file order, described
//     below. `journey import xlsx` reads this sheet, and only this one, as the
//     source of truth for the touchpoints.
//   - Scores: NPS, CES and CSAT with their 95% margins and n, per stage (in
//     bold) followed by its touchpoints, then the whole map, from
//     Input.Scores (the map's inline metrics when it is nil). Row 2 holds the
//     map's targets; conditional formatting colours each figure against the
//     target in its column: met, uncertain (below, but the target is within
//     the margin of error) or missed, as `journey score` judges them. Editing a
//     target recolours the sheet. CES is judged only on the 7-point scale.
//   - Findings: the lint findings of Input.Findings, one per row, with the
//     JSON report's field names as headers: severity, rule, message, file,
//     line, column, path, suggestion.
//
// # The Touchpoints sheet
//
// Row 1 holds the column keys below, which are the map format's own field
// names; data starts on row 2. A reader finds columns by key, so columns may
// be reordered or added; unknown keys are to be ignored. The header row is
// frozen, with the four identifying columns, and has an autofilter.
//
//	key                 content
//	stage_id            the stage's id
//	stage_name          the stage's name
//	id                  the touchpoint's id
//	name                the touchpoint's name
//	description         its description
//	channel             channel id
//	owner               owner id
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
//	                    single "-" = `next: []` (the journey ends here)
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
// companions) hold one item per line; line i of every companion column
// belongs to item i, and a blank or missing line means "not given". A line
// break inside one item's own text would split it, so it is written as a
// space. Numbers that stand alone (emotion, counts, means) are numeric cells;
// numbers inside lists are text. The emotion columns carry a data
// validation: a decimal from 1 to 5.
//
// # Safety and determinism
//
// Every piece of user text is written as a string cell with the text number
// format ("@"), never as a formula, whatever it starts with (=, +, -, @);
// the text format keeps it a string when someone edits the cell. Text longer
// than Excel's cell limit (32,767 characters) is cut by the library. Chart
// and series titles refer to cells, never embed user text in formulas.
//
// The document properties carry the map's title, id, description, tags and
// locale; their created and modified times are fixed (Epoch), and the parts
// of the zip are written in a fixed order, so the same map gives the same
// bytes.
package xlsx
