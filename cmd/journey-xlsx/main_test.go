package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/internal/xlsxhelper"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/format"
	"github.com/journey-cx/journey/journey/importer"
	"github.com/journey-cx/journey/journey/importer/xlsx"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
	rxlsx "github.com/journey-cx/journey/render/xlsx"
)

const baseMap = "../../journey/importer/xlsx/testdata/base.journey.yaml"

// runMain runs the program with stdin and returns its exit code and output.
func runMain(t *testing.T, stdin []byte, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, bytes.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func source(t *testing.T, path string) (xlsxhelper.MapSource, *journey.Map) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := xlsxhelper.MapSource{File: filepath.Base(path), Source: string(data)}
	m, diags := src.Load()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return src, m
}

func jsonOf(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestWrite: the workbook of a request is the one render/xlsx writes from
// the same Input.
func TestWrite(t *testing.T) {
	t.Parallel()
	for _, path := range []string{"../../examples/seguro-hogar.journey.yaml", "../../render/testdata/hostile.journey.yaml"} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			src, m := source(t, path)
			in := &render.Input{Map: m, Theme: render.Print, Locale: "es", Paper: "A4",
				Scores:   score.Compute(m, score.Options{}),
				Findings: journey.Diagnostics{{Rule: "pain-without-opportunity", Severity: journey.SeverityWarning, File: src.File, Line: 3, Column: 5, Message: "=1+1 has a pain"}}}
			var want bytes.Buffer
			if err := rxlsx.Write(&want, in); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runMain(t, jsonOf(t, xlsxhelper.NewWriteRequest(in, src)), "write")
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if !bytes.Equal([]byte(out), want.Bytes()) {
				t.Error("the helper's workbook differs from render/xlsx's for the same input")
			}
		})
	}
}

