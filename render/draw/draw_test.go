package draw

import (
	"bytes"
	"encoding/xml"
	"errors"
	"github.com/journey-cx/journey/internal/maptest"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
)

func renderTo(t testing.TB, fn render.Func, in *render.Input) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := fn(&b, in); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSVGGolden pins the SVG of the small fixture, per theme and locale:
// same input, same bytes.
func TestSVGGolden(t *testing.T) {
	t.Parallel()
	m := maptest.Load(t, "../testdata/small.journey.yaml")
	for _, tt := range []struct {
		name   string
		theme  render.Theme
		locale string
	}{
		{"small", render.Default, ""},
		{"small-print", render.Print, ""},
		{"small-en", render.Default, "en"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := &render.Input{Map: m, Theme: tt.theme, Locale: tt.locale}
			got := renderTo(t, SVG, in)
			again := renderTo(t, SVG, &render.Input{Map: m, Theme: tt.theme, Locale: tt.locale})
			if !bytes.Equal(got, again) {
				t.Fatal("two renders of the same map differ")
			}
			golden.Assert(t, "../testdata/golden/"+tt.name+".svg", got)
		})
	}
}

// svgCheck parses an SVG as XML and returns its text content and the
// content of its title.
func svgCheck(t *testing.T, data []byte) (texts []string, title string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	root := true
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if root {
				if x.Name.Local != "svg" || x.Name.Space != "http://www.w3.org/2000/svg" {
					t.Fatalf("root element %v, want svg in the SVG namespace", x.Name)
				}
				root = false
			}
			if x.Name.Local == "script" || x.Name.Local == "foreignObject" {
				t.Fatalf("the SVG holds a <%s> element", x.Name.Local)
			}
			for _, a := range x.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Fatalf("the SVG holds an event attribute %s", a.Name.Local)
				}
			}
			stack = append(stack, x.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			switch stack[len(stack)-1] {
			case "text":
				texts = append(texts, string(x))
			case "title":
				title += string(x)
			}
		}
	}
	return texts, title
}

func TestSVGIsValidAndAccessible(t *testing.T) {
	t.Parallel()
	m := maptest.Load(t, "../testdata/small.journey.yaml")
	data := renderTo(t, SVG, &render.Input{Map: m})
	texts, title := svgCheck(t, data)
	if title != m.Title {
		t.Errorf("<title> %q, want the map title %q", title, m.Title)
	}
	if !bytes.Contains(data, []byte(`<desc id="journey-desc">`)) || !bytes.Contains(data, []byte(`role="img"`)) {
		t.Error("the SVG has no <desc> or role")
	}
	all := normalize(strings.Join(texts, " "))
	for _, tp := range m.Touchpoints() {
		if !strings.Contains(all, tp.Name) {
			t.Errorf("touchpoint %q is not kept as <text>", tp.Name)
		}
	}
	// Fonts embedded and subset: a few kilobytes each, not 400.
	fonts := regexp.MustCompile(`@font-face\{font-family:'Liberation Sans';font-weight:(\d+)(;font-style:italic)?;src:url\(data:font/ttf;base64,([^)]*)\)`).FindAllSubmatch(data, -1)
	if len(fonts) < 2 {
		t.Fatalf("%d embedded fonts, want the regular and bold faces at least", len(fonts))
	}
	for _, f := range fonts {
		if len(f[3]) > 80_000 {
			t.Errorf("an embedded font is %d bytes of base64: not subset", len(f[3]))
		}
	}
}

// TestHostileEscaped renders the hostile map in every format: markup in
// user text comes out escaped, and nothing fails.
func TestHostileEscaped(t *testing.T) {
	t.Parallel()
	m := maptest.Load(t, "../testdata/hostile.journey.yaml")
	in := &render.Input{Map: m}
	svg := renderTo(t, SVG, in)
	texts, title := svgCheck(t, svg)
	if title != m.Title {
		t.Errorf("<title> %q, want %q", title, m.Title)
	}
	for _, bad := range []string{"<script", "<img", "<b>", "</text><", "<tspan"} {
		if bytes.Contains(svg, []byte(bad)) {
			t.Errorf("the SVG holds %q unescaped", bad)
		}
	}
	if !strings.Contains(strings.Join(texts, "\n"), "<script>alert(1)</script>") {
		t.Error("the escaped title does not read back as its text")
	}
	pdf := renderTo(t, PDF, in)
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Error("not a PDF")
	}
	img, err := png.Decode(bytes.NewReader(renderTo(t, PNG, in)))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() < 1000 {
		t.Errorf("PNG %v is too small for a 62-touchpoint map", img.Bounds())
	}
}

