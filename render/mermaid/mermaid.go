// Package mermaid writes a journey map as a Mermaid user-journey diagram
// (https://mermaid.js.org/syntax/userJourney.html), the kind GitHub, GitLab
// and most Markdown viewers draw inline from a ```mermaid block.
//
// The mapping:
//
//   - the map's title becomes the diagram title, its description accDescr
//     (in an accDescr { } block when it has several lines);
//   - every stage becomes a section, in file order (a stage with no
//     touchpoints is kept as an empty section, which Mermaid does not draw);
//   - every touchpoint becomes a task, in file order;
//   - the task score is the touchpoint's emotion as written (4.5 stays
//     4.5: Mermaid takes any number); with emotions per persona, their mean,
//     with a warning;
//   - the task's actors are the touchpoint owner's name (the id when the
//     owner is not declared), then the touchpoint's actors, in order.
//
// Mermaid requires a score on every task. A touchpoint without an emotion
// is drawn at 3, the neutral middle of the scale, so it neither lifts nor
// sinks the curve, and its name is suffixed with " (?)" so the reader can
// tell an unmeasured step from a neutral one (`journey import mermaid`
// reads it back as no emotion).
//
// Mermaid's journey grammar (journey.jison) has no quoting or escaping, so
// only what it cannot read is changed, where it cannot read it, and Check
// lists each change: line breaks become spaces (except in accDescr { });
// '#' (a comment) becomes '＃' and ';' (an error) '；' in titles, section,
// task and actor names; ':' becomes '∶' in section, task and actor names
// (it ends them; a title or accDescr keeps it) and ',' becomes '‚' in an
// actor name (it separates actors); '}' becomes '｝' in a multi-line
// accDescr. Mermaid runs the title and accDescr through an HTML sanitizer,
// which may drop what reads as a tag: Check warns. A task name the lexer would read as a statement or a comment
// (one that starts with journey, title, section, accTitle: or accDescr:,
// with %, or whose second and third characters are %%) gets a zero-width
// space in front, which the importer drops. Nothing is cut.
package mermaid

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
)

// NoEmotionScore is the score given to a touchpoint without an emotion.
const NoEmotionScore = 3

// NoEmotionMark is appended to the name of a touchpoint without an emotion.
const NoEmotionMark = " (?)"

// Write writes the map of in as a Mermaid journey diagram.
func Write(w io.Writer, in *render.Input) error {
	if in == nil || in.Map == nil {
		return errors.New("mermaid: no map to write")
	}
	bw := bufio.NewWriter(w)
	(&writer{m: in.Map, w: bw}).diagram()
	return bw.Flush()
}

// Check returns what the diagram of m cannot carry as the map holds it,
// one warning per change: `journey render` prints them on standard error.
func Check(m *journey.Map) []string {
	if m == nil {
		return nil
	}
	wr := &writer{m: m, w: bufio.NewWriter(io.Discard)}
	wr.diagram()
	return wr.warnings
}

// writer writes one diagram and notes what it had to change.
type writer struct {
	m        *journey.Map
	w        *bufio.Writer
	warnings []string
}

func (wr *writer) warnf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	for _, w := range wr.warnings {
		if w == msg {
			return // an owner's name is written on each of its tasks
		}
	}
	wr.warnings = append(wr.warnings, msg)
}

func (wr *writer) diagram() {
	m := wr.m
	wr.w.WriteString("journey\n")
	title := m.Title
	if strings.TrimSpace(title) == "" {
		title = m.ID
	}
	if tagRe.MatchString(title) {
		wr.warnf("the title: Mermaid's HTML sanitizer may drop what reads as a tag (<...>) from it")
	}
	if tagRe.MatchString(m.Description) {
		wr.warnf("the description: Mermaid's HTML sanitizer may drop what reads as a tag (<...>) from it")
	}
	if t := wr.text("the title", title, "#;"); t != "" {
		wr.w.WriteString("  title " + t + "\n")
	}
	wr.description()
	for i := range m.Stages {
		s := &m.Stages[i]
		name := s.Name
		if strings.TrimSpace(name) == "" {
			name = s.ID
		}
		wr.w.WriteString("  section " + wr.text(fmt.Sprintf("stage %q", s.ID), name, "#:;") + "\n")
		for j := range s.Touchpoints {
			wr.w.WriteString("    " + wr.task(&s.Touchpoints[j]) + "\n")
		}
	}
}

