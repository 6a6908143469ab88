// Package xlsx reads back a workbook written by `journey render` after
// someone edited it, and turns it into a map, so that edits made in Excel
// or LibreOffice come back into version control. What it reads (sheet
// names, column keys, how lists and numbers are written) is the contract
// of package journey/workbook, which the writer (render/xlsx) follows too.
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
	"github.com/journey-cx/journey/journey/workbook"
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
	if idx, err := f.GetSheetIndex(workbook.SheetTouchpoints); err != nil || idx < 0 {
		im.errorf(0, 0, "the workbook has no %q sheet: is it a workbook written by journey render?", workbook.SheetTouchpoints)
		return nil, nil, im.diags
	}
	rows, err := f.GetRows(workbook.SheetTouchpoints, excelize.Options{RawCellValue: true})
	if err != nil {
		im.errorf(0, 0, "can't read the %s sheet: %v", workbook.SheetTouchpoints, err)
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
		workbook.SheetTouchpoints, workbook.SheetMap, workbook.SheetScores, workbook.SheetFindings)
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
	ls := strings.Split(s, workbook.ListSeparator)
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

// readRows reads the header and the rows that are not blank.
func (im *importerState) readRows(rows [][]string) {
	if len(rows) == 0 {
		im.errorf(1, 1, "the %s sheet is empty: it needs the header row of journey render", workbook.SheetTouchpoints)
		return
	}
	cols, personas := im.readHeader(rows[0])
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
		if id := r.text(workbook.KeyID); id != "" {
			ids.Reserve(id)
		}
		lines = append(lines, r)
	}
	for _, r := range lines {
		im.rows = append(im.rows, im.readRow(r, personas, &ids))
	}
}

// readHeader finds the columns by key in row 1, and the personas of the
// per-persona emotion columns; unknown keys are noted and ignored.
func (im *importerState) readHeader(head []string) (cols map[string]int, personas []string) {
	cols = map[string]int{}
	for i, h := range head {
		key := strings.ToLower(strings.TrimSpace(h))
		if key == "" {
			continue
		}
		if _, dup := cols[key]; dup {
			im.errorf(1, i+1, "cell %s: column %q appears twice", cellRef(i+1, 1), key)
			continue
		}
		cols[key] = i
		if p, ok := workbook.PersonaOf(key); ok {
			if !journey.IsSlug(p) {
				im.errorf(1, i+1, "cell %s: %q does not name a persona id", cellRef(i+1, 1), h)
				continue
			}
			personas = append(personas, p)
		} else if !workbook.Known(key) {
			im.note(1, "column %s (%q) is not a touchpoint field: ignored", cellRef(i+1, 1), h)
		}
	}
	for _, k := range workbook.Required() {
		if _, ok := cols[k]; !ok {
			im.errorf(1, 0, "the %s sheet has no %q column", workbook.SheetTouchpoints, k)
		}
	}
	return cols, personas
}

// readRow reads one touchpoint row.
func (im *importerState) readRow(r *sheetRow, personas []string, ids *importer.IDs) row {
	out := row{line: r.line, stageID: r.text(workbook.KeyStageID), stageName: r.text(workbook.KeyStageName)}
	t := &out.tp
	im.readIdentity(r, &out, ids)
	t.Description = strings.TrimSpace(r.get(workbook.KeyDescription))
	t.Channel = r.text(workbook.KeyChannel)
	t.Owner = r.text(workbook.KeyOwner)
	for _, a := range r.list(workbook.KeyActors) {
		if a != "" {
			t.Actors = append(t.Actors, a)
		}
	}
	t.Action = strings.TrimSpace(r.get(workbook.KeyAction))
	t.Thought = strings.TrimSpace(r.get(workbook.KeyThought))
	t.Emotion = readEmotions(r, personas)
	t.MomentOfTruth = r.enum(workbook.KeyMomentOfTruth, strings.ToLower(r.text(workbook.KeyMomentOfTruth)), journey.MomentsOfTruth)
	readNext(r, t)
	t.Pains = im.readPains(r)
	t.Opportunities = readOpportunities(r)
	t.Metrics = im.metrics(r)
	return out
}

