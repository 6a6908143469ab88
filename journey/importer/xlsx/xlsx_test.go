package xlsx_test

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/importer"
	"github.com/journey-cx/journey/journey/importer/xlsx"
	"github.com/journey-cx/journey/journey/workbook"
)

func load(t *testing.T, path string) (*journey.Map, []byte) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := journey.Load(path, src, journey.Options{})
	if diags.HasErrors() {
		t.Fatalf("%s: %v", path, diags)
	}
	return m, src
}

// The round trip of every valid map through the writer and this importer
// is in render/xlsx (roundtrip_test.go), which links both; so is the test
// that testdata/base.xlsx is the workbook the writer writes for
// testdata/base.journey.yaml.

// edit opens the fixture's workbook (testdata/base.xlsx, as journey render
// writes it for testdata/base.journey.yaml), lets fn change the Touchpoints
// sheet, and imports the result with the fixture as base.
func edit(t *testing.T, fn func(f *excelize.File, col func(key string) string)) (*journey.Map, []importer.Note, journey.Diagnostics, *journey.Map, []byte) {
	t.Helper()
	m, src := load(t, "testdata/base.journey.yaml")
	wb, err := os.ReadFile("testdata/base.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(wb))
	if err != nil {
		t.Fatal(err)
	}
	head, err := f.GetRows(workbook.SheetTouchpoints)
	if err != nil {
		t.Fatal(err)
	}
	col := func(key string) string {
		for i, h := range head[0] {
			if h == key {
				name, _ := excelize.ColumnNumberToName(i + 1)
				return name
			}
		}
		t.Fatalf("no column %s", key)
		return ""
	}
	fn(f, col)
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	got, notes, diags := xlsx.Import(b.Bytes(), xlsx.Options{File: "edited.xlsx", Base: m})
	return got, notes, diags, m, src
}

func TestEdits(t *testing.T) {
	t.Parallel()
	const sh = workbook.SheetTouchpoints
	got, notes, diags, base, src := edit(t, func(f *excelize.File, col func(string) string) {
		// Row 2 is the first touchpoint (ad), row 3 compare, row 4 call.
		must(t, f.SetCellValue(sh, col("emotion")+"2", 5))
		must(t, f.SetCellValue(sh, col("name")+"3", "Comparador de tarifas"))
		must(t, f.SetCellStr(sh, col("pains")+"3", "Demasiadas opciones\nPrecios confusos"))
		must(t, f.SetCellStr(sh, col("pain_severity")+"3", "\nHigh"))
		must(t, f.SetCellStr(sh, col("stage_name")+"2", "Necesidad (editada)"))
		must(t, f.RemoveRow(sh, 4)) // call
		// A new row at the end, without an id.
		rows, _ := f.GetRows(sh)
		n := len(rows) + 1
		must(t, f.SetCellStr(sh, col("stage_id")+itoa(n), "research"))
		must(t, f.SetCellStr(sh, col("name")+itoa(n), "Chat con ventas"))
		must(t, f.SetCellStr(sh, col("channel")+itoa(n), "web"))
		must(t, f.SetCellStr(sh, col("emotion")+itoa(n), "4,5"))
	})
	if diags.HasErrors() {
		t.Fatalf("import: %v", diags)
	}
	var b strings.Builder
	for _, n := range notes {
		b.WriteString(n.String("edited.xlsx") + "\n")
	}
	golden.Assert(t, "testdata/edits.notes.golden", []byte(b.String()))
	out, lost, err := importer.WriteOver(src, base, got)
	if err != nil {
		t.Fatal(err)
	}
	if len(lost) > 0 {
		t.Errorf("lost comments on %v", lost)
	}
	golden.Assert(t, "testdata/edits.journey.golden", out)
	if _, diags := journey.Load("edits", out, journey.Options{}); diags.HasErrors() {
		t.Errorf("the merged map is invalid: %v", diags)
	}
	if !strings.Contains(string(out), "# journey:ignore touchpoint-owner-missing") {
		t.Error("the ignore comment of a changed touchpoint was lost")
	}
}

func TestEditErrors(t *testing.T) {
	t.Parallel()
	const sh = workbook.SheetTouchpoints
	_, _, diags, _, _ := edit(t, func(f *excelize.File, col func(string) string) {
		must(t, f.SetCellStr(sh, col("emotion")+"2", "muy bien"))
		must(t, f.SetCellValue(sh, col("emotion")+"3", 7))
		must(t, f.SetCellStr(sh, col("moment_of_truth")+"3", "fmto"))
		must(t, f.SetCellStr(sh, col("stage_id")+"4", ""))
		must(t, f.SetCellStr(sh, col("nps_distribution")+"2", "1,2,3"))
		must(t, f.SetCellStr(sh, col("channel")+"3", "fax"))
		must(t, f.SetCellStr(sh, col("id")+"5", "ad"))
	})
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.String() + "\n")
	}
	golden.Assert(t, "testdata/errors.golden", []byte(b.String()))
}

func TestNotAWorkbook(t *testing.T) {
	t.Parallel()
	for name, data := range map[string][]byte{"text": []byte("version: 1\n"), "empty": nil} {
		m, _, diags := xlsx.Import(data, xlsx.Options{File: "x.xlsx"})
		if m != nil || !diags.HasErrors() || !strings.Contains(diags[0].Message, "not an .xlsx workbook") {
			t.Errorf("%s: %v", name, diags)
		}
	}
	f := excelize.NewFile()
	var b bytes.Buffer
	must(t, f.Write(&b))
	if _, _, diags := xlsx.Import(b.Bytes(), xlsx.Options{File: "x.xlsx"}); !diags.HasErrors() || !strings.Contains(diags[0].Message, `no "Touchpoints" sheet`) {
		t.Errorf("a workbook without the sheet: %v", diags)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