// description writes accDescr: on one line, or in a { } block when the
// description has several lines.
func (wr *writer) description() {
	d := strings.TrimSpace(wr.m.Description)
	if d == "" {
		return
	}
	if !strings.ContainsAny(d, "\n\r\u2028\u2029") {
		wr.w.WriteString("  accDescr: " + oneLine(d) + "\n")
		return
	}
	lines := strings.FieldsFunc(d, func(r rune) bool { return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' })
	kept := make([]string, 0, len(lines))
	for _, l := range lines {
		if l = oneLine(l); l != "" {
			kept = append(kept, l)
		}
	}
	if strings.Count(d, "\n")+1 != len(kept) {
		wr.warnf("the description's blank lines are not kept (Mermaid drops them)")
	}
	block := strings.Join(kept, "\n    ")
	if strings.Contains(block, "}") {
		wr.warnf("the description's '}' is written '｝' (it would close accDescr { })")
		block = strings.ReplaceAll(block, "}", "｝")
	}
	wr.w.WriteString("  accDescr {\n    " + block + "\n  }\n")
}

// look-alikes of the characters Mermaid reserves.
var lookAlike = map[rune]rune{'#': '＃', ';': '；', ':': '∶', ',': '‚'}

// text makes s one line for Mermaid with the characters of reserved
// replaced, and warns about what changed (what names the text).
func (wr *writer) text(what, s string, reserved string) string {
	out := oneLine(s)
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' }) >= 0 {
		wr.warnf("%s: line breaks, tabs and control characters become spaces", what)
	}
	var changed []string
	out = strings.Map(func(r rune) rune {
		if strings.ContainsRune(reserved, r) {
			changed = append(changed, fmt.Sprintf("'%c' is written '%c'", r, lookAlike[r]))
			return lookAlike[r]
		}
		return r
	}, out)
	if len(changed) > 0 {
		wr.warnf("%s: %s (Mermaid reserves it there)", what, strings.Join(dedupe(changed), ", "))
	}
	return out
}

func dedupe(s []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// oneLine turns line breaks, tabs and control characters into spaces and
// collapses runs of white space.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\ufeff'
	}), " ")
}

// task returns the task line of t: "name: score" or "name: score: actors".
func (wr *writer) task(t *journey.Touchpoint) string {
	what := fmt.Sprintf("touchpoint %q", t.ID)
	name := t.Name
	if strings.TrimSpace(name) == "" {
		name = t.ID
	}
	name = guard(wr.text(what+" name", name, "#:;"))
	if brRe.MatchString(name) {
		wr.warnf("%s name: Mermaid draws its <br> as a line break", what)
	}
	score := strconv.Itoa(NoEmotionScore)
	if v, ok := t.MeanEmotion(); ok && !math.IsNaN(v) {
		score = strconv.FormatFloat(v, 'f', -1, 64)
		if len(t.Emotion) > 1 {
			score = strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
			wr.warnf("%s: Mermaid holds one score: the emotions of %d personas are written as their mean, %s", what, len(t.Emotion), score)
		}
	} else {
		name += NoEmotionMark
	}
	line := name + ": " + score
	var actors []string
	if t.Owner != "" {
		actor := t.Owner
		if o := wr.m.OwnerByID(t.Owner); o != nil && strings.TrimSpace(o.Name) != "" {
			actor = o.Name
		}
		actors = append(actors, wr.text(fmt.Sprintf("owner %q", t.Owner), actor, "#:;,"))
	}
	for _, a := range t.Actors {
		actors = append(actors, wr.text(fmt.Sprintf("touchpoint %q actor", t.ID), a, "#:;,"))
	}
	if len(actors) > 0 {
		line += ": " + strings.Join(actors, ", ")
	}
	return line
}

// tagRe matches text that reads as an HTML tag.
var tagRe = regexp.MustCompile(`<[A-Za-z!/?]`)

// brRe matches an HTML line break, which Mermaid draws as one.
var brRe = regexp.MustCompile(`(?i)<\s*/?\s*br\s*/?\s*>`)

// statementRe matches what journey.jison's lexer reads before a task name:
// the keywords (case-insensitive) and comments.
var statementRe = regexp.MustCompile(`(?i)^(?:journey\b|title` + jsSpace + `|section` + jsSpace + `|acctitle` + jsSpace + `*:|accdescr` + jsSpace + `*[:{]|%|.%%)`)

// jsSpace is JavaScript's \s, which the lexer's rules use.
const jsSpace = `[\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]`

// guard puts zero-width spaces in front of a task name until the lexer
// reads it as a task name: a name that starts with a keyword, with %, or
// whose second and third characters are %% (a comment).
func guard(s string) string {
	for statementRe.MatchString(s) {
		s = "\u200b" + s
	}
	return s
}
