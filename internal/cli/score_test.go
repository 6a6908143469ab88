package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
)

// runScore runs journey in-process with streams over buffers.
func runScore(t *testing.T, color bool, args ...string) (string, string, int) {
	t.Helper()
	app, _, out, errOut := newTestApp()
	app.ColorOut = color
	code := Main(context.Background(), args, app, BuildInfo{Version: "test"})
	return out.String(), errOut.String(), code
}

const shop = "testdata/score/shop.journey.yaml"

func TestScoreFormats(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		golden string
	}{
		{"table", []string{shop}, "table"},
		{"table by stage", []string{shop, "--by", "stage"}, "table-stage"},
		{"table by channel with segments", []string{shop, "--by", "channel", "--segment", "segment"}, "table-channel-segment"},
		{"table by owner", []string{shop, "--by", "owner"}, "table-owner"},
		{"table by segment", []string{shop, "--by", "segment", "--segment", "plan"}, "table-segment"},
		{"json", []string{shop, "-f", "json", "--gate"}, "json"},
		{"json segments", []string{shop, "-f", "json", "--by", "stage", "--segment", "plan"}, "json-segment"},
		{"csv", []string{shop, "-f", "csv"}, "csv"},
		{"markdown", []string{shop, "-f", "markdown", "--gate"}, "markdown"},
		{"dates", []string{shop, "--since", "2026-01-04", "--until", "2026-01-31", "-f", "csv"}, "csv-dates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := runScore(t, false, append([]string{"score"}, tt.args...)...)
			if code != 0 && !strings.Contains(strings.Join(tt.args, " "), "--gate") {
				t.Fatalf("exit %d; stderr:\n%s", code, errOut)
			}
			golden.Assert(t, "testdata/score/"+tt.golden+".golden", []byte(out))
		})
	}
}

func TestScoreColor(t *testing.T) {
	t.Parallel()
	out, _, code := runScore(t, true, "score", shop)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "\x1b[") {
		t.Fatal("no colour with ColorOut set")
	}
	golden.Assert(t, "testdata/score/table-color.golden", []byte(out))
}

func TestScoreStderr(t *testing.T) {
	t.Parallel()
	_, errOut, code := runScore(t, false, "score", shop)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, s := range []string{
		"! testdata/score/data/answers.csv: 8 rows, 7 counted\n",
		`  ! nps ("nps"): 2 cells rejected, out of range 0..10 (first: "11"); lines 7, 9` + "\n",
		`  ! ces ("ces"): 1 cell rejected, out of range 1..7 (first: "9"); line 7` + "\n",
		`  ! 1 row of touchpoints not in the map: "ghost" ×1 (line 8)` + "\n",
	} {
		if !strings.Contains(errOut, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errOut)
		}
	}
}

func TestScoreExitCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr []string // substrings of stderr
	}{
		{"gate with targets missed", []string{shop, "--gate"}, 1, []string{
			"✗ testdata/score/shop.journey.yaml: nps -50.0 is below 20.0 by 70.0 points at touchpoint support (n=2)",
			"✗ testdata/score/shop.journey.yaml: csat 66.7% is below 75.0% by 8.3 points at touchpoint checkout (n=3)",
		}},
		{"gate met", []string{shop, "--by", "owner", "--min-nps", "-100", "--min-csat", "0"}, 0, []string{"every gate met (nps ≥ -100.0, csat ≥ 0.0%)"}},
		{"min-nps missed on stages", []string{shop, "--by", "stage", "--min-nps", "30"}, 1, []string{
			"nps 0.0 is below 30.0 by 30.0 points at stage buy (n=5)",
			"nps 28.6 is below 30.0 by 1.4 points at the whole map (n=105)"}},
		{"min-ces missed", []string{shop, "--min-ces", "5.5"}, 1, []string{"ces 5.20 is below 5.50 by 0.30 at touchpoint product (n=40)"}},
		{"min-csat out of range", []string{shop, "--min-csat", "101"}, 2, []string{"--min-csat must be within 0..100"}},
		{"min-nps not a number", []string{shop, "--min-nps", "lots"}, 2, []string{`want a number, got "lots"`}},
		{"bad format", []string{shop, "-f", "xml"}, 2, []string{`unknown format "xml" for score`}},
		{"bad by", []string{shop, "--by", "team"}, 2, []string{`unknown --by "team"`}},
		{"by segment needs a segment", []string{shop, "--by", "segment"}, 2, []string{"--by segment needs --segment COLUMN"}},
		{"bad column flag", []string{shop, "--column", "mood=x"}, 2, []string{"--column wants KEY=HEADER"}},
		{"bad since", []string{shop, "--since", "2026-13-01"}, 2, []string{"--since wants a day like 2026-01-31"}},
		{"since after until", []string{shop, "--since", "2026-02-01", "--until", "2026-01-01"}, 2, []string{"is after --until"}},
		{"missing responses file", []string{shop, "--responses", "testdata/score/data/nope.csv"}, 2, []string{"can't read testdata/score/data/nope.csv: no such file or directory"}},
		{"malformed responses", []string{shop, "--responses", "testdata/score/data/broken.csv"}, 1, []string{`testdata/score/data/broken.csv:2: error: malformed CSV: extraneous or missing " in quoted field`}},
		{"missing column", []string{shop, "--column", "csat=satisfaction"}, 2, []string{`no column "satisfaction" for csat`}},
		{"source outside the map's folder", []string{"testdata/score/outside.journey.yaml"}, 1, []string{
			`outside.journey.yaml:10:11: error: survey path "../score/data/../../score/data/answers.csv" leaves the map's folder`}},
		{"source outside allowed", []string{"testdata/score/outside.journey.yaml", "--allow-outside-sources"}, 0, []string{"8 rows, 3 counted", `"support" ×4 (line 5)`}},
		{"invalid map", []string{"testdata/score/invalid.journey.yaml"}, 1, []string{`channel "nowhere" is not declared`, "1 map not scored: 1 error"}},
		{"unknown persona", []string{shop, "--persona", "bob"}, 2, []string{`has no persona "bob"`}},
		{"no maps", []string{"testdata/score/data"}, 2, []string{"no map files (*.journey.yaml, *.journey.yml) found in testdata/score/data"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, errOut, code := runScore(t, false, append([]string{"score"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
		})
	}
}

func TestScoreStdin(t *testing.T) {
	t.Parallel()
	app, in, out, errOut := newTestApp()
	in.WriteString("tp,nps\nsupport,10\nsupport,9\n")
	code := Main(context.Background(), []string{"score", shop, "--responses", "-", "-f", "csv"}, app, BuildInfo{})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out.String(), "support,Support call,buy,,100,0,100,100,2,true,2,0,0,responses") || !strings.Contains(errOut.String(), "<stdin>: 2 rows, 2 counted") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
}

func TestScoreExamples(t *testing.T) {
	t.Parallel()
	out, errOut, code := runScore(t, false, "score", "../../examples", "--by", "stage")
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	if !strings.Contains(out, "seguro-hogar.journey.yaml") || strings.Contains(errOut, "rejected") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
}

// A truncated or corrupt .csv.gz is bad input, like a malformed CSV: exit 1,
// naming the file and how far reading got; never scored as if it ended.
func TestScoreCompressedInput(t *testing.T) {
	t.Parallel()
	var csv bytes.Buffer
	csv.WriteString("tp,nps\n")
	for i := range 5000 {
		fmt.Fprintf(&csv, "support,%d\n", i%11)
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(csv.Bytes())
	zw.Close()
	whole := z.Bytes()
	corrupt := bytes.Clone(whole)
	corrupt[2] = 9 // not deflate
	dir := t.TempDir()
	files := map[string][]byte{
		"whole.csv.gz":     whole,
		"truncated.csv.gz": whole[:len(whole)/2],
		"header.csv.gz":    whole[:10],
		"corrupt.csv.gz":   corrupt,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		file   string
		code   int
		stderr string
	}{
		{"whole.csv.gz", 0, "whole.csv.gz: 5000 rows, 5000 counted"},
		{"truncated.csv.gz", 1, fmt.Sprintf("truncated.csv.gz: error: truncated gzip: the data end early after %d bytes of the file (", len(whole)/2)},
		{"header.csv.gz", 1, "header.csv.gz: error: truncated gzip: the data end early after 10 bytes of the file (0 bytes of CSV read)"},
		{"corrupt.csv.gz", 1, "corrupt.csv.gz: error: corrupt gzip: invalid header after 10 bytes of the file (0 bytes of CSV read)"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := runScore(t, false, "score", shop, "--responses", filepath.Join(dir, tt.file), "-f", "csv")
			if code != tt.code || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", code, tt.code, tt.stderr, errOut)
			}
			if tt.code != 0 && (out != "" || strings.Contains(errOut, "empty")) {
				t.Errorf("scored anyway:\nstdout:\n%s\nstderr:\n%s", out, errOut)
			}
		})
	}
}
