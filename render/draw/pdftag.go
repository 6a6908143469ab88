package draw

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// The PDF is tagged (PDF 1.7, section 14.8): every piece of page content
// is either marked content that a structure element owns, or an artifact
// (backgrounds, rules, page furniture, repeated lane labels). The
// structure tree gives screen readers the reading order: the header
// (title as H1, persona), the lanes, then stage by stage (a Sect with the
// stage's header, its name an H2) each touchpoint (a Div of paragraphs:
// action, card, thought, pains, opportunities, metrics), the emotion curve
// as a Figure whose alternate text lists each touchpoint's emotion, then
// the rest (tables) in page order.

// ReadingOrder says how a map reads, for the PDF's structure tree. A Doc
// without one (the graph view) reads in drawing order.
type ReadingOrder struct {
	Stages      map[string]int    // stage id -> its index in the map
	Touchpoints map[string][2]int // touchpoint id -> its stage's index and its index in the stage
	Emotions    map[string]string // touchpoint id -> its emotion in words, for the curve's alternate text
	Order       []string          // touchpoint ids in map order
	Curve       string            // the emotion curve's name
}

// MapReading returns the reading order of a map's layout.
func MapReading(l *layout.Layout) *ReadingOrder {
	m, lb := l.Input.Map, l.Labels
	ro := &ReadingOrder{Stages: map[string]int{}, Touchpoints: map[string][2]int{}, Emotions: map[string]string{}, Curve: lb.Emotions}
	for si := range m.Stages {
		st := &m.Stages[si]
		ro.Stages[st.ID] = si
		for ti := range st.Touchpoints {
			tp := &st.Touchpoints[ti]
			ro.Touchpoints[tp.ID] = [2]int{si, ti}
			ro.Order = append(ro.Order, tp.ID)
			if e := emotionWords(m, tp, lb); e != "" {
				ro.Emotions[tp.ID] = e
			}
		}
	}
	return ro
}

// emotionWords reads a touchpoint's emotion: "Name 3 (Neutral)", with
// each persona's value when the map has several.
func emotionWords(m *journey.Map, tp *journey.Touchpoint, lb render.Labels) string {
	name := tp.Name
	if name == "" {
		name = tp.ID
	}
	level := func(v float64) string {
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if w := lb.EmotionLevels[min(5, max(1, int(math.Round(v))))]; w != "" {
			s += " (" + w + ")"
		}
		return s
	}
	if len(m.Personas) > 1 {
		var parts []string
		for _, e := range tp.Emotion {
			who := e.Persona
			for _, p := range m.Personas {
				if p.ID == e.Persona && p.Name != "" {
					who = p.Name
				}
			}
			parts = append(parts, who+" "+level(e.Value))
		}
		if len(parts) == 0 {
			return ""
		}
		return name + ": " + strings.Join(parts, ", ")
	}
	v, ok := tp.MeanEmotion()
	if !ok {
		return ""
	}
	return name + " " + level(v)
}

// Reading groups, in the order they are read.
const (
	groupHeader = iota // title block, persona, cover
	groupLanes         // the lane labels (first map page)
	groupGrid          // stages and touchpoints, in map order
	groupFigure        // the emotion curves, by page
	groupRest          // tables and anything else, in page order
)

// pdfLeaf is a structure element that owns marked content: a paragraph,
// a heading or a figure.
type pdfLeaf struct {
	group, stage, tp, page, seq int // sort key: reading order
	typ                         string
	alt                         string
	marks                       [][2]int // page index, MCID
	points                      []string // figure: touchpoint ids of its points
}

// pdfTagger classifies the items of each page and collects the leaves.
type pdfTagger struct {
	ro        *ReadingOrder
	leaves    []*pdfLeaf
	parents   [][]int // page index -> MCID -> leaf index
	stageSeen map[int]bool
	lanesPage int  // the page whose lane labels are tagged; -1 before
	gridSeen  bool // some map grid has been seen: unowned text reads after it
	titled    bool // the H1 is given
}

