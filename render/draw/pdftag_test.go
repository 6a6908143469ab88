package draw

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
)

// structLine is one line of `pdfinfo -struct-text`: an element type, or
// the quoted text of the element above it.
type structLine struct {
	depth int
	typ   string // "" for text
	text  string
}

func parseStruct(out string) []structLine {
	var ls []structLine
	for _, l := range strings.Split(out, "\n") {
		t := strings.TrimLeft(l, " ")
		if t == "" {
			continue
		}
		sl := structLine{depth: (len(l) - len(t)) / 2}
		if strings.HasPrefix(t, `"`) {
			sl.text = strings.TrimSuffix(strings.TrimPrefix(t, `"`), `"`)
		} else {
			sl.typ = strings.Fields(t)[0]
		}
		ls = append(ls, sl)
	}
	return ls
}

var streamRE = regexp.MustCompile(`(?s)/Length (\d+)>>\nstream\n`)

// pdfStrings decodes the PDF text strings that follow key in the file's
// objects, those in compressed object streams too.
func pdfStrings(t *testing.T, data []byte, key string) []string {
	t.Helper()
	all := [][]byte{data}
	for _, m := range streamRE.FindAllSubmatchIndex(data, -1) {
		n, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		if !bytes.Contains(data[max(0, m[0]-300):m[0]], []byte("/Type/ObjStm")) {
			continue
		}
		r, err := zlib.NewReader(bytes.NewReader(data[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b)
	}
	var out []string
	for _, m := range regexp.MustCompile(key+` ?<FEFF([0-9A-F]*)>`).FindAllSubmatch(bytes.Join(all, nil), -1) {
		b, _ := hex.DecodeString(string(m[1]))
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		out = append(out, string(utf16.Decode(u)))
	}
	return out
}

// TestPDFTagged reads the structure tree with poppler: the PDF is tagged,
// the title is the H1, each stage a Sect headed by its name (H2) in map
// order, each touchpoint a Div headed by its name (H3) in map order with
// its action inside, the emotion curve a Figure whose alternate text
// gives each touchpoint's emotion, /Lang is the map's locale, and
// pdftotext still reads every touchpoint.
func TestPDFTagged(t *testing.T) {
	t.Parallel()
	pdfinfo, pdftotext := tool(t, "pdfinfo"), tool(t, "pdftotext")
	for _, f := range []string{"../../examples/seguro-hogar.journey.yaml", "../../examples/telecom-support.journey.yaml", "../testdata/small.journey.yaml", "../testdata/hostile.journey.yaml"} {
		for _, paper := range []string{"", "A4"} {
			t.Run(filepath.Base(f)+"/"+paper, func(t *testing.T) {
				t.Parallel()
				m := maptest.Load(t, f)
				in := &render.Input{Map: m, Paper: paper, Findings: journey.Diagnostics{
					{Rule: "emotion-drop", Severity: journey.SeverityWarning, Message: "Caída «sin oportunidad»", File: f, Line: 3, Column: 1},
				}}
				data := renderTo(t, PDF, in)
				path := filepath.Join(t.TempDir(), "map.pdf")
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
				info, err := exec.Command(pdfinfo, path).Output()
				if err != nil {
					t.Fatalf("pdfinfo: %v", err)
				}
				if !regexp.MustCompile(`(?m)^Tagged:\s+yes$`).Match(info) {
					t.Errorf("pdfinfo does not see a tagged PDF:\n%s", info)
				}
				cmd := exec.Command(pdfinfo, "-struct-text", path)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil || stderr.Len() > 0 {
					t.Fatalf("pdfinfo -struct-text: %v\n%s", err, stderr.String())
				}
				checkReadingOrder(t, m, parseStruct(string(out)))

				wantLang := m.Locale
				if wantLang == "" {
					wantLang = render.LabelsFor("").Lang
				}
				if got := pdfStrings(t, data, "/Lang"); len(got) != 1 || got[0] != wantLang {
					t.Errorf("/Lang %q, want %q", got, wantLang)
				}
				alts := strings.Join(pdfStrings(t, data, "/Alt"), "\n")
				for _, tp := range m.Touchpoints() {
					if _, ok := tp.MeanEmotion(); ok && !strings.Contains(alts, tp.Name) {
						t.Errorf("no figure's alternate text gives the emotion of %q:\n%s", tp.Name, alts)
					}
				}
				txt, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output()
				if err != nil {
					t.Fatalf("pdftotext: %v", err)
				}
				text := normalize(string(txt))
				for _, tp := range m.Touchpoints() {
					if name := normalize(tp.Name); len(name) < 120 && !strings.Contains(text, name) {
						t.Errorf("pdftotext does not find touchpoint %q", tp.Name)
					}
				}
			})
		}
	}
}

// checkReadingOrder checks the structure tree against the map: one
// Document; the title as the first H1; the stages' Sects in map order,
// each opening with the stage's texts and its H2; the touchpoints' Divs
// in map order inside their stage's Sect, each with its name as H3 first
// and its action among its paragraphs; a Figure after the stages.
func checkReadingOrder(t *testing.T, m *journey.Map, ls []structLine) {
	t.Helper()
	if len(ls) == 0 || ls[0].typ != "Document" || ls[0].depth != 0 {
		t.Fatalf("the structure does not start with a Document: %v", ls[:min(3, len(ls))])
	}
	// The text of element i: its text lines joined.
	text := func(i int) string {
		var parts []string
		for j := i + 1; j < len(ls) && ls[j].typ == ""; j++ {
			parts = append(parts, ls[j].text)
		}
		return normalize(strings.Join(parts, " "))
	}
	var h1 []string
	type sect struct {
		h2   string
		divs []int // line index of each Div
	}
	var sects []sect
	figures, firstFigure, lastSect := 0, -1, -1
	for i, l := range ls {
		switch l.typ {
		case "H1":
			h1 = append(h1, text(i))
		case "Sect":
			sects = append(sects, sect{})
			lastSect = i
		case "H2":
			if len(sects) > 0 && sects[len(sects)-1].h2 == "" {
				sects[len(sects)-1].h2 = text(i)
			}
		case "Div":
			if len(sects) > 0 {
				sects[len(sects)-1].divs = append(sects[len(sects)-1].divs, i)
			}
		case "Figure":
			figures++
			if firstFigure < 0 && lastSect >= 0 {
				firstFigure = i
			}
		}
	}
	if len(h1) != 1 || !strings.HasPrefix(normalize(m.Title), h1[0][:min(len(h1[0]), 40)]) {
		t.Errorf("H1s %q, want the title %q once", h1, m.Title)
	}
	if len(sects) != len(m.Stages) {
		t.Fatalf("%d stage Sects, want %d (one per stage)", len(sects), len(m.Stages))
	}
	for si, st := range m.Stages {
		s := sects[si]
		name := normalize(orID(st.Name, st.ID))
		if s.h2 == "" || !strings.HasPrefix(name, strings.TrimSuffix(s.h2, "…")) {
			t.Errorf("Sect %d is headed %q, want stage %q", si+1, s.h2, name)
		}
		if len(s.divs) != len(st.Touchpoints) {
			t.Errorf("stage %q: %d Divs, want one per touchpoint (%d)", st.ID, len(s.divs), len(st.Touchpoints))
			continue
		}
		for ti, tp := range st.Touchpoints {
			d := s.divs[ti]
			if d+1 >= len(ls) || ls[d+1].typ != "H3" {
				t.Errorf("touchpoint %q: its Div does not open with an H3", tp.ID)
				continue
			}
			got, want := text(d+1), normalize(orID(tp.Name, tp.ID))
			if !strings.HasPrefix(want, strings.TrimRight(strings.TrimSuffix(got, "…"), " ")[:min(len(got), 30)]) {
				t.Errorf("touchpoint %d.%d: H3 %q, want %q", si+1, ti+1, got, want)
			}
			if tp.Action == "" || len(tp.Action) > 60 {
				continue
			}
			end := len(ls)
			for j := d + 1; j < len(ls); j++ {
				if ls[j].depth <= ls[d].depth && ls[j].typ != "" {
					end = j
					break
				}
			}
			found := false
			for j := d + 1; j < end; j++ {
				if ls[j].typ != "" && strings.Contains(text(j), normalize(tp.Action)) {
					found = true
				}
			}
			if !found {
				t.Errorf("touchpoint %q: its action %q is not read inside its Div", tp.ID, tp.Action)
			}
		}
	}
	if figures == 0 || firstFigure < 0 {
		t.Errorf("no Figure for the emotion curve after the stages (%d figures)", figures)
	}
}

func orID(name, id string) string {
	if name != "" {
		return name
	}
	return id
}
