package diff

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/score"
)

// FormatVersion is the version of the JSON report.
const FormatVersion = "1"

// Side is one version of a map.
type Side struct {
	Name  string              // display name: a file, or REV:PATH
	Map   *journey.Map        // the decoded map (possibly partial when Diags hold errors)
	Src   []byte              // the file's text, for lint's ignore comments
	Diags journey.Diagnostics // the diagnostics of loading it (validation)
}

// Options tune Compare.
type Options struct {
	// Lint returns the lint findings of a valid map; nil compares only the
	// validation diagnostics of each side.
	Lint func(m *journey.Map, src []byte) journey.Diagnostics
}

// Statuses of a stage or touchpoint.
const (
	StatusAdded   = "added"
	StatusRemoved = "removed"
	StatusChanged = "changed" // renamed, moved or with other field changes
)

// Report is everything that changed between two versions of a map.
type Report struct {
	FormatVersion string          `json:"format_version"`
	Old           string          `json:"old"`
	New           string          `json:"new"`
	Map           []FieldChange   `json:"map"`         // title, state, channels, owners, targets...
	Stages        []ElementChange `json:"stages"`      // in new order, then removed ones
	Touchpoints   []ElementChange `json:"touchpoints"` // in new order, then removed ones
	Metrics       []MetricChange  `json:"metrics"`     // touchpoints, then stages, then the map
	Findings      Findings        `json:"findings"`
	Summary       Summary         `json:"summary"`
}

// ElementChange is a stage or touchpoint that was added, removed or changed.
type ElementChange struct {
	ID     string        `json:"id"`
	Name   string        `json:"name"`            // the new name (the old one when removed)
	Stage  string        `json:"stage,omitempty"` // touchpoints: the stage holding it (the old one when removed)
	Status string        `json:"status"`          // added, removed or changed
	Moved  *Move         `json:"moved,omitempty"`
	Fields []FieldChange `json:"fields,omitempty"` // a rename is a change of the field "name"
	Line   int           `json:"line,omitempty"`   // where it is in the new file (the old one when removed)
}

// Renamed returns the name change, or nil.
func (e *ElementChange) Renamed() *FieldChange {
	for i := range e.Fields {
		if e.Fields[i].Field == "name" {
			return &e.Fields[i]
		}
	}
	return nil
}

// Move is where a stage or touchpoint went: another stage (touchpoints),
// or another position among the elements both versions share. Positions
// are 1-based.
type Move struct {
	FromStage string `json:"from_stage,omitempty"`
	ToStage   string `json:"to_stage,omitempty"`
	From      int    `json:"from"`
	To        int    `json:"to"`
}

