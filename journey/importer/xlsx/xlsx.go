// Package xlsx reads back a workbook written by `journey render` (package
// render/xlsx) after someone edited it, and turns it into a map, so that
// edits made in Excel or LibreOffice come back into version control.
//
// Only the Touchpoints sheet is read: it is the source of truth for the
// stages (stage_id, stage_name) and the touchpoints (every other column),
// one row per touchpoint in journey order. Columns are found by their key
// in row 1, so they may be moved; unknown columns are ignored. Rows can be
// added, removed and reordered; a row without an id gets one from its
// name.
//
// The workbook does not hold the rest of a map (channels, owners,
// personas, targets, sources, stage goals). Given the map it was rendered
// from (Options.Base), the importer keeps all of that and replaces only
// the stages and touchpoints; without it, the map is built from the
// workbook's document properties and declares the channels, owners and
// personas the touchpoints use, by id.
package xlsx

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/importer"
	rxlsx "github.com/journey-cx/journey/render/xlsx"
)

// Options tune Import.
type Options struct {
	File string       // the workbook's name in diagnostics and notes
	Base *journey.Map // the map the workbook was rendered from; nil builds one from the workbook alone
}

// Unzip limits: a workbook is a zip file, and a small one can expand a lot.
const (
	maxUnzip    = 256 << 20
	maxUnzipXML = 64 << 20
)

// Import reads the workbook and returns the map. Problems in cells are
// error diagnostics with the cell's row (Line) and column; the map is nil
// when there is any.
func Import(data []byte, opt Options) (*journey.Map, []importer.Note, journey.Diagnostics) {
	im := &importerState{file: opt.File, base: opt.Base}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzip, UnzipXMLSizeLimit: maxUnzipXML})
	if err != nil {
		im.errorf(0, 0, "not an .xlsx workbook this importer can read: %v", err)
		return nil, nil, im.diags
	}
	defer func() { _ = f.Close() }()
	if idx, err := f.GetSheetIndex(rxlsx.SheetTouchpoints); err != nil || idx < 0 {
		im.errorf(0, 0, "the workbook has no %q sheet: is it a workbook written by journey render?", rxlsx.SheetTouchpoints)
		return nil, nil, im.diags
	}
	rows, err := f.GetRows(rxlsx.SheetTouchpoints, excelize.Options{RawCellValue: true})
	if err != nil {
		im.errorf(0, 0, "can't read the %s sheet: %v", rxlsx.SheetTouchpoints, err)
		return nil, nil, im.diags
	}
	props, _ := f.GetDocProps()
	im.readRows(rows)
	if im.cols == nil { // no usable header
		im.diags.Sort()
		return nil, nil, im.diags
	}
	m := im.build(props)
	if im.diags.HasErrors() {
		im.diags.Sort()
		return nil, nil, im.diags
	}
	im.note(0, "only the %s sheet is read: edits on the other sheets (%s, %s, %s) are not carried over",
		rxlsx.SheetTouchpoints, rxlsx.SheetMap, rxlsx.SheetScores, rxlsx.SheetFindings)
	return m, im.notes, im.diags
}

type importerState struct {
	cols  map[string]int // column key -> 0-based column
	file  string
	base  *journey.Map
	diags journey.Diagnostics
	notes []importer.Note
	rows  []row
}

// row is one touchpoint row.
type row struct {
	line      int // 1-based sheet row
	stageID   string
	stageName string
	tp        journey.Touchpoint
}

func (im *importerState) errorf(line, col int, format string, args ...any) {
	if len(im.diags) >= 200 {
		return
	}
	im.diags = append(im.diags, journey.Diagnostic{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: im.file,
		Line: line, Column: col, Message: fmt.Sprintf(format, args...)})
}

func (im *importerState) note(line int, format string, args ...any) {
	im.notes = append(im.notes, importer.Note{Line: line, Message: fmt.Sprintf(format, args...)})
}

// cellRef names a cell: C7.
func cellRef(col, line int) string {
	name, err := excelize.CoordinatesToCellName(col, line)
	if err != nil {
		return fmt.Sprintf("R%dC%d", line, col)
	}
	return name
}

// sheetRow reads the cells of one row by column key.
type sheetRow struct {
	im    *importerState
	line  int
	cells []string
	cols  map[string]int // key -> 0-based column
}

// get returns the cell's text with line ends normalised ("" when absent).
func (r *sheetRow) get(key string) string {
	i, ok := r.cols[key]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.ReplaceAll(strings.ReplaceAll(r.cells[i], "\r\n", "\n"), "\r", "\n")
}

