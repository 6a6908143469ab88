// Package mermaid turns a Mermaid user-journey diagram into a journey map:
// sections become stages, tasks touchpoints, scores emotions, the first
// actor the owner and the others the touchpoint's actors.
//
// The parser follows Mermaid 11 itself: its preprocessing (YAML front
// matter at the very start, %%{...}%% directives and %% comment lines
// removed, then the text must start with the keyword journey, in lower
// case) and then its journey.jison lexer rule by rule, in its order, with
// the grammar's statements:
//
//	title TEXT                  the diagram title (up to # or ;)
//	accTitle: TEXT              accessible title, the rest of the line
//	accDescr: TEXT              accessible description, the rest of the line
//	accDescr { TEXT }           accessible description, several lines
//	section NAME                a section (up to #, : or ;)
//	NAME: SCORE[: ACTOR, ...]   a task, with or without actors
//
// Keywords are case-insensitive (but not the journey of the first line), #
// and % start a comment, so does any character followed by %%, and a
// statement's keyword is read before a task name (a task named
// "Title page" is a title). Scores are read as JavaScript's Number() does:
// Mermaid accepts a score that is no number and draws it at NaN. What
// Mermaid rejects is an error with its line and column; what Mermaid
// accepts but a map cannot hold is a note. Testdata/corpus.txtar holds
// diagrams written from Mermaid's grammar, documentation and tests, and
// corpus.mermaid11.json what Mermaid 11 itself makes of each.
package mermaid

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/journey-cx/journey/journey"
)

// Diagram is a parsed Mermaid user-journey diagram.
type Diagram struct {
	Title       string      // from the last title statement, else the front matter
	TitlePos    journey.Pos // 0 when the title comes from the front matter or is absent
	Titles      int         // how many title statements (and front matter titles) there are
	AccTitle    string
	AccDescr    string
	Sections    []Section // in order; tasks before any section sit in one with an empty Name
	Directives  []journey.Pos
	FrontMatter bool // the diagram has a YAML front matter
	FrontConfig bool // the front matter holds more than a title (configuration)
}

// Section is one section with its tasks.
type Section struct {
	Name  string // "" for tasks written before any section
	Pos   journey.Pos
	Tasks []Task
}

// Task is one step of the journey.
type Task struct {
	Name      string
	Pos       journey.Pos
	Score     float64 // as Number() reads the score: 0 when blank, NaN when it is no number
	ScoreText string  // the score as written, trimmed
	HasScore  bool    // a number was written
	ScorePos  journey.Pos
	Actors    []string // trimmed, without empty ones
	Extra     string   // text after a second ':' following the actors, which Mermaid ignores
	ExtraPos  journey.Pos
	Multiline bool // the name held an HTML line break (<br>), turned into a space
}

// Parse reads a Mermaid user-journey diagram. file is the name diagnostics
// use. The diagram is nil when diagnostics hold an error.
func Parse(file string, src []byte) (*Diagram, journey.Diagnostics) {
	p := &parser{file: file, d: &Diagram{}}
	p.run(src)
	if p.diags.HasErrors() {
		p.diags.Sort()
		return nil, p.diags
	}
	return p.d, p.diags
}

type parser struct {
	file  string
	d     *Diagram
	diags journey.Diagnostics
	text  string // the source with line breaks as \n; what preprocessing removes is blanked
	lines []int  // byte offset of each line's start
	cur   *Section
}

func (p *parser) errorf(off int, format string, args ...any) {
	if len(p.diags) >= 100 {
		return
	}
	d := journey.Diagnostic{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: p.file, Message: fmt.Sprintf(format, args...)}
	if off >= 0 {
		pos := p.pos(off)
		d.Line, d.Column = pos.Line, pos.Column
	}
	p.diags = append(p.diags, d)
}

