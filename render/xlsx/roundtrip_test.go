package xlsx_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/diff"
	"github.com/journey-cx/journey/journey/format"
	"github.com/journey-cx/journey/journey/importer"
	ixlsx "github.com/journey-cx/journey/journey/importer/xlsx"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/xlsx"
)

// The tests here run the writer and the importer together: the importer's
// own tests do not link the writer, so this is where the two meet.

func loadMap(t *testing.T, path string) (*journey.Map, []byte) {
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

func workbookOf(t *testing.T, m *journey.Map) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := xlsx.Write(&b, &render.Input{Map: m}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// importerFixture is the workbook the importer's tests edit and read: the
// one this writer writes for the map next to it.
const importerFixture = "../../journey/importer/xlsx/testdata/base"

// TestImporterFixture fails when the writer no longer writes the
// importer's fixture workbook byte for byte: run it with -update to write
// it again, and look at what the importer's tests then say.
func TestImporterFixture(t *testing.T) {
	t.Parallel()
	m, _ := loadMap(t, importerFixture+".journey.yaml")
	got := workbookOf(t, m)
	if golden.Update() {
		if err := os.WriteFile(importerFixture+".xlsx", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(importerFixture + ".xlsx")
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the workbook of %s.journey.yaml differs from %s.xlsx: run the test with -update to write it again", importerFixture, importerFixture)
	}
}

// TestRoundTrip renders every valid map and imports the workbook back:
// with the map as base it is the same map, and written over the map's file
// it is the file, formatted; alone, it has the same stages and touchpoints
// and validates.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	var files []string
	for _, g := range []string{"../../examples/*.journey.yaml", "../../journey/testdata/valid/*.journey.yaml"} {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	if len(files) == 0 {
		t.Fatal("no maps")
	}
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			t.Parallel()
			m, src := loadMap(t, p)
			data := workbookOf(t, m)
			roundTripWithBase(t, m, src, data)
			if len(m.Touchpoints()) > 0 { // nothing to import without the base's stages
				roundTripAlone(t, m, data)
			}
		})
	}
}

func roundTripWithBase(t *testing.T, m *journey.Map, src, data []byte) {
	t.Helper()
	got, _, diags := ixlsx.Import(data, ixlsx.Options{File: "w.xlsx", Base: m})
	if diags.HasErrors() {
		t.Fatalf("import: %v", diags)
	}
	if !diff.Equal(m, got) {
		a, _ := format.Map(m)
		b, _ := format.Map(got)
		t.Fatalf("render then import changed the map:\n%s\n---\n%s", a, b)
	}
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
}

func roundTripAlone(t *testing.T, m *journey.Map, data []byte) {
	t.Helper()
	alone, _, diags := ixlsx.Import(data, ixlsx.Options{File: "w.xlsx"})
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
