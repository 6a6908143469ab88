package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"github.com/journey-cx/journey/internal/maptest"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/internal/mapgen"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/draw"
	"github.com/journey-cx/journey/render/layout"
)

// helper builds cmd/journey-graphviz once into a temporary folder.
var helper = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "journey-graphviz-test-")
	if err != nil {
		return "", err
	}
	exe := filepath.Join(dir, helperName)
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", exe, "github.com/journey-cx/journey/cmd/journey-graphviz").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("building the helper: %v\n%s", err, out)
	}
	return exe, nil
})

func helperEngine(t testing.TB) *execEngine {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the layout helper")
	}
	exe, err := helper()
	if err != nil {
		t.Fatal(err)
	}
	return &execEngine{name: helperName, path: exe}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if exe, err := helper(); err == nil && exe != "" {
		_ = os.RemoveAll(filepath.Dir(exe))
	}
	os.Exit(code)
}

func TestWriteDOTGolden(t *testing.T) {
	t.Parallel()
	for _, fx := range maptest.Fixtures {
		t.Run(fx.Name, func(t *testing.T) {
			t.Parallel()
			in := &render.Input{Map: maptest.Load(t, fx.Path)}
			var a, b bytes.Buffer
			if err := WriteDOT(&a, in); err != nil {
				t.Fatal(err)
			}
			if err := WriteDOT(&b, in); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("two writes of the same map differ")
			}
			golden.Assert(t, "testdata/"+fx.Name+".dot.golden", a.Bytes())
		})
	}
}

func TestQuote(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, id, label string }{
		{"plain", `"plain"`, `"plain"`},
		{`say "hi"`, `"say \"hi\""`, `"say \"hi\""`},
		{`back\slash`, `"back\\slash"`, `"back\\slash"`},
		{`ends with \`, `"ends with \\"`, `"ends with \\"`},
		{`\N \G \l`, `"\\N \\G \\l"`, `"\\N \\G \\l"`},
		{"two\nlines\r\n", `"two lines  "`, `"two\nlines\n"`},
		{"tab\there", `"tab here"`, `"tab here"`},
		{"<b>&amp;</b> ñ", `"<b>&amp;</b> ñ"`, `"<b>&amp;</b> ñ"`},
		{"} digraph { a -> b", `"} digraph { a -> b"`, `"} digraph { a -> b"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := quote(tt.in); got != tt.id {
				t.Errorf("quote(%q) = %s, want %s", tt.in, got, tt.id)
			}
			if got := quoteLabel(tt.in); got != tt.label {
				t.Errorf("quoteLabel(%q) = %s, want %s", tt.in, got, tt.label)
			}
		})
	}
}

// TestDOTParsesBack lays out the hostile map's DOT with the helper (and with
// Graphviz's dot when installed) and checks every node and label came
// through intact: the escaping holds for a real DOT parser.
func TestDOTParsesBack(t *testing.T) {
	t.Parallel()
	engines := []*execEngine{helperEngine(t)}
	if p, err := exec.LookPath(dotName); err == nil {
		engines = append(engines, &execEngine{name: dotName, path: p})
	}
	m := maptest.Load(t, maptest.Fixtures[3].Path)
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	g, err := build(&render.Input{Map: m}, fonts)
	if err != nil {
		t.Fatal(err)
	}
	var dot bytes.Buffer
	if err := g.writeDOT(&dot, render.Default, false); err != nil {
		t.Fatal(err)
	}
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(eng.path, "-Tjson0")
			cmd.Stdin = bytes.NewReader(dot.Bytes())
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("%s: %v", eng.name, err)
			}
			labels, err := jsonLabels(out)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range g.nodes {
				want := n.label()
				// Graphviz keeps the escString as written: \\ for a backslash,
				// \n for a line break.
				want = strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(want)
				if got, ok := labels[n.id]; !ok {
					t.Errorf("node %q missing from the layout", n.id)
				} else if got != want {
					t.Errorf("node %q label %q, want %q", n.id, got, want)
				}
			}
		})
	}
}