func (r *sheetRow) text(key string) string { return strings.TrimSpace(r.get(key)) }

func (r *sheetRow) errorf(key, format string, args ...any) {
	col := r.cols[key] + 1
	r.im.errorf(r.line, col, "cell %s (%s): %s", cellRef(col, r.line), key, fmt.Sprintf(format, args...))
}

// number reads a standalone number; a decimal comma is accepted (4,5).
func (r *sheetRow) number(key string, lo, hi float64) (float64, bool) {
	s := r.text(key)
	if s == "" {
		return 0, false
	}
	if !strings.Contains(s, ".") && strings.Count(s, ",") == 1 {
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		r.errorf(key, "want a number, got %q", r.text(key))
		return 0, false
	}
	if f < lo || f > hi {
		r.errorf(key, "want a number from %s to %s, got %s", fmtNum(lo), fmtNum(hi), s)
		return 0, false
	}
	return f, true
}

func (r *sheetRow) count(key string) *int {
	f, ok := r.number(key, 0, 1<<53)
	if !ok {
		return nil
	}
	if f != math.Trunc(f) {
		r.errorf(key, "want a whole number, got %s", r.text(key))
		return nil
	}
	i := int(f)
	return &i
}

func (r *sheetRow) float(key string, lo, hi float64) *float64 {
	if f, ok := r.number(key, lo, hi); ok {
		return &f
	}
	return nil
}

// list returns the lines of a list cell, without trailing blank lines.
func (r *sheetRow) list(key string) []string {
	s := r.get(key)
	if strings.TrimSpace(s) == "" {
		return nil
	}
	ls := strings.Split(s, "\n")
	for i := range ls {
		ls[i] = strings.TrimSpace(ls[i])
	}
	for len(ls) > 0 && ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// companion returns line i of a companion column for n items, noting lines
// beyond the items.
func (r *sheetRow) companion(key, items string, n int) []string {
	ls := r.list(key)
	if len(ls) > n {
		r.im.note(r.line, "cell %s (%s) has %d lines but %s has %d: the extra lines are not carried over",
			cellRef(r.cols[key]+1, r.line), key, len(ls), items, n)
		ls = ls[:n]
	}
	for len(ls) < n {
		ls = append(ls, "")
	}
	return ls
}

func (r *sheetRow) enum(key, v string, allowed []string) string {
	if v == "" || slices.Contains(allowed, v) {
		return v
	}
	if l := strings.ToLower(v); slices.Contains(allowed, l) {
		return l
	}
	msg := fmt.Sprintf("%q is not one of %s", v, strings.Join(allowed, ", "))
	if s := journey.Suggest(strings.ToLower(v), allowed); s != "" {
		msg += " (" + s + ")"
	}
	r.errorf(key, "%s", msg)
	return ""
}

// counts reads comma-separated counts (a distribution) of exactly n items.
func (r *sheetRow) counts(key string, n int) []int {
	s := r.text(key)
	if s == "" {
		return nil
	}
	parts := strings.FieldsFunc(s, func(c rune) bool { return c == ',' || c == ';' || c == ' ' || c == '\t' })
	if len(parts) != n {
		r.errorf(key, "want %d comma-separated counts, got %d", n, len(parts))
		return nil
	}
	out := make([]int, n)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			r.errorf(key, "count %d is %q: want a whole number, 0 or more", i+1, p)
			return nil
		}
		out[i] = v
	}
	return out
}

// knownColumns are the keys of the Touchpoints sheet (render/xlsx).
var knownColumns = []string{"stage_id", "stage_name", "id", "name", "description", "channel", "owner", "action", "thought",
	"emotion", "moment_of_truth", "next", "pains", "pain_severity", "pain_evidence", "opportunities", "opportunity_owner",
	"opportunity_status", "opportunity_impact", "opportunity_effort", "nps_promoters", "nps_passives", "nps_detractors",
	"nps_score", "nps_n", "nps_distribution", "ces_mean", "ces_n", "ces_distribution", "ces_scale", "ces_reversed",
	"csat_satisfied", "csat_total", "csat_distribution", "kpi_name", "kpi_value", "kpi_target", "kpi_unit", "kpi_better"}

