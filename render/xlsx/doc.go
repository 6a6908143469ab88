// Package xlsx writes a journey map as an Excel workbook (.xlsx) with four
// sheets, always in this order and always with these names (package
// workbook's; they are not translated, so tools can find them):
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
//     below and in package workbook. `journey import xlsx` reads this
//     sheet, and only this one, as the source of truth for the touchpoints.
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
// Row 1 holds the column keys of package workbook, the contract between
// this writer and `journey import xlsx` (journey/importer/xlsx): the keys,
// their order, what each holds and how lists and numbers are written are
// documented there. The header row is frozen, with the four identifying
// columns, and has an autofilter. The emotion columns carry a data
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
// locale, written with the cp: prefix Office uses (exceljs reads no other
// form); their created and modified times are fixed (Epoch), every part of
// the zip is dated Epoch too, and the parts are written in a fixed order, so
// the same map gives the same bytes. Workbooks are tested by opening them
// with exceljs, SheetJS and LibreOffice (internal/cli's consumer tests).
package xlsx
