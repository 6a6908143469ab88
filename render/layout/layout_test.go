package layout_test

import (
	"fmt"
	"github.com/journey-cx/journey/internal/maptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// maps are every map the geometry is checked on: the examples, the
// fixtures, and the hostile map.
func maps(t *testing.T) []string {
	files, _ := filepath.Glob("../../examples/*.journey.yaml")
	fixtures, _ := filepath.Glob("../testdata/*.journey.yaml")
	return append(files, fixtures...)
}

const eps = 0.01

// checkScene asserts what the brief promises of every drawing: text stays
// inside its box, boxes and texts never overlap, everything is on the page,
// and the emotion curve stays within its points.
func checkScene(t *testing.T, name string, l *layout.Layout, sc *layout.Scene, full bool) {
	t.Helper()
	page := layout.Rect{X: 0, Y: 0, W: sc.W, H: sc.H}
	var boxes, texts []int
	for i := range sc.Items {
		it := &sc.Items[i]
		if !page.Contains(it.Rect, eps) {
			t.Errorf("%s: item %d (%s) at %+v leaves the page %+v", name, i, it.Role, it.Rect, page)
		}
		switch {
		case it.Op == layout.OpText:
			texts = append(texts, i)
			tb := it.TextBounds(l.Fonts)
			if !page.Contains(tb, eps) {
				t.Errorf("%s: text %q leaves the page", name, it.Lines[0].S)
			}
			for _, ln := range it.Lines {
				if ln.X < it.Rect.X-eps || ln.X+ln.W > it.Rect.Right()+eps {
					t.Errorf("%s: line %q (%.2f mm) is wider than its box %+v", name, ln.S, ln.W, it.Rect)
				}
				// The measured width is the font's: recompute it.
				if w := l.Fonts.Width(it.Font, it.Size, ln.S); w-ln.W > eps {
					t.Errorf("%s: line %q measures %.3f mm, placed as %.3f", name, ln.S, w, ln.W)
				}
			}
			if it.Parent >= 0 {
				if box := sc.Items[it.Parent].Rect; !box.Contains(tb, eps) {
					t.Errorf("%s: text %q %+v overflows its %s %+v", name, it.Lines[0].S, tb, sc.Items[it.Parent].Role, box)
				}
			}
		case it.Op == layout.OpRect && it.Role.IsBox():
			boxes = append(boxes, i)
		}
	}
	for a := 0; a < len(boxes); a++ {
		for b := a + 1; b < len(boxes); b++ {
			ra, rb := sc.Items[boxes[a]], sc.Items[boxes[b]]
			if ra.Rect.Overlaps(rb.Rect, eps) {
				t.Errorf("%s: %s %q %+v overlaps %s %q %+v", name, ra.Role, ra.ID, ra.Rect, rb.Role, rb.ID, rb.Rect)
			}
		}
	}
	for a := 0; a < len(texts); a++ {
		ta := &sc.Items[texts[a]]
		ba := ta.TextBounds(l.Fonts)
		for b := a + 1; b < len(texts); b++ {
			tb := &sc.Items[texts[b]]
			if bb := tb.TextBounds(l.Fonts); ba.Overlaps(bb, 0.05) {
				t.Errorf("%s: text %q %+v overlaps text %q %+v", name, ta.Lines[0].S, ba, tb.Lines[0].S, bb)
			}
		}
	}
	// The curve stays between its highest and lowest points when the
	// scene holds them all, and within its lane on a page.
	top, bottom := 1e9, -1e9
	var lane layout.Rect
	for _, it := range sc.Items {
		if it.Role == layout.RolePoint {
			cy := it.Rect.Y + it.Radius
			top, bottom = min(top, cy), max(bottom, cy)
			for _, lb := range sc.Items {
				if lb.Role == layout.RoleLaneLabel && lb.Op == layout.OpRect && lb.Rect.Y <= cy && cy <= lb.Rect.Bottom() {
					lane = lb.Rect
				}
			}
		}
	}
	for _, it := range sc.Items {
		if it.Role != layout.RoleCurve {
			continue
		}
		if full && (it.Rect.Y < top-eps || it.Rect.Bottom() > bottom+eps) {
			t.Errorf("%s: the emotion curve %+v leaves the band of its points [%.2f, %.2f]", name, it.Rect, top, bottom)
		}
		if lane.H > 0 && (it.Rect.Y < lane.Y || it.Rect.Bottom() > lane.Bottom()) {
			t.Errorf("%s: the emotion curve %+v leaves its lane %+v", name, it.Rect, lane)
		}
	}
}

func TestGeometry(t *testing.T) {
	t.Parallel()
	for _, f := range maps(t) {
		for _, th := range render.Themes {
			name := strings.TrimSuffix(filepath.Base(f), ".journey.yaml") + "/" + th.Name
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				l, err := layout.New(&render.Input{Map: maptest.Load(t, f), Theme: th})
				if err != nil {
					t.Fatal(err)
				}
				checkScene(t, "svg", l, l.Scene(l.Full()), true)
				for _, p := range render.Papers {
					w, h := p.H, p.W
					pages := l.Document(w, h)
					if len(pages) == 0 {
						t.Fatalf("%s: no pages", p.Name)
					}
					for i, pg := range pages {
						pn := fmt.Sprintf("%s page %d", p.Name, i+1)
						checkScene(t, pn, l, pg.Scene, false)
						if pg.X < -eps || pg.Y < -eps || pg.X+pg.Scene.W*pg.Scale > w+eps || pg.Y+pg.Scene.H*pg.Scale > h+eps {
							t.Errorf("%s: scene %.1fx%.1f at %.2f from (%.1f,%.1f) leaves the %.0fx%.0f page",
								pn, pg.Scene.W, pg.Scene.H, pg.Scale, pg.X, pg.Y, w, h)
						}
						if pg.Scale < layout.MinScale-eps && pg.Scene.H*layout.MinScale <= h {
							t.Errorf("%s: drawn at %.2f, below the %.2f minimum", pn, pg.Scale, layout.MinScale)
						}
					}
				}
			})
		}
	}
}

