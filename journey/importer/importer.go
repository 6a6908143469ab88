// Package importer holds what the importers (mermaid, xlsx) share: the
// notes they give about what could not be carried over into the map, and
// the allocation of unique ids from names.
package importer

import (
	"fmt"
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
// The zero IDs is ready to use.
type IDs struct {
	used map[string]bool
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
	n := 1
	if base == "" {
		base = fallback
		n = 0
	}
	id := base
	if n == 0 {
		id = fmt.Sprintf("%s-1", base)
		n = 1
	}
	for ids.Taken(id) {
		n++
		id = fmt.Sprintf("%s-%d", base, n)
	}
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
