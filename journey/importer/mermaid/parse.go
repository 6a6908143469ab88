// Package mermaid turns a Mermaid user-journey diagram into a journey map:
// sections become stages, tasks touchpoints, scores emotions and actors
// owners.
//
// The parser follows Mermaid's own grammar (journey.jison and its tests):
// an optional YAML front matter (--- title: ... ---) and %%{...}%%
// directives, then the keyword journey, then statements, one per line:
//
//	title TEXT                  the diagram title (up to # or ;)
//	accTitle: TEXT              accessible title
//	accDescr: TEXT              accessible description, one line
//	accDescr { TEXT }           accessible description, several lines
//	section NAME                a section (up to #, : or ;)
//	NAME: SCORE[: ACTOR, ...]   a task, with or without actors
//
// Keywords are case-insensitive. Lines starting with %% are comments, and
// # starts a comment anywhere. What Mermaid rejects (a task without a
// score, a ';', a section name with ':') is an error with its line and
// column; what Mermaid accepts but a map cannot hold is a note.
package mermaid

import (
	"fmt"
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
	Score     float64 // valid when HasScore
	HasScore  bool    // false when the score is left blank ("task: " is an error, "task:  :x" is blank)
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
	file   string
	d      *Diagram
	diags  journey.Diagnostics
	lines  []string
	line   int // 0-based index of the current line
	header bool
	cur    *Section
}

func (p *parser) errorf(line, col int, format string, args ...any) {
	if len(p.diags) >= 100 {
		return
	}
	p.diags = append(p.diags, journey.Diagnostic{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: p.file,
		Line: line, Column: col, Message: fmt.Sprintf(format, args...)})
}

// col returns the 1-based character column of byte offset off in line i.
func (p *parser) col(i, off int) int {
	return 1 + utf8.RuneCountInString(p.lines[i][:off])
}

func (p *parser) pos(i, off int) journey.Pos { return journey.Pos{Line: i + 1, Column: p.col(i, off)} }

