package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/internal/maptest"
)

// workbookMaps are the maps whose workbooks the consumer tests open: every
// example and the hostile maps (markup, formulas, quotes, accents, very
// long names).
func workbookMaps(t *testing.T) []string {
	t.Helper()
	maps, err := filepath.Glob("../../examples/*.journey.yaml")
	if err != nil || len(maps) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	return append(maps, "../../render/testdata/hostile.journey.yaml", "../../render/mermaid/testdata/hostile.journey.yaml", smallMap)
}

// renderWorkbooks renders each map to an .xlsx in a temporary folder with
// `journey render` and returns the workbooks' paths.
func renderWorkbooks(t *testing.T, maps []string) []string {
	t.Helper()
	dir := t.TempDir()
	var books []string
	for i, m := range maps {
		out := filepath.Join(dir, fmt.Sprintf("%d-%s.xlsx", i, strings.TrimSuffix(filepath.Base(m), ".journey.yaml")))
		if _, errOut, code := run(t, "render", m, "-o", out); code != 0 {
			t.Fatalf("render %s: exit %d\n%s", m, code, errOut)
		}
		books = append(books, out)
	}
	return books
}

// sheetRows reads every sheet of the workbook at path with excelize, the
// library that wrote it: the reference the consumers are compared with.
func sheetRows(t *testing.T, path string) (names []string, rows map[string][][]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	rows = map[string][][]string{}
	for _, s := range f.GetSheetList() {
		r, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		rows[s] = trimRows(r)
	}
	return f.GetSheetList(), rows
}

// trimRows drops trailing empty cells and rows, which readers differ on.
func trimRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		out[i] = r
	}
	for len(out) > 0 && len(out[len(out)-1]) == 0 {
		out = out[:len(out)-1]
	}
	return out
}