// jsonLabels returns the label of every node in a json0 layout, as written.
func jsonLabels(data []byte) (map[string]string, error) {
	var g struct {
		Objects []struct {
			Name  string `json:"name"`
			Label string `json:"label"`
			Pos   string `json:"pos"`
		} `json:"objects"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, o := range g.Objects {
		if o.Pos != "" {
			out[o.Name] = o.Label
		}
	}
	return out, nil
}

func TestRender(t *testing.T) {
	t.Parallel()
	eng := helperEngine(t)
	for _, fx := range maptest.Fixtures {
		for _, format := range Formats {
			t.Run(fx.Name+"/"+format, func(t *testing.T) {
				t.Parallel()
				in := &render.Input{Map: maptest.Load(t, fx.Path), Theme: render.Default}
				var out bytes.Buffer
				if err := NewJob(eng).Render(context.Background(), in, format, &out); err != nil {
					t.Fatal(err)
				}
				b := out.Bytes()
				switch format {
				case "svg":
					if !bytes.HasPrefix(b, []byte("<?xml")) || !bytes.HasSuffix(b, []byte("</svg>\n")) {
						t.Errorf("not an SVG document: %.60q", b)
					}
					if bytes.Contains(b, []byte("<script")) || bytes.Contains(b, []byte("<img")) {
						t.Error("user markup reached the SVG unescaped")
					}
					title, texts := svgText(t, b)
					if title != in.Map.Title {
						t.Errorf("SVG title %q, want %q", title, in.Map.Title)
					}
					wantNodeText(t, in, texts)
				case "pdf":
					if !bytes.HasPrefix(b, []byte("%PDF-")) {
						t.Errorf("not a PDF: %.20q", b)
					}
				case "png":
					img, err := png.Decode(bytes.NewReader(b))
					if err != nil {
						t.Fatal(err)
					}
					if r := img.Bounds(); r.Dx() < 100 || r.Dy() < 100 || r.Dx()*r.Dy() > draw.MaxPNGPixels*1.01 {
						t.Errorf("PNG of %v", r)
					}
					if _, _, _, a := img.At(1, 1).RGBA(); a != 0xffff {
						t.Error("PNG background is not opaque")
					}
				}
				if os.Getenv("JOURNEY_KEEP_RENDERS") != "" {
					_ = os.WriteFile(filepath.Join(os.TempDir(), fx.Name+"-graph."+format), b, 0o644)
				}
			})
		}
	}
}

func TestRenderWithDot(t *testing.T) {
	t.Parallel()
	p, err := exec.LookPath(dotName)
	if err != nil {
		t.Skip("Graphviz's dot is not installed")
	}
	in := &render.Input{Map: maptest.Load(t, maptest.Fixtures[0].Path)}
	var out bytes.Buffer
	if err := NewJob(&execEngine{name: dotName, path: p}).Render(context.Background(), in, "svg", &out); err != nil {
		t.Fatal(err)
	}
}

func TestRenderErrors(t *testing.T) {
	t.Parallel()
	in := &render.Input{Map: maptest.Load(t, maptest.Fixtures[0].Path)}
	if err := NewJob(nil).Render(context.Background(), in, "gif", &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "unknown format") {
		t.Errorf("format gif: error %v, want unknown format", err)
	}
	failed := errors.New("graph layout with fake failed")
	if err := NewJob(&fakeEngine{err: failed}).Render(context.Background(), in, "svg", &bytes.Buffer{}); !errors.Is(err, failed) {
		t.Errorf("failing engine: error %v, want the engine's", err)
	}
	if err := NewJob(nil).Render(context.Background(), &render.Input{}, "svg", &bytes.Buffer{}); err == nil {
		t.Error("no map: want an error")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	time.Sleep(time.Millisecond)
	eng := &fakeEngine{}
	if err := NewJob(eng).Render(ctx, in, "svg", &bytes.Buffer{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("expired context: error %v, want deadline exceeded", err)
	}
	if n := eng.calls.Load(); n != 0 {
		t.Errorf("expired context: the engine ran %d times, want none", n)
	}
}

func TestParseLayout(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{``, `{}`, `{"bb":"0,0,1,1","objects":[{"_gvid":0,"name":"a","pos":"x"}]}`,
		`{"bb":"0,0,1,1","objects":[],"edges":[{"_gvid":0,"tail":0,"head":1}]}`} {
		if _, err := ParseLayout([]byte(bad)); err == nil {
			t.Errorf("ParseLayout(%q): want an error", bad)
		}
	}
}

func TestWrap(t *testing.T) {
	t.Parallel()
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	long := "Ñandú " + strings.Repeat("x", 2000) + " fin"
	b := wrap(fonts, long, tName, textWidth, nameLines)
	lines := b.Lines
	if len(lines) != nameLines || !strings.HasSuffix(lines[nameLines-1], "…") || !b.Truncated {
		t.Errorf("wrap(2,000 characters) = %q, want %d lines ending in …", lines, nameLines)
	}
	for _, l := range lines {
		if w := fonts.Width(tName.Font, tName.Size, l); w > textWidth {
			t.Errorf("line %q is %.1f mm wide, over %v", l, w, textWidth)
		}
	}
	if got := wrap(fonts, "Pago", tName, textWidth, nameLines).Lines; len(got) != 1 || got[0] != "Pago" {
		t.Errorf("wrap(short) = %q", got)
	}
	if got := wrap(fonts, "two\nlines  and\tspaces", tName, textWidth, nameLines).Lines; len(got) != 1 || got[0] != "two lines and spaces" {
		t.Errorf("wrap(line breaks) = %q, want one line", got)
	}
}

// BenchmarkLayout200 times the layout of a 200-touchpoint map with the
// helper: process start, WASM load and layout together.
func BenchmarkLayout200(b *testing.B) {
	eng := helperEngine(b)
	m, diags := journey.Load("gen.journey.yaml", mapgen.Map(1, 200), journey.Options{})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	fonts, err := loadFonts()
	if err != nil {
		b.Fatal(err)
	}
	g, err := build(&render.Input{Map: m}, fonts)
	if err != nil {
		b.Fatal(err)
	}
	var dot bytes.Buffer
	if err := g.writeDOT(&dot, render.Default, true); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := eng.Layout(context.Background(), dot.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender200 times the graph view of a 200-touchpoint map to PNG and
// SVG: the drawing, since the job keeps the layout after the first run (see
// BenchmarkLayout200 for the layout).
func BenchmarkRender200(b *testing.B) {
	job := NewJob(helperEngine(b))
	m, diags := journey.Load("gen.journey.yaml", mapgen.Map(1, 200), journey.Options{})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	for _, format := range []string{"svg", "png"} {
		b.Run(format, func(b *testing.B) {
			var out bytes.Buffer
			for b.Loop() {
				out.Reset()
				if err := job.Render(context.Background(), &render.Input{Map: m}, format, &out); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(out.Len()), "bytes")
		})
	}
}

// svgText parses an SVG document as XML and returns its title and the
// content of its text elements.
func svgText(t *testing.T, data []byte) (title string, texts []string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			switch stack[len(stack)-1] {
			case "title":
				title += string(tok)
			case "text":
				texts = append(texts, string(tok))
			}
		}
	}
	return title, texts
}

// wantNodeText checks that every touchpoint's name starts one of texts, as
// text: the back ends keep text as text.
func wantNodeText(t *testing.T, in *render.Input, texts []string) {
	t.Helper()
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, s := range texts {
		have[s] = true
	}
	for _, st := range in.Map.Stages {
		for _, tp := range st.Touchpoints {
			first := wrap(fonts, nameOr(tp.Name, tp.ID), tName, textWidth, nameLines).Lines[0]
			if !have[first] {
				t.Errorf("no text %q (touchpoint %s) in the drawing", first, tp.ID)
			}
		}
	}
}

// sceneFixtures are the maps whose drawing is pinned from a stored layout,
// so the golden does not depend on Graphviz.
var sceneFixtures = maptest.Fixtures[1:3]

// storedLayout returns the layout of g stored in testdata; with -update it
// lays g out again with the helper and stores that first.
func storedLayout(t *testing.T, name string, g *graph) *Layout {
	t.Helper()
	var dot bytes.Buffer
	if err := g.writeDOT(&dot, render.Default, true); err != nil {
		t.Fatal(err)
	}
	return storedDOTLayout(t, name, dot.Bytes())
}

// sceneOf draws fixture fx from its stored layout.
func sceneOf(t *testing.T, name, path string) (*graph, *layout.Scene, *render.Input) {
	t.Helper()
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	in := &render.Input{Map: maptest.Load(t, path)}
	g, err := build(in, fonts)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := g.scene(storedLayout(t, name, g), render.Default, fonts, in.Labels())
	if err != nil {
		t.Fatal(err)
	}
	return g, sc, in
}

// TestSceneGolden pins the SVG of the graph view drawn from a stored
// Graphviz layout: the drawing is journey's, byte for byte.
func TestSceneGolden(t *testing.T) {
	for _, fx := range sceneFixtures {
		t.Run(fx.Name, func(t *testing.T) {
			_, sc, in := sceneOf(t, fx.Name, fx.Path)
			fonts, _ := loadFonts()
			lb := in.Labels()
			doc := draw.Doc{Fonts: fonts, Title: in.Map.Title, Desc: draw.MapSummary(in.Map, lb), Lang: lb.Lang}
			var a, b bytes.Buffer
			if err := write(&a, doc, sc, "svg"); err != nil {
				t.Fatal(err)
			}
			if err := write(&b, doc, sc, "svg"); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("two writes of the same scene differ")
			}
			golden.Assert(t, "testdata/"+fx.Name+".svg.golden", a.Bytes())
		})
	}
}

// TestSceneGeometry checks the drawing from the stored layouts: every node
// inside its stage, every text inside its box, nothing off the page, every
// edge drawn with its arrowhead, loops dashed in the accent colour.
func TestSceneGeometry(t *testing.T) {
	t.Parallel()
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, fx := range sceneFixtures {
		t.Run(fx.Name, func(t *testing.T) {
			t.Parallel()
			g, sc, _ := sceneOf(t, fx.Name, fx.Path)
			page := layout.Rect{W: sc.W, H: sc.H}
			stages := map[string]layout.Rect{}
			cards := map[string]layout.Rect{}
			edges, dashed := 0, 0
			for i := range sc.Items {
				it := &sc.Items[i]
				if !page.Contains(it.Rect, 0.01) {
					t.Errorf("item %d (%v %q) at %+v is off the %.1f x %.1f page", i, it.Role, it.ID, it.Rect, sc.W, sc.H)
				}
				switch {
				case it.Op == layout.OpRect && it.Role == layout.RoleStage:
					stages[it.ID] = it.Rect
				case it.Op == layout.OpRect && it.Role == layout.RoleCard && it.ID != "":
					cards[it.ID] = it.Rect
				case it.Op == layout.OpPath && it.Role == layout.RoleEdge && it.StrokeW > 0:
					edges++
					if it.Dash != nil {
						dashed++
						if it.Stroke != render.Default.Accent {
							t.Errorf("dashed edge in %s, want the accent colour", it.Stroke.Hex())
						}
					}
				case it.Op == layout.OpText:
					if it.Parent < 0 {
						continue
					}
					box := sc.Items[it.Parent].Rect
					if tb := it.TextBounds(fonts); !box.Contains(tb, 0.01) {
						t.Errorf("text %q at %+v overflows its box %+v", it.Lines[0].S, tb, box)
					}
				}
			}
			back := 0
			for _, e := range g.edges {
				if e.back {
					back++
				}
			}
			if edges != len(g.edges) || dashed != back {
				t.Errorf("%d edges drawn, %d dashed; want %d and %d", edges, dashed, len(g.edges), back)
			}
			for _, n := range g.nodes {
				if n.tp == nil {
					continue
				}
				card, ok := cards[n.tp.ID]
				if !ok {
					t.Errorf("touchpoint %s not drawn", n.tp.ID)
					continue
				}
				if st := stages[g.stages[n.stage].id]; !st.Contains(card, 0.01) {
					t.Errorf("touchpoint %s at %+v outside its stage %+v", n.tp.ID, card, st)
				}
			}
		})
	}
}

// TestEdgeKinds tells apart two edges Graphviz lays out between the same
// nodes the same way: a flow down a stage's column, written reversed, and a
// loop back up it.
func TestEdgeKinds(t *testing.T) {
	t.Parallel()
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	g, err := build(&render.Input{Map: maptest.Load(t, maptest.Fixtures[1].Path)}, fonts)
	if err != nil {
		t.Fatal(err)
	}
	k := g.backEdges()
	if a, b, c := k.next("support-ticket", "sso-setup"), k.next("support-ticket", "sso-setup"), k.next("support-ticket", "sso-setup"); a || !b || c {
		t.Errorf("support-ticket -> sso-setup back: %v, %v, then %v; want false, true, false", a, b, c)
	}
}

// TestRenderPDFText checks the graph view's PDF with Poppler: the text is
// text in the embedded Liberation Sans, the title is the map's.
func TestRenderPDFText(t *testing.T) {
	t.Parallel()
	eng := helperEngine(t)
	pdftotext, err1 := exec.LookPath("pdftotext")
	pdffonts, err2 := exec.LookPath("pdffonts")
	pdfinfo, err3 := exec.LookPath("pdfinfo")
	if err1 != nil || err2 != nil || err3 != nil {
		t.Skip("Poppler's pdftotext, pdffonts and pdfinfo are not installed")
	}
	for _, fx := range maptest.Fixtures {
		t.Run(fx.Name, func(t *testing.T) {
			t.Parallel()
			in := &render.Input{Map: maptest.Load(t, fx.Path)}
			var out bytes.Buffer
			if err := NewJob(eng).Render(context.Background(), in, "pdf", &out); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "graph.pdf")
			if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			run := func(tool string, args ...string) string {
				b, err := exec.Command(tool, args...).Output()
				if err != nil {
					t.Fatalf("%s: %v", tool, err)
				}
				return string(b)
			}
			text := strings.Join(strings.Fields(run(pdftotext, "-enc", "UTF-8", "-raw", file, "-")), " ")
			fonts, err := loadFonts()
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range in.Map.Stages {
				for _, tp := range st.Touchpoints {
					first := wrap(fonts, nameOr(tp.Name, tp.ID), tName, textWidth, nameLines).Lines[0]
					// pdftotext puts right-to-left runs in visual order.
					if i := strings.IndexFunc(first, func(r rune) bool { return unicode.In(r, unicode.Hebrew, unicode.Arabic) }); i >= 0 {
						first = first[:i]
					}
					if first = strings.Join(strings.Fields(first), " "); !strings.Contains(text, first) {
						t.Errorf("pdftotext lacks %q (touchpoint %s)", first, tp.ID)
					}
				}
			}
			fl := run(pdffonts, file)
			if !strings.Contains(fl, "LiberationSans-Bold") || strings.Count(fl, "yes yes yes") < 2 {
				t.Errorf("fonts not embedded as subsets with a ToUnicode map:\n%s", fl)
			}
			info := run(pdfinfo, "-enc", "UTF-8", file)
			if want := "Title:           " + strings.Join(strings.Fields(in.Map.Title), " "); !strings.Contains(info, want) {
				t.Errorf("pdfinfo lacks %q:\n%s", want, info)
			}
		})
	}
}
