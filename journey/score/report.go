package score

import (
	"fmt"
	"slices"
	"sort"

	"github.com/journey-cx/journey/journey"
)

// Level is what a report row stands for.
type Level string

// The levels of a report, from the finest to the whole map.
const (
	LevelTouchpoint Level = "touchpoint"
	LevelStage      Level = "stage"
	LevelChannel    Level = "channel"
	LevelOwner      Level = "owner"
	LevelSegment    Level = "segment"
	LevelMap        Level = "map"
)

// Levels lists the levels a report can be broken down by, in display order.
var Levels = []Level{LevelTouchpoint, LevelStage, LevelChannel, LevelOwner, LevelSegment}

// ParseLevel parses a level name given to --by.
func ParseLevel(s string) (Level, error) {
	for _, l := range slices.Concat(Levels, []Level{LevelMap}) {
		if string(l) == s {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown level %q (want touchpoint, stage, channel, owner or segment)", s)
}

// Row is the figures of one touchpoint, stage, channel, owner, segment or the
// whole map.
type Row struct {
	Level    Level  // what the row stands for
	ID       string // touchpoint, stage, channel or owner id; the segment; the map id. "" for the "(none)" group
	Name     string // display name: the element's name, or its ID when it has none
	Stage    string // touchpoints only: the id of their stage
	Segment  string // "" for every answer; otherwise the row counts only this segment's answers
	Parts    int    // touchpoints rolled up into the row (1 for a touchpoint)
	NPS      NPS
	CES      CES
	CSAT     CSAT
	Segments []Row // the same figures per segment, when Options.Segments is set and responses have segments
}

// Figure returns the row's figure for metric.
func (r *Row) Figure(metric Metric) Figure {
	switch metric {
	case MetricNPS:
		return r.NPS.Figure
	case MetricCES:
		return r.CES.Figure
	case MetricCSAT:
		return r.CSAT.Figure
	}
	return Figure{}
}

// Note is a remark on the data that does not stop scoring, e.g. an inline
// n that disagrees with the counts.
type Note struct {
	Path    string // model path, e.g. stages[0].touchpoints[1].metrics.nps
	Line    int    // line in the map, 0 when unknown
	Message string
}

// Options tune Compute.
type Options struct {
	Responses []*Tally // raw answers; per touchpoint and metric they replace the inline figure
	Segments  bool     // break every row down by segment (only answers from responses have a segment)
	Persona   string   // persona id for the emotion curve; "" = the mean over personas
}

// Report is every figure of one map.
type Report struct {
	MapID       string
	Title       string
	Touchpoints []Row // in file order
	Stages      []Row // in file order
	Channels    []Row // in the order of channels:, then "(none)" when some touchpoint has no channel
	Owners      []Row // in the order of owners:, then "(none)" when some touchpoint has no owner
	Segments    []Row // the whole map per segment (responses only), sorted
	Total       Row   // the whole map
	Curve       EmotionCurve
	Inputs      []*Tally // the responses read, as given
	Notes       []Note
	Segmented   bool // Options.Segments was set and the responses have segments
}

// Rows returns the rows of a level; LevelMap gives the total row alone.
func (r *Report) Rows(by Level) []Row {
	switch by {
	case LevelTouchpoint:
		return r.Touchpoints
	case LevelStage:
		return r.Stages
	case LevelChannel:
		return r.Channels
	case LevelOwner:
		return r.Owners
	case LevelSegment:
		return r.Segments
	}
	return []Row{r.Total}
}

// Compute scores a map: each touchpoint's figures (from its metrics, or
// from raw answers where Options.Responses has some for that metric), and
// their roll-ups to stages, channels, owners, segments and the whole map.
func Compute(m *journey.Map, opts Options) *Report {
	rep := &Report{MapID: m.ID, Title: m.Title, Inputs: opts.Responses, Curve: Curve(m, opts.Persona)}
	all := mergeResponses(opts)
	rep.Segmented = opts.Segments && len(all.segments) > 0
	rep.touchpointRows(m, all, len(opts.Responses) > 0)
	rep.rollUps(m, all.segments)
	return rep
}

// pooled is the answers of every responses file together.
type pooled struct {
	answers   map[string]*Answers            // by touchpoint
	segmented map[string]map[string]*Answers // by touchpoint and segment, with Options.Segments
	segments  []string                       // sorted
}

// mergeResponses adds up the answers of every responses file.
func mergeResponses(opts Options) pooled {
	p := pooled{answers: map[string]*Answers{}, segmented: map[string]map[string]*Answers{}}
	segSet := map[string]bool{}
	for _, t := range opts.Responses {
		for id, a := range t.Answers {
			add(p.answers, id, a)
		}
		if !opts.Segments {
			continue
		}
		for id, bySeg := range t.Segmented {
			if p.segmented[id] == nil {
				p.segmented[id] = map[string]*Answers{}
			}
			for s, a := range bySeg {
				add(p.segmented[id], s, a)
				segSet[s] = true
			}
		}
	}
	p.segments = make([]string, 0, len(segSet))
	for s := range segSet {
		p.segments = append(p.segments, s)
	}
	sort.Strings(p.segments)
	return p
}

// touchpointRows computes the touchpoint rows, in file order, each with its
// segment rows when the report is segmented.
func (rep *Report) touchpointRows(m *journey.Map, all pooled, haveResponses bool) {
	for si := range m.Stages {
		st := &m.Stages[si]
		for ti := range st.Touchpoints {
			tp := &st.Touchpoints[ti]
			row := touchpointRow(tp, st.ID, all.answers[tp.ID], haveResponses, &rep.Notes)
			if rep.Segmented {
				for _, s := range all.segments {
					sr := Row{Level: LevelTouchpoint, ID: row.ID, Name: row.Name, Stage: row.Stage, Segment: s, Parts: 1}
					a := all.segmented[tp.ID][s]
					sr.NPS = segmentNPS(row.NPS, a)
					sr.CES = segmentCES(row.CES, a, tp)
					sr.CSAT = segmentCSAT(row.CSAT, a)
					row.Segments = append(row.Segments, sr)
				}
			}
			rep.Touchpoints = append(rep.Touchpoints, row)
		}
	}
}

// rollUps rolls the touchpoint rows up to stages, channels, owners, the
// whole map and its segments.
func (rep *Report) rollUps(m *journey.Map, segments []string) {
	byID := map[string]*Row{}
	for i := range rep.Touchpoints {
		byID[rep.Touchpoints[i].ID] = &rep.Touchpoints[i]
	}
	pick := func(level Level, id, name string, match func(*journey.Touchpoint) bool) (Row, bool) {
		var rows []*Row
		for _, tp := range m.Touchpoints() {
			if match(tp) {
				rows = append(rows, byID[tp.ID])
			}
		}
		return rollUp(level, id, name, rows, segments, rep.Segmented), len(rows) > 0
	}
	for i := range m.Stages {
		st := &m.Stages[i]
		ids := map[*journey.Touchpoint]bool{}
		for j := range st.Touchpoints {
			ids[&st.Touchpoints[j]] = true
		}
		r, _ := pick(LevelStage, st.ID, nameOr(st.Name, st.ID), func(tp *journey.Touchpoint) bool { return ids[tp] })
		rep.Stages = append(rep.Stages, r)
	}
	for _, ch := range m.Channels {
		r, _ := pick(LevelChannel, ch.ID, nameOr(ch.Name, ch.ID), func(tp *journey.Touchpoint) bool { return tp.Channel == ch.ID })
		rep.Channels = append(rep.Channels, r)
	}
	if r, ok := pick(LevelChannel, "", "(none)", func(tp *journey.Touchpoint) bool { return m.Channel(tp.Channel) == nil }); ok {
		rep.Channels = append(rep.Channels, r)
	}
	for _, o := range m.Owners {
		r, _ := pick(LevelOwner, o.ID, nameOr(o.Name, o.ID), func(tp *journey.Touchpoint) bool { return tp.Owner == o.ID })
		rep.Owners = append(rep.Owners, r)
	}
	if r, ok := pick(LevelOwner, "", "(none)", func(tp *journey.Touchpoint) bool { return m.OwnerByID(tp.Owner) == nil }); ok {
		rep.Owners = append(rep.Owners, r)
	}
	rep.Total, _ = pick(LevelMap, m.ID, nameOr(m.Title, m.ID), func(*journey.Touchpoint) bool { return true })
	if !rep.Segmented {
		return
	}
	for _, s := range rep.Total.Segments {
		s.Level = LevelSegment
		s.ID, s.Name = s.Segment, segmentName(s.Segment)
		rep.Segments = append(rep.Segments, s)
	}
}

// SegmentBlank is the display name of the blank segment.
const SegmentBlank = "(blank)"

func segmentName(s string) string {
	if s == "" {
		return SegmentBlank
	}
	return s
}

func nameOr(name, id string) string {
	if name != "" {
		return name
	}
	return id
}

func add(m map[string]*Answers, key string, a *Answers) {
	if m[key] == nil {
		m[key] = &Answers{}
	}
	m[key].Add(a)
}

// touchpointRow computes one touchpoint's figures: inline, replaced per
// metric by raw answers when there are some.
func touchpointRow(tp *journey.Touchpoint, stage string, a *Answers, haveResponses bool, notes *[]Note) Row {
	row := Row{Level: LevelTouchpoint, ID: tp.ID, Name: nameOr(tp.Name, tp.ID), Stage: stage, Parts: 1}
	ms := tp.Metrics
	var inNPS *journey.NPS
	var inCES *journey.CES
	var inCSAT *journey.CSAT
	if ms != nil {
		inNPS, inCES, inCSAT = ms.NPS, ms.CES, ms.CSAT
	}
	none := func(Metric) string {
		if haveResponses {
			return "not in the map or the responses"
		}
		return "not in the map"
	}

	if a != nil && a.Count(MetricNPS) > 0 {
		row.NPS = NPSFromDistribution(ints(a.NPS[:]))
		row.NPS.Origin = OriginResponses
	} else if r, ok := NPSOf(inNPS); ok {
		row.NPS = r
		if x := inNPS; x.N != nil && r.Counts && *x.N != r.N {
			*notes = append(*notes, Note{Path: x.Path, Line: x.At("n").Line,
				Message: fmt.Sprintf("%s: nps n is %d but the counts add up to %d; the counts are used", tp.ID, *x.N, r.N)})
		}
	} else if inNPS != nil {
		row.NPS = r
	} else {
		row.NPS = NPS{Figure: missing(none(MetricNPS))}
	}

	if a != nil && a.Count(MetricCES) > 0 {
		row.CES = cesFromAnswers(a, tp)
	} else if r, ok := CESOf(inCES); ok {
		row.CES = r
	} else if inCES != nil {
		row.CES = r
	} else {
		row.CES = CES{Figure: missing(none(MetricCES)), Scale: 7}
	}

	if a != nil && a.Count(MetricCSAT) > 0 {
		row.CSAT = CSATFromDistribution(ints(a.CSAT[:]))
		row.CSAT.Origin = OriginResponses
	} else if r, ok := CSATOf(inCSAT); ok {
		row.CSAT = r
	} else if inCSAT != nil {
		row.CSAT = r
	} else {
		row.CSAT = CSAT{Figure: missing(none(MetricCSAT))}
	}
	return row
}

// CESScaleOf returns the CES scale and direction a touchpoint declares in
// its metrics (7 and not reversed when it declares none); raw answers for
// the touchpoint are read on it.
func CESScaleOf(tp *journey.Touchpoint) (scale int, reversed bool) {
	if tp.Metrics != nil && tp.Metrics.CES != nil {
		c := tp.Metrics.CES
		if c.Scale == 5 {
			return 5, c.Reversed
		}
		return 7, c.Reversed
	}
	return 7, false
}

func cesFromAnswers(a *Answers, tp *journey.Touchpoint) CES {
	scale, rev := CESScaleOf(tp)
	r := CESFromDistribution(ints(a.CES[:]), scale, rev)
	if r.OK {
		r.Origin = OriginResponses
	}
	return r
}

func segmentNPS(all NPS, a *Answers) NPS {
	if a != nil && a.Count(MetricNPS) > 0 {
		r := NPSFromDistribution(ints(a.NPS[:]))
		r.Origin = OriginResponses
		return r
	}
	if all.OK && all.Origin == OriginInline {
		return NPS{Figure: missing("inline figures have no segment")}
	}
	return NPS{Figure: missing("no answers in this segment")}
}

func segmentCES(all CES, a *Answers, tp *journey.Touchpoint) CES {
	if a != nil && a.Count(MetricCES) > 0 {
		return cesFromAnswers(a, tp)
	}
	if all.OK && all.Origin == OriginInline {
		return CES{Figure: missing("inline figures have no segment"), Scale: all.Scale}
	}
	return CES{Figure: missing("no answers in this segment"), Scale: all.Scale}
}

func segmentCSAT(all CSAT, a *Answers) CSAT {
	if a != nil && a.Count(MetricCSAT) > 0 {
		r := CSATFromDistribution(ints(a.CSAT[:]))
		r.Origin = OriginResponses
		return r
	}
	if all.OK && all.Origin == OriginInline {
		return CSAT{Figure: missing("inline figures have no segment")}
	}
	return CSAT{Figure: missing("no answers in this segment")}
}

// rollUp pools the figures of rows into one row (and per segment).
func rollUp(level Level, id, name string, rows []*Row, segments []string, segmented bool) Row {
	out := Row{Level: level, ID: id, Name: name, Parts: len(rows)}
	var nps []NPS
	var ces []CES
	var csat []CSAT
	for _, r := range rows {
		nps, ces, csat = append(nps, r.NPS), append(ces, r.CES), append(csat, r.CSAT)
	}
	out.NPS, out.CES, out.CSAT = PoolNPS(nps...), PoolCES(ces...), PoolCSAT(csat...)
	if len(rows) == 0 {
		out.NPS.Missing, out.CES.Missing, out.CSAT.Missing = "no touchpoints", "no touchpoints", "no touchpoints"
	} else {
		reason(&out.NPS.Figure, "nps")
		reason(&out.CES.Figure, "ces")
		reason(&out.CSAT.Figure, "csat")
	}
	if out.CES.Scale == 0 {
		out.CES.Scale = 7
	}
	if !segmented {
		return out
	}
	for si, s := range segments {
		sr := Row{Level: level, ID: id, Name: name, Segment: s, Parts: len(rows)}
		nps, ces, csat = nps[:0], ces[:0], csat[:0]
		for _, r := range rows {
			x := r.Segments[si]
			nps, ces, csat = append(nps, x.NPS), append(ces, x.CES), append(csat, x.CSAT)
		}
		sr.NPS, sr.CES, sr.CSAT = PoolNPS(nps...), PoolCES(ces...), PoolCSAT(csat...)
		if sr.CES.Scale == 0 {
			sr.CES.Scale = 7
		}
		if !sr.NPS.OK && sr.NPS.Missing == "no nps data" {
			sr.NPS.Missing = "no answers in this segment"
		}
		if !sr.CES.OK && sr.CES.Missing == "no ces data" {
			sr.CES.Missing = "no answers in this segment"
		}
		if !sr.CSAT.OK && sr.CSAT.Missing == "no csat data" {
			sr.CSAT.Missing = "no answers in this segment"
		}
		out.Segments = append(out.Segments, sr)
	}
	return out
}

// reason words the missing reason of a roll-up over touchpoints.
func reason(f *Figure, metric string) {
	if !f.OK && f.Missing == "no "+metric+" data" {
		f.Missing = "no touchpoint has " + metric
	}
}
