package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
	rxlsx "github.com/journey-cx/journey/render/xlsx"
)

func TestImportMermaid(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, n := range []string{"mermaid-docs.mmd", "quirks.mmd"} {
		data, err := os.ReadFile(filepath.Join("../../journey/importer/mermaid/testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.mmd"), []byte("journey\n  section Día\n    Té:\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "taken.journey.yaml"), []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, _ := os.ReadFile(filepath.Join(dir, "mermaid-docs.mmd"))
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		golden string
		stderr string
	}{
		{"stdout", "", []string{"import", "mermaid", "quirks.mmd"}, 0, "testdata/import/quirks.golden", "testdata/import/quirks.stderr.golden"},
		{"stdin", string(docs), []string{"import", "mermaid", "-"}, 0, "testdata/import/docs.golden", "testdata/import/docs.stderr.golden"},
		{"syntax error", "", []string{"import", "mermaid", "bad.mmd"}, 1, "", "testdata/import/bad.stderr.golden"},
		{"existing output", "", []string{"import", "mermaid", "quirks.mmd", "-o", "taken.journey.yaml"}, 2, "", "testdata/import/taken.stderr.golden"},
		{"missing", "", []string{"import", "mermaid", "nope.mmd"}, 2, "", "testdata/import/missing.stderr.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := runIn(t, dir, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			golden.Assert(t, tt.stderr, []byte(strings.ReplaceAll(errOut, dir+string(filepath.Separator), "")))
			if tt.golden == "" {
				if out != "" {
					t.Errorf("stdout should be empty, got:\n%s", out)
				}
				return
			}
			golden.Assert(t, tt.golden, []byte(out))
		})
	}

	// -o writes the file, and it validates.
	out := filepath.Join(dir, "maps", "docs.journey.yaml")
	if err := os.Mkdir(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runIn(t, dir, "", "import", "mermaid", "mermaid-docs.mmd", "-o", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if _, errOut, code := runIn(t, dir, "", "validate", out); code != 0 {
		t.Errorf("the imported map is invalid:\n%s", errOut)
	}
}

func TestImportXLSX(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, err := os.ReadFile("../../journey/importer/xlsx/testdata/base.journey.yaml")
	if err != nil {
		t.Fatal(err)
	}
	mapPath := filepath.Join(dir, "alta.journey.yaml")
	if err := os.WriteFile(mapPath, src, 0o644); err != nil {
		t.Fatal(err)
	}
	m, diags := journey.Load("alta", src, journey.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var wb bytes.Buffer
	if err := rxlsx.Write(&wb, &render.Input{Map: m}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "alta.xlsx"), wb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// An edited copy: the ad's emotion goes to 5.
	f, err := excelize.OpenReader(bytes.NewReader(wb.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(rxlsx.SheetTouchpoints, "K2", 5); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(filepath.Join(dir, "edited.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(rxlsx.SheetTouchpoints, "K2", 9); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(filepath.Join(dir, "broken.xlsx")); err != nil {
		t.Fatal(err)
	}

	// The workbook as rendered, written over its map: nothing changes
	// but the layout fmt gives.
	formatted, _, code := runIn(t, dir, "", "fmt", mapPath)
	if code != 0 {
		t.Fatal("fmt failed")
	}
	_, errOut, code := runIn(t, dir, "", "import", "xlsx", "alta.xlsx", "-o", "alta.journey.yaml")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if now, _ := os.ReadFile(mapPath); string(now) != formatted {
		t.Errorf("render then import changed the map:\n%s", now)
	}
	golden.Assert(t, "testdata/import/xlsx-same.stderr.golden", []byte(errOut))

	// The edited workbook, against --base, to standard output.
	out, errOut, code := runIn(t, dir, "", "import", "xlsx", "edited.xlsx", "--base", "alta.journey.yaml")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "      - id: ad\n        name: Anuncio # journey:ignore touchpoint-owner-missing agency-owned\n        channel: web\n        emotion: 5\n") {
		t.Errorf("the edit (emotion 5) and the comments should be there:\n%s", out)
	}

	// Without a base: a map from the workbook alone.
	out, errOut, code = runIn(t, dir, "", "import", "xlsx", "alta.xlsx")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	golden.Assert(t, "testdata/import/xlsx-alone.golden", []byte(out))
	golden.Assert(t, "testdata/import/xlsx-alone.stderr.golden", []byte(errOut))

	// A cell that cannot be read: nothing written, exit 1.
	before, _ := os.ReadFile(mapPath)
	_, errOut, code = runIn(t, dir, "", "import", "xlsx", "broken.xlsx", "-o", "alta.journey.yaml")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	golden.Assert(t, "testdata/import/xlsx-broken.stderr.golden", []byte(errOut))
	if after, _ := os.ReadFile(mapPath); !bytes.Equal(before, after) {
		t.Error("the map was written despite the error")
	}

	// Not a workbook.
	_, errOut, code = runIn(t, dir, "", "import", "xlsx", "alta.journey.yaml")
	if code != 1 || !strings.Contains(errOut, "not an .xlsx workbook") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
