package xlsx

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/journey/workbook"
	"github.com/journey-cx/journey/render"
)

// The sheet names, fixed whatever the locale: package workbook's, kept here
// for the writer's callers.
const (
	SheetMap         = workbook.SheetMap         // SheetMap is workbook.SheetMap.
	SheetTouchpoints = workbook.SheetTouchpoints // SheetTouchpoints is workbook.SheetTouchpoints.
	SheetScores      = workbook.SheetScores      // SheetScores is workbook.SheetScores.
	SheetFindings    = workbook.SheetFindings    // SheetFindings is workbook.SheetFindings.
)

// Epoch is the created and modified time written in every workbook, so the
// same map always gives the same bytes.
const Epoch = "2000-01-01T00:00:00Z"

// numFmtText is Excel's built-in "@" (text) number format.
const numFmtText = 49

// book is one workbook being written. The first error of any call is kept in
// err and the remaining calls do nothing.
type book struct {
	f      *excelize.File
	in     *render.Input
	m      *journey.Map
	th     render.Theme
	lb     render.Labels
	rep    *score.Report
	err    error
	styles map[string]int
}

// Write writes the map of in as an .xlsx workbook: see the package
// documentation for its sheets.
func Write(w io.Writer, in *render.Input) (err error) {
	if in == nil || in.Map == nil {
		return errors.New("xlsx: no map to write")
	}
	f := excelize.NewFile()
	defer func() { err = errors.Join(err, f.Close()) }()
	b := &book{f: f, in: in, m: in.Map, th: in.Theme, lb: in.Labels(), styles: map[string]int{}}
	if b.th.Name == "" {
		b.th = render.Default
	}
	b.rep = in.ScoresOf()

	sheets := workbook.Sheets()
	b.check(f.SetSheetName("Sheet1", sheets[0]))
	for _, s := range sheets[1:] {
		_, err := f.NewSheet(s)
		b.check(err)
	}
	b.mapSheet()
	b.touchpointsSheet()
	b.scoresSheet()
	b.findingsSheet()
	f.SetActiveSheet(0)
	f.SetZipWriter(newZipWriter(coreXML(coreProps{
		Title:       clip(b.m.Title, 1000),
		Subject:     b.m.ID,
		Description: clip(b.m.Description, 4000),
		Keywords:    clip(strings.Join(b.m.Tags, ", "), 1000),
		Language:    b.m.Locale,
		Creator:     "journey",
	})))
	b.check(f.SetAppProps(&excelize.AppProperties{Application: "journey"}))
	if b.err != nil {
		return fmt.Errorf("xlsx: %w", b.err)
	}
	// excelize adds the image content types of a drawing in map order: sort
	// them so the same map gives the same bytes.
	if ct := f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	return f.Write(w)
}

func (b *book) check(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

// fitWidth prints sheet landscape, one page wide.
func (b *book) fitWidth(sheet string) {
	landscape, wide, tall, fit := "landscape", 1, 0, true
	b.check(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}))
	b.check(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
}

// cell returns the A1 name of column col, row row (both 1-based).
func cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err) // columns and rows are computed, never from user input
	}
	return name
}

// colName returns the letters of column col.
func colName(col int) string {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		panic(err)
	}
	return name
}

// text writes s as a string cell: never a formula, whatever it starts with.
func (b *book) text(sheet string, col, row int, s string) {
	if b.err != nil || s == "" {
		return
	}
	b.check(b.f.SetCellStr(sheet, cell(col, row), s))
}

// number writes v as a numeric cell.
func (b *book) number(sheet string, col, row int, v float64) {
	if b.err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	b.check(b.f.SetCellFloat(sheet, cell(col, row), v, -1, 64))
}

// style applies style id to the cells from (c1, r1) to (c2, r2).
func (b *book) style(sheet string, c1, r1, c2, r2, id int) {
	if b.err != nil {
		return
	}
	b.check(b.f.SetCellStyle(sheet, cell(c1, r1), cell(c2, r2), id))
}