func (p *parser) run(src []byte) {
	if !utf8.Valid(src) {
		p.errorf(0, 0, "file is not UTF-8 text; save it as UTF-8")
		return
	}
	text := strings.TrimPrefix(string(src), "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	p.lines = strings.Split(text, "\n")
	p.frontMatter()
	for ; p.line < len(p.lines); p.line++ {
		p.statements(0)
	}
	if !p.header && !p.diags.HasErrors() {
		p.errorf(0, 0, "not a Mermaid user-journey diagram: the keyword `journey` is missing")
	}
}

// frontMatter reads a leading --- block: its title is the diagram's.
func (p *parser) frontMatter() {
	i := 0
	for i < len(p.lines) && strings.TrimSpace(p.lines[i]) == "" {
		i++
	}
	if i >= len(p.lines) || strings.TrimRight(p.lines[i], " \t") != "---" {
		return
	}
	start := i
	for j := i + 1; j < len(p.lines); j++ {
		if strings.TrimRight(p.lines[j], " \t") != "---" {
			continue
		}
		p.d.FrontMatter = true
		var fm map[string]any
		body := strings.Join(p.lines[start+1:j], "\n")
		if err := yaml.Unmarshal([]byte(body), &fm); err != nil {
			p.errorf(start+1, 1, "front matter is not valid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		}
		for k, v := range fm {
			if k == "title" {
				if s, ok := v.(string); ok {
					p.d.Title = s
					p.d.Titles++
				} else if v != nil {
					p.d.Title = fmt.Sprint(v)
					p.d.Titles++
				}
			} else {
				p.d.FrontConfig = true
			}
		}
		p.line = j + 1
		return
	}
	p.errorf(start+1, 1, "front matter opened with --- is never closed")
	p.line = len(p.lines)
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\f' || b == '\v' }

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// keyword reports whether s at i starts with word (case-insensitive).
func keyword(s string, i int, word string) bool {
	return len(s)-i >= len(word) && strings.EqualFold(s[i:i+len(word)], word)
}

// statements parses line p.line from byte offset off.
func (p *parser) statements(off int) {
	s := p.lines[p.line]
	i := skipSpace(s, off)
	if i >= len(s) {
		return
	}
	if off == 0 && strings.HasPrefix(s[i:], "%%") {
		if strings.HasPrefix(s[i:], "%%{") {
			p.directive(i)
		}
		return // a comment line
	}
	if s[i] == '#' {
		return
	}
	if !p.header {
		if keyword(s, i, "journey") && (i+7 == len(s) || isSpace(s[i+7]) || s[i+7] == '#') {
			p.header = true
			p.statements(i + 7)
			return
		}
		word := s[i:]
		if j := strings.IndexAny(word, " \t"); j >= 0 {
			word = word[:j]
		}
		p.errorf(p.line+1, p.col(p.line, i), "not a Mermaid user-journey diagram: it starts with %q, not `journey`", clip(word))
		p.line = len(p.lines)
		return
	}
	switch {
	case keyword(s, i, "title") && i+5 < len(s) && isSpace(s[i+5]):
		v, end := p.value(i+6, "#;")
		p.end(end)
		if v = strings.TrimSpace(v); v == "" {
			return // Mermaid accepts an empty title: no title
		}
		p.d.Title, p.d.TitlePos = v, p.pos(p.line, i)
		p.d.Titles++
	case keyword(s, i, "accTitle") && strings.HasPrefix(s[skipSpace(s, i+8):], ":"):
		j := skipSpace(s, i+8) + 1
		p.d.AccTitle = strings.TrimSpace(s[j:])
	case keyword(s, i, "accDescr") && strings.HasPrefix(s[skipSpace(s, i+8):], ":"):
		j := skipSpace(s, i+8) + 1
		p.d.AccDescr = strings.TrimSpace(s[j:])
	case keyword(s, i, "accDescr") && strings.HasPrefix(s[skipSpace(s, i+8):], "{"):
		p.accDescrBlock(skipSpace(s, i+8) + 1)
	case keyword(s, i, "section") && i+7 < len(s) && isSpace(s[i+7]):
		v, end := p.value(i+8, "#:;")
		if end < len(s) && s[end] == ':' {
			p.errorf(p.line+1, p.col(p.line, end), "a section name cannot hold ':' (Mermaid reads the rest as a task)")
			return
		}
		p.end(end)
		name, _ := breaks(v)
		p.d.Sections = append(p.d.Sections, Section{Name: name, Pos: p.pos(p.line, i)})
		p.cur = &p.d.Sections[len(p.d.Sections)-1]
	default:
		p.task(i)
	}
}

// value returns the text of line p.line from off up to the first byte of
// stops (or the end of the line), and where it stopped.
func (p *parser) value(off int, stops string) (string, int) {
	s := p.lines[p.line]
	if off > len(s) {
		off = len(s)
	}
	end := len(s)
	if j := strings.IndexAny(s[off:], stops); j >= 0 {
		end = off + j
	}
	return s[off:end], end
}

// end checks what stops a value: the end of the line, a comment, or a ';'
// (which Mermaid rejects).
func (p *parser) end(at int) {
	s := p.lines[p.line]
	if at < len(s) && s[at] == ';' {
		p.errorf(p.line+1, p.col(p.line, at), "unexpected ';': Mermaid's journey diagrams take one statement per line")
	}
}

func (p *parser) directive(at int) {
	start := journey.Pos{Line: p.line + 1, Column: p.col(p.line, at)}
	for ; p.line < len(p.lines); p.line++ {
		if strings.Contains(p.lines[p.line], "}%%") {
			p.d.Directives = append(p.d.Directives, start)
			return
		}
	}
	p.errorf(start.Line, start.Column, "directive opened with %%%%{ is never closed with }%%%%")
}

func (p *parser) accDescrBlock(off int) {
	start := p.line
	var b strings.Builder
	s := p.lines[p.line][off:]
	for {
		if j := strings.IndexByte(s, '}'); j >= 0 {
			b.WriteString(s[:j])
			// Mermaid drops the indentation of continuation lines.
			v := strings.TrimSpace(b.String())
			lines := strings.Split(v, "\n")
			for k := range lines {
				lines[k] = strings.TrimSpace(lines[k])
			}
			p.d.AccDescr = strings.Join(lines, "\n")
			rest := len(p.lines[p.line]) - len(s) + j + 1
			p.statements(rest)
			return
		}
		b.WriteString(s)
		b.WriteByte('\n')
		p.line++
		if p.line >= len(p.lines) {
			p.errorf(start+1, p.col(start, off-1), "accDescr { is never closed with }")
			return
		}
		s = p.lines[p.line]
	}
}

func (p *parser) task(at int) {
	s := p.lines[p.line]
	name, end := p.value(at, "#:;")
	if end >= len(s) || s[end] != ':' {
		if end < len(s) && s[end] == ';' {
			p.end(end)
			return
		}
		p.errorf(p.line+1, p.col(p.line, at), "expected a task (name: score: actors), a section or a title, got %q", clip(strings.TrimSpace(name)))
		return
	}
	colon := end
	data, dend := p.value(colon+1, "#;")
	p.end(dend)
	if data == "" {
		p.errorf(p.line+1, p.col(p.line, colon), "task %q needs a score after ':' (name: score: actors)", clip(strings.TrimSpace(name)))
		return
	}
	t := Task{Pos: p.pos(p.line, at)}
	t.Name, t.Multiline = breaks(name)
	if t.Name == "" {
		p.errorf(p.line+1, p.col(p.line, at), "task has no name")
		return
	}
	pieces := strings.Split(data, ":")
	scoreText := strings.TrimSpace(pieces[0])
	t.ScorePos = p.pos(p.line, colon+1+skipSpace(data, 0))
	if scoreText != "" {
		f, err := strconv.ParseFloat(scoreText, 64)
		if err != nil || f != f || f > 1e9 || f < -1e9 {
			p.errorf(t.ScorePos.Line, t.ScorePos.Column, "task %q has the score %q: a score is a number, 1 (very unhappy) to 5 (very happy)", clip(t.Name), clip(scoreText))
			return
		}
		t.Score, t.HasScore = f, true
	}
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
			off := colon + 1 + len(pieces[0]) + 1 + len(pieces[1]) + 1
			t.ExtraPos = p.pos(p.line, off)
		}
	}
	if p.cur == nil {
		p.d.Sections = append(p.d.Sections, Section{Pos: t.Pos})
		p.cur = &p.d.Sections[len(p.d.Sections)-1]
	}
	p.cur.Tasks = append(p.cur.Tasks, t)
}

// breaks turns Mermaid's HTML line breaks (<br>, <br/>, <br />) into
// spaces and cleans the name; it reports whether there were any.
func breaks(s string) (string, bool) {
	low := strings.ToLower(s)
	var b strings.Builder
	found := false
	for i := 0; i < len(s); {
		if strings.HasPrefix(low[i:], "<br") || strings.HasPrefix(low[i:], "</br") {
			j := strings.IndexByte(low[i:], '>')
			inner := ""
			if j > 0 {
				inner = strings.TrimLeft(low[i+1:i+j], "/")
				inner = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(inner, "br")), "/"))
			}
			if j > 0 && inner == "" {
				b.WriteByte(' ')
				i += j + 1
				found = true
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return cleanName(b.String()), found
}

// cleanName trims a name and collapses its runs of white space.
func cleanName(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
	})
	return strings.Join(strings.Fields(s), " ")
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}
