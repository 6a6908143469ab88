package xlsxhelper

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/helperbin"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/importer"
	"github.com/journey-cx/journey/journey/lint"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
)

// TestMain lets the test binary stand in for journey-xlsx:
// JOURNEY_XLSX_FAKE says what it does (see fake).
func TestMain(m *testing.M) {
	if mode := os.Getenv("JOURNEY_XLSX_FAKE"); mode != "" {
		os.Exit(fake(mode))
	}
	os.Exit(m.Run())
}

func fake(mode string) int {
	if len(os.Args) > 1 && os.Args[1] == "-V" { // the handshake: JOURNEY_XLSX_FAKE_V is the answer
		fmt.Println(os.Getenv("JOURNEY_XLSX_FAKE_V"))
		return 0
	}
	in, _ := io.ReadAll(os.Stdin)
	switch mode {
	case "echo": // a workbook of its arguments, then its request
		os.Stdout.Write(fakeWorkbook(fmt.Sprintf("%s\n%s", strings.Join(os.Args[1:], " "), in), workbookParts...))
		return 0
	case "not-a-zip":
		os.Stdout.WriteString("garbage!")
		return 0
	case "truncated":
		wb := fakeWorkbook("a request", workbookParts...)
		os.Stdout.Write(wb[:len(wb)/2])
		return 0
	case "no-workbook": // a zip, but not a workbook
		os.Stdout.Write(fakeWorkbook("a request", "[Content_Types].xml", "_rels/.rels"))
		return 0
	case "problems":
		fmt.Fprintln(os.Stderr, "journey-xlsx: the map x does not load")
		return ExitProblems
	case "failure":
		os.Stdout.WriteString("PK partial")
		fmt.Fprintln(os.Stderr, "journey-xlsx: the request is of protocol 9")
		return ExitFailure
	case "silent":
		return 3
	case "diagnostics":
		_ = WriteResult(os.Stdout, &ImportResult{Diagnostics: journey.Diagnostics{{Rule: journey.RuleInvalid,
			Severity: journey.SeverityError, File: "w.xlsx", Line: 2, Column: 10, Message: "cell J2 (emotion): want a number from 1 to 5, got 9"}}})
		return ExitProblems
	case "result":
		_ = WriteResult(os.Stdout, &ImportResult{Map: "version: 1\n", Notes: []importer.Note{{Line: 3, Message: "row 3 has no id"}}})
		return 0
	case "import-echo": // reads the request as journey-xlsx does, answers with its file and arguments
		req, err := ReadImportRequest(bytes.NewReader(in))
		if err != nil {
			fmt.Fprintf(os.Stderr, "journey-xlsx: %v\n", err)
			return ExitFailure
		}
		_ = WriteResult(os.Stdout, &ImportResult{Map: req.File + ": " + strings.Join(os.Args[1:], " ")})
		return 0
	case "garbage":
		os.Stdout.WriteString("not json")
		return 0
	}
	return 9
}

// fakeWorkbook is a zip archive of the parts named, each holding text,
// and request.txt holding it too.
func fakeWorkbook(text string, parts ...string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range append(parts, "request.txt") {
		w, _ := zw.Create(name)
		io.WriteString(w, text)
	}
	zw.Close()
	return b.Bytes()
}

