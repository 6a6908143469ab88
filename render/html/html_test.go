package html

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	stdhtml "html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

var keep = flag.String("keep", "", "write each test page into this folder, to look at")

// export writes the page of the map at path, with findings.
func export(t *testing.T, path string, findings journey.Diagnostics) []byte {
	t.Helper()
	m := maptest.Load(t, path)
	in := &render.Input{Map: m, Theme: render.Default, Findings: findings}
	var b bytes.Buffer
	if err := Write(&b, in); err != nil {
		t.Fatal(err)
	}
	if *keep != "" {
		name := strings.TrimSuffix(filepath.Base(path), ".journey.yaml") + ".html"
		if err := os.WriteFile(filepath.Join(*keep, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

// TestSelfContained checks that the page loads nothing: no attribute
// names a URL other than a data: one or a fragment, the only script is the
// page's own (the CSP allows exactly its hash), and the print pages are the
// PDF's pages, one image each.
func TestSelfContained(t *testing.T) {
	for _, f := range maptest.Fixtures {
		t.Run(f.Name, func(t *testing.T) {
			page := string(export(t, f.Path, nil))
			for _, m := range regexp.MustCompile(`(?i)\s(src|href|action|xlink:href|poster|data)="([^"]*)"`).FindAllStringSubmatch(page, -1) {
				if v := m[2]; !strings.HasPrefix(v, "data:") && !strings.HasPrefix(v, "#") {
					t.Errorf("%s=%q loads something", m[1], v)
				}
			}
			if strings.Contains(page, "url(http") || strings.Contains(page, "@import") {
				t.Error("a style sheet loads something")
			}
			if n := strings.Count(page, "<script"); n != 2 {
				t.Errorf("%d script elements, want 2 (data and the page's script)", n)
			}
			if !strings.Contains(stdhtml.UnescapeString(page), "script-src "+scriptHash()+"\"") || !strings.Contains(page, "<script>"+exportJS+"</script>") {
				t.Error("the CSP does not allow the page's script by its hash")
			}
			if !strings.Contains(page, "default-src &#39;none&#39;") {
				t.Error("no CSP default-src 'none'")
			}
		})
	}
}

// TestEscaping checks that no text of the hostile map reaches the page as
// markup: every "<" of the map is escaped, in the page and in the SVG.
func TestEscaping(t *testing.T) {
	page := string(export(t, "../testdata/hostile.journey.yaml", nil))
	for _, bad := range []string{"<script>alert", "<img src=x", "<b>dolor", "</text><script>", "<tspan>out", "<Mallory>", "<u>"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q unescaped", bad)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the title is not on the page, escaped")
	}
	// The JSON block cannot close its script element.
	data := page[strings.Index(page, `id="journey-data">`):]
	data = data[:strings.Index(data, "</script>")]
	if strings.ContainsAny(data[len(`id="journey-data">`):], "<>") {
		t.Error("the JSON block holds < or >")
	}
}

// TestPrintPages checks that the print pages are the PDF's: as many, each
// holding the renderer's SVG of that page.
func TestPrintPages(t *testing.T) {
	m := maptest.Load(t, "../../examples/seguro-hogar.journey.yaml")
	in := &render.Input{Map: m, Theme: render.Default, Paper: "A4"}
	var b bytes.Buffer
	if err := Write(&b, in); err != nil {
		t.Fatal(err)
	}
	page := stdhtml.UnescapeString(b.String())
	if !strings.Contains(page, "@page{size:297mm 210mm;margin:0}") {
		t.Error("no A4 landscape @page rule")
	}
	imgs := regexp.MustCompile(`<div class="print-page"><img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"`).FindAllStringSubmatch(page, -1)
	l, err := layout.New(in)
	if err != nil {
		t.Fatal(err)
	}
	pages := l.Document(297, 210)
	if len(imgs) != len(pages) || len(pages) < 2 {
		t.Fatalf("%d print pages, the PDF has %d", len(imgs), len(pages))
	}
	for i, img := range imgs {
		svg, err := base64.StdEncoding.DecodeString(img[1])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(svg, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="297mm" height="210mm"`)) {
			t.Errorf("page %d: %.120s", i+1, svg)
		}
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); img[2] != want && !strings.Contains(img[2], fmt.Sprintf("%d", i+1)) {
			t.Errorf("page %d alt %q", i+1, img[2])
		}
	}
}

// TestFindings checks the findings fragment: the most severe first, each
// with file:line:col, and the source line with a caret under the column.
func TestFindings(t *testing.T) {
	src := []byte("version: 1\nid: x\ntitle: \"<b>T</b>\"\n")
	diags := journey.Diagnostics{
		{Rule: "style", Severity: journey.SeverityWarning, File: "m.journey.yaml", Line: 2, Column: 5, Message: "w <i>"},
		{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: "m.journey.yaml", Line: 3, Column: 8, Message: "bad"},
	}
	got := string(Findings(diags, map[string][]byte{"m.journey.yaml": src}, render.LabelsFor("en")))
	e, w := strings.Index(got, "m.journey.yaml:3:8"), strings.Index(got, "m.journey.yaml:2:5")
	if e < 0 || w < 0 || e > w {
		t.Fatalf("want the error at 3:8 before the warning at 2:5:\n%s", got)
	}
	for _, want := range []string{`3 | </span>title: &#34;&lt;b&gt;T&lt;/b&gt;&#34;`, `<span class="caret">       ^</span>`, "w &lt;i&gt;", "[style]"} {
		if !strings.Contains(got, want) {
			t.Errorf("findings lack %q:\n%s", want, got)
		}
	}
	if Findings(nil, nil, render.LabelsFor("en")) != "" {
		t.Error("no findings should give no fragment")
	}
}

// TestScores checks the scores fragment of the insurer example: every
// touchpoint, the stages and the whole map, with a status against the
// targets.
func TestScores(t *testing.T) {
	m := maptest.Load(t, "../../examples/seguro-hogar.journey.yaml")
	got := string(Scores(&render.Input{Map: m}))
	rows := strings.Count(got, "<tr")
	if want := 1 + len(m.Touchpoints()) + len(m.Stages) + 1; rows != want {
		t.Errorf("%d rows, want %d (head, touchpoints, stages, total)", rows, want)
	}
	if !strings.Contains(got, `class="total"`) || !strings.Contains(got, "st-") {
		t.Errorf("no total row or no status:\n%.2000s", got)
	}
}

// TestActorsInDetails: the page's data carries a touchpoint's actors, and
// its details panel labels them in the map's language.
func TestActorsInDetails(t *testing.T) {
	t.Parallel()
	page := string(export(t, "../../examples/seguro-hogar.journey.yaml", nil))
	for _, want := range []string{`"actors":["Gabinete pericial externo","Marta"]`, `"actors":"Participan"`, "row(L.actors"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

// TestScoresSmallSample: a figure of two answers shows its interval capped
// to the scale, never ±138.6, and is starred with the small-sample note in
// the map's language; the details panel's data carries the same.
func TestScoresSmallSample(t *testing.T) {
	t.Parallel()
	m := maptest.Load(t, "../testdata/two-answers.journey.yaml")
	got := string(Scores(&render.Input{Map: m}))
	for _, want := range []string{"-100,0–100,0", `<abbr title="muestra pequeña">*</abbr>`, `<p class="note">* muestra pequeña: n &lt; 30</p>`} {
		if !strings.Contains(got, want) {
			t.Errorf("the scores table lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "138") {
		t.Errorf("the scores table shows the uncapped margin:\n%s", got)
	}
	in := &render.Input{Map: m}
	data, err := json.Marshal(pageData(in, in.Labels()))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"margin":"-100–100","n":2,"small":true`) {
		t.Errorf("the page data lacks the capped interval and the small mark:\n%s", data)
	}
}