func newPDFTagger(ro *ReadingOrder) *pdfTagger {
	return &pdfTagger{ro: ro, stageSeen: map[int]bool{}, lanesPage: -1}
}

func (t *pdfTagger) leaf(l *pdfLeaf) int {
	t.leaves = append(t.leaves, l)
	return len(t.leaves) - 1
}

// classify returns, for each item of page pg's scene, the leaf that owns
// it, or -1 for an artifact; long because it is one switch over every
// kind of item a page draws.
func (t *pdfTagger) classify(sc *layout.Scene, pg int) []int {
	items := sc.Items
	tags := make([]int, len(items))
	t.parents = append(t.parents, nil)
	grid, titleBox := false, false
	band := [2]float64{math.Inf(1), math.Inf(-1)} // the emotion lane, for its level labels
	var curveY = math.NaN()
	for i := range items {
		it := &items[i]
		switch {
		case it.Role == layout.RoleLaneLabel && it.Op != layout.OpText:
			grid = true
		case it.Role == layout.RoleTitle && it.Op != layout.OpText:
			titleBox = true
		case (it.Role == layout.RoleCurve || it.Role == layout.RolePoint) && math.IsNaN(curveY):
			curveY = it.Rect.Y + it.Rect.H/2
		}
	}
	if grid && !math.IsNaN(curveY) {
		for i := range items {
			it := &items[i]
			if it.Role == layout.RoleLaneLabel && it.Op != layout.OpText && it.Rect.Y <= curveY && curveY <= it.Rect.Bottom() {
				band = [2]float64{it.Rect.Y, it.Rect.Bottom()}
				break
			}
		}
	}
	if grid && t.lanesPage < 0 {
		t.lanesPage = pg
	}
	figure := -1
	toFigure := func(id string) int {
		if figure < 0 {
			l := &pdfLeaf{group: groupFigure, page: pg, typ: "Figure"}
			if !grid { // the cover's curve reads with the cover
				l.group, l.seq = groupHeader, len(t.leaves)
				if t.gridSeen {
					l.group = groupRest
				}
			}
			figure = t.leaf(l)
		}
		if id != "" && !slices.Contains(t.leaves[figure].points, id) {
			t.leaves[figure].points = append(t.leaves[figure].points, id)
		}
		return figure
	}
	title := -1 // the map's title: the largest text of the full header
	if titleBox && !t.titled {
		for i := range items {
			it := &items[i]
			if it.Op == layout.OpText && it.Role == layout.RoleTitle && it.Parent < 0 && (title < 0 || it.Size > items[title].Size) {
				title = i
			}
		}
		t.titled = title >= 0
	}
	heading := map[int]int{} // stage box index -> its largest text's index
	if t.ro != nil && grid {
		for i := range items {
			it := &items[i]
			if it.Op == layout.OpText && it.Parent >= 0 && items[it.Parent].Role == layout.RoleStage {
				if h, ok := heading[it.Parent]; !ok || it.Size > items[h].Size {
					heading[it.Parent] = i
				}
			}
		}
	}
	named := map[int]bool{} // card boxes whose name is given
	idBox := -1             // the last box with an id: a badge or chip inside it is its
	for i := range items {
		it := &items[i]
		tags[i] = -1
		if it.Op != layout.OpText {
			if it.ID != "" && it.Role.IsBox() {
				idBox = i
			}
			if it.Role == layout.RoleCurve || it.Role == layout.RolePoint {
				tags[i] = toFigure(it.ID)
			}
			continue
		}
		owner := -1
		if it.Parent >= 0 {
			owner = it.Parent
			if items[owner].ID == "" && idBox >= 0 && items[idBox].Rect.Contains(items[owner].Rect, 0.01) {
				owner = idBox
			}
		}
		switch {
		case it.Role == layout.RoleFooter:
		case it.Role == layout.RoleTitle && !titleBox: // the running title of a later page
		case it.Role == layout.RoleLaneLabel:
			if pg == t.lanesPage {
				tags[i] = t.leaf(&pdfLeaf{group: groupLanes, page: pg, seq: i, typ: "P"})
			}
		case it.Role == layout.RoleDecor && it.Parent < 0 && i > 0 && items[i-1].Role == layout.RolePoint:
			tags[i] = toFigure("") // the level written in a point
		case it.Role == layout.RoleDecor && it.Parent < 0 && it.Rect.Y >= band[0] && it.Rect.Bottom() <= band[1]:
			tags[i] = toFigure("") // a level's name beside the curve
		case grid && t.ro != nil && owner >= 0 && t.gridLeaf(items, i, owner, pg, heading, named, &tags[i]):
			t.gridSeen = true
		case i == title:
			tags[i] = t.leaf(&pdfLeaf{group: groupHeader, page: pg, seq: i, typ: "H1"})
		case it.Role == layout.RoleTitle || it.Role == layout.RolePersona || !t.gridSeen:
			tags[i] = t.leaf(&pdfLeaf{group: groupHeader, page: pg, seq: i, typ: "P"})
		default:
			tags[i] = t.leaf(&pdfLeaf{group: groupRest, page: pg, seq: i, typ: "P"})
		}
	}
	return tags
}

