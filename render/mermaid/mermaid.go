// Package mermaid writes a journey map as a Mermaid user-journey diagram
// (https://mermaid.js.org/syntax/userJourney.html), the kind GitHub, GitLab
// and most Markdown viewers draw inline from a ```mermaid block.
//
// The mapping:
//
//   - the map's title becomes the diagram title, its description accDescr;
//   - every stage becomes a section, in file order (a stage with no
//     touchpoints is kept as an empty section, which Mermaid does not draw);
//   - every touchpoint becomes a task, in file order;
//   - the task score is the touchpoint's emotion (the mean over personas when
//     it has several), rounded half away from zero and clamped to 1..5;
//   - the task's actors are the touchpoint owner's name (the id when the
//     owner is not declared); a touchpoint with no owner has no actors.
//
// Mermaid requires a score on every task. A touchpoint without an emotion
// is drawn at 3, the neutral middle of the scale, so it neither lifts nor
// sinks the curve, and its name is suffixed with " (?)" so the reader can
// tell an unmeasured step from a neutral one.
//
// Mermaid's journey grammar has no quoting or escaping, so user text is
// cleaned instead: line breaks, tabs and other control characters become
// spaces and runs of spaces collapse; ':' becomes '∶' (U+2236) and '#'
// becomes '＃' (U+FF03), since Mermaid reserves them; ';' becomes ','; in
// actor names ',' (the actor separator) becomes '‚' (U+201A); '%%' (a
// comment) becomes '%'; '<' and '>' become '‹' and '›', so nothing can read
// as HTML; '{' and '}' become '(' and ')'. A task name that starts with
// one of the words the grammar reads as a keyword (journey, title, section,
// accTitle, accDescr) gets a zero-width space in front. Titles are cut to
// 120 characters, section, task and actor names to 80, with '…'. An empty
// name falls back to the element's id.
package mermaid

import (
	"bufio"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
)

// Length limits, in characters, for the cleaned text.
const (
	maxTitle = 120
	maxName  = 80
)

// NoEmotionScore is the score given to a touchpoint without an emotion.
const NoEmotionScore = 3

// NoEmotionMark is appended to the name of a touchpoint without an emotion.
const NoEmotionMark = " (?)"

// Write writes the map of in as a Mermaid journey diagram.
func Write(w io.Writer, in *render.Input) error {
	m := in.Map
	if m == nil {
		return errors.New("mermaid: no map to write")
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("journey\n")
	if t := clean(m.Title, maxTitle, false); t != "" {
		bw.WriteString("  title " + t + "\n")
	} else if m.ID != "" {
		bw.WriteString("  title " + clean(m.ID, maxTitle, false) + "\n")
	}
	if d := clean(m.Description, 4*maxTitle, false); d != "" {
		bw.WriteString("  accDescr: " + d + "\n")
	}
	for i := range m.Stages {
		s := &m.Stages[i]
		name := clean(s.Name, maxName, false)
		if name == "" {
			name = clean(s.ID, maxName, false)
		}
		bw.WriteString("  section " + name + "\n")
		for j := range s.Touchpoints {
			t := &s.Touchpoints[j]
			bw.WriteString("    " + task(m, t) + "\n")
		}
	}
	return bw.Flush()
}

// task returns the task line of t: "name: score" or "name: score: actor".
func task(m *journey.Map, t *journey.Touchpoint) string {
	name := clean(t.Name, maxName, false)
	if name == "" {
		name = clean(t.ID, maxName, false)
	}
	name = guardKeyword(name)
	score := NoEmotionScore
	if v, ok := t.MeanEmotion(); ok && !math.IsNaN(v) {
		score = int(math.Max(1, math.Min(5, math.Round(v))))
	} else {
		name += NoEmotionMark
	}
	line := name + ": " + strconv.Itoa(score)
	if t.Owner != "" {
		actor := t.Owner
		if o := m.OwnerByID(t.Owner); o != nil && strings.TrimSpace(o.Name) != "" {
			actor = o.Name
		}
		if a := clean(actor, maxName, true); a != "" {
			line += ": " + a
		}
	}
	return line
}

// keywords are the words Mermaid's journey lexer matches before a task name
// (case-insensitively).
var keywords = []string{"journey", "title", "section", "acctitle", "accdescr"}

// guardKeyword puts a zero-width space in front of a task name that the
// lexer would otherwise read as a keyword.
func guardKeyword(s string) string {
	l := strings.ToLower(s)
	for _, k := range keywords {
		if strings.HasPrefix(l, k) {
			return "\u200b" + s
		}
	}
	return s
}

// clean makes s safe for one line of a Mermaid journey: see the package
// documentation for the replacements. actor also replaces ','. The result
// is cut to limit characters.
func clean(s string, limit int, actor bool) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == ':':
			r = '\u2236'
		case r == '#':
			r = '\uff03'
		case r == ';':
			r = ','
		case r == ',' && actor:
			r = '\u201a'
		case r == '<':
			r = '\u2039'
		case r == '>':
			r = '\u203a'
		case r == '{':
			r = '('
		case r == '}':
			r = ')'
		case r == '%' && strings.HasSuffix(b.String(), "%"):
			continue
		case unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return truncate(b.String(), limit)
}

// truncate cuts s to limit characters, the last one an ellipsis.
func truncate(s string, limit int) string {
	r := []rune(s)
	if len(r) <= limit {
		return s
	}
	return strings.TrimRight(string(r[:limit-1]), " ") + "…"
}