func (im *importerState) readRows(rows [][]string) {
	if len(rows) == 0 {
		im.errorf(1, 1, "the %s sheet is empty: it needs the header row of journey render", rxlsx.SheetTouchpoints)
		return
	}
	cols := map[string]int{}
	var personas []string
	for i, h := range rows[0] {
		key := strings.ToLower(strings.TrimSpace(h))
		if key == "" {
			continue
		}
		if _, dup := cols[key]; dup {
			im.errorf(1, i+1, "cell %s: column %q appears twice", cellRef(i+1, 1), key)
			continue
		}
		cols[key] = i
		switch {
		case strings.HasPrefix(key, rxlsx.EmotionColumnPrefix):
			p := strings.TrimPrefix(key, rxlsx.EmotionColumnPrefix)
			if !journey.IsSlug(p) {
				im.errorf(1, i+1, "cell %s: %q does not name a persona id", cellRef(i+1, 1), h)
				continue
			}
			personas = append(personas, p)
		case !slices.Contains(knownColumns, key):
			im.note(1, "column %s (%q) is not a touchpoint field: ignored", cellRef(i+1, 1), h)
		}
	}
	for _, k := range []string{"stage_id", "id", "name"} {
		if _, ok := cols[k]; !ok {
			im.errorf(1, 0, "the %s sheet has no %q column", rxlsx.SheetTouchpoints, k)
		}
	}
	if im.diags.HasErrors() {
		return
	}
	im.cols = cols
	// Rows that are not blank, and the ids they give (so that ids made
	// for rows without one do not take them).
	var ids importer.IDs
	var lines []*sheetRow
	for i, cells := range rows[1:] {
		r := &sheetRow{im: im, line: i + 2, cells: cells, cols: cols}
		if strings.TrimSpace(strings.Join(cells, "")) == "" {
			continue
		}
		if id := r.text("id"); id != "" {
			ids.Reserve(id)
		}
		lines = append(lines, r)
	}
	for _, r := range lines {
		im.rows = append(im.rows, im.readRow(r, personas, &ids))
	}
}

func (im *importerState) readRow(r *sheetRow, personas []string, ids *importer.IDs) row {
	out := row{line: r.line, stageID: r.text("stage_id"), stageName: r.text("stage_name")}
	t := &out.tp
	t.Name = r.text("name")
	t.ID = r.text("id")
	switch {
	case out.stageID == "":
		r.errorf("stage_id", "a touchpoint row needs the id of its stage")
	case !journey.IsSlug(out.stageID):
		r.errorf("stage_id", "%q is not a valid id: use lowercase letters, digits and dashes (try %q)", out.stageID, journey.Slugify(out.stageID))
	}
	switch {
	case t.ID == "" && t.Name == "":
		r.errorf("id", "a touchpoint row needs an id or a name")
	case t.ID == "":
		t.ID = ids.New(t.Name, "touchpoint")
		im.note(r.line, "row %d has no id: it gets %q, from its name", r.line, t.ID)
	case !journey.IsSlug(t.ID):
		r.errorf("id", "%q is not a valid id: use lowercase letters, digits and dashes (try %q)", t.ID, journey.Slugify(t.ID))
	}
	if t.Name == "" {
		t.Name = t.ID
		if t.ID != "" {
			im.note(r.line, "row %d has no name: it is named after its id, %q", r.line, t.ID)
		}
	}
	t.Description = strings.TrimSpace(r.get("description"))
	t.Channel = r.text("channel")
	t.Owner = r.text("owner")
	t.Action = strings.TrimSpace(r.get("action"))
	t.Thought = strings.TrimSpace(r.get("thought"))
	if v, ok := r.number("emotion", 1, 5); ok {
		t.Emotion = append(t.Emotion, journey.Emotion{Value: v})
	}
	for _, p := range personas {
		if v, ok := r.number(rxlsx.EmotionColumnPrefix+p, 1, 5); ok {
			t.Emotion = append(t.Emotion, journey.Emotion{Persona: p, Value: v})
		}
	}
	if len(t.Emotion) > 1 && t.Emotion[0].Persona == "" {
		r.errorf("emotion", "give the emotion once, or per persona, not both")
	}
	t.MomentOfTruth = r.enum("moment_of_truth", strings.ToLower(r.text("moment_of_truth")), journey.MomentsOfTruth)
	if next := r.list("next"); next != nil {
		t.NextSet = true
		if !(len(next) == 1 && next[0] == rxlsx.EndOfFlow) {
			for _, n := range next {
				if n != "" {
					t.Next = append(t.Next, n)
				}
			}
		}
		t.NextPos = make([]journey.Pos, len(t.Next))
	}
	pains := r.list("pains")
	sev, ev := r.companion("pain_severity", "pains", len(pains)), r.companion("pain_evidence", "pains", len(pains))
	for i, p := range pains {
		if p == "" {
			if sev[i] != "" || ev[i] != "" {
				im.note(r.line, "line %d of the pains of row %d is blank: its severity and evidence are not carried over", i+1, r.line)
			}
			continue
		}
		t.Pains = append(t.Pains, journey.Pain{Text: p, Severity: r.enum("pain_severity", strings.ToLower(sev[i]), journey.PainSeverities), Evidence: ev[i]})
	}
	opps := r.list("opportunities")
	oo, os := r.companion("opportunity_owner", "opportunities", len(opps)), r.companion("opportunity_status", "opportunities", len(opps))
	oi, oe := r.companion("opportunity_impact", "opportunities", len(opps)), r.companion("opportunity_effort", "opportunities", len(opps))
	level := func(key, s string) int {
		if s == "" {
			return 0
		}
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 || v > 5 {
			r.errorf(key, "want whole numbers from 1 to 5, one per line, got %q", s)
			return 0
		}
		return v
	}
	for i, o := range opps {
		if o == "" {
			continue
		}
		t.Opportunities = append(t.Opportunities, journey.Opportunity{Text: o, Owner: oo[i],
			Status: r.enum("opportunity_status", strings.ToLower(os[i]), journey.OpportunityStatuses),
			Impact: level("opportunity_impact", oi[i]), Effort: level("opportunity_effort", oe[i])})
	}
	t.Metrics = im.metrics(r)
	return out
}