// gridLeaf files text i, owned by box owner, under its stage (the
// stage's name, its largest text, is an H2 where it first shows) or its
// touchpoint (the card's name, its first text, is an H3 read first); it
// reports false when the box belongs to neither.
func (t *pdfTagger) gridLeaf(items []layout.Item, i, owner, pg int, heading map[int]int, named map[int]bool, tag *int) bool {
	box := &items[owner]
	if box.Role == layout.RoleStage {
		si, ok := t.ro.Stages[box.ID]
		if !ok {
			return false
		}
		typ := "P"
		if heading[owner] == i && !t.stageSeen[si] {
			typ = "H2"
			t.stageSeen[si] = true
		}
		*tag = t.leaf(&pdfLeaf{group: groupGrid, stage: si, tp: -1, page: pg, seq: i, typ: typ})
		return true
	}
	at, ok := t.ro.Touchpoints[box.ID]
	if !ok {
		return false
	}
	l := &pdfLeaf{group: groupGrid, stage: at[0], tp: at[1], page: pg, seq: i, typ: "P"}
	if box.Role == layout.RoleCard && items[i].Parent == owner && !named[owner] {
		named[owner] = true
		l.typ, l.seq = "H3", -1
	}
	*tag = t.leaf(l)
	return true
}

// mark records that page pg's next marked-content sequence belongs to
// leaf and returns its MCID.
func (t *pdfTagger) mark(pg, leaf int) int {
	mcid := len(t.parents[pg])
	t.parents[pg] = append(t.parents[pg], leaf)
	t.leaves[leaf].marks = append(t.leaves[leaf].marks, [2]int{pg, mcid})
	return mcid
}

// alt is a figure's alternate text: the curve's name and the emotion of
// each touchpoint it shows (all of them when its points carry no id).
func (t *pdfTagger) alt(l *pdfLeaf) string {
	if t.ro == nil {
		return ""
	}
	ids := l.points
	if len(ids) == 0 {
		ids = t.ro.Order
	}
	var parts []string
	for _, id := range ids {
		if e := t.ro.Emotions[id]; e != "" {
			parts = append(parts, e)
		}
	}
	return t.ro.Curve + ": " + strings.Join(parts, "; ")
}

