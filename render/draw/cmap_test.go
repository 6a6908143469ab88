package draw

import (
	"encoding/base64"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tdewolff/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// languagesText is every letter of Spanish, Portuguese, French and German
// in both cases, with the typographic quotes, dashes and signs their texts
// use.
const languagesText = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" +
	"áéíóúüñÁÉÍÓÚÜÑ¿¡ºª" + // Spanish
	"àáâãçéêíóôõúÀÁÂÃÇÉÊÍÓÔÕÚ" + // Portuguese
	"àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ" + // French
	"äöüßÄÖÜẞ" + // German
	"«»‹›„“”‚‘’\"'–—‐‑…·•€‰†‡′″°±×÷¼½¾©®™§¶¢£¥ \u00a0\u202f.,;:!?()[]{}/\\&%#@*+=<>|~^_`$"

// glyphOutline is how a parser that is not the subsetter's (x/image's
// sfnt) sees rune r in f: its glyph's outline at 1000 ppem and its advance.
func glyphOutline(t *testing.T, f *sfnt.Font, r rune) (uint16, string) {
	t.Helper()
	var b sfnt.Buffer
	g, err := f.GlyphIndex(&b, r)
	if err != nil {
		t.Fatal(err)
	}
	segs, err := f.LoadGlyph(&b, g, fixed.I(1000), nil)
	if err != nil {
		t.Fatalf("glyph %d of %q: %v", g, r, err)
	}
	adv, err := f.GlyphAdvance(&b, g, fixed.I(1000), 0)
	if err != nil {
		t.Fatal(err)
	}
	var s strings.Builder
	for _, seg := range segs {
		s.WriteString(strconv.Itoa(int(seg.Op)))
		for _, p := range seg.Args {
			s.WriteString(" " + strconv.Itoa(int(p.X)) + "," + strconv.Itoa(int(p.Y)))
		}
		s.WriteString(";")
	}
	return uint16(g), strconv.Itoa(int(adv)) + ":" + s.String()
}

// checkSubset fails for every rune of runes that face draws but the
// subset data does not draw with the same outline and advance.
func checkSubset(t *testing.T, name string, face *layout.Face, data []byte, runes map[rune]bool) {
	t.Helper()
	src, err := sfnt.Parse(face.TTF)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := sfnt.Parse(data)
	if err != nil {
		t.Fatalf("%s: the subset of %s does not parse: %v", name, face.Name, err)
	}
	for r := range runes {
		g, want := glyphOutline(t, src, r)
		if g == 0 {
			continue // the source lacks it too: .notdef in both
		}
		sg, got := glyphOutline(t, sub, r)
		if sg == 0 {
			t.Errorf("%s: %s subset has no glyph for %q U+%04X", name, face.Name, r, r)
		} else if got != want {
			t.Errorf("%s: %s subset draws %q U+%04X with another glyph (subset glyph %d, source glyph %d)", name, face.Name, r, r, sg, g)
		}
	}
}

func runeSet(s string) map[rune]bool {
	u := map[rune]bool{}
	for _, r := range s {
		u[r] = true
	}
	return u
}

// TestWebFontCmap subsets every face to the letters of four languages (and
// to a few of them, so runs of glyphs break at other places) and checks
// every code point against the source font with x/image's parser.
func TestWebFontCmap(t *testing.T) {
	t.Parallel()
	fs, err := layout.LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{languagesText, "«»", "ÓÑÜ", "Año «sí» — ¿qué? Größe", "abcxyz «ÉÍ»"} {
		for _, face := range fs.Faces {
			u := runeSet(text)
			data, err := webFont(face, u)
			if err != nil {
				t.Fatal(err)
			}
			checkSubset(t, strconv.Quote(text), face, data, u)
		}
	}
}

// TestWebFontCmapWide checks the format 12 subtable written when a rune
// lies beyond the Basic Multilingual Plane: it and the BMP runes map to
// their glyphs, in x/image's parser and in the subsetter's own.
func TestWebFontCmapWide(t *testing.T) {
	t.Parallel()
	maps := []cmapEntry{{'A', 3}, {'B', 4}, {'«', 7}, {0x1F600, 5}, {0x1F601, 6}, {0x1F603, 2}}
	table := cmapTable(maps)
	fs, err := layout.LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	data, err := webFont(fs.Faces[layout.Regular], runeSet("ABCDEFG«"))
	if err != nil {
		t.Fatal(err)
	}
	sf, err := font.ParseSFNT(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	sf.Tables["cmap"] = table
	data = sf.Write()
	f, err := sfnt.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := font.ParseSFNT(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	for _, m := range append(maps, cmapEntry{0x1F602, 0}, cmapEntry{'C', 0}) {
		g, err := f.GlyphIndex(&b, m.r)
		if err != nil {
			t.Fatal(err)
		}
		if uint16(g) != m.gid {
			t.Errorf("x/image: U+%04X maps to glyph %d, want %d", m.r, g, m.gid)
		}
		if g := again.GlyphIndex(m.r); g != m.gid {
			t.Errorf("tdewolff/font: U+%04X maps to glyph %d, want %d", m.r, g, m.gid)
		}
	}
}

// TestSVGFontsDrawEveryCharacter renders maps in four languages to SVG and
// checks that every character of every <text> is drawn, in the embedded
// font of its face, with the source font's glyph.
func TestSVGFontsDrawEveryCharacter(t *testing.T) {
	t.Parallel()
	fs, err := layout.LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	faceRe := regexp.MustCompile(`@font-face\{font-family:'Liberation Sans';font-weight:(\d+)(;font-style:italic)?;src:url\(data:font/ttf;base64,([^)]*)\)`)
	textRe := regexp.MustCompile(`<text [^>]*class="(r|b|i|bi)"[^>]*>([^<]*)</text>`)
	classOf := map[string]string{"400": "r", "700": "b", "400i": "i", "700i": "bi"}
	faceOf := map[string]*layout.Face{"r": fs.Faces[layout.Regular], "b": fs.Faces[layout.Bold], "i": fs.Faces[layout.Italic], "bi": fs.Faces[layout.BoldItalic]}
	for _, path := range []string{"../testdata/languages.journey.yaml", "../../examples/seguro-hogar.journey.yaml", "../testdata/hostile.journey.yaml"} {
		data := renderTo(t, SVG, &render.Input{Map: maptest.Load(t, path)})
		fonts := map[string][]byte{}
		for _, m := range faceRe.FindAllSubmatch(data, -1) {
			key := string(m[1])
			if len(m[2]) > 0 {
				key += "i"
			}
			b, err := base64.StdEncoding.DecodeString(string(m[3]))
			if err != nil {
				t.Fatal(err)
			}
			fonts[classOf[key]] = b
		}
		used := map[string]map[rune]bool{}
		for _, m := range textRe.FindAllSubmatch(data, -1) {
			class := string(m[1])
			if used[class] == nil {
				used[class] = map[rune]bool{}
			}
			for _, r := range unescapeXML(string(m[2])) {
				used[class][r] = true
			}
		}
		if len(used) == 0 {
			t.Fatalf("%s: no text found in the SVG", path)
		}
		for class, u := range used {
			if fonts[class] == nil {
				t.Errorf("%s: text in class %s but no font for it", path, class)
				continue
			}
			checkSubset(t, path, faceOf[class], fonts[class], u)
		}
	}
	// Every letter of the four languages is in the languages map.
	src, err := os.ReadFile("../testdata/languages.journey.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "áéíóúüñÁÉÍÓÚÜÑ¿¡àâãçêôõÀÂÃÇÊÔÕæèëîïœùûÿÆÈËÎÏŒÙÛŸäößÄÖẞ«»‹›„“”‚‘’–—…" {
		if !strings.ContainsRune(string(src), r) {
			t.Errorf("the languages map lacks %q", r)
		}
	}
}

// unescapeXML undoes the SVG writer's escaping of text.
func unescapeXML(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&quot;", `"`, "&#39;", "'", "&apos;", "'").Replace(s)
}