func TestPNG(t *testing.T) {
	t.Parallel()
	data := renderTo(t, PNG, &render.Input{Map: maptest.Load(t, "../testdata/small.journey.yaml")})
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	// Opaque white corners: slides get no transparent background.
	for _, p := range [][2]int{{b.Min.X, b.Min.Y}, {b.Max.X - 1, b.Max.Y - 1}} {
		r, g, bl, a := img.At(p[0], p[1]).RGBA()
		if a != 0xffff || r != 0xffff || g != 0xffff || bl != 0xffff {
			t.Errorf("pixel %v is %v, want opaque white", p, img.At(p[0], p[1]))
		}
	}
	// Twice the CSS pixel density: 96 dpi x 2.
	svg := string(renderTo(t, SVG, &render.Input{Map: maptest.Load(t, "../testdata/small.journey.yaml")}))
	w := regexp.MustCompile(`width="(\d+)"`).FindStringSubmatch(svg)
	if w == nil || w[1] == "" {
		t.Fatal("no width in the SVG")
	}
	if got, want := b.Dx(), 2*atoi(w[1]); got < want-2 || got > want+2 {
		t.Errorf("PNG is %d px wide, want %d (2x the SVG's %s px)", got, want, w[1])
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// tool returns the path of a poppler tool, skipping the test when it is
// missing outside CI; in CI (CI set) a missing tool fails the test.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("%s not installed (apt-get install poppler-utils); CI runs this test", name)
		}
		t.Fatalf("%s not installed: CI must have poppler-utils", name)
	}
	return p
}

// TestPDFWithPoppler reads the PDFs with a real reader: every touchpoint
// name is found as text, accents included, and the fonts are embedded.
func TestPDFWithPoppler(t *testing.T) {
	t.Parallel()
	pdftotext, pdffonts := tool(t, "pdftotext"), tool(t, "pdffonts")
	files, _ := filepath.Glob("../../examples/*.journey.yaml")
	files = append(files, "../testdata/small.journey.yaml", "../testdata/hostile.journey.yaml")
	for _, f := range files {
		for _, paper := range []string{"", "A4"} {
			t.Run(filepath.Base(f)+"/"+paper, func(t *testing.T) {
				t.Parallel()
				m := maptest.Load(t, f)
				in := &render.Input{Map: m, Paper: paper, Findings: journey.Diagnostics{
					{Rule: "emotion-drop", Severity: journey.SeverityWarning, Message: "Caída de emoción «sin oportunidad» & <b>", File: f, Line: 3, Column: 1},
				}}
				path := filepath.Join(t.TempDir(), "map.pdf")
				if err := os.WriteFile(path, renderTo(t, PDF, in), 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output()
				if err != nil {
					t.Fatalf("pdftotext: %v", err)
				}
				// Lines wrap and cells are cut, so compare words, ignoring
				// hyphenation and line ends.
				text := normalize(string(out))
				for _, tp := range m.Touchpoints() {
					name := normalize(tp.Name)
					if len(name) > 120 {
						name = name[:60] // the 2,000-character names are cut to fit
					}
					if !strings.Contains(text, name) {
						t.Errorf("pdftotext does not find touchpoint %q", tp.Name)
					}
				}
				if !strings.Contains(text, normalize("Caída de emoción «sin oportunidad» & <b>")) {
					t.Error("the findings page is missing")
				}
				fonts, err := exec.Command(pdffonts, path).Output()
				if err != nil {
					t.Fatalf("pdffonts: %v", err)
				}
				lines := strings.Split(strings.TrimSpace(string(fonts)), "\n")
				if len(lines) < 3 {
					t.Fatalf("pdffonts lists no font:\n%s", fonts)
				}
				for _, l := range lines[2:] {
					f := strings.Fields(l)
					// name type... encoding emb sub uni objnum gen
					if n := len(f); n < 6 || f[n-5] != "yes" || f[n-3] != "yes" {
						t.Errorf("font not embedded with a ToUnicode map: %s", l)
					}
				}
			})
		}
	}
}

var space = regexp.MustCompile(`\s+`)

func normalize(s string) string {
	return strings.TrimSpace(space.ReplaceAllString(s, " "))
}
