// Package layout computes the drawing of a journey map once: stages as
// columns (one column per touchpoint, widths from their content), lanes as
// rows, text wrapped with the font's real metrics. It produces Scenes,
// flat lists of rectangles, paths and placed text lines, that the SVG, PDF
// and PNG back ends draw without measuring anything themselves.
//
// Coordinates are millimetres, origin at the top left, y growing down.
package layout

import (
	"strings"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
)

// Geometry, in millimetres.
const (
	Margin    = 12.0 // page margin
	LabelW    = 34.0 // the lane label column
	LabelGap  = 4.0  // between the label column and the first stage
	ColGap    = 3.0  // between two touchpoint columns of a stage
	StageGap  = 7.0  // between two stages
	Pad       = 2.5  // inside boxes
	LanePad   = 3.5  // above and below a lane's content
	BoxGap    = 2.0  // between stacked notes
	EmotionH  = 44.0 // the emotion lane
	chevron   = 3.2  // depth of the stage header's arrow tip
	headerGap = 9.0  // between the header and the grid
	footerH   = 9.0  // the footer band
	minWidth  = 300.0
)

// Column width candidates, from narrowest; a column takes the first one its
// content reads well at.
var colWidths = []float64{46, 52, 58, 66, 76}

// Type scale.
var (
	tTitle    = Text{Font: Bold, Size: 22, Leading: 1.15}
	tTitleC   = Text{Font: Bold, Size: 12, Leading: 1.2}
	tMeta     = Text{Font: Regular, Size: 8.5}
	tDesc     = Text{Font: Regular, Size: 9.5, Leading: 1.35}
	tPName    = Text{Font: Bold, Size: 12, Leading: 1.2}
	tPBody    = Text{Font: Regular, Size: 8, Leading: 1.3}
	tPQuote   = Text{Font: Italic, Size: 8.5, Leading: 1.3}
	tPHead    = Text{Font: Bold, Size: 6.5}
	tPItem    = Text{Font: Regular, Size: 7.5, Leading: 1.25}
	tInitials = Text{Font: Bold, Size: 11}
	tKicker   = Text{Font: Bold, Size: 6.5}
	tStage    = Text{Font: Bold, Size: 12, Leading: 1.15}
	tGoal     = Text{Font: Regular, Size: 8, Leading: 1.3}
	tLane     = Text{Font: Bold, Size: 7.5}
	tLaneNote = Text{Font: Regular, Size: 6.5, Leading: 1.3}
	tAction   = Text{Font: Regular, Size: 8.5, Leading: 1.3}
	tCardName = Text{Font: Bold, Size: 9, Leading: 1.2}
	tCardMeta = Text{Font: Regular, Size: 7, Leading: 1.25}
	tBadge    = Text{Font: Bold, Size: 6}
	tThought  = Text{Font: Italic, Size: 8.5, Leading: 1.3}
	tNote     = Text{Font: Regular, Size: 8, Leading: 1.3}
	tNoteMeta = Text{Font: Italic, Size: 6.5, Leading: 1.3}
	tNoteTag  = Text{Font: Bold, Size: 6}
	tMLabel   = Text{Font: Bold, Size: 7}
	tMValue   = Text{Font: Bold, Size: 10, Leading: 1.15}
	tMDetail  = Text{Font: Regular, Size: 6.5, Leading: 1.3}
	tChip     = Text{Font: Bold, Size: 6.5}
	tLevel    = Text{Font: Regular, Size: 6.5}
	tFooter   = Text{Font: Regular, Size: 7}
)

// Line limits: text longer than this is cut with an ellipsis.
const (
	maxTitle   = 3
	maxDesc    = 5
	maxName    = 4
	maxMeta    = 2
	maxBody    = 8
	maxThought = 6
	maxNoteMet = 3
	maxStage   = 3
	maxGoal    = 5
	maxPItem   = 3
	maxPItems  = 6
)

// LaneKind is a row of the map.
type LaneKind uint8

// The lanes, top to bottom.
const (
	LaneActions LaneKind = iota
	LaneTouchpoints
	LaneThoughts
	LaneEmotions
	LanePains
	LaneOpportunities
	LaneMetrics
	LaneObserved // what a mined log saw at each touchpoint
	numLanes
)