// requestIn reads back the request.txt of a fake workbook.
func requestIn(t *testing.T, wb []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(wb), int64(len(wb)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("request.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	text, _ := io.ReadAll(rc)
	return string(text)
}

// fakeHelper is the test binary run as journey-xlsx in mode.
func fakeHelper(t *testing.T, mode string) *Helper {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("JOURNEY_XLSX_FAKE", mode)
	return &Helper{Path: exe}
}

// pipeline builds an Input as journey render does: the map with its
// custom models, scores from its sources' answers, lint findings.
func pipeline(t *testing.T, path string, models []journey.StageModel) (*render.Input, MapSource) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.ToSlash(path)
	m, diags := journey.Load(name, data, journey.Options{Models: models})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	in := &render.Input{Map: m, Theme: render.Print, Locale: "en", Paper: "A4"}
	l, err := lint.New(lint.Options{Models: models})
	if err != nil {
		t.Fatal(err)
	}
	in.Findings = l.Lint(m, data)
	in.Findings.Sort()
	var tallies []*score.Tally
	for _, s := range m.Sources {
		f, err := os.Open(filepath.Join(filepath.Dir(path), s.Path))
		if err != nil {
			t.Fatal(err)
		}
		tally, err := score.ReadResponses(context.Background(), f, score.ReadOptions{File: s.Path, Columns: s.Columns, Touchpoints: m.Touchpoints()})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		tallies = append(tallies, tally)
	}
	if len(tallies) > 0 {
		in.Scores = score.Compute(m, score.Options{Responses: tallies})
	}
	return in, MapSource{File: name, Source: string(data), Models: models}
}

// TestWriteRequestRoundTrip: what the helper rebuilds from the JSON
// request is the Input journey built, field for field (the map with its
// positions, scores with their inputs, findings, theme).
func TestWriteRequestRoundTrip(t *testing.T) {
	t.Parallel()
	custom := []journey.StageModel{{ID: "house", Name: "House", Stages: []string{"quote", "buy"}}}
	for _, tt := range []struct {
		path   string
		models []journey.StageModel
		scores bool
	}{
		{"../../examples/seguro-hogar.journey.yaml", custom, true},
		{"../../examples/saas-onboarding.journey.yaml", nil, true},
		{"../../examples/telecom-support.journey.yaml", nil, false},
		{"../../render/testdata/hostile.journey.yaml", nil, false},
	} {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			t.Parallel()
			want, src := pipeline(t, tt.path, tt.models)
			if (want.Scores != nil) != tt.scores || (tt.scores && len(want.Scores.Inputs) == 0) {
				t.Fatalf("the fixture should have scores from responses: %v", tt.scores)
			}
			body, err := encode(NewWriteRequest(want, src))
			if err != nil {
				t.Fatal(err)
			}
			req, err := ReadWriteRequest(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			got, diags := req.Input()
			if got == nil {
				t.Fatal(diags)
			}
			if len(want.Findings) == 0 {
				want.Findings = nil // empty and nil say the same
			}
			if !reflect.DeepEqual(got, want) {
				for i := 0; i < reflect.TypeFor[render.Input]().NumField(); i++ {
					f := reflect.TypeFor[render.Input]().Field(i).Name
					if !reflect.DeepEqual(reflect.ValueOf(*got).Field(i).Interface(), reflect.ValueOf(*want).Field(i).Interface()) {
						t.Errorf("Input.%s differs after the round trip", f)
					}
				}
			}
		})
	}
}

// TestRequestCoversInput fails when render.Input gains a field: the write
// request must carry it too (and Protocol may need a bump). Context is not
// carried: a cancelled render stops the helper's process. Mined is not
// either: a mined log is drawn as SVG, PDF or PNG, never as a workbook.
func TestRequestCoversInput(t *testing.T) {
	t.Parallel()
	var fields []string
	for f := range reflect.TypeFor[render.Input]().Fields() {
		fields = append(fields, f.Name)
	}
	if got := strings.Join(fields, " "); got != "Map Scores Findings Theme Locale Paper Mined Context" {
		t.Errorf("render.Input has fields %s: carry the new ones in WriteRequest (NewWriteRequest, Input)", got)
	}
}

func TestReadRequestErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, body, want string }{
		{"not JSON", "PK\x03\x04", "the request is not JSON"},
		{"another protocol", `{"protocol": 2, "map": {}}`, "the request is of protocol 2 and this journey-xlsx speaks protocol 1"},
		{"no protocol", `{"map": {}}`, "the request is of protocol 0"},
		{"unknown field", `{"protocol": 1, "map": {"file": "a", "source": ""}, "view": "graph"}`, `unknown field "view"`},
		{"wrong type", `{"protocol": 1, "map": {"file": 3}}`, "use the journey-xlsx of the same release"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadWriteRequest(strings.NewReader(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := ReadImportRequest(strings.NewReader(`{"protocol": 1, "file": "w.xlsx", "workbook": "UEsDBA=="}`)); err != nil {
		t.Errorf("an import request: %v", err)
	}
}

func TestInputOfAnInvalidMap(t *testing.T) {
	t.Parallel()
	req := &WriteRequest{Protocol: Protocol, Map: MapSource{File: "bad.journey.yaml", Source: "version: 1\nid: Bad Id\n"}}
	in, diags := req.Input()
	if in != nil || !diags.HasErrors() || diags[0].File != "bad.journey.yaml" {
		t.Errorf("Input() = %v, %v; want the map's errors", in, diags)
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	_, err := Find(helperbin.Locator{Executable: func() (string, error) { return "/opt/j/journey", nil }, Stat: os.Stat})
	if !errors.Is(err, helperbin.ErrNotFound) {
		t.Fatalf("Find error %v, want helperbin.ErrNotFound", err)
	}
	msg := filepath.ToSlash(err.Error())
	for _, want := range []string{"journey-xlsx", "/opt/j", "release archive", "go install github.com/journey-cx/journey/cmd/...@latest"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, Name), nil, 0o755); err != nil {
		t.Fatal(err)
	}
	h, err := Find(helperbin.Locator{Executable: func() (string, error) { return filepath.Join(dir, "journey"), nil }})
	if err != nil || h.Path != filepath.Join(dir, Name) {
		t.Errorf("Find = %v, %v", h, err)
	}
}

// The runs below set the environment of the fake helper: not parallel.

func TestWriteRuns(t *testing.T) {
	in, src := pipeline(t, "../../render/testdata/small.journey.yaml", nil)
	var out bytes.Buffer
	if err := fakeHelper(t, "echo").Write(context.Background(), NewWriteRequest(in, src), &out); err != nil {
		t.Fatal(err)
	}
	args, body, _ := strings.Cut(requestIn(t, out.Bytes()), "\n")
	if args != "write" {
		t.Errorf("arguments %q, want write", args)
	}
	if _, err := ReadWriteRequest(strings.NewReader(body)); err != nil {
		t.Errorf("the helper got a request it can't read: %v", err)
	}

	for _, tt := range []struct {
		mode string
		code int
		msg  string
	}{
		{"problems", ExitProblems, "journey-xlsx: the map x does not load"},
		{"failure", ExitFailure, "journey-xlsx: the request is of protocol 9"},
		{"silent", 3, "journey-xlsx (" + os.Args[0]},
	} {
		err := fakeHelper(t, tt.mode).Write(context.Background(), NewWriteRequest(in, src), io.Discard)
		var he *Error
		if !errors.As(err, &he) || he.Code != tt.code || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: error %v, want exit %d saying %q", tt.mode, err, tt.code, tt.msg)
		}
	}

	// The writer's own error wins over the helper's broken pipe.
	boom := errors.New("disk full")
	if err := fakeHelper(t, "echo").Write(context.Background(), NewWriteRequest(in, src), failingWriter{boom}); !errors.Is(err, boom) {
		t.Errorf("error %v, want the writer's", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := fakeHelper(t, "echo").Write(ctx, NewWriteRequest(in, src), io.Discard); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

func TestImportRuns(t *testing.T) {
	req := &ImportRequest{File: "w.xlsx", Workbook: []byte("PK\x03\x04"), Base: &MapSource{File: "m.journey.yaml", Source: "version: 1\n"}}
	res, err := fakeHelper(t, "result").Import(context.Background(), req)
	if err != nil || res.Map != "version: 1\n" || len(res.Notes) != 1 || res.Notes[0].Line != 3 {
		t.Errorf("Import = %+v, %v", res, err)
	}
	res, err = fakeHelper(t, "diagnostics").Import(context.Background(), req)
	if err != nil || !res.Diagnostics.HasErrors() || res.Diagnostics[0].Line != 2 {
		t.Errorf("Import = %+v, %v; want the cell's diagnostic", res, err)
	}
	for _, tt := range []struct {
		mode string
		msg  string
	}{
		{"problems", "the map x does not load"},
		{"failure", "protocol 9"},
		{"garbage", "not an import result"},
	} {
		if _, err := fakeHelper(t, tt.mode).Import(context.Background(), req); err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: error %v, want %q", tt.mode, err, tt.msg)
		}
	}
	// The request goes with this release's protocol, whatever the caller set.
	res, err = fakeHelper(t, "import-echo").Import(context.Background(), &ImportRequest{Protocol: 7, File: "w.xlsx"})
	if err != nil || res.Map != "w.xlsx: import --request" {
		t.Errorf("Import = %+v, %v", res, err)
	}
}

// TestWriteChecksTheWorkbook: what the helper writes reaches the output
// only when it is a workbook that opens; garbage, a truncated zip or a zip
// without the workbook's parts is an error that names the helper, and
// nothing is written.
func TestWriteChecksTheWorkbook(t *testing.T) {
	in, src := pipeline(t, "../../render/testdata/small.journey.yaml", nil)
	for _, tt := range []struct{ mode, msg string }{
		{"not-a-zip", "wrote a 8-byte file that is not a workbook (zip: not a valid zip file)"},
		{"truncated", "that is not a workbook (zip: not a valid zip file)"},
		{"no-workbook", "that is not a workbook (no xl/workbook.xml in the archive)"},
	} {
		var out bytes.Buffer
		h := fakeHelper(t, tt.mode)
		err := h.Write(context.Background(), NewWriteRequest(in, src), &out)
		if err == nil || !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), "journey-xlsx ("+h.Path+")") ||
			!strings.Contains(err.Error(), "nothing written") || !strings.Contains(err.Error(), "go install") {
			t.Errorf("%s: error %v, want one saying %q", tt.mode, err, tt.msg)
		}
		if out.Len() > 0 {
			t.Errorf("%s: %d bytes written", tt.mode, out.Len())
		}
	}
	if err := CheckWorkbook(fakeWorkbook("x", workbookParts...)); err != nil {
		t.Errorf("a zip with the workbook's parts: %v", err)
	}
}

// TestFindHandshake: Find asks the helper its version and refuses one of
// another version or protocol, one that answers something else and one
// that fails, naming its path, both versions and how to reinstall.
func TestFindHandshake(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("JOURNEY_XLSX_FAKE", "echo")
	for _, tt := range []struct {
		name, answer, want string
		msg                []string // "" when accepted
	}{
		{"same", "journey-xlsx v1.2.3 (protocol 1)", "v1.2.3", nil},
		{"older", "journey-xlsx v1.1.0 (protocol 1)", "v1.2.3", []string{"it is version v1.1.0, and this journey is v1.2.3", "releases/tag/v1.2.3", "go install github.com/journey-cx/journey/cmd/...@v1.2.3"}},
		{"before protocols", "journey-xlsx dev", "dev", []string{"it is version dev like this journey but speaks no protocol, and journey protocol 1", "go install ./cmd/..."}},
		{"other protocol", "journey-xlsx dev (protocol 2)", "dev", []string{"speaks protocol 2, and journey protocol 1"}},
		{"garbage", "¡hola! \x1b[2J", "v1.2.3", []string{"is not journey's journey-xlsx, or is broken: asked its version (-V), it answered \"¡hola! \\x1b[2J\""}},
		{"other helper", "journey-graphviz v1.2.3", "v1.2.3", []string{"is not journey's journey-xlsx"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir() // one path per case: handshakes are kept by path
			if err := os.Symlink(exe, filepath.Join(dir, Name)); err != nil {
				t.Skip("no symlinks:", err)
			}
			t.Setenv("JOURNEY_XLSX_FAKE_V", tt.answer)
			loc := helperbin.Locator{Executable: func() (string, error) { return filepath.Join(dir, "journey"), nil }, Version: tt.want}
			h, err := Find(loc)
			if tt.msg == nil {
				if err != nil || h.Path != filepath.Join(dir, Name) {
					t.Fatalf("Find: %v, %+v", err, h)
				}
				return
			}
			if !errors.Is(err, helperbin.ErrBadHelper) {
				t.Fatalf("Find: %v, want a handshake error", err)
			}
			for _, m := range append(tt.msg, "refusing journey-xlsx at "+filepath.Join(dir, Name)) {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q lacks %q", err, m)
				}
			}
		})
	}
}