// writeTree adds the structure tree to d: the leaves in reading order
// under a Document element, grid leaves grouped in a Sect per stage and
// a Div per touchpoint, and the parent tree from each page's MCIDs back
// to their leaves. It returns the StructTreeRoot's object id. It is
// long because the tree, its groups and the parent tree share one numbering.
func (t *pdfTagger) writeTree(d *pdfDoc) int {
	root := d.alloc()
	docID := d.alloc()
	d.packed = map[int]bool{root: true, docID: true}
	order := make([]int, len(t.leaves))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := t.leaves[a], t.leaves[b]
		for _, c := range [][2]int{{x.group, y.group}, {x.stage, y.stage}, {x.tp, y.tp}, {x.page, y.page}, {x.seq, y.seq}} {
			if c[0] != c[1] {
				return c[0] - c[1]
			}
		}
		return 0
	})
	ids := make([]int, len(t.leaves))
	type node struct {
		id, parent int
		typ        string
		kids       []int
	}
	var groups []*node
	docKids := []int{}
	var sect, div *node
	lastStage, lastTP := -1, -2
	for _, li := range order {
		l := t.leaves[li]
		if len(l.marks) == 0 {
			continue
		}
		ids[li] = d.alloc()
		d.packed[ids[li]] = true
		parent := docID
		if l.group == groupGrid {
			if sect == nil || l.stage != lastStage {
				sect = &node{id: d.alloc(), parent: docID, typ: "Sect"}
				d.packed[sect.id] = true
				groups = append(groups, sect)
				docKids = append(docKids, sect.id)
				lastStage, lastTP, div = l.stage, -2, nil
			}
			parent = sect.id
			if l.tp >= 0 {
				if div == nil || l.tp != lastTP {
					div = &node{id: d.alloc(), parent: sect.id, typ: "Div"}
					d.packed[div.id] = true
					groups = append(groups, div)
					sect.kids = append(sect.kids, div.id)
					lastTP = l.tp
				}
				parent = div.id
				div.kids = append(div.kids, ids[li])
			} else {
				sect.kids = append(sect.kids, ids[li])
			}
		} else {
			docKids = append(docKids, ids[li])
		}
		var b bytes.Buffer
		pg := l.marks[0][0]
		fmt.Fprintf(&b, "<</S/%s/P %d 0 R/Pg %d 0 R/K", l.typ, parent, d.pageIDs[pg])
		if len(l.marks) == 1 {
			b.WriteByte(' ')
			b.WriteString(strconv.Itoa(l.marks[0][1]))
		} else {
			b.WriteByte('[')
			for i, m := range l.marks {
				if i > 0 {
					b.WriteByte(' ')
				}
				if m[0] == pg { // an MCID on the element's page
					b.WriteString(strconv.Itoa(m[1]))
				} else {
					fmt.Fprintf(&b, "<</Type/MCR/Pg %d 0 R/MCID %d>>", d.pageIDs[m[0]], m[1])
				}
			}
			b.WriteByte(']')
		}
		if l.typ == "Figure" {
			fmt.Fprintf(&b, "/Alt %s", pdfText(t.alt(l)))
		}
		b.WriteString(">>")
		d.set(ids[li], b.Bytes())
	}
	refs := func(ids []int) string {
		var b strings.Builder
		for i, id := range ids {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%d 0 R", id)
		}
		return b.String()
	}
	for _, g := range groups {
		d.set(g.id, fmt.Appendf(nil, "<</S/%s/P %d 0 R/K[%s]>>", g.typ, g.parent, refs(g.kids)))
	}
	d.set(docID, fmt.Appendf(nil, "<</S/Document/P %d 0 R/K[%s]>>", root, refs(docKids)))
	var nums strings.Builder
	for pg, leaves := range t.parents {
		fmt.Fprintf(&nums, "%d[", pg)
		for i, li := range leaves {
			if i > 0 {
				nums.WriteByte(' ')
			}
			fmt.Fprintf(&nums, "%d 0 R", ids[li])
		}
		nums.WriteString("]")
	}
	pt := d.alloc()
	d.packed[pt] = true
	d.set(pt, fmt.Appendf(nil, "<</Nums[%s]>>", nums.String()))
	d.set(root, fmt.Appendf(nil, "<</Type/StructTreeRoot/K[%d 0 R]/ParentTree %d 0 R/ParentTreeNextKey %d>>", docID, pt, len(t.parents)))
	return root
}