// env is what every part of a layout reads and none changes after New:
// the fonts, theme and labels, the map and its scores.
type env struct {
	Fonts  *Fonts        // the faces text is measured and drawn with
	Theme  render.Theme  // the colours
	Labels render.Labels // the words, in the map's language
	Input  *render.Input // what the layout was made from

	m        *journey.Map
	scores   *score.Report
	targets  score.Thresholds
	tpRow    map[string]*score.Row // by touchpoint id
	stRow    map[string]*score.Row // by stage id
	personas []journey.Persona
	obs      *Observed // the mined log the map is annotated with; nil = none
}

// Layout is a journey map measured and placed, ready to be drawn as one
// scene (SVG, PNG) or as pages (PDF). l.Fonts (the faces text is measured
// with), l.Theme, l.Labels and l.Input (what it was made from) are the
// fields of its embedded env, shared by all its parts.
//
// It composes the parts that do the work, each in its own file: the
// measurer (measure.go) fits text into cells, the grid (grid.go) holds the
// columns, stage headers and lanes, the heading (header.go), grid painter
// (paint.go) and footer (footer.go) draw a view's scene (view.go), the
// overview builder (overview.go) makes the cover's summary, the table maker
// (table.go) the score and findings pages, and the page splitter
// (pages.go) cuts the map into pages.
type Layout struct {
	*env
	grid     *grid
	head     *heading
	paint    *gridPainter
	foot     *footer
	overview *overviewBuilder
	tables   *tableMaker
	pages    *pageSplitter
}

// New measures in's map. It fails only when the fonts cannot be loaded.
func New(in *render.Input) (*Layout, error) {
	fs, err := LoadFonts()
	if err != nil {
		return nil, err
	}
	e := &env{Fonts: fs, Theme: in.Theme, Labels: in.Labels(), Input: in, m: in.Map}
	if e.Theme.Name == "" {
		e.Theme = render.Default
	}
	e.scores = in.ScoresOf()
	e.targets = score.TargetsOf(in.Map)
	e.tpRow, e.stRow = map[string]*score.Row{}, map[string]*score.Row{}
	if e.scores != nil {
		for i := range e.scores.Touchpoints {
			r := &e.scores.Touchpoints[i]
			e.tpRow[r.ID] = r
		}
		for i := range e.scores.Stages {
			r := &e.scores.Stages[i]
			e.stRow[r.ID] = r
		}
	}
	e.personas = in.Map.Personas
	if in.Mined != nil {
		e.obs = Observe(in.Mined, in.Map)
	}
	ms := &measurer{env: e}
	g := newGrid(ms)
	foot := &footer{env: e, grid: g}
	l := &Layout{
		env:      e,
		grid:     g,
		head:     &heading{env: e},
		paint:    &gridPainter{grid: g},
		foot:     foot,
		overview: &overviewBuilder{measurer: ms, grid: g},
		tables:   &tableMaker{env: e, foot: foot},
	}
	l.pages = &pageSplitter{l: l, grid: g}
	return l, nil
}

// GridW returns the width of all the columns, gaps included.
func (l *Layout) GridW() float64 { return l.grid.w() }

// NumCols returns the number of touchpoint columns.
func (l *Layout) NumCols() int { return len(l.grid.cols) }

// NumLanes returns the number of lanes drawn (empty lanes are left out).
func (l *Layout) NumLanes() int { return len(l.grid.lanes) }

// Lanes returns the kinds of the lanes drawn, top to bottom.
func (l *Layout) Lanes() []LaneKind {
	out := make([]LaneKind, len(l.grid.lanes))
	for i, ln := range l.grid.lanes {
		out[i] = ln.kind
	}
	return out
}

func orID(name, id string) string { return OrID(name, id) }

// OrID returns a display name: name, or id when name is blank.
func OrID(name, id string) string {
	if strings.TrimSpace(name) != "" {
		return name
	}
	return id
}

func itoa(i int) string {
	return strings.TrimSpace(trimNum(float64(i), 0, ""))
}

func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// quote wraps a thought in the language's quotation marks unless it is
// already quoted.
func quote(s, lang string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, q := range []string{"“", "\"", "«", "‘", "'", "„", "»"} {
		if strings.HasPrefix(s, q) {
			return s
		}
	}
	if lang == "es" {
		return "«" + s + "»"
	}
	return "“" + s + "”"
}