func (im *importerState) metrics(r *sheetRow) *journey.Metrics {
	m := &journey.Metrics{}
	any := func(keys ...string) bool {
		for _, k := range keys {
			if r.text(k) != "" {
				return true
			}
		}
		return false
	}
	if any("nps_promoters", "nps_passives", "nps_detractors", "nps_score", "nps_n", "nps_distribution") {
		m.NPS = &journey.NPS{Promoters: r.count("nps_promoters"), Passives: r.count("nps_passives"), Detractors: r.count("nps_detractors"),
			Score: r.float("nps_score", -100, 100), N: r.count("nps_n"), Distribution: r.counts("nps_distribution", 11)}
	}
	if any("ces_mean", "ces_n", "ces_distribution", "ces_reversed") {
		c := &journey.CES{Mean: r.float("ces_mean", 1, 7), N: r.count("ces_n"), Distribution: r.counts("ces_distribution", 7), Scale: 7}
		if s := r.text("ces_scale"); s != "" {
			switch s {
			case "5", "7":
				c.Scale = int(s[0] - '0')
			default:
				r.errorf("ces_scale", "want 5 or 7, got %q", s)
			}
		}
		switch strings.ToLower(r.text("ces_reversed")) {
		case "", "false", "0", "no":
		case "true", "1", "yes":
			c.Reversed = true
		default:
			r.errorf("ces_reversed", "want TRUE or FALSE, got %q", r.text("ces_reversed"))
		}
		m.CES = c
	}
	if any("csat_satisfied", "csat_total", "csat_distribution") {
		m.CSAT = &journey.CSAT{Satisfied: r.count("csat_satisfied"), Total: r.count("csat_total"), Distribution: r.counts("csat_distribution", 5)}
	}
	names := r.list("kpi_name")
	vals, targets := r.companion("kpi_value", "kpi_name", len(names)), r.companion("kpi_target", "kpi_name", len(names))
	units, better := r.companion("kpi_unit", "kpi_name", len(names)), r.companion("kpi_better", "kpi_name", len(names))
	num := func(key, s string) *float64 {
		if s == "" {
			return nil
		}
		if !strings.Contains(s, ".") && strings.Count(s, ",") == 1 {
			s = strings.Replace(s, ",", ".", 1)
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			r.errorf(key, "want numbers, one per line, got %q", s)
			return nil
		}
		return &f
	}
	for i, n := range names {
		if n == "" {
			continue
		}
		m.KPIs = append(m.KPIs, journey.KPI{Name: n, Value: num("kpi_value", vals[i]), Target: num("kpi_target", targets[i]), Unit: units[i],
			Better: r.enum("kpi_better", strings.ToLower(better[i]), []string{"higher", "lower"})})
	}
	if m.NPS == nil && m.CES == nil && m.CSAT == nil && len(m.KPIs) == 0 {
		return nil
	}
	return m
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
