// Package importer holds what the importers (mermaid, xlsx) share: the
// notes they give about what could not be carried over into the map, and
// the allocation of unique ids from names.
package importer

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/journey-cx/journey/journey"
)

// Note tells what an importer could not carry over, or changed, while
// turning a foreign document into a map. Line is 1-based in the source
// (a row for spreadsheets); 0 means the note is about the whole document.
type Note struct {
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// String formats the note as file:line: message (without a line when 0).
func (n Note) String(file string) string {
	if n.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", file, n.Line, n.Message)
	}
	return fmt.Sprintf("%s: %s", file, n.Message)
}

// IDs hands out unique slugs: the first "Web" gets web, the second web-2.
// The zero IDs is ready to use. Handing out n ids takes time linear in n,
// however many share a name: each slug remembers the number it reached.
type IDs struct {
	used map[string]bool
	next map[string]int // slug (and, after a NUL, the numbering's start) -> the number to try next
}

// Reserve marks id as taken.
func (ids *IDs) Reserve(id string) {
	if ids.used == nil {
		ids.used = map[string]bool{}
	}
	ids.used[id] = true
}

// Taken reports whether id was handed out or reserved.
func (ids *IDs) Taken(id string) bool { return ids.used[id] }

// New returns a unique id made from name, or from fallback ("stage",
// "touchpoint"...) numbered from 1 when name gives no slug.
func (ids *IDs) New(name, fallback string) string {
	base := journey.Slugify(name)
	if len(base) > 60 {
		base = strings.TrimRight(base[:60], "-")
	}
	first := 2 // a name's own slug comes first, then slug-2, slug-3...
	if base == "" {
		base, first = fallback, 1
	} else if !ids.Taken(base) {
		ids.Reserve(base)
		return base
	}
	// Ids are never given back, so every number below the one reached is
	// still taken: the search goes on from there.
	key := base + "\x00" + strconv.Itoa(first)
	n := max(first, ids.next[key])
	id := base + "-" + strconv.Itoa(n)
	for ids.Taken(id) {
		n++
		id = base + "-" + strconv.Itoa(n)
	}
	if ids.next == nil {
		ids.next = map[string]int{}
	}
	ids.next[key] = n + 1
	ids.Reserve(id)
	return id
}

// Clean trims white space, zero-width characters and byte order marks from
// both ends of s and turns the control characters inside it into spaces.
func Clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff'
	})
}
