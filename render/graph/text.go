package graph

import (
	"math"
	"strconv"
	"strings"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
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
	leading    = 1.22 // line height as a multiple of the size
	ptMM       = layout.PtToMM
)

// Text styles: the map's font (Liberation Sans), measured with its real
// advances by render/layout.
var (
	tName   = layout.Text{Font: layout.Bold, Size: nameSize, Leading: leading}
	tMeta   = layout.Text{Font: layout.Regular, Size: metaSize, Leading: leading}
	tTitle  = layout.Text{Font: layout.Bold, Size: titleSize, Leading: leading}
	tStage  = layout.Text{Font: layout.Bold, Size: stageSize, Leading: leading}
	tLegend = layout.Text{Font: layout.Regular, Size: legendSize, Leading: leading}
)

// loadFonts returns the render fonts, parsed once per process.
func loadFonts() (*layout.Fonts, error) { return layout.LoadFonts() }

// lineHeight returns the line advance of a size in mm.
func lineHeight(size float64) float64 { return size * leading * ptMM }

// nodeText returns the wrapped name lines and the meta line of a
// touchpoint: emotion, moment of truth and channel, in that order, so a cut
// for width drops the channel first.
func nodeText(fs *layout.Fonts, tp *journey.Touchpoint, m *journey.Map, lb render.Labels) (name, meta layout.Block) {
	name = wrap(fs, nameOr(tp.Name, tp.ID), tName, textWidth, nameLines)
	var parts []string
	if v, ok := tp.MeanEmotion(); ok {
		level := int(math.Max(1, math.Min(5, math.Round(v))))
		num := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
		if lb.Lang == "es" {
			num = strings.Replace(num, ".", ",", 1)
		}
		parts = append(parts, lb.EmotionLevels[level]+" ("+num+")")
	}
	if tp.MomentOfTruth != "" {
		mt := tp.MomentOfTruth
		if l, ok := lb.Moments[mt]; ok {
			mt = l
		}
		parts = append(parts, mt)
	}
	if tp.Channel != "" {
		ch := tp.Channel
		if c := m.Channel(tp.Channel); c != nil && strings.TrimSpace(c.Name) != "" {
			ch = c.Name
		}
		parts = append(parts, ch)
	}
	if len(parts) > 0 {
		meta = line(fs, strings.Join(parts, " · "), tMeta, textWidth)
	}
	return name, meta
}

// nodeSize returns the size in mm of a node holding name lines and meta.
func nodeSize(name, meta layout.Block) (w, h float64) {
	widest := name.W()
	h = 2*padY + max(name.H(), name.Lead) // a blank name still takes a line
	if !meta.Empty() {
		widest = math.Max(widest, meta.W())
		h += metaGap + meta.H()
	}
	return math.Max(minWidth, math.Ceil(widest+2*padX)), math.Ceil(h*2) / 2
}

// wrap breaks s into at most maxLines lines no wider than width mm in style
// t, breaking inside a word only when the word alone is too wide; text that
// does not fit ends the last line with an ellipsis. Line breaks and runs of
// spaces in s count as one space.
func wrap(fs *layout.Fonts, s string, t layout.Text, width float64, maxLines int) layout.Block {
	return fs.Wrap(strings.Join(strings.Fields(s), " "), t, width, maxLines)
}

// line measures s on one line cut with an ellipsis to width mm (0 = no
// limit): at a word boundary when that keeps two thirds of the width, else
// between characters, so that a long word (a URL, a formula) still shows
// its start.
func line(fs *layout.Fonts, s string, t layout.Text, width float64) layout.Block {
	b := fs.Line(s, t, width)
	if !b.Truncated || b.W() >= width*2/3 {
		return b
	}
	r := []rune(strings.Join(strings.Fields(s), " "))
	room := width - fs.Width(t.Font, t.Size, layout.Ellipsis)
	lo, hi := 0, len(r) // the longest prefix that fits is in [lo, hi]
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fs.Width(t.Font, t.Size, string(r[:mid])) <= room {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	cut := fs.Line(strings.TrimRight(string(r[:lo]), " ")+layout.Ellipsis, t, 0)
	cut.Truncated = true
	return cut
}