// newStyle registers a style once per key.
func (b *book) newStyle(key string, s *excelize.Style) int {
	if id, ok := b.styles[key]; ok {
		return id
	}
	id, err := b.f.NewStyle(s)
	b.check(err)
	b.styles[key] = id
	return id
}

// cellStyle is the look of one kind of cell.
type cellStyle struct {
	fill, ink      render.Color
	bold, italic   bool
	size           float64
	center, number bool
	wrap           bool
}

// get registers the style of c (once) and returns its id.
func (b *book) get(c cellStyle) int {
	key := fmt.Sprintf("%+v", c)
	if id, ok := b.styles[key]; ok {
		return id
	}
	size := c.size
	if size == 0 {
		size = 10
	}
	s := &excelize.Style{
		Font:      &excelize.Font{Bold: c.bold, Italic: c.italic, Size: size, Color: c.ink.Hex(), Family: "Arial"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.fill.Hex()}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: c.wrap},
		Border: []excelize.Border{
			{Type: "left", Color: b.th.Rule.Hex(), Style: 1}, {Type: "right", Color: b.th.Rule.Hex(), Style: 1},
			{Type: "top", Color: b.th.Rule.Hex(), Style: 1}, {Type: "bottom", Color: b.th.Rule.Hex(), Style: 1},
		},
		NumFmt: numFmtText,
	}
	if c.center {
		s.Alignment.Horizontal, s.Alignment.Vertical = "center", "center"
	}
	if c.number {
		s.NumFmt = 0
	}
	return b.newStyle(key, s)
}

// clip cuts s to n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// oneLine makes s fit on one line of a list cell.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\u2028\u2029\v\f") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == '\r' || r == '\n' || r == '\u2028' || r == '\u2029' || r == '\v' || r == '\f'
	}), " ")
}

// lines joins one line per item; when every item is blank it returns "".
func lines(items []string) string {
	blank := true
	for i, s := range items {
		items[i] = oneLine(s)
		if items[i] != "" {
			blank = false
		}
	}
	if blank {
		return ""
	}
	return strings.Join(items, workbook.ListSeparator)
}

// num formats a number the shortest way.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// ints formats counts as "a,b,c".
func ints(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// channelName returns the display name of a channel id.
func (b *book) channelName(id string) string {
	if c := b.m.Channel(id); c != nil && c.Name != "" {
		return c.Name
	}
	return id
}

// ownerName returns the display name of an owner id.
func (b *book) ownerName(id string) string {
	if o := b.m.OwnerByID(id); o != nil && o.Name != "" {
		return o.Name
	}
	return id
}

// perPersona reports whether some touchpoint gives emotions per persona, and
// returns the persona ids in declaration order (then any undeclared ones).
func perPersona(m *journey.Map) []string {
	seen := map[string]bool{}
	var used []string
	for _, t := range m.Touchpoints() {
		for _, e := range t.Emotion {
			if e.Persona != "" && !seen[e.Persona] {
				seen[e.Persona] = true
				used = append(used, e.Persona)
			}
		}
	}
	if len(used) == 0 {
		return nil
	}
	var out []string
	for _, p := range m.Personas {
		if p.ID != "" && seen[p.ID] {
			out = append(out, p.ID)
			delete(seen, p.ID)
		}
	}
	for _, p := range used {
		if seen[p] {
			out = append(out, p)
		}
	}
	return out
}

// personaName returns the display name of persona id.
func personaName(m *journey.Map, id string) string {
	for _, p := range m.Personas {
		if p.ID == id && p.Name != "" {
			return p.Name
		}
	}
	return id
}

// singleEmotion returns the touchpoint's single (persona-less) emotion.
func singleEmotion(t *journey.Touchpoint) (float64, bool) {
	for _, e := range t.Emotion {
		if e.Persona == "" {
			return e.Value, true
		}
	}
	return 0, false
}

// personaEmotion returns persona's own emotion at t (not the shared value).
func personaEmotion(t *journey.Touchpoint, persona string) (float64, bool) {
	for _, e := range t.Emotion {
		if e.Persona == persona {
			return e.Value, true
		}
	}
	return 0, false
}