// sameCell reports whether a reader's text for a cell is the writer's value:
// equal, the same number (readers format numbers their own way) or the same
// boolean (written 1 or 0, shown TRUE or FALSE).
func sameCell(want, got string) bool {
	if want == got {
		return true
	}
	switch strings.ToUpper(got) {
	case "TRUE":
		return want == "1"
	case "FALSE":
		return want == "0"
	}
	a, err1 := strconv.ParseFloat(want, 64)
	b, err2 := strconv.ParseFloat(strings.TrimSpace(got), 64)
	return err1 == nil && err2 == nil && (a == b || (a != 0 && abs((a-b)/a) < 1e-9))
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// dataSheets are compared cell for cell; on the Map and Scores sheets,
// whose merged cells and number formats readers show differently, every
// cell the writer filled must read back the same, and column A exactly.
var dataSheets = map[string]bool{"Touchpoints": true, "Findings": true}

// compareSheet reports the cells where a reader disagrees with the writer.
func compareSheet(t *testing.T, who, book, sheet string, want, got [][]string) {
	t.Helper()
	got = trimRows(got)
	if dataSheets[sheet] && len(got) != len(want) {
		t.Errorf("%s: %s sheet %s has %d rows, the writer wrote %d", who, filepath.Base(book), sheet, len(got), len(want))
	}
	bad := 0
	for i, wr := range want {
		for j, w := range wr {
			g := ""
			if i < len(got) && j < len(got[i]) {
				g = got[i][j]
			}
			if w == "" && !dataSheets[sheet] && j > 0 {
				continue // a merged cell: readers repeat the first cell's text or not
			}
			if !sameCell(w, g) {
				if bad++; bad <= 5 {
					t.Errorf("%s: %s sheet %s cell %s reads %q, the writer wrote %q", who, filepath.Base(book), sheet, cellName(j+1, i+1), short(g), short(w))
				}
			}
		}
	}
	if bad > 5 {
		t.Errorf("%s: %s sheet %s: %d cells differ in all", who, filepath.Base(book), sheet, bad)
	}
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// TestWorkbookConsumers opens every rendered workbook with exceljs and
// SheetJS (npm): each must open, list the four sheets, carry the document
// properties, and read every cell as the writer wrote it.
func TestWorkbookConsumers(t *testing.T) {
	t.Parallel()
	dir := nodeModules(t, "exceljs")
	nodeModules(t, "xlsx")
	maps := workbookMaps(t)
	books := renderWorkbooks(t, maps)
	cmd := exec.Command("node", append([]string{"testdata/consumers/workbooks.cjs"}, books...)...)
	cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(dir, "node_modules"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	type view struct {
		Error                             string
		Names                             []string
		Title, Subject, Keywords, Creator string
		Created                           string
		Sheets                            map[string][][]string
	}
	var res map[string]map[string]view
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	for i, book := range books {
		names, rows := sheetRows(t, book)
		m := maptest.Load(t, maps[i])
		for _, who := range []string{"exceljs", "sheetjs"} {
			v := res[book][who]
			if v.Error != "" {
				t.Errorf("%s cannot open %s: %s", who, filepath.Base(book), v.Error)
				continue
			}
			if strings.Join(v.Names, ",") != strings.Join(names, ",") {
				t.Errorf("%s: %s has sheets %q, want %q", who, filepath.Base(book), v.Names, names)
			}
			if v.Title != clipText(m.Title, 1000) || v.Subject != m.ID || v.Creator != "journey" || v.Created != "2000-01-01T00:00:00.000Z" {
				t.Errorf("%s: %s properties title %q subject %q creator %q created %q", who, filepath.Base(book), short(v.Title), v.Subject, v.Creator, v.Created)
			}
			if want := clipText(strings.Join(m.Tags, ", "), 1000); v.Keywords != want {
				t.Errorf("%s: %s keywords %q, want %q", who, filepath.Base(book), short(v.Keywords), short(want))
			}
			for _, s := range names {
				compareSheet(t, who, book, s, rows[s], v.Sheets[s])
			}
		}
	}
}

// clipText is render/xlsx's clip: the properties are cut to n characters.
func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// TestWorkbooksInLibreOffice converts every rendered workbook to CSV, one
// file a sheet, with LibreOffice headless and compares the cells with what
// the writer wrote. It needs soffice on PATH (Debian's
// libreoffice-calc-nogui, which .ci/run installs) and skips without it
// unless JOURNEY_CONSUMERS=1.
func TestWorkbooksInLibreOffice(t *testing.T) {
	t.Parallel()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("JOURNEY_CONSUMERS") == "1" {
			t.Fatal("soffice is not on PATH: .ci/run installs libreoffice-calc-nogui")
		}
		t.Skip("soffice not on PATH (apt-get install libreoffice-calc-nogui)")
	}
	books := renderWorkbooks(t, workbookMaps(t))
	out, profile := t.TempDir(), t.TempDir()
	// UTF-8, comma, double quotes, raw values (not as shown), every sheet.
	filter := `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`
	args := append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(profile), "--headless", "--norestore",
		"--convert-to", filter, "--outdir", out}, books...)
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	for _, book := range books {
		names, rows := sheetRows(t, book)
		base := strings.TrimSuffix(filepath.Base(book), ".xlsx")
		for _, s := range names {
			data, err := os.ReadFile(filepath.Join(out, base+"-"+s+".csv"))
			if err != nil {
				t.Errorf("LibreOffice wrote no sheet %s of %s: %v", s, filepath.Base(book), err)
				continue
			}
			r := csv.NewReader(bytes.NewReader(data))
			r.FieldsPerRecord = -1
			got, err := r.ReadAll()
			if err != nil {
				t.Errorf("LibreOffice's CSV of %s sheet %s: %v", filepath.Base(book), s, err)
				continue
			}
			// LibreOffice keeps a line break in a cell as LF alone.
			want := make([][]string, len(rows[s]))
			for i, r := range rows[s] {
				want[i] = make([]string, len(r))
				for j, c := range r {
					want[i][j] = strings.ReplaceAll(c, "\r\n", "\n")
				}
			}
			compareSheet(t, "LibreOffice", book, s, want, got)
		}
	}
}