// readIdentity checks the row's stage id, and reads the touchpoint's id
// and name: a row without an id gets one from its name, a row without a
// name is named after its id.
func (im *importerState) readIdentity(r *sheetRow, out *row, ids *importer.IDs) {
	t := &out.tp
	t.Name = r.text(workbook.KeyName)
	t.ID = r.text(workbook.KeyID)
	switch {
	case out.stageID == "":
		r.errorf(workbook.KeyStageID, "a touchpoint row needs the id of its stage")
	case !journey.IsSlug(out.stageID):
		r.errorf(workbook.KeyStageID, "%q is not a valid id: use lowercase letters, digits and dashes (try %q)", out.stageID, journey.Slugify(out.stageID))
	}
	switch {
	case t.ID == "" && t.Name == "":
		r.errorf(workbook.KeyID, "a touchpoint row needs an id or a name")
	case t.ID == "":
		t.ID = ids.New(t.Name, "touchpoint")
		im.note(r.line, "row %d has no id: it gets %q, from its name", r.line, t.ID)
	case !journey.IsSlug(t.ID):
		r.errorf(workbook.KeyID, "%q is not a valid id: use lowercase letters, digits and dashes (try %q)", t.ID, journey.Slugify(t.ID))
	}
	if t.Name == "" {
		t.Name = t.ID
		if t.ID != "" {
			im.note(r.line, "row %d has no name: it is named after its id, %q", r.line, t.ID)
		}
	}
}

// readEmotions reads the single emotion and the personas' ones; a row may
// give one or the other, not both.
func readEmotions(r *sheetRow, personas []string) []journey.Emotion {
	var out []journey.Emotion
	if v, ok := r.number(workbook.KeyEmotion, 1, 5); ok {
		out = append(out, journey.Emotion{Value: v})
	}
	for _, p := range personas {
		if v, ok := r.number(workbook.EmotionColumn(p), 1, 5); ok {
			out = append(out, journey.Emotion{Persona: p, Value: v})
		}
	}
	if len(out) > 1 && out[0].Persona == "" {
		r.errorf(workbook.KeyEmotion, "give the emotion once, or per persona, not both")
	}
	return out
}

// readNext reads the next cell: blank is no `next:`, EndOfFlow is `next: []`.
func readNext(r *sheetRow, t *journey.Touchpoint) {
	next := r.list(workbook.KeyNext)
	if next == nil {
		return
	}
	t.NextSet = true
	if !(len(next) == 1 && next[0] == workbook.EndOfFlow) {
		for _, n := range next {
			if n != "" {
				t.Next = append(t.Next, n)
			}
		}
	}
	t.NextPos = make([]journey.Pos, len(t.Next))
}

// readPains reads the pains with their severities and evidence.
func (im *importerState) readPains(r *sheetRow) []journey.Pain {
	var out []journey.Pain
	pains := r.list(workbook.KeyPains)
	sev, ev := r.companion(workbook.KeyPainSeverity, workbook.KeyPains, len(pains)), r.companion(workbook.KeyPainEvidence, workbook.KeyPains, len(pains))
	for i, p := range pains {
		if p == "" {
			if sev[i] != "" || ev[i] != "" {
				im.note(r.line, "line %d of the pains of row %d is blank: its severity and evidence are not carried over", i+1, r.line)
			}
			continue
		}
		out = append(out, journey.Pain{Text: p, Severity: r.enum(workbook.KeyPainSeverity, strings.ToLower(sev[i]), journey.PainSeverities), Evidence: ev[i]})
	}
	return out
}

