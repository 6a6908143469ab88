package draw

import (
	"encoding/binary"
	"sort"

	"github.com/journey-cx/journey/render/layout"
)

// The web font's cmap is written here rather than by the subsetter, whose
// format 4 writer splits runs of glyphs into segments that point at the
// wrong glyphs: Chromium drew « as ´ and left Ó, Ñ, Ü, ö... as boxes,
// while the PDF (which maps glyphs itself) was right.

// cmapOf returns a cmap table mapping each rune of runes that face draws to
// its glyph in a subset made of gids, in that order (glyph i of the subset
// is gids[i]; glyphs the subsetter adds after them have no code point). It
// holds a format 4 subtable for the Basic Multilingual Plane, under
// Unicode BMP (0, 3) and Windows BMP (3, 1), and when a rune lies beyond it
// a format 12 subtable as well, under Unicode full (0, 4) and Windows full
// (3, 10), as the OpenType specification recommends.
func cmapOf(face *layout.Face, runes map[rune]bool, gids []uint16) []byte {
	index := make(map[uint16]uint16, len(gids))
	for i, g := range gids {
		if _, ok := index[g]; !ok {
			index[g] = uint16(i)
		}
	}
	var maps []cmapEntry
	for r := range runes {
		if r < 0 || r > 0x10FFFF || r >= 0xD800 && r <= 0xDFFF || r == 0xFFFF {
			continue
		}
		g, _ := face.Glyph(r)
		if i, ok := index[g]; ok && g != 0 {
			maps = append(maps, cmapEntry{r, i})
		}
	}
	sort.Slice(maps, func(i, j int) bool { return maps[i].r < maps[j].r })
	return cmapTable(maps)
}

// cmapEntry is one code point and its glyph.
type cmapEntry struct {
	r   rune
	gid uint16
}

// cmapRun is a run of consecutive code points on consecutive glyphs.
type cmapRun struct {
	first, last rune
	gid         uint16 // glyph of first
}

// cmapRuns groups sorted, distinct maps into runs.
func cmapRuns(maps []cmapEntry) []cmapRun {
	var runs []cmapRun
	for _, m := range maps {
		if n := len(runs); n > 0 {
			last := &runs[n-1]
			if m.r == last.last+1 && int(m.gid) == int(last.gid)+int(m.r-last.first) {
				last.last = m.r
				continue
			}
		}
		runs = append(runs, cmapRun{m.r, m.r, m.gid})
	}
	return runs
}

// cmapTable writes the cmap table of maps (sorted by code point, distinct).
func cmapTable(maps []cmapEntry) []byte {
	var bmp []cmapEntry
	wide := false
	for _, m := range maps {
		if m.r <= 0xFFFF {
			bmp = append(bmp, m)
		} else {
			wide = true
		}
	}
	f4 := cmapFormat4(cmapRuns(bmp))
	type record struct{ platform, encoding, sub uint16 }
	records := []record{{0, 3, 0}, {3, 1, 0}}
	subs := [][]byte{f4}
	if wide {
		subs = append(subs, cmapFormat12(cmapRuns(maps)))
		records = []record{{0, 3, 0}, {0, 4, 1}, {3, 1, 0}, {3, 10, 1}}
	}
	head := 4 + 8*len(records)
	offsets := []int{head}
	for _, s := range subs[:len(subs)-1] {
		offsets = append(offsets, offsets[len(offsets)-1]+len(s))
	}
	b := make([]byte, 0, head+len(f4))
	b = binary.BigEndian.AppendUint16(b, 0) // version
	b = binary.BigEndian.AppendUint16(b, uint16(len(records)))
	for _, r := range records {
		b = binary.BigEndian.AppendUint16(b, r.platform)
		b = binary.BigEndian.AppendUint16(b, r.encoding)
		b = binary.BigEndian.AppendUint32(b, uint32(offsets[r.sub]))
	}
	for _, s := range subs {
		b = append(b, s...)
	}
	return b
}

// cmapFormat4 writes a format 4 subtable: one segment per run, each mapped
// by idDelta, then the 0xFFFF segment the format requires.
func cmapFormat4(runs []cmapRun) []byte {
	runs = append(runs, cmapRun{0xFFFF, 0xFFFF, 0}) // maps to .notdef: idDelta 1
	n := len(runs)
	search, selector := 1, 0
	for search*2 <= n {
		search *= 2
		selector++
	}
	length := 16 + 8*n
	b := make([]byte, 0, length)
	u16 := func(v int) { b = binary.BigEndian.AppendUint16(b, uint16(v)) }
	u16(4)
	u16(length)
	u16(0) // language
	u16(2 * n)
	u16(2 * search)
	u16(selector)
	u16(2*n - 2*search)
	for _, r := range runs {
		u16(int(r.last))
	}
	u16(0) // reservedPad
	for _, r := range runs {
		u16(int(r.first))
	}
	for _, r := range runs {
		u16((int(r.gid) - int(r.first)) & 0xFFFF) // idDelta, modulo 65536
	}
	for range runs {
		u16(0) // idRangeOffset: none, every glyph by idDelta
	}
	return b
}

// cmapFormat12 writes a format 12 subtable: one group per run.
func cmapFormat12(runs []cmapRun) []byte {
	length := 16 + 12*len(runs)
	b := make([]byte, 0, length)
	b = binary.BigEndian.AppendUint16(b, 12)
	b = binary.BigEndian.AppendUint16(b, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(length))
	b = binary.BigEndian.AppendUint32(b, 0) // language
	b = binary.BigEndian.AppendUint32(b, uint32(len(runs)))
	for _, r := range runs {
		b = binary.BigEndian.AppendUint32(b, uint32(r.first))
		b = binary.BigEndian.AppendUint32(b, uint32(r.last))
		b = binary.BigEndian.AppendUint32(b, uint32(r.gid))
	}
	return b
}
