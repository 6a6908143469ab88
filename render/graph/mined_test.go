package graph

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/journey-cx/journey/internal/browsertest"
	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// The mined fixture: render/testdata/mined/small.mined.json is journey mine
// of log.csv against small.journey.yaml, with answers.csv and --customer
// C021; its activities include a hostile name and Spanish punctuation.
const (
	minedMap    = "../testdata/small.journey.yaml"
	hostileName = `<script>alert("x")</script> & ñandú`
	spanishName = "Llamada «urgente» — ¿qué pasó? ÁÉÍÓÚ"
)

// minedInput returns the fixture's render input (with its map, or without
// one) and its observed log.
func minedInput(t testing.TB, withMap bool) (*render.Input, *layout.Observed) {
	t.Helper()
	res := maptest.Mined(t, maptest.MinedSmall)
	in := &render.Input{}
	if withMap {
		in.Map = maptest.Load(t, minedMap)
	} else {
		in.Locale = "es"
	}
	return in, layout.Observe(res, in.Map)
}

// storedDOTLayout returns the layout of dot stored as testdata/NAME.layout.json;
// with -update it lays dot out again with the helper and stores that first.
func storedDOTLayout(t *testing.T, name string, dot []byte) *Layout {
	t.Helper()
	path := "testdata/" + name + ".layout.json"
	if golden.Update() {
		eng := helperEngine(t)
		cmd := exec.Command(eng.path, layoutArgs...)
		cmd.Stdin = bytes.NewReader(dot)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, out, "", " "); err != nil {
			t.Fatal(err)
		}
		pretty.WriteByte('\n')
		if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := ParseLayout(data)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// checkScene checks a mined view's drawing: every item on the page, every
// text inside the box that holds it.
func checkScene(t *testing.T, sc *layout.Scene) {
	t.Helper()
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	page := layout.Rect{W: sc.W, H: sc.H}
	for i := range sc.Items {
		it := &sc.Items[i]
		if !page.Contains(it.Rect, 0.01) {
			t.Errorf("item %d (%v %q) at %+v is off the %.1f x %.1f page", i, it.Role, it.ID, it.Rect, sc.W, sc.H)
		}
		if it.Op == layout.OpText && it.Parent >= 0 {
			if box := sc.Items[it.Parent].Rect; !box.Contains(it.TextBounds(fonts), 0.3) {
				t.Errorf("text %q at %+v overflows its box %+v", it.Lines[0].S, it.TextBounds(fonts), box)
			}
		}
	}
}

// svgTexts parses an SVG as XML and returns its title and the text of its
// <text> elements, joined by spaces.
func svgTexts(t *testing.T, data []byte) (title, text string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var texts []string
	var in string
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch v := tok.(type) {
		case xml.StartElement:
			if v.Name.Local == "script" {
				t.Fatal("the SVG has a <script> element")
			}
			in = v.Name.Local
		case xml.CharData:
			switch in {
			case "text", "tspan":
				texts = append(texts, string(v))
			case "title":
				if title == "" {
					title = string(v)
				}
			}
		case xml.EndElement:
			in = ""
		}
	}
	return title, strings.Join(strings.Fields(strings.Join(texts, " ")), " ")
}

// pdfText returns what Poppler's pdftotext reads in a PDF, spaces
// collapsed; it skips the test when Poppler is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("JOURNEY_CONSUMERS") == "1" {
			t.Fatal("pdftotext is not installed")
		}
		t.Skip("Poppler's pdftotext is not installed")
	}
	file := filepath.Join(t.TempDir(), "view.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", "-raw", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// chromiumTexts opens an SVG in headless Chromium and returns the text
// its <text> elements show, the number of <script> elements the browser
// found in it, and what it logged.
func chromiumTexts(t *testing.T, svg []byte) (text string, scripts int, console []string) {
	t.Helper()
	p := browsertest.New(t, 800, 600)
	file := filepath.Join(t.TempDir(), "view.svg")
	if err := os.WriteFile(file, svg, 0o644); err != nil {
		t.Fatal(err)
	}
	p.Do(t, chromedp.Navigate((&url.URL{Scheme: "file", Path: file}).String()))
	text = browsertest.Eval[string](t, p, `Array.from(document.querySelectorAll("text")).map(e => e.textContent).join(" ")`)
	scripts = browsertest.Eval[int](t, p, `document.querySelectorAll("script").length`)
	return strings.Join(strings.Fields(text), " "), scripts, p.Console()
}

// renderWith draws a view with the helper engine in format.
func renderWith(t *testing.T, fn func(j *Job, w *bytes.Buffer) error) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := fn(NewJob(helperEngine(t)), &out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// checkConsumers reads a mined view back with the programs people open
// it with: Poppler's text of the PDF holds pdfWants, the PNG is a PNG, and
// Chromium shows svgWants in the SVG, runs nothing in it and logs nothing.
func checkConsumers(t *testing.T, render func(format string) []byte, pdfWants, svgWants []string) {
	t.Helper()
	pdf := pdfText(t, render("pdf"))
	for _, want := range pdfWants {
		if !strings.Contains(pdf, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, pdf)
		}
	}
	if png := render("png"); !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Error("not a PNG")
	}
	text, scripts, console := chromiumTexts(t, render("svg"))
	if scripts != 0 || len(console) > 0 {
		t.Errorf("Chromium found %d scripts and logged %q", scripts, console)
	}
	for _, want := range svgWants {
		if !strings.Contains(text, want) {
			t.Errorf("Chromium shows no %q:\n%s", want, text)
		}
	}
}