func TestWriteErrors(t *testing.T) {
	t.Parallel()
	bad := xlsxhelper.WriteRequest{Protocol: xlsxhelper.Protocol, Map: xlsxhelper.MapSource{File: "bad.journey.yaml", Source: "version: 1\nid: x\nstages: 3\n"}}
	for _, tt := range []struct {
		name  string
		args  []string
		stdin []byte
		code  int
		msg   string
	}{
		{"invalid map", []string{"write"}, jsonOf(t, bad), 1, "bad.journey.yaml:3:9: error:"},
		{"not a request", []string{"write"}, []byte("version: 1"), 2, "journey-xlsx: the request is not JSON"},
		{"another release", []string{"write"}, []byte(`{"protocol": 99}`), 2, "use the journey-xlsx of the same release as journey"},
		{"arguments", []string{"write", "map.journey.yaml"}, nil, 2, "write takes no arguments"},
		{"no command", nil, nil, 2, "usage: journey-xlsx"},
		{"unknown command", []string{"render"}, nil, 2, `unknown command "render"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runMain(t, tt.stdin, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tt.code, tt.msg)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out[:min(len(out), 40)])
			}
		})
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	for _, arg := range []string{"-V", "--version", "version"} {
		if code, out, _ := runMain(t, nil, arg); code != 0 || out != "journey-xlsx dev (protocol 1)\n" {
			t.Errorf("%s: exit %d, %q", arg, code, out)
		}
	}
	if code, out, _ := runMain(t, nil, "--help"); code != 0 || !strings.HasPrefix(out, "usage: ") {
		t.Errorf("--help: exit %d, %q", code, out)
	}
}

// workbookOf writes the workbook of the map at path, as journey render does.
func workbookOf(t *testing.T, m *journey.Map) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := rxlsx.Write(&b, &render.Input{Map: m}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// edited returns wb with cell set to v on the Touchpoints sheet.
func edited(t *testing.T, wb []byte, cell string, v any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(wb))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetCellValue(rxlsx.SheetTouchpoints, cell, v); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestImportByHand: journey-xlsx import FILE gives the canonical map on
// standard output and the notes on standard error.
func TestImportByHand(t *testing.T) {
	t.Parallel()
	_, m := source(t, baseMap)
	wb := workbookOf(t, m)
	dir := t.TempDir()
	file := filepath.Join(dir, "alta.xlsx")
	if err := os.WriteFile(file, wb, 0o644); err != nil {
		t.Fatal(err)
	}
	im, notes, diags := xlsx.Import(wb, xlsx.Options{File: file})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	want, err := format.Map(im)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, arg, file string
		stdin           []byte
	}{
		{"file", file, file, nil},
		{"standard input", "-", "<stdin>", wb},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runMain(t, tt.stdin, "import", tt.arg)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if out != string(want) {
				t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
			}
			var wantErr strings.Builder
			for _, n := range notes {
				loc := tt.file
				if n.Line > 0 {
					loc = fmt.Sprintf("%s:%d", tt.file, n.Line)
				}
				wantErr.WriteString(loc + ": note: " + n.Message + "\n")
			}
			if errOut != wantErr.String() {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut, wantErr.String())
			}
		})
	}

	broken := filepath.Join(dir, "broken.xlsx")
	if err := os.WriteFile(broken, edited(t, wb, "K2", 9), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"a cell that can't be read", []string{"import", broken}, 1, "broken.xlsx:2:11: error: cell K2 (emotion): want a number from 1 to 5, got 9"},
		{"not a workbook", []string{"import", baseMap}, 1, "not an .xlsx workbook"},
		{"no such file", []string{"import", filepath.Join(dir, "nope.xlsx")}, 2, "no such file:"},
		{"no file", []string{"import"}, 2, "import takes one workbook"},
		{"a request and a file", []string{"import", "--request", file}, 2, "takes no file"},
		{"unknown flag", []string{"import", "--base", baseMap, file}, 2, "flag provided but not defined: -base"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runMain(t, nil, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.msg) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d and %q", code, out, errOut, tt.code, tt.msg)
			}
		})
	}
}

// TestImportRequest: what journey import xlsx runs. With a base, the map is
// written over the base's text (comments kept); cells that can't be read
// are diagnostics in the result, with exit 1.
func TestImportRequest(t *testing.T) {
	t.Parallel()
	src, m := source(t, baseMap)
	wb := edited(t, workbookOf(t, m), "K2", 5)
	im, notes, diags := xlsx.Import(wb, xlsx.Options{File: "edited.xlsx", Base: m})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	want, lost, err := importer.WriteOver([]byte(src.Source), m, im)
	if err != nil {
		t.Fatal(err)
	}
	if len(lost) > 0 {
		t.Fatalf("the fixture loses comments: %v", lost)
	}
	req := &xlsxhelper.ImportRequest{Protocol: xlsxhelper.Protocol, File: "edited.xlsx", Workbook: wb, Base: &src}
	code, out, errOut := runMain(t, jsonOf(t, req), "import", "--request")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res xlsxhelper.ImportResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Map != string(want) {
		t.Errorf("map:\n%s\nwant:\n%s", res.Map, want)
	}
	if !strings.Contains(res.Map, "# journey:ignore") || !strings.Contains(res.Map, "emotion: 5") {
		t.Errorf("the edit and the base's comments should be there:\n%s", res.Map)
	}
	if len(res.Notes) != len(notes) {
		t.Errorf("notes %v, want %v", res.Notes, notes)
	}

	req.Workbook = edited(t, wb, "K2", 9)
	code, out, _ = runMain(t, jsonOf(t, req), "import", "--request")
	res = xlsxhelper.ImportResult{}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if code != 1 || !res.Diagnostics.HasErrors() || res.Map != "" || res.Diagnostics[0].File != "edited.xlsx" {
		t.Errorf("exit %d, result %+v; want 1 and the cell's error", code, res)
	}

	req.Base = &xlsxhelper.MapSource{File: "base.journey.yaml", Source: "version: 1\nid: Not A Slug\n"}
	code, out, _ = runMain(t, jsonOf(t, req), "import", "--request")
	if code != 1 || !strings.Contains(out, `"file":"base.journey.yaml"`) {
		t.Errorf("an invalid base: exit %d, %s", code, out)
	}
	if code, _, errOut := runMain(t, []byte(`{"protocol": 1, "workbook": 3}`), "import", "--request"); code != 2 || !strings.Contains(errOut, "can't read the request") {
		t.Errorf("a bad request: exit %d, %s", code, errOut)
	}
}
