package layout

import (
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/tdewolff/font"
)

// FontID names one of the four faces of the render font.
type FontID uint8

// The faces of Liberation Sans (metric-compatible with Arial).
const (
	Regular FontID = iota
	Bold
	Italic
	BoldItalic
	numFonts
)

// FontFamily is the family every render uses, and the CSS fallbacks that
// share its metrics (Liberation Sans is metric-compatible with Arial).
const FontFamily = "Liberation Sans"

// FontFallbacks is the CSS font-family list for SVG output.
const FontFallbacks = "'Liberation Sans', Arimo, Arial, Helvetica, sans-serif"

// PtToMM converts typographic points to millimetres.
const PtToMM = 25.4 / 72

// Face is one parsed font with fast advance lookups.
type Face struct {
	ID     FontID
	Name   string // PostScript name, e.g. LiberationSans-Bold
	TTF    []byte
	SFNT   *font.SFNT
	UPEM   float64
	Asc    float64 // ascender, in ems
	Desc   float64 // descender (positive), in ems
	Cap    float64 // cap height, in ems
	XH     float64 // x-height, in ems
	Weight int     // CSS weight: 400 or 700
	Italic bool

	latin  [0x2500]uint16 // advance (font units) by rune for the common range; 0xffff = not yet looked up
	latinG [0x2500]uint16 // glyph id by rune for the common range
	mu     sync.Mutex
	other  map[rune][2]uint16 // glyph id, advance for the rest
}

// Fonts is the set of faces a render uses.
type Fonts struct {
	Faces [numFonts]*Face
}

var (
	fontsOnce sync.Once
	fontsVal  *Fonts
	fontsErr  error
)

// LoadFonts parses the embedded fonts once per process and returns them.
// Nothing is parsed until the first render asks.
func LoadFonts() (*Fonts, error) {
	fontsOnce.Do(func() { fontsVal, fontsErr = ParseFonts() })
	return fontsVal, fontsErr
}

// ParseFonts parses the embedded fonts; LoadFonts does it once and keeps
// the result.
func ParseFonts() (*Fonts, error) {
	fs := &Fonts{}
	for id, src := range [numFonts][]byte{
		Regular:    liberationsansregular.TTF,
		Bold:       liberationsansbold.TTF,
		Italic:     liberationsansitalic.TTF,
		BoldItalic: liberationsansbolditalic.TTF,
	} {
		f, err := newFace(FontID(id), src)
		if err != nil {
			return nil, fmt.Errorf("can't load the render font: %w", err)
		}
		fs.Faces[id] = f
	}
	return fs, nil
}

func newFace(id FontID, ttf []byte) (*Face, error) {
	sf, err := font.ParseSFNT(ttf, 0)
	if err != nil {
		return nil, err
	}
	f := &Face{ID: id, TTF: ttf, SFNT: sf, UPEM: float64(sf.Head.UnitsPerEm), other: map[rune][2]uint16{}}
	asc, desc, _ := sf.VerticalMetrics()
	f.Asc, f.Desc = float64(asc)/f.UPEM, float64(desc)/f.UPEM
	f.Cap, f.XH = float64(sf.OS2.SCapHeight)/f.UPEM, float64(sf.OS2.SxHeight)/f.UPEM
	f.Name = "LiberationSans"
	if recs := sf.Name.Get(font.NamePostScript); len(recs) > 0 {
		f.Name = recs[0].String()
	}
	f.Weight = 400
	if id == Bold || id == BoldItalic {
		f.Weight = 700
	}
	f.Italic = id == Italic || id == BoldItalic
	for i := range f.latin {
		f.latin[i] = 0xffff
	}
	// Fill the common range now: it is cheap and makes lookups lock-free.
	for r := rune(0); r < rune(len(f.latin)); r++ {
		g := sf.GlyphIndex(r)
		f.latinG[r] = g
		f.latin[r] = sf.GlyphAdvance(g)
	}
	return f, nil
}

// Glyph returns the glyph id and advance (font units) of r; runes the font
// lacks map to glyph 0 (.notdef).
func (f *Face) Glyph(r rune) (gid, adv uint16) {
	if r >= 0 && r < rune(len(f.latin)) {
		return f.latinG[r], f.latin[r]
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if v, ok := f.other[r]; ok {
		return v[0], v[1]
	}
	g := f.SFNT.GlyphIndex(r)
	a := f.SFNT.GlyphAdvance(g)
	f.other[r] = [2]uint16{g, a}
	return g, a
}

// Has reports whether the font draws r (rather than .notdef).
func (f *Face) Has(r rune) bool {
	g, _ := f.Glyph(r)
	return g != 0
}

// Units returns the advance width of s in font units.
func (f *Face) Units(s string) int {
	w := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			w += int(f.latin[c])
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		_, a := f.Glyph(r)
		w += int(a)
		i += n
	}
	return w
}

// Width returns the width of s in millimetres at size points.
func (f *Face) Width(s string, size float64) float64 {
	return float64(f.Units(s)) / f.UPEM * size * PtToMM
}

// Face returns the face id.
func (fs *Fonts) Face(id FontID) *Face { return fs.Faces[id] }

// Width returns the width of s in millimetres in font id at size points.
func (fs *Fonts) Width(id FontID, size float64, s string) float64 {
	return fs.Faces[id].Width(s, size)
}

// clean makes user text safe to lay out and to write in any format: control
// characters become spaces (newlines are kept), invalid UTF-8 and
// non-characters are replaced.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if r == utf8.RuneError || (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfffe || r == 0xffff || (r >= 0xd800 && r < 0xe000) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			out = append(out, r)
		case r == '\t' || r == '\r':
			out = append(out, ' ')
		case r == utf8.RuneError || r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfffe || r == 0xffff || (r >= 0xd800 && r < 0xe000):
			out = append(out, '\uFFFD')
		default:
			out = append(out, r)
		}
	}
	return string(out)
}
