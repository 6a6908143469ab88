package draw

import (
	"encoding/binary"
	"fmt"
	"sort"
	"sync"

	"github.com/tdewolff/font"

	"github.com/journey-cx/journey/render/layout"
)

// The subsetter writes into the source font's OS/2 record, so subsets of
// one face must not run at once.
var subsetMu sync.Mutex

// subsetFont returns face's font program cut down to the glyphs gids (in
// that order, glyph 0 first) with the tables given. A web font (min tables)
// keeps the original name table, with the family name, copyright and
// licence the subsetter would drop.
func subsetFont(face *layout.Face, gids []uint16, tables []string) ([]byte, error) {
	return subsetWith(face, gids, tables, nil)
}

// webFont returns face's font program cut down to the glyphs of runes, with
// the tables a browser needs and a cmap of those runes (cmapOf).
func webFont(face *layout.Face, runes map[rune]bool) ([]byte, error) {
	gids := glyphsOf(face, runes)
	return subsetWith(face, gids, font.KeepMinTables, cmapOf(face, runes, gids))
}

// subsetWith is subsetFont with cmap, when not nil, as the subset's cmap
// table.
func subsetWith(face *layout.Face, gids []uint16, tables []string, cmap []byte) ([]byte, error) {
	subsetMu.Lock()
	sub, err := face.SFNT.Subset(append([]uint16(nil), gids...), font.SubsetOptions{Tables: tables})
	subsetMu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("can't subset font %s: %w", face.Name, err)
	}
	if cmap != nil {
		sub.Tables["cmap"] = cmap
	}
	if _, ok := sub.Tables["name"]; ok {
		sub.Tables["name"] = face.SFNT.Tables["name"]
	}
	return stable(sub.Write(), sub.Tables["head"]), nil
}

// glyphsOf returns the glyphs of runes in a fixed order, .notdef first.
func glyphsOf(face *layout.Face, runes map[rune]bool) []uint16 {
	rs := make([]rune, 0, len(runes))
	for r := range runes {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	gids := []uint16{0}
	seen := map[uint16]bool{0: true}
	for _, r := range rs {
		g, _ := face.Glyph(r)
		if !seen[g] {
			seen[g] = true
			gids = append(gids, g)
		}
	}
	return gids
}

// stable puts back the head table's modification date that SFNT.Write
// stamps with the current time, and fixes the checksums, so the same text
// gives the same font bytes.
func stable(buf, head []byte) []byte {
	if len(buf) < 12 || len(head) < 36 {
		return buf
	}
	n := int(binary.BigEndian.Uint16(buf[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(buf) || string(buf[rec:rec+4]) != "head" {
			continue
		}
		off, length := int(binary.BigEndian.Uint32(buf[rec+8:])), int(binary.BigEndian.Uint32(buf[rec+12:]))
		if off+36 > len(buf) || off+length > len(buf) {
			return buf
		}
		copy(buf[off+28:off+36], head[28:36])
		binary.BigEndian.PutUint32(buf[off+8:], 0)
		end := off + (length+3)&^3
		binary.BigEndian.PutUint32(buf[rec+4:], checksum(buf[off:min(end, len(buf))]))
		binary.BigEndian.PutUint32(buf[off+8:], 0xB1B0AFBA-checksum(buf))
	}
	return buf
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i+4 <= len(b); i += 4 {
		s += binary.BigEndian.Uint32(b[i:])
	}
	if r := len(b) % 4; r != 0 {
		var last [4]byte
		copy(last[:], b[len(b)-r:])
		s += binary.BigEndian.Uint32(last[:])
	}
	return s
}