// readOpportunities reads the opportunities with their owners, statuses,
// impacts and efforts.
func readOpportunities(r *sheetRow) []journey.Opportunity {
	var out []journey.Opportunity
	opps := r.list(workbook.KeyOpportunities)
	oo, os := r.companion(workbook.KeyOpportunityOwner, workbook.KeyOpportunities, len(opps)), r.companion(workbook.KeyOpportunityStatus, workbook.KeyOpportunities, len(opps))
	oi, oe := r.companion(workbook.KeyOpportunityImpact, workbook.KeyOpportunities, len(opps)), r.companion(workbook.KeyOpportunityEffort, workbook.KeyOpportunities, len(opps))
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
		out = append(out, journey.Opportunity{Text: o, Owner: oo[i],
			Status: r.enum(workbook.KeyOpportunityStatus, strings.ToLower(os[i]), journey.OpportunityStatuses),
			Impact: level(workbook.KeyOpportunityImpact, oi[i]), Effort: level(workbook.KeyOpportunityEffort, oe[i])})
	}
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
	if any(workbook.KeyNPSPromoters, workbook.KeyNPSPassives, workbook.KeyNPSDetractors, workbook.KeyNPSScore, workbook.KeyNPSN, workbook.KeyNPSDistribution) {
		m.NPS = &journey.NPS{Promoters: r.count(workbook.KeyNPSPromoters), Passives: r.count(workbook.KeyNPSPassives), Detractors: r.count(workbook.KeyNPSDetractors),
			Score: r.float(workbook.KeyNPSScore, -100, 100), N: r.count(workbook.KeyNPSN), Distribution: r.counts(workbook.KeyNPSDistribution, 11)}
	}
	if any(workbook.KeyCESMean, workbook.KeyCESN, workbook.KeyCESDistribution, workbook.KeyCESReversed) {
		c := &journey.CES{Mean: r.float(workbook.KeyCESMean, 1, 7), N: r.count(workbook.KeyCESN), Distribution: r.counts(workbook.KeyCESDistribution, 7), Scale: 7}
		if s := r.text(workbook.KeyCESScale); s != "" {
			switch s {
			case "5", "7":
				c.Scale = int(s[0] - '0')
			default:
				r.errorf(workbook.KeyCESScale, "want 5 or 7, got %q", s)
			}
		}
		switch strings.ToLower(r.text(workbook.KeyCESReversed)) {
		case "", "false", "0", "no":
		case "true", "1", "yes":
			c.Reversed = true
		default:
			r.errorf(workbook.KeyCESReversed, "want TRUE or FALSE, got %q", r.text(workbook.KeyCESReversed))
		}
		m.CES = c
	}
	if any(workbook.KeyCSATSatisfied, workbook.KeyCSATTotal, workbook.KeyCSATDistribution) {
		m.CSAT = &journey.CSAT{Satisfied: r.count(workbook.KeyCSATSatisfied), Total: r.count(workbook.KeyCSATTotal), Distribution: r.counts(workbook.KeyCSATDistribution, 5)}
	}
	names := r.list(workbook.KeyKPIName)
	vals, targets := r.companion(workbook.KeyKPIValue, workbook.KeyKPIName, len(names)), r.companion(workbook.KeyKPITarget, workbook.KeyKPIName, len(names))
	units, better := r.companion(workbook.KeyKPIUnit, workbook.KeyKPIName, len(names)), r.companion(workbook.KeyKPIBetter, workbook.KeyKPIName, len(names))
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
		m.KPIs = append(m.KPIs, journey.KPI{Name: n, Value: num(workbook.KeyKPIValue, vals[i]), Target: num(workbook.KeyKPITarget, targets[i]), Unit: units[i],
			Better: r.enum(workbook.KeyKPIBetter, strings.ToLower(better[i]), []string{"higher", "lower"})})
	}
	if m.NPS == nil && m.CES == nil && m.CSAT == nil && len(m.KPIs) == 0 {
		return nil
	}
	return m
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
