package mermaid

import (
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/importer"
)

// NoEmotionMark is the suffix `journey render --format mermaid` gives a
// task whose touchpoint has no emotion (drawn at score 3); the importer
// strips it and leaves the emotion empty, so a map survives the trip.
const NoEmotionMark = " (?)"

// NoEmotionScore is the score such a task is drawn at.
const NoEmotionScore = 3

// Import parses a diagram and turns it into a map. file names the source
// in diagnostics and, when the diagram has no title, gives the map its
// title and id. Notes say what the map could not hold.
func Import(file string, src []byte) (*journey.Map, []importer.Note, journey.Diagnostics) {
	d, diags := Parse(file, src)
	if d == nil {
		return nil, nil, diags
	}
	m, notes := d.Map(file)
	return m, notes, diags
}

// Map turns the diagram into a map: the title (or accTitle, or the file
// name) gives the title and id, accDescr the description, sections the
// stages, tasks the touchpoints, scores the emotions (clamped to 1..5) and
// actors the owners and actors (the first actor owns the touchpoint, the
// others are its actors).
func (d *Diagram) Map(file string) (*journey.Map, []importer.Note) {
	mb := &mapBuilder{owners: map[string]string{}}
	m := &journey.Map{Version: journey.FormatVersion, Description: d.AccDescr}
	mb.m = m
	mb.identity(d, file)
	for si, sec := range d.Sections {
		m.Stages = append(m.Stages, mb.stage(si, sec))
	}
	if len(m.Stages) == 0 {
		// Mermaid draws a diagram without sections or tasks (a title, an
		// accessible description); a map needs a stage.
		m.Stages = []journey.Stage{{ID: "stage-1", Name: "Section 1"}}
		mb.note(0, "the diagram has no sections or tasks: the map has one empty stage, %q", m.Stages[0].Name)
	}
	sort.SliceStable(mb.notes, func(i, j int) bool { return mb.notes[i].Line < mb.notes[j].Line })
	return m, mb.notes
}

// mapBuilder turns a diagram into a map: the ids it handed out, the owners
// made from actors so far, and its notes.
type mapBuilder struct {
	m                       *journey.Map
	notes                   []importer.Note
	stageIDs, tpIDs, ownIDs importer.IDs
	owners                  map[string]string // actor name -> owner id
}

func (mb *mapBuilder) note(line int, format string, args ...any) {
	mb.notes = append(mb.notes, importer.Note{Line: line, Message: fmt.Sprintf(format, args...)})
}

// identity gives the map its title and id, and notes what of the
// diagram's configuration is not carried over.
func (mb *mapBuilder) identity(d *Diagram, file string) {
	m := mb.m
	switch {
	case d.Title != "":
		m.Title = d.Title
		if d.AccTitle != "" && d.AccTitle != d.Title {
			mb.note(0, "accTitle %q is not carried over: a map has one title, %q", d.AccTitle, d.Title)
		}
	case d.AccTitle != "":
		m.Title = d.AccTitle
	default:
		m.Title = titleOf(file)
		mb.note(0, "the diagram has no title: the map is titled %q after the file", m.Title)
	}
	if d.Titles > 1 {
		mb.note(d.TitlePos.Line, "the diagram has %d titles: the map keeps the last one, %q", d.Titles, d.Title)
	}
	m.ID = journey.Slugify(m.Title)
	if len(m.ID) > 60 {
		m.ID = strings.TrimRight(m.ID[:60], "-")
	}
	if m.ID == "" {
		m.ID = journey.Slugify(titleOf(file))
	}
	if m.ID == "" {
		m.ID = "imported-journey"
	}
	for _, p := range d.Directives {
		mb.note(p.Line, "the %%%%{...}%%%% directive (diagram configuration) is not carried over")
	}
	if d.FrontConfig {
		mb.note(1, "the front matter's configuration is not carried over (only its title is)")
	}
}

// stage turns section si into a stage.
func (mb *mapBuilder) stage(si int, sec Section) journey.Stage {
	name := sec.Name
	if name == "" {
		name = fmt.Sprintf("Section %d", si+1)
		if sec.Name == "" && len(sec.Tasks) > 0 && si == 0 {
			name = "Untitled section"
			mb.note(sec.Pos.Line, "tasks before the first section go to a stage named %q", name)
		}
	}
	st := journey.Stage{ID: mb.stageIDs.New(name, "stage"), Name: name}
	for _, t := range sec.Tasks {
		st.Touchpoints = append(st.Touchpoints, mb.touchpoint(t))
	}
	return st
}

// touchpoint turns a task into a touchpoint: its score the emotion, its
// first actor the owner, the others its actors.
func (mb *mapBuilder) touchpoint(t Task) journey.Touchpoint {
	tp := journey.Touchpoint{Name: t.Name}
	unmeasured := strings.HasSuffix(t.Name, NoEmotionMark) && t.HasScore && t.Score == NoEmotionScore
	if unmeasured {
		tp.Name = strings.TrimSpace(strings.TrimSuffix(t.Name, NoEmotionMark))
	}
	if tp.Name == "" {
		tp.Name = t.Name
		unmeasured = false
	}
	tp.ID = mb.tpIDs.New(tp.Name, "touchpoint")
	switch {
	case unmeasured:
	case !t.HasScore && t.ScoreText != "":
		mb.note(t.Pos.Line, "task %q has the score %q, which is no number: its emotion is left empty (Mermaid draws it at NaN)", t.Name, t.ScoreText)
	case !t.HasScore:
		mb.note(t.Pos.Line, "task %q has no score: its emotion is left empty (Mermaid draws it at 0)", t.Name)
	case t.Score < 1 || t.Score > 5:
		v := math.Min(5, math.Max(1, t.Score))
		mb.note(t.Pos.Line, "task %q scores %s, outside the emotion scale 1..5: its emotion is %s", t.Name, num(t.Score), num(v))
		tp.Emotion = []journey.Emotion{{Value: v}}
	default:
		tp.Emotion = []journey.Emotion{{Value: t.Score}}
	}
	if len(t.Actors) > 0 {
		a := t.Actors[0]
		id, ok := mb.owners[a]
		if !ok {
			id = mb.ownIDs.New(a, "owner")
			mb.owners[a] = id
			mb.m.Owners = append(mb.m.Owners, journey.Owner{ID: id, Name: a})
		}
		tp.Owner = id
	}
	seen := map[string]bool{}
	for i, a := range t.Actors {
		switch k := strings.ToLower(a); {
		case seen[k]:
			mb.note(t.Pos.Line, "task %q lists actor %q twice: it is kept once", t.Name, a)
		case i > 0:
			tp.Actors = append(tp.Actors, a) // the people and systems besides the owner
		}
		seen[strings.ToLower(a)] = true
	}
	if t.Extra != "" {
		mb.note(t.Pos.Line, "task %q: the text after the actors (%q) is ignored, as Mermaid does", t.Name, t.Extra)
	}
	return tp
}

// titleOf makes a title from a file name: onboarding-flow.mmd -> "Onboarding flow".
func titleOf(file string) string {
	base := filepath.Base(filepath.ToSlash(file))
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	base = strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(base))
	if base == "" || base == "<stdin>" || base == "-" {
		return "Imported journey"
	}
	r := []rune(base)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func num(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}