// TestHostile checks the map made to break renderers: 2,000-character
// names and words, 60 touchpoints in one stage.
func TestHostile(t *testing.T) {
	t.Parallel()
	l, err := layout.New(&render.Input{Map: maptest.Load(t, "../testdata/hostile.journey.yaml"), Theme: render.Default})
	if err != nil {
		t.Fatal(err)
	}
	sc := l.Scene(l.Full())
	cards := 0
	for _, it := range sc.Items {
		if it.Role == layout.RoleCard && it.Op == layout.OpRect {
			cards++
		}
	}
	if cards != 62 {
		t.Errorf("%d touchpoint cards, want 62", cards)
	}
	// Long texts are cut with an ellipsis, never spilled.
	cut := 0
	for _, it := range sc.Items {
		for _, ln := range it.Lines {
			if strings.HasSuffix(ln.S, layout.Ellipsis) {
				cut++
			}
		}
	}
	if cut == 0 {
		t.Error("no text was cut: the 2,000-character texts must be")
	}
	// A 60-touchpoint stage is split over several A3 pages.
	if pages := l.Document(420, 297); len(pages) < 5 {
		t.Errorf("%d pages for 62 touchpoints on A3, want the map split", len(pages))
	}
}

func TestEmptyLanesLeftOut(t *testing.T) {
	t.Parallel()
	m := &journey.Map{ID: "bare", Title: "Bare", Stages: []journey.Stage{
		{ID: "one", Name: "One", Touchpoints: []journey.Touchpoint{{ID: "a", Name: "A"}, {ID: "b", Name: "B", Action: "Does b"}}},
		{ID: "two", Name: "Two"},
	}}
	l, err := layout.New(&render.Input{Map: m})
	if err != nil {
		t.Fatal(err)
	}
	got := l.Lanes()
	want := []layout.LaneKind{layout.LaneActions, layout.LaneTouchpoints}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("lanes %v, want %v (only the lanes with content)", got, want)
	}
	checkScene(t, "bare", l, l.Scene(l.Full()), true)
}

func TestLocaleLabels(t *testing.T) {
	t.Parallel()
	m := maptest.Load(t, "../testdata/small.journey.yaml") // locale: es
	for _, tt := range []struct{ locale, want, not string }{
		{"", "DOLORES", "PAIN POINTS"},
		{"en", "PAIN POINTS", "DOLORES"},
		{"es-MX", "DOLORES", "PAIN POINTS"},
	} {
		l, err := layout.New(&render.Input{Map: m, Locale: tt.locale})
		if err != nil {
			t.Fatal(err)
		}
		var all strings.Builder
		for _, it := range l.Scene(l.Full()).Items {
			for _, ln := range it.Lines {
				all.WriteString(ln.S + "\n")
			}
		}
		if !strings.Contains(all.String(), tt.want) || strings.Contains(all.String(), tt.not) {
			t.Errorf("locale %q: want %q and not %q in the labels", tt.locale, tt.want, tt.not)
		}
	}
}

func TestWrap(t *testing.T) {
	t.Parallel()
	fs, err := layout.LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	txt := layout.Text{Font: layout.Regular, Size: 10}
	tests := []struct {
		name     string
		in       string
		width    float64
		maxLines int
		lines    int
		cut      bool
	}{
		{"fits", "Hola", 50, 0, 1, false},
		{"wraps", "una frase bastante larga que no cabe en una línea estrecha", 30, 0, 4, false},
		{"newlines", "uno\ndos\n\ntres", 50, 0, 3, false},
		{"long word", strings.Repeat("x", 300), 30, 0, 0, false},
		{"clamped", strings.Repeat("palabra ", 200), 30, 3, 3, true},
		{"empty", "   ", 30, 0, 0, false},
		{"control chars", "a\x00b\x07c", 30, 0, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := fs.Wrap(tt.in, txt, tt.width, tt.maxLines)
			if tt.lines > 0 && len(b.Lines) != tt.lines {
				t.Errorf("%d lines %q, want %d", len(b.Lines), b.Lines, tt.lines)
			}
			if b.Truncated != tt.cut {
				t.Errorf("truncated = %v, want %v", b.Truncated, tt.cut)
			}
			for i, ln := range b.Lines {
				if b.Widths[i] > tt.width+eps {
					t.Errorf("line %q is %.2f mm, wider than %.2f", ln, b.Widths[i], tt.width)
				}
				if strings.ContainsAny(ln, "\x00\x07\n") {
					t.Errorf("line %q keeps a control character", ln)
				}
			}
			if tt.name == "long word" && strings.Join(b.Lines, "") != tt.in {
				t.Errorf("a long word broken into lines must keep every character")
			}
		})
	}
}