// FieldChange is one field that differs. Scalars carry Old and New (nil
// when absent); lists carry the items Added and Removed.
type FieldChange struct {
	Field   string   `json:"field"`
	Item    string   `json:"item,omitempty"` // the pain or opportunity (its text) whose field changed
	Old     any      `json:"old,omitempty"`
	New     any      `json:"new,omitempty"`
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// Figure is one metric value as the report shows it.
type Figure struct {
	Value     float64  `json:"value"`
	N         int      `json:"n,omitempty"`
	Margin    float64  `json:"margin,omitempty"` // 95% margin of error, when the data define one
	HasMargin bool     `json:"has_margin"`
	Low       *float64 `json:"low,omitempty"`  // Value - Margin capped to the metric's scale; with the margin only
	High      *float64 `json:"high,omitempty"` // Value + Margin capped to the metric's scale; with the margin only
	Small     bool     `json:"small_sample"`   // fewer than score.SmallN answers
}

// figureOf is the Figure of a score figure that is OK.
func figureOf(f score.Figure) *Figure {
	out := &Figure{Value: f.Value, N: f.N, Margin: f.Margin, HasMargin: f.HasMargin, Small: f.Small}
	if f.HasMargin {
		lo, hi := f.Low, f.High
		out.Low, out.High = &lo, &hi
	}
	return out
}

// MetricChange is an NPS, CES or CSAT that changed, appeared or vanished,
// for a touchpoint, a stage or the whole map.
type MetricChange struct {
	Level       string  `json:"level"` // touchpoint, stage or map
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Metric      string  `json:"metric"` // nps, ces or csat
	Old         *Figure `json:"old,omitempty"`
	New         *Figure `json:"new,omitempty"`
	Change      float64 `json:"change,omitempty"`    // new - old, when both exist
	Margin      float64 `json:"margin,omitempty"`    // 95% margin of the change: 1.96 sqrt(se1² + se2²)
	HasMargin   bool    `json:"has_margin"`          // both figures have margins
	Significant bool    `json:"significant"`         // |change| > margin: a real change at 95%
	Direction   string  `json:"direction,omitempty"` // better, worse or same (higher is better for all three)
	Note        string  `json:"note,omitempty"`      // why there is no change figure
}

// Regression reports whether the metric got significantly worse.
func (c *MetricChange) Regression() bool { return c.Significant && c.Direction == "worse" }

// Findings are the lint (or validation) findings one version has and the
// other has not. Introduced ones carry their position in the new file,
// fixed ones in the old file.
type Findings struct {
	Compared   bool                `json:"compared"` // false when lint did not run
	Introduced journey.Diagnostics `json:"introduced"`
	Fixed      journey.Diagnostics `json:"fixed"`
}

// Summary counts the changes.
type Summary struct {
	StagesAdded        int  `json:"stages_added"`
	StagesRemoved      int  `json:"stages_removed"`
	StagesChanged      int  `json:"stages_changed"`
	TouchpointsAdded   int  `json:"touchpoints_added"`
	TouchpointsRemoved int  `json:"touchpoints_removed"`
	TouchpointsChanged int  `json:"touchpoints_changed"`
	MetricsBetter      int  `json:"metrics_better"` // significant changes only
	MetricsWorse       int  `json:"metrics_worse"`  // significant changes only
	FindingsIntroduced int  `json:"findings_introduced"`
	FindingsFixed      int  `json:"findings_fixed"`
	ErrorsIntroduced   int  `json:"errors_introduced"`
	Regression         bool `json:"regression"` // a metric significantly worse, or new errors
	Changed            bool `json:"changed"`    // anything differs at all
}

// Compare reports what changed from old to new. Stages and touchpoints are
// matched by id.
func Compare(old, new Side, opt Options) *Report {
	r := &Report{FormatVersion: FormatVersion, Old: old.Name, New: new.Name,
		Map: []FieldChange{}, Stages: []ElementChange{}, Touchpoints: []ElementChange{}, Metrics: []MetricChange{},
		Findings: Findings{Introduced: journey.Diagnostics{}, Fixed: journey.Diagnostics{}}}
	om, nm := old.Map, new.Map
	if om == nil {
		om = &journey.Map{}
	}
	if nm == nil {
		nm = &journey.Map{}
	}
	r.Map = mapFields(om, nm)
	r.Stages = stages(om, nm)
	r.Touchpoints = touchpoints(om, nm)
	r.Metrics = metrics(om, nm)
	r.Findings = findings(old, new, opt)
	r.summarize()
	return r
}

func (r *Report) summarize() {
	s := &r.Summary
	for _, e := range r.Stages {
		switch e.Status {
		case StatusAdded:
			s.StagesAdded++
		case StatusRemoved:
			s.StagesRemoved++
		default:
			s.StagesChanged++
		}
	}
	for _, e := range r.Touchpoints {
		switch e.Status {
		case StatusAdded:
			s.TouchpointsAdded++
		case StatusRemoved:
			s.TouchpointsRemoved++
		default:
			s.TouchpointsChanged++
		}
	}
	for i := range r.Metrics {
		c := &r.Metrics[i]
		if c.Significant && c.Direction == "better" {
			s.MetricsBetter++
		}
		if c.Regression() {
			s.MetricsWorse++
		}
	}
	s.FindingsIntroduced, s.FindingsFixed = len(r.Findings.Introduced), len(r.Findings.Fixed)
	for _, d := range r.Findings.Introduced {
		if d.Severity == journey.SeverityError {
			s.ErrorsIntroduced++
		}
	}
	s.Regression = s.MetricsWorse > 0 || s.ErrorsIntroduced > 0
	s.Changed = len(r.Map) > 0 || len(r.Stages) > 0 || len(r.Touchpoints) > 0 || len(r.Metrics) > 0 ||
		s.FindingsIntroduced > 0 || s.FindingsFixed > 0
}

// scalar compares one text field.
func scalar(out *[]FieldChange, field, old, new string) {
	if old != new {
		*out = append(*out, FieldChange{Field: field, Old: orNil(old), New: orNil(new)})
	}
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func numOrNil(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// list compares two lists of display strings as multisets, keeping order.
func list(out *[]FieldChange, field string, old, new []string) {
	added, removed := multisetDiff(new, old), multisetDiff(old, new)
	if len(added) > 0 || len(removed) > 0 {
		*out = append(*out, FieldChange{Field: field, Added: added, Removed: removed})
	}
}

// multisetDiff returns the items of a that b lacks (counting repeats).
func multisetDiff(a, b []string) []string {
	count := map[string]int{}
	for _, s := range b {
		count[s]++
	}
	var out []string
	for _, s := range a {
		if count[s] > 0 {
			count[s]--
			continue
		}
		out = append(out, s)
	}
	return out
}

func mapFields(o, n *journey.Map) []FieldChange {
	out := []FieldChange{}
	scalar(&out, "id", o.ID, n.ID)
	scalar(&out, "title", o.Title, n.Title)
	scalar(&out, "description", o.Description, n.Description)
	scalar(&out, "owner", o.Owner, n.Owner)
	scalar(&out, "locale", o.Locale, n.Locale)
	scalar(&out, "state", stateOf(o), stateOf(n))
	scalar(&out, "model", o.Model, n.Model)
	list(&out, "tags", o.Tags, n.Tags)
	list(&out, "personas", personas(o), personas(n))
	list(&out, "channels", channels(o), channels(n))
	list(&out, "owners", owners(o), owners(n))
	var ot, nt journey.Targets
	if o.Targets != nil {
		ot = *o.Targets
	}
	if n.Targets != nil {
		nt = *n.Targets
	}
	for _, t := range []struct {
		name     string
		old, new *float64
	}{{"targets.nps", ot.NPS, nt.NPS}, {"targets.ces", ot.CES, nt.CES}, {"targets.csat", ot.CSAT, nt.CSAT}} {
		if !sameFloat(t.old, t.new) {
			out = append(out, FieldChange{Field: t.name, Old: numOrNil(t.old), New: numOrNil(t.new)})
		}
	}
	return out
}

func stateOf(m *journey.Map) string {
	if m.State == "" && m.ID != "" {
		return "current"
	}
	return m.State
}

func sameFloat(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func personas(m *journey.Map) []string {
	var out []string
	for _, p := range m.Personas {
		s := p.Name
		if p.ID != "" {
			s = p.ID + " (" + p.Name + ")"
		}
		out = append(out, s)
	}
	return out
}

func channels(m *journey.Map) []string {
	var out []string
	for _, c := range m.Channels {
		s := c.ID
		if c.Name != "" {
			s += " (" + c.Name + ")"
		}
		out = append(out, s)
	}
	return out
}

func owners(m *journey.Map) []string {
	var out []string
	for _, o := range m.Owners {
		s := o.ID
		if o.Name != "" {
			s += " (" + o.Name + ")"
		}
		out = append(out, s)
	}
	return out
}

// lcs returns the set of ids in the longest common subsequence of a and
// b, in O(n log n) when neither repeats an id (ids are unique here): the
// common subsequence of two lists of distinct ids is an increasing
// subsequence of the b-positions of a's ids. Of the longest ones it picks
// the same as lcsTable, the textbook table walked from the start
// preferring to skip a's element: each match is the last element of a
// that can still start a longest run.
func lcs(a, b []string) map[string]bool {
	bpos := make(map[string]int, len(b))
	for j, id := range b {
		if _, dup := bpos[id]; dup {
			return lcsTable(a, b)
		}
		bpos[id] = j
	}
	var ids []string // a's ids that b has, in a's order
	var p []int      // their positions in b
	seen := make(map[string]bool, len(a))
	for _, id := range a {
		if seen[id] {
			return lcsTable(a, b)
		}
		seen[id] = true
		if j, ok := bpos[id]; ok {
			ids, p = append(ids, id), append(p, j)
		}
	}
	// runs[r-1] holds, in order, the indexes i whose longest increasing
	// run starting at p[i] has length r; their p decrease along the list.
	n := len(p)
	length := make([]int, n)
	var tails []int // tails[r-1]: the largest p starting a run of length r
	for i := n - 1; i >= 0; i-- {
		c, _ := slices.BinarySearchFunc(tails, p[i], func(t, x int) int {
			if t > x {
				return -1
			}
			return 1
		})
		if c == len(tails) {
			tails = append(tails, p[i])
		} else {
			tails[c] = p[i]
		}
		length[i] = c + 1
	}
	runs := make([][]int, len(tails))
	for i, r := range length {
		runs[r-1] = append(runs[r-1], i)
	}
	keep := make(map[string]bool, len(tails))
	prev, j := -1, 0
	for r := len(tails); r >= 1; r-- {
		run := runs[r-1]
		// The last index after prev whose p is at least j.
		q := sort.Search(len(run), func(k int) bool { return p[run[k]] < j }) - 1
		if q < 0 || run[q] <= prev {
			return lcsTable(a, b) // cannot happen; the table is the reference
		}
		i := run[q]
		keep[ids[i]] = true
		prev, j = i, p[i]+1
	}
	return keep
}

// lcsTable is lcs by the O(len(a)·len(b)) table, for lists that repeat an
// id.
func lcsTable(a, b []string) map[string]bool {
	n, m := len(a), len(b)
	dp := make([][]int, n+1)
	for i := range dp {
		dp[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	keep := map[string]bool{}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j]:
			keep[a[i]] = true
			i++
			j++
		case dp[i+1][j] >= dp[i][j+1]:
			i++
		default:
			j++
		}
	}
	return keep
}

// common returns the ids of xs that are in the set, in order.
func common(xs []string, in map[string]int) []string {
	var out []string
	for _, x := range xs {
		if _, ok := in[x]; ok {
			out = append(out, x)
		}
	}
	return out
}

func stageIDs(m *journey.Map) ([]string, map[string]int) {
	ids := make([]string, 0, len(m.Stages))
	idx := map[string]int{}
	for i, s := range m.Stages {
		if _, dup := idx[s.ID]; dup || s.ID == "" {
			continue
		}
		ids = append(ids, s.ID)
		idx[s.ID] = i
	}
	return ids, idx
}

func stages(o, n *journey.Map) []ElementChange {
	out := []ElementChange{}
	oids, oidx := stageIDs(o)
	nids, nidx := stageIDs(n)
	inOrder := lcs(common(oids, nidx), common(nids, oidx))
	// Positions among the stages both versions share.
	opos, npos := positions(common(oids, nidx)), positions(common(nids, oidx))
	for _, id := range nids {
		ns := &n.Stages[nidx[id]]
		i, ok := oidx[id]
		if !ok {
			out = append(out, ElementChange{ID: id, Name: ns.Name, Status: StatusAdded, Line: ns.Pos.Line})
			continue
		}
		os := &o.Stages[i]
		var fields []FieldChange
		scalar(&fields, "name", os.Name, ns.Name)
		scalar(&fields, "model_stage", os.ModelStage, ns.ModelStage)
		scalar(&fields, "goal", os.Goal, ns.Goal)
		scalar(&fields, "description", os.Description, ns.Description)
		var mv *Move
		if !inOrder[id] {
			mv = &Move{From: opos[id], To: npos[id]}
		}
		if len(fields) > 0 || mv != nil {
			out = append(out, ElementChange{ID: id, Name: ns.Name, Status: StatusChanged, Moved: mv, Fields: fields, Line: ns.Pos.Line})
		}
	}
	for _, id := range oids {
		if _, ok := nidx[id]; !ok {
			os := &o.Stages[oidx[id]]
			out = append(out, ElementChange{ID: id, Name: os.Name, Status: StatusRemoved, Line: os.Pos.Line})
		}
	}
	return out
}

func positions(ids []string) map[string]int {
	p := make(map[string]int, len(ids))
	for i, id := range ids {
		p[id] = i + 1
	}
	return p
}

// tpRef locates a touchpoint.
type tpRef struct {
	tp    *journey.Touchpoint
	stage string
}

func tpIndex(m *journey.Map) ([]string, map[string]tpRef) {
	var ids []string
	idx := map[string]tpRef{}
	for si := range m.Stages {
		for ti := range m.Stages[si].Touchpoints {
			t := &m.Stages[si].Touchpoints[ti]
			if _, dup := idx[t.ID]; dup || t.ID == "" {
				continue
			}
			ids = append(ids, t.ID)
			idx[t.ID] = tpRef{tp: t, stage: m.Stages[si].ID}
		}
	}
	return ids, idx
}

func touchpoints(o, n *journey.Map) []ElementChange {
	out := []ElementChange{}
	oids, oidx := tpIndex(o)
	nids, nidx := tpIndex(n)
	// Within each stage, the touchpoints that stayed in it keep their
	// relative order unless they are outside the longest common run: one
	// alignment per stage.
	type stageOrder struct {
		old, new []string
		inOrder  map[string]bool
	}
	orders := map[string]*stageOrder{}
	stayed := func(ids []string, idx, other map[string]tpRef, add func(*stageOrder, string)) {
		for _, id := range ids {
			r := idx[id]
			if or, ok := other[id]; ok && or.stage == r.stage {
				so := orders[r.stage]
				if so == nil {
					so = &stageOrder{}
					orders[r.stage] = so
				}
				add(so, id)
			}
		}
	}
	stayed(oids, oidx, nidx, func(so *stageOrder, id string) { so.old = append(so.old, id) })
	stayed(nids, nidx, oidx, func(so *stageOrder, id string) { so.new = append(so.new, id) })
	opos, npos := map[string]int{}, map[string]int{} // positions within the stage
	for _, so := range orders {
		so.inOrder = lcs(so.old, so.new)
		for i, id := range so.old {
			opos[id] = i + 1
		}
		for i, id := range so.new {
			npos[id] = i + 1
		}
	}
	oin, nin := newStagePos(o), newStagePos(n)
	for _, id := range nids {
		nr := nidx[id]
		or, ok := oidx[id]
		if !ok {
			out = append(out, ElementChange{ID: id, Name: nr.tp.Name, Stage: nr.stage, Status: StatusAdded, Line: nr.tp.Pos.Line})
			continue
		}
		var mv *Move
		if or.stage != nr.stage {
			mv = &Move{FromStage: or.stage, ToStage: nr.stage, From: oin.of(or), To: nin.of(nr)}
		} else if !orders[nr.stage].inOrder[id] {
			mv = &Move{From: opos[id], To: npos[id]}
		}
		fields := tpFields(o, n, or.tp, nr.tp)
		if len(fields) > 0 || mv != nil {
			out = append(out, ElementChange{ID: id, Name: nr.tp.Name, Stage: nr.stage, Status: StatusChanged, Moved: mv, Fields: fields, Line: nr.tp.Pos.Line})
		}
	}
	for _, id := range oids {
		if _, ok := nidx[id]; !ok {
			or := oidx[id]
			out = append(out, ElementChange{ID: id, Name: or.tp.Name, Stage: or.stage, Status: StatusRemoved, Line: or.tp.Pos.Line})
		}
	}
	return out
}

// stagePos finds the 1-based position of a touchpoint in its stage: in
// the first stage with that id, the first touchpoint with that id (0 when
// there is none), each stage indexed once, when first asked.
type stagePos struct {
	m   *journey.Map
	pos map[string]map[string]int
}

func newStagePos(m *journey.Map) *stagePos {
	return &stagePos{m: m, pos: map[string]map[string]int{}}
}

func (sp *stagePos) of(r tpRef) int {
	in, ok := sp.pos[r.stage]
	if !ok {
		for _, s := range sp.m.Stages {
			if s.ID == r.stage {
				in = make(map[string]int, len(s.Touchpoints))
				for i := range s.Touchpoints {
					if _, dup := in[s.Touchpoints[i].ID]; !dup {
						in[s.Touchpoints[i].ID] = i + 1
					}
				}
				break
			}
		}
		sp.pos[r.stage] = in
	}
	return in[r.tp.ID]
}

func tpFields(om, nm *journey.Map, o, n *journey.Touchpoint) []FieldChange {
	var out []FieldChange
	scalar(&out, "name", o.Name, n.Name)
	scalar(&out, "description", o.Description, n.Description)
	scalar(&out, "channel", o.Channel, n.Channel)
	scalar(&out, "owner", o.Owner, n.Owner)
	scalar(&out, "actors", strings.Join(o.Actors, ", "), strings.Join(n.Actors, ", "))
	scalar(&out, "action", o.Action, n.Action)
	scalar(&out, "thought", o.Thought, n.Thought)
	out = append(out, emotions(o, n)...)
	out = append(out, items("pains", "pain", painItems(o), painItems(n))...)
	out = append(out, items("opportunities", "opportunity", oppItems(o), oppItems(n))...)
	scalar(&out, "moment_of_truth", o.MomentOfTruth, n.MomentOfTruth)
	if next(o) != next(n) {
		out = append(out, FieldChange{Field: "next", Old: next(o), New: next(n)})
	}
	out = append(out, kpis(o, n)...)
	return out
}

// next describes where a touchpoint leads: its `next:` ids, or "(file
// order)" when `next:` is not given.
func next(t *journey.Touchpoint) string {
	switch {
	case !t.NextSet:
		return "(file order)"
	case len(t.Next) == 0:
		return "(end)"
	}
	return strings.Join(t.Next, ", ")
}

func emotions(o, n *journey.Touchpoint) []FieldChange {
	get := func(t *journey.Touchpoint) map[string]float64 {
		m := map[string]float64{}
		for _, e := range t.Emotion {
			m[e.Persona] = e.Value
		}
		return m
	}
	om, nm := get(o), get(n)
	var keys []string
	for _, e := range n.Emotion {
		keys = append(keys, e.Persona)
	}
	for _, e := range o.Emotion {
		if _, ok := nm[e.Persona]; !ok {
			keys = append(keys, e.Persona)
		}
	}
	var out []FieldChange
	for _, k := range keys {
		ov, ook := om[k]
		nv, nok := nm[k]
		if ook == nok && ov == nv {
			continue
		}
		f := FieldChange{Field: "emotion"}
		if k != "" {
			f.Field = "emotion." + k
		}
		if ook {
			f.Old = ov
		}
		if nok {
			f.New = nv
		}
		out = append(out, f)
	}
	return out
}

// item is a pain or opportunity: its text and its other fields, in order.
type item struct {
	text   string
	fields [][2]string // name, value ("" = not given)
}

func painItems(t *journey.Touchpoint) []item {
	var out []item
	for _, p := range t.Pains {
		out = append(out, item{p.Text, [][2]string{{"severity", p.Severity}, {"evidence", p.Evidence}}})
	}
	return out
}

func oppItems(t *journey.Touchpoint) []item {
	num := func(i int) string {
		if i == 0 {
			return ""
		}
		return strconv.Itoa(i)
	}
	var out []item
	for _, o := range t.Opportunities {
		out = append(out, item{o.Text, [][2]string{{"status", o.Status}, {"owner", o.Owner}, {"impact", num(o.Impact)}, {"effort", num(o.Effort)}}})
	}
	return out
}

// items compares pains or opportunities: matched by text, those only in
// one version are added or removed (one change of the list field); those
// in both report each of their fields that changed, with Item naming them.
func items(list, one string, old, new []item) []FieldChange {
	texts := func(xs []item) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = x.text
		}
		return out
	}
	var out []FieldChange
	added, removed := multisetDiff(texts(new), texts(old)), multisetDiff(texts(old), texts(new))
	if len(added) > 0 || len(removed) > 0 {
		out = append(out, FieldChange{Field: list, Added: added, Removed: removed})
	}
	byText := map[string]item{}
	for _, x := range old {
		if _, dup := byText[x.text]; !dup {
			byText[x.text] = x
		}
	}
	seen := map[string]bool{}
	for _, nx := range new {
		ox, ok := byText[nx.text]
		if !ok || seen[nx.text] {
			continue
		}
		seen[nx.text] = true
		for i, f := range nx.fields {
			if ov := ox.fields[i][1]; ov != f[1] {
				out = append(out, FieldChange{Field: one + " " + f[0], Item: nx.text, Old: orNil(ov), New: orNil(f[1])})
			}
		}
	}
	return out
}

func kpis(o, n *journey.Touchpoint) []FieldChange {
	get := func(t *journey.Touchpoint) ([]string, map[string]journey.KPI) {
		var names []string
		m := map[string]journey.KPI{}
		if t.Metrics == nil {
			return nil, m
		}
		for _, k := range t.Metrics.KPIs {
			if _, dup := m[k.Name]; !dup {
				names = append(names, k.Name)
				m[k.Name] = k
			}
		}
		return names, m
	}
	on, om := get(o)
	nn, nmap := get(n)
	var out []FieldChange
	kv := func(k journey.KPI, ok bool) any {
		if !ok || k.Value == nil {
			return nil
		}
		s := strconv.FormatFloat(*k.Value, 'f', -1, 64) + k.Unit
		if k.Target != nil {
			s += " (target " + strconv.FormatFloat(*k.Target, 'f', -1, 64) + k.Unit + ")"
		}
		return s
	}
	for _, name := range append(nn, multisetDiff(on, nn)...) {
		ok, oOK := om[name]
		nk, nOK := nmap[name]
		ov, nv := kv(ok, oOK), kv(nk, nOK)
		if oOK == nOK && fmt.Sprint(ov) == fmt.Sprint(nv) {
			continue
		}
		f := FieldChange{Field: "kpi " + name, Old: ov, New: nv}
		switch {
		case !oOK:
			f.Old = nil
			if nv == nil {
				f.New = "(added)"
			}
		case !nOK:
			f.New = "(removed)"
		}
		out = append(out, f)
	}
	return out
}

func metrics(o, n *journey.Map) []MetricChange {
	out := []MetricChange{}
	or, nr := score.Compute(o, score.Options{}), score.Compute(n, score.Options{})
	rows := func(level string, olds, news []score.Row) {
		byID := map[string]*score.Row{}
		for i := range olds {
			byID[olds[i].ID] = &olds[i]
		}
		for i := range news {
			nrow := &news[i]
			orow, ok := byID[nrow.ID]
			if !ok {
				continue // added elements: their figures show with them
			}
			out = append(out, rowChanges(level, orow, nrow)...)
		}
	}
	rows("touchpoint", or.Touchpoints, nr.Touchpoints)
	rows("stage", or.Stages, nr.Stages)
	total := rowChanges("map", &or.Total, &nr.Total)
	for i := range total {
		total[i].ID, total[i].Name = n.ID, n.Title
	}
	return append(out, total...)
}

func rowChanges(level string, o, n *score.Row) []MetricChange {
	var out []MetricChange
	add := func(metric score.Metric, of, nf score.Figure, d score.Delta) {
		if !of.OK && !nf.OK {
			return
		}
		if of.OK && nf.OK && of.Value == nf.Value && of.N == nf.N {
			return
		}
		c := MetricChange{Level: level, ID: n.ID, Name: n.Name, Metric: string(metric)}
		if of.OK {
			c.Old = figureOf(of)
		}
		if nf.OK {
			c.New = figureOf(nf)
		}
		switch {
		case d.OK:
			c.Change, c.Margin, c.HasMargin, c.Significant = d.Change, d.Margin, d.HasMargin, d.Significant
			rounded := score.Round(metric, d.Change)
			switch {
			case rounded > 0:
				c.Direction = "better"
			case rounded < 0:
				c.Direction = "worse"
			default:
				c.Direction = "same"
			}
			if !d.HasMargin {
				c.Note = "no margin of error: the data give no way to test significance"
			}
		case !of.OK:
			c.Note = "measured only in the new version"
		case !nf.OK:
			c.Note = "measured only in the old version"
		default:
			c.Note = d.Missing
		}
		out = append(out, c)
	}
	add(score.MetricNPS, o.NPS.Figure, n.NPS.Figure, score.CompareNPS(o.NPS, n.NPS))
	add(score.MetricCES, o.CES.Figure, n.CES.Figure, score.CompareCES(o.CES, n.CES))
	add(score.MetricCSAT, o.CSAT.Figure, n.CSAT.Figure, score.CompareCSAT(o.CSAT, n.CSAT))
	return out
}

var lineRefRE = regexp.MustCompile(`\bline \d+\b`)

// findingKey identifies a finding across versions: its rule, severity and
// message, without line references.
func findingKey(d journey.Diagnostic) string {
	return d.Rule + "\x00" + d.Severity.String() + "\x00" + lineRefRE.ReplaceAllString(d.Message, "line N")
}

func findings(old, new Side, opt Options) Findings {
	get := func(s Side) journey.Diagnostics {
		ds := append(journey.Diagnostics{}, s.Diags...)
		if opt.Lint != nil && s.Map != nil && !s.Diags.HasErrors() {
			for _, d := range opt.Lint(s.Map, s.Src) {
				if d.Rule != journey.RuleInvalid {
					ds = append(ds, d)
				}
			}
		}
		ds.Sort()
		return ds
	}
	od, nd := get(old), get(new)
	f := Findings{Compared: opt.Lint != nil, Introduced: journey.Diagnostics{}, Fixed: journey.Diagnostics{}}
	diffDiags := func(a, b journey.Diagnostics) journey.Diagnostics {
		count := map[string]int{}
		for _, d := range b {
			count[findingKey(d)]++
		}
		out := journey.Diagnostics{}
		for _, d := range a {
			k := findingKey(d)
			if count[k] > 0 {
				count[k]--
				continue
			}
			out = append(out, d)
		}
		return out
	}
	f.Introduced, f.Fixed = diffDiags(nd, od), diffDiags(od, nd)
	return f
}
