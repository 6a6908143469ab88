package graph

import (
	"image/color"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/tdewolff/canvas"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
)

// Node text geometry, in points (sizes) and millimetres (lengths).
const (
	nameSize   = 9.0  // touchpoint name, bold
	metaSize   = 7.0  // channel, moment of truth, emotion
	nameLines  = 3    // at most, the last ellipsized
	textWidth  = 46.0 // widest line
	minWidth   = 26.0 // narrowest node
	padX, padY = 3.0, 2.2
	metaGap    = 1.0
	ptMM       = 25.4 / 72
)

// fontSet is the render font (Liberation Sans, as in the map renders), parsed
// once per process on first use.
type fontSet struct {
	regular, bold *canvas.Font
	name, meta    *canvas.FontFace // measuring faces
}

var (
	fontsOnce sync.Once
	fontsVal  *fontSet
	fontsErr  error
	// fontsMu guards every use of the shared fonts: shaping text caches
	// glyphs inside the font, which is not safe for concurrent use.
	fontsMu sync.Mutex
)

func loadFonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		fs := &fontSet{}
		if fs.regular, fontsErr = canvas.LoadFont(liberationsansregular.TTF, 0, canvas.FontRegular); fontsErr != nil {
			return
		}
		if fs.bold, fontsErr = canvas.LoadFont(liberationsansbold.TTF, 0, canvas.FontBold); fontsErr != nil {
			return
		}
		fs.name = fs.bold.Face(nameSize, color.Black)
		fs.meta = fs.regular.Face(metaSize, color.Black)
		fontsVal = fs
	})
	return fontsVal, fontsErr
}

// lineHeight returns the line advance of a size in mm.
func lineHeight(size float64) float64 { return size * 1.22 * ptMM }

// nodeText returns the wrapped name lines and the meta line of a
// touchpoint: emotion, moment of truth and channel, in that order, so a cut
// for width drops the channel first.
func (fs *fontSet) nodeText(tp *journey.Touchpoint, m *journey.Map, lb render.Labels) ([]string, string) {
	name := wrap(fs.name, nameOr(tp.Name, tp.ID), textWidth, nameLines)
	var meta []string
	if v, ok := tp.MeanEmotion(); ok {
		level := int(math.Max(1, math.Min(5, math.Round(v))))
		num := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
		if lb.Lang == "es" {
			num = strings.Replace(num, ".", ",", 1)
		}
		meta = append(meta, lb.EmotionLevels[level]+" ("+num+")")
	}
	if tp.MomentOfTruth != "" {
		mt := tp.MomentOfTruth
		if l, ok := lb.Moments[mt]; ok {
			mt = l
		}
		meta = append(meta, mt)
	}
	if tp.Channel != "" {
		ch := tp.Channel
		if c := m.Channel(tp.Channel); c != nil && strings.TrimSpace(c.Name) != "" {
			ch = c.Name
		}
		meta = append(meta, ch)
	}
	line := ""
	if len(meta) > 0 {
		line = wrap(fs.meta, strings.Join(meta, " · "), textWidth, 1)[0]
	}
	return name, line
}

// nodeSize returns the size in mm of a node holding name lines and meta.
func (fs *fontSet) nodeSize(name []string, meta string) (w, h float64) {
	widest := 0.0
	for _, l := range name {
		widest = math.Max(widest, fs.name.TextWidth(l))
	}
	h = 2*padY + float64(len(name))*lineHeight(nameSize)
	if meta != "" {
		widest = math.Max(widest, fs.meta.TextWidth(meta))
		h += metaGap + lineHeight(metaSize)
	}
	return math.Max(minWidth, math.Ceil(widest+2*padX)), math.Ceil(h*2) / 2
}

// wrap breaks s into at most maxLines lines no wider than width mm, breaking
// inside a word only when the word alone is too wide; text that does not fit
// ends the last line with an ellipsis. Line breaks and runs of spaces in s
// count as one space.
func wrap(face *canvas.FontFace, s string, width float64, maxLines int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{""}
	}
	fits := func(t string) bool { return face.TextWidth(t) <= width }
	var lines []string
	cur := ""
	for i := 0; i < len(words); i++ {
		w := words[i]
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if fits(try) {
			cur = try
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
			if len(lines) == maxLines {
				return ellipsize(face, lines, width, true)
			}
			i-- // the word starts the next line
			continue
		}
		// The word alone is too wide: cut it where it stops fitting.
		head, rest := cut(w, fits)
		lines = append(lines, head)
		if len(lines) == maxLines {
			return ellipsize(face, lines, width, true)
		}
		words[i] = rest
		i--
	}
	lines = append(lines, cur)
	if len(lines) > maxLines {
		return ellipsize(face, lines[:maxLines], width, true)
	}
	return lines
}

// cut splits word at the longest prefix (at least one character) that fits.
func cut(word string, fits func(string) bool) (string, string) {
	r := []rune(word)
	lo, hi := 1, len(r) // the answer is in [lo, hi]
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(string(r[:mid])) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(r[:lo]), string(r[lo:])
}

// ellipsize ends the last line with "…", shortening it until it fits.
func ellipsize(face *canvas.FontFace, lines []string, width float64, more bool) []string {
	if !more {
		return lines
	}
	last := []rune(strings.TrimRight(lines[len(lines)-1], " "))
	for len(last) > 0 && face.TextWidth(string(last)+"…") > width {
		last = last[:len(last)-1]
	}
	lines[len(lines)-1] = strings.TrimRight(string(last), " ") + "…"
	return lines
}