// pos returns the line and character column of byte offset off.
func (p *parser) pos(off int) journey.Pos {
	off = min(max(off, 0), len(p.text))
	lo, hi := 0, len(p.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if p.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return journey.Pos{Line: lo + 1, Column: 1 + utf8.RuneCountInString(p.text[p.lines[lo]:off])}
}

func (p *parser) run(src []byte) {
	if !utf8.Valid(src) {
		p.errorf(-1, "file is not UTF-8 text; save it as UTF-8")
		return
	}
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	p.text = strings.ReplaceAll(text, "\r", "\n")
	p.lines = []int{0}
	for i := 0; i < len(p.text); i++ {
		if p.text[i] == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	if !p.preprocess() {
		return
	}
	start := strings.IndexFunc(p.text, func(r rune) bool { return !jsSpace(r) })
	if start < 0 || !strings.HasPrefix(p.text[start:], "journey") {
		p.notJourney(start)
		return
	}
	p.parse(start)
}

// notJourney reports a text that Mermaid does not detect as a journey.
func (p *parser) notJourney(start int) {
	if start < 0 {
		p.errorf(-1, "not a Mermaid user-journey diagram: the keyword `journey` is missing")
		return
	}
	word := p.text[start:]
	if j := strings.IndexFunc(word, jsSpace); j >= 0 {
		word = word[:j]
	}
	if strings.HasPrefix(strings.ToLower(word), "journey") {
		p.errorf(start, "Mermaid detects a user-journey diagram by `journey` in lower case, not %q", clip(word))
		return
	}
	p.errorf(start, "not a Mermaid user-journey diagram: it starts with %q, not `journey`", clip(word))
}

// blank replaces b[from:to] with spaces, keeping line breaks, so what
// preprocessing removes keeps every position. It works on one copy of the
// text, made once, so removing many comments stays linear.
func blank(b []byte, from, to int) {
	for i := from; i < to; i++ {
		if b[i] != '\n' {
			b[i] = ' '
		}
	}
}

// frontMatterRe is Mermaid's front matter: at the very start of the text.
var frontMatterRe = regexp.MustCompile(`^-{3}[ \t\f\v]*\n((?s:.*?))\n-{3}[ \t\f\v]*(?:\n+|$)`)

// commentLineRe is Mermaid's cleanupComments: a line of %% and a comment
// (not a %%{ directive).
var commentLineRe = regexp.MustCompile(`(?m)^[ \t\f\v]*%%[^{\n][^\n]*`)

// preprocess does what Mermaid does before it lexes: it reads and removes
// the front matter, the directives and the comment lines. It reports
// whether the text can be lexed.
func (p *parser) preprocess() bool {
	b := []byte(p.text)
	if m := frontMatterRe.FindStringSubmatchIndex(p.text); m != nil {
		p.d.FrontMatter = true
		p.frontMatter(p.text[m[2]:m[3]], m[2])
		blank(b, 0, m[1])
	} else if strings.HasPrefix(p.text, "---") && strings.TrimRight(p.text[:p.lineEnd(0)], " \t") == "---" {
		p.errorf(0, "front matter opened with --- is never closed")
		return false
	}
	// Directives: each search goes on after the last one removed (blanking
	// leaves no %%{ behind it), so the text is read once.
	for from := 0; ; {
		i := bytes.Index(b[from:], []byte("%%{"))
		if i < 0 {
			break
		}
		i += from
		j := bytes.Index(b[i:], []byte("}%%"))
		if j < 0 {
			p.errorf(i, "directive opened with %%%%{ is never closed with }%%%%")
			return false
		}
		p.d.Directives = append(p.d.Directives, p.pos(i))
		blank(b, i, i+j+3)
		from = i + j + 3
	}
	for _, m := range commentLineRe.FindAllIndex(b, -1) {
		blank(b, m[0], m[1])
	}
	p.text = string(b)
	return !p.diags.HasErrors()
}

// lineEnd returns the offset of the end of the line holding off.
func (p *parser) lineEnd(off int) int {
	if j := strings.IndexByte(p.text[off:], '\n'); j >= 0 {
		return off + j
	}
	return len(p.text)
}

// frontMatter reads the title of a front matter body that starts at off.
func (p *parser) frontMatter(body string, off int) {
	var fm map[string]any
	if err := yaml.Unmarshal([]byte(body), &fm); err != nil {
		p.errorf(off, "front matter is not valid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		return
	}
	for k, v := range fm {
		if k != "title" {
			p.d.FrontConfig = true
			continue
		}
		if s, ok := v.(string); ok {
			p.d.Title = s
			p.d.Titles++
		} else if v != nil {
			p.d.Title = fmt.Sprint(v)
			p.d.Titles++
		}
	}
}

// parse reads the statements after the journey keyword at off, token by
// token, as journey.jison's grammar does.
func (p *parser) parse(off int) {
	lx := &lexer{text: p.text, off: off}
	if tk := lx.next(); tk.kind != tJourney {
		p.errorf(tk.off, "not a Mermaid user-journey diagram: %q is not the keyword `journey`", clip(tk.text))
		return
	}
	for {
		tk := lx.next()
		switch tk.kind {
		case tEOF:
			return
		case tNewline:
		case tTitle:
			p.title(tk)
		case tAccTitle:
			v := lx.next() // the lexer's acc_title state gives the value
			if v.kind != tAccTitleValue {
				p.errorf(v.off, "accTitle: needs a text")
				return
			}
			p.d.AccTitle = strings.TrimFunc(v.text, jsSpace)
		case tAccDescr, tAccDescrMulti:
			open := tk
			if tk = lx.next(); tk.kind != tAccDescrValue {
				if open.kind == tAccDescrMulti {
					p.errorf(open.off+strings.IndexByte(open.text, '{'), "accDescr { is never closed with }")
				} else {
					p.errorf(tk.off, "accDescr: needs a text")
				}
				return
			}
			p.d.AccDescr = accDescr(tk.text)
		case tSection:
			name, _ := breaks(tk.text[8:])
			p.d.Sections = append(p.d.Sections, Section{Name: name, Pos: p.pos(tk.off)})
			p.cur = &p.d.Sections[len(p.d.Sections)-1]
		case tTaskName:
			data := lx.next()
			if data.kind != tTaskData {
				p.taskWithout(tk, data)
				return
			}
			p.task(tk, data)
		default:
			p.unexpected(tk)
			return
		}
	}
}

// title keeps a title statement's text: Mermaid's substr(6).
func (p *parser) title(tk token) {
	v := strings.TrimFunc(tk.text[6:], jsSpace)
	if v == "" {
		return // blank titles draw nothing
	}
	p.d.Title, p.d.TitlePos = v, p.pos(tk.off)
	p.d.Titles++
}

// accDescr is Mermaid's accessible description: trimmed, and the
// indentation of each line after the first dropped.
func accDescr(s string) string {
	lines := strings.Split(strings.TrimFunc(s, jsSpace), "\n")
	for i := range lines {
		lines[i] = strings.TrimFunc(lines[i], jsSpace)
	}
	out := strings.Join(lines, "\n")
	for strings.Contains(out, "\n\n") {
		out = strings.ReplaceAll(out, "\n\n", "\n") // \n\s+ eats blank lines too
	}
	return out
}

// taskWithout reports a task name that no task data follows.
func (p *parser) taskWithout(name, next token) {
	n := strings.TrimFunc(name.text, jsSpace)
	if next.kind == tColon {
		p.errorf(next.off, "task %q needs a score after ':' (name: score: actors)", clip(n))
		return
	}
	if next.kind == tInvalid && next.text == ";" {
		p.errorf(next.off, "unexpected ';': Mermaid's journey diagrams take one statement per line")
		return
	}
	p.errorf(name.off, "expected a task (name: score: actors), a section or a title, got %q", clip(n))
}

// unexpected reports a token the grammar does not take where it stands.
func (p *parser) unexpected(tk token) {
	switch {
	case tk.kind == tJourney:
		p.errorf(tk.off, "`journey` starts the diagram only: Mermaid reads it as a keyword anywhere else, even at the start of a task name")
	case tk.kind == tTaskData && len(p.d.Sections) > 0 && p.lastWasSection(tk.off):
		p.errorf(tk.off, "a section name cannot hold ':' (Mermaid reads the rest as a task)")
	case tk.kind == tTaskData || tk.kind == tColon:
		p.errorf(tk.off, "unexpected ':': a task starts with its name (name: score: actors)")
	case tk.text == ";":
		p.errorf(tk.off, "unexpected ';': Mermaid's journey diagrams take one statement per line")
	default:
		p.errorf(tk.off, "unexpected %q", clip(tk.text))
	}
}

// lastWasSection reports whether the section statement last read ends
// right before off, on its line.
func (p *parser) lastWasSection(off int) bool {
	s := p.d.Sections[len(p.d.Sections)-1]
	return len(s.Tasks) == 0 && s.Pos.Line == p.pos(off).Line
}

// task adds the task of name and data (":score[:actors[:ignored]]").
func (p *parser) task(name, data token) {
	t := Task{Pos: p.pos(name.off)}
	t.Name, t.Multiline = breaks(name.text)
	if t.Name == "" {
		p.errorf(name.off, "task has no name")
		return
	}
	pieces := strings.Split(data.text[1:], ":")
	t.ScoreText = strings.TrimFunc(pieces[0], jsSpace)
	t.ScorePos = p.pos(data.off + 1 + len(pieces[0]) - len(strings.TrimLeftFunc(pieces[0], jsSpace)))
	t.Score = jsNumber(pieces[0])
	t.HasScore = t.ScoreText != "" && !math.IsNaN(t.Score)
	if len(pieces) > 1 {
		for _, a := range strings.Split(pieces[1], ",") {
			if a = cleanName(a); a != "" {
				t.Actors = append(t.Actors, a)
			}
		}
	}
	if len(pieces) > 2 {
		if extra := strings.TrimSpace(strings.Join(pieces[2:], ":")); extra != "" {
			t.Extra = extra
			t.ExtraPos = p.pos(data.off + 1 + len(pieces[0]) + 1 + len(pieces[1]) + 1)
		}
	}
	if p.cur == nil {
		p.d.Sections = append(p.d.Sections, Section{Pos: t.Pos})
		p.cur = &p.d.Sections[len(p.d.Sections)-1]
	}
	p.cur.Tasks = append(p.cur.Tasks, t)
}

// jsNumber converts s as JavaScript's Number() does: white space trimmed,
// "" is 0, 0x/0o/0b integers, Infinity, decimal literals; anything else
// is NaN.
func jsNumber(s string) float64 {
	s = strings.TrimFunc(s, jsSpace)
	if s == "" {
		return 0
	}
	if len(s) > 2 && s[0] == '0' {
		base := map[byte]int{'x': 16, 'X': 16, 'o': 8, 'O': 8, 'b': 2, 'B': 2}[s[1]]
		if base != 0 {
			if strings.ContainsAny(s[2:], "_+-") {
				return math.NaN()
			}
			v, err := strconv.ParseUint(s[2:], base, 64)
			if err != nil {
				if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
					return math.Inf(1)
				}
				return math.NaN()
			}
			return float64(v)
		}
	}
	switch strings.TrimLeft(s, "+-") {
	case "Infinity":
		if s[0] == '-' {
			return math.Inf(-1)
		}
		if s == "Infinity" || s == "+Infinity" {
			return math.Inf(1)
		}
	}
	if !decimalRe.MatchString(s) {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && !strings.Contains(err.Error(), "range") {
		return math.NaN()
	}
	return v
}

// decimalRe is JavaScript's StrDecimalLiteral, with a sign.
var decimalRe = regexp.MustCompile(`^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)

// breaks turns Mermaid's HTML line breaks (<br>, <br/>, <br />, </br>)
// into spaces and cleans the name; it reports whether there were any.
// Case is folded for ASCII letters only, as JavaScript's /i does for these
// (strings.ToLower would change the length of some letters, İ, and the
// offsets with it).
func breaks(s string) (string, bool) {
	low := asciiLower(s)
	var b strings.Builder
	found := false
	for i := 0; i < len(s); {
		if end := breakAt(low, i); end > 0 {
			b.WriteByte(' ')
			i = end
			found = true
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return cleanName(b.String()), found
}

// breakAt returns the offset after the line break <br>, </br>, <br/> or
// <br / > (with white space before and after the /) at i, or 0. It reads
// no further than the break's own white space, so a name is read once.
func breakAt(low string, i int) int {
	switch {
	case strings.HasPrefix(low[i:], "<br"):
		i += 3
	case strings.HasPrefix(low[i:], "</br"):
		i += 4
	default:
		return 0
	}
	space := func(i int) int {
		for i < len(low) {
			r, n := utf8.DecodeRuneInString(low[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
		return i
	}
	i = space(i)
	if i < len(low) && low[i] == '/' {
		i = space(i + 1)
	}
	if i < len(low) && low[i] == '>' {
		return i + 1
	}
	return 0
}

// asciiLower lowers the ASCII letters of s, keeping every byte's offset.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// cleanName trims a name (and the zero-width spaces `journey render`
// puts before a name that would read as a keyword) and collapses its runs
// of white space.
func cleanName(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return jsSpace(r) || r == '\u200b' })
	return strings.Join(strings.FieldsFunc(s, jsSpace), " ")
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}
