package draw

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/journey-cx/journey/internal/browsertest"
	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// glyphPage draws each character in Chromium with the web font the SVG
// embeds and with the whole source font, each on its own canvas, and lists
// the characters drawn with another shape or advance, or not at all: Chromium
// reads the subset's cmap with its own code (OTS, HarfBuzz), so a code
// point the subset maps to the wrong glyph draws another shape, and one it
// does not map falls back to a system font.
const glyphPage = `<!doctype html><meta charset="utf-8"><style>%FACES%</style><body><script>
async function check(cases) {
  await document.fonts.ready;
  const bad = [];
  const N = 224, size = "160px '";
  const c = document.createElement("canvas"); c.width = N; c.height = N;
  const g = c.getContext("2d", {willReadFrequently: true});
  const pixels = (family, ch) => {
    g.clearRect(0, 0, N, N); g.font = size + family + "', monospace"; g.fillText(ch, 24, 168);
    const d = g.getImageData(0, 0, N, N).data, a = new Uint8Array(N * N);
    for (let i = 0; i < a.length; i++) a[i] = d[4 * i + 3];
    return a;
  };
  // The share of ink that differs, at the best of the shifts by up to a
  // pixel each way: about 0 for the same glyph. The hinter moves a few
  // glyphs of a subset by a pixel and thickens a stem (it sizes its zones
  // from the letters the font holds): under 4% at this size. Another glyph,
  // or a fallback font's, differs by 20% and more.
  const differ = (x, y) => {
    let best = Infinity;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      let ink = 0, off = 0;
      for (let Y = 1; Y < N - 1; Y++) for (let X = 1; X < N - 1; X++) {
        const a = x[Y * N + X], b = y[(Y + dy) * N + X + dx];
        ink += Math.max(a, b);
        off += Math.abs(a - b);
      }
      best = Math.min(best, ink === 0 ? 0 : off / ink);
    }
    return best;
  };
  for (const [face, chars] of cases) {
    for (const f of ["sub-" + face, "full-" + face]) {
      await document.fonts.load(size + f + "'", chars);
    }
    for (const ch of chars) {
      if (!document.fonts.check(size + "sub-" + face + "'", ch)) { bad.push(face + " " + ch + " not loaded"); continue; }
      const d = differ(pixels("sub-" + face, ch), pixels("full-" + face, ch));
      const w = (family) => { g.font = size + family + "', monospace"; return g.measureText(ch).width; };
      const ws = w("sub-" + face), wf = w("full-" + face);
      if (d > 0.1 || ws !== wf) bad.push(face + " " + ch + " (U+" + ch.codePointAt(0).toString(16).toUpperCase() + "): " + (100 * d).toFixed(0) + "% of the ink differs, advance " + ws + " for " + wf);
    }
  }
  return JSON.stringify(bad);
}
</script>`

// TestSVGFontsInChromium renders the languages map (every letter of
// Spanish, Portuguese, French and German, typographic quotes and dashes)
// to SVG and checks, in headless Chromium, that the embedded fonts draw
// every character of its text exactly as the source fonts do.
func TestSVGFontsInChromium(t *testing.T) {
	p := browsertest.New(t, 400, 300)
	fs, err := layout.LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	data := renderTo(t, SVG, &render.Input{Map: maptest.Load(t, "../testdata/languages.journey.yaml")})
	faceRe := regexp.MustCompile(`@font-face\{font-family:'Liberation Sans';font-weight:(\d+)(;font-style:italic)?;src:url\(data:font/ttf;base64,([^)]*)\)`)
	textRe := regexp.MustCompile(`<text [^>]*class="(r|b|i|bi)"[^>]*>([^<]*)</text>`)
	classOf := map[string]string{"400": "r", "700": "b", "400i": "i", "700i": "bi"}
	faceOf := map[string]*layout.Face{"r": fs.Faces[layout.Regular], "b": fs.Faces[layout.Bold], "i": fs.Faces[layout.Italic], "bi": fs.Faces[layout.BoldItalic]}
	var css strings.Builder
	for _, m := range faceRe.FindAllSubmatch(data, -1) {
		key := string(m[1])
		if len(m[2]) > 0 {
			key += "i"
		}
		class := classOf[key]
		css.WriteString("@font-face{font-family:'sub-" + class + "';src:url(data:font/ttf;base64," + string(m[3]) + ")}\n")
		css.WriteString("@font-face{font-family:'full-" + class + "';src:url(data:font/ttf;base64," + base64.StdEncoding.EncodeToString(faceOf[class].TTF) + ")}\n")
	}
	used := map[string]map[rune]bool{}
	for _, m := range textRe.FindAllSubmatch(data, -1) {
		class := string(m[1])
		if used[class] == nil {
			used[class] = map[rune]bool{}
		}
		for _, r := range unescapeXML(string(m[2])) {
			if r != ' ' && r != '\u00a0' && r != '\u202f' && faceOf[class].Has(r) {
				used[class][r] = true
			}
		}
	}
	var cases [][2]string
	total := 0
	for class, u := range used {
		rs := make([]rune, 0, len(u))
		for r := range u {
			rs = append(rs, r)
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
		cases = append(cases, [2]string{class, string(rs)})
		total += len(rs)
	}
	if total < 100 {
		t.Fatalf("only %d characters drawn in the languages map", total)
	}
	page := filepath.Join(t.TempDir(), "glyphs.html")
	if err := os.WriteFile(page, []byte(strings.Replace(glyphPage, "%FACES%", css.String(), 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	p.Do(t, chromedp.Navigate((&url.URL{Scheme: "file", Path: page}).String()))
	arg, _ := json.Marshal(cases)
	var bad []string
	if err := json.Unmarshal([]byte(browsertest.Eval[string](t, p, "check("+string(arg)+")")), &bad); err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Errorf("Chromium, the SVG's font against the source font: %s", b)
	}
	if c := p.Console(); len(c) > 0 {
		t.Errorf("console: %q", c)
	}
}
