package xlsx_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/diff"
	"github.com/journey-cx/journey/journey/format"
	"github.com/journey-cx/journey/journey/importer"
	"github.com/journey-cx/journey/journey/importer/xlsx"
	"github.com/journey-cx/journey/render"
	rxlsx "github.com/journey-cx/journey/render/xlsx"
)

// validMaps lists the valid maps the round trips run over.
func validMaps(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, g := range []string{"../../../examples/*.journey.yaml", "../../testdata/valid/*.journey.yaml"} {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	if len(files) == 0 {
		t.Fatal("no maps")
	}
	return files
}

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

func workbook(t *testing.T, m *journey.Map) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := rxlsx.Write(&b, &render.Input{Map: m}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for _, p := range validMaps(t) {
		t.Run(filepath.Base(p), func(t *testing.T) {
			t.Parallel()
			m, src := load(t, p)
			data := workbook(t, m)

			// With the map it came from: the same model.
			got, _, diags := xlsx.Import(data, xlsx.Options{File: "w.xlsx", Base: m})
			if diags.HasErrors() {
				t.Fatalf("import: %v", diags)
			}
			if !diff.Equal(m, got) {
				a, _ := format.Map(m)
				b, _ := format.Map(got)
				t.Fatalf("render then import changed the map:\n%s\n---\n%s", a, b)
			}
			// Written over the map's own file: the file's formatted text.
			out, lost, err := importer.WriteOver(src, m, got)
			if err != nil || len(lost) > 0 {
				t.Fatalf("WriteOver: %v, lost %v", err, lost)
			}
			want, err := format.Source(src)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("an unchanged map written over its file should be the file, formatted:\n%s", out)
			}

			// Alone: the same stages and touchpoints, and a valid map.
			if len(m.Touchpoints()) == 0 {
				return // nothing to import without the base's stages
			}
			alone, _, diags := xlsx.Import(data, xlsx.Options{File: "w.xlsx"})
			if diags.HasErrors() {
				t.Fatalf("import without base: %v", diags)
			}
			text, err := format.Map(alone)
			if err != nil {
				t.Fatal(err)
			}
			if _, diags := journey.Load("alone.journey.yaml", text, journey.Options{}); diags.HasErrors() {
				t.Fatalf("the map built from the workbook alone is invalid: %v\n%s", diags, text)
			}
			if alone.ID != m.ID || alone.Title != m.Title {
				t.Errorf("id %q title %q, want %q %q", alone.ID, alone.Title, m.ID, m.Title)
			}
			if !diff.Equal(touchpointsOnly(m), touchpointsOnly(alone)) {
				t.Errorf("the touchpoints differ")
			}
		})
	}
}

// touchpointsOnly keeps the non-empty stages' ids, names and touchpoints
// (an empty `metrics:` counts as none: it has no cells).
func touchpointsOnly(m *journey.Map) *journey.Map {
	out := &journey.Map{}
	for _, s := range m.Stages {
		if len(s.Touchpoints) == 0 {
			continue
		}
		tps := append([]journey.Touchpoint(nil), s.Touchpoints...)
		for i := range tps {
			if tps[i].Metrics.IsEmpty() {
				tps[i].Metrics = nil
			}
		}
		out.Stages = append(out.Stages, journey.Stage{ID: s.ID, Name: s.Name, Touchpoints: tps})
	}
	return out
}

// edit renders the fixture, lets fn change the Touchpoints sheet, and
// imports the result with the fixture as base.
func edit(t *testing.T, fn func(f *excelize.File, col func(key string) string)) (*journey.Map, []importer.Note, journey.Diagnostics, *journey.Map, []byte) {
	t.Helper()
	m, src := load(t, "testdata/base.journey.yaml")
	f, err := excelize.OpenReader(bytes.NewReader(workbook(t, m)))
	if err != nil {
		t.Fatal(err)
	}
	head, err := f.GetRows(rxlsx.SheetTouchpoints)
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
	const sh = rxlsx.SheetTouchpoints
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
	const sh = rxlsx.SheetTouchpoints
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
