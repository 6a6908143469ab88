// Package journey holds the journey map model, its loader and its validation.
// It does no terminal I/O: callers print the diagnostics it returns.
package journey

// FormatVersion is the only map format version this release reads.
const FormatVersion = 1

// Element is what every model element embeds: its own position and the
// positions of the values of its keys, so diagnostics point at the value.
type Element struct {
	Pos  Pos            `json:"-"`
	Path string         `json:"-"` // e.g. stages[1].touchpoints[0]
	keys map[string]Pos // value position by key
}

// At returns the position of the value of key, or the element's position
// when the key is absent.
func (e *Element) At(key string) Pos {
	if p, ok := e.keys[key]; ok {
		return p
	}
	return e.Pos
}

// Has reports whether the element's source sets key.
func (e *Element) Has(key string) bool {
	_, ok := e.keys[key]
	return ok
}

func (e *Element) setKey(key string, p Pos) {
	if e.keys == nil {
		e.keys = make(map[string]Pos, 8)
	}
	e.keys[key] = p
}

// Map is one journey map file.
type Map struct {
	Element
	File        string    // the name diagnostics use for this file
	Version     int       // format version
	ID          string    // slug
	Title       string    // human title
	Description string    // free text
	Owner       string    // team or person who owns the map (free text)
	Tags        []string  // free-form labels
	Locale      string    // BCP 47 language of labels in renders: es, en...
	State       string    // "current" (as-is, the default) or "future" (to-be)
	Model       string    // stage model id lint checks coverage against
	Personas    []Persona // from `persona:` (one) or `personas:` (a list)
	PersonaList bool      // true when the source used `personas:`
	Channels    []Channel
	Owners      []Owner
	Targets     *Targets
	Stages      []Stage
	Sources     []Source
	Events      []EventLog // event logs for `journey mine`
}

// Persona is the customer the map follows.
type Persona struct {
	Element
	ID           string // required in `personas:`, optional in `persona:`
	Name         string
	Description  string
	Goals        []string
	Needs        []string
	Frustrations []string
	Quote        string
}

// Channel kinds.
const (
	KindDigital  = "digital"
	KindHuman    = "human"
	KindPhysical = "physical"
	KindPrint    = "print"
)

// ChannelKinds lists the accepted channel kinds.
var ChannelKinds = []string{KindDigital, KindHuman, KindPhysical, KindPrint}

// Channel is a medium the customer uses: web, app, phone, branch...
type Channel struct {
	Element
	ID   string
	Name string
	Kind string // one of ChannelKinds, or "" when not given
}

// Owner is a department that owns touchpoints.
type Owner struct {
	Element
	ID          string
	Name        string
	Description string
}

// Targets are the goals used by score gates and renders.
type Targets struct {
	Element
	NPS  *float64 // -100..100
	CES  *float64 // on the CES scale (1-7 by default)
	CSAT *float64 // percent satisfied, 0..100
}

// Stage is one column of the timeline.
type Stage struct {
	Element
	ID          string
	Name        string
	ModelStage  string // the model stage this covers; defaults to ID
	Goal        string
	Description string
	Touchpoints []Touchpoint
}

// CoveredModelStage returns ModelStage, or the stage ID when it is not set.
func (s *Stage) CoveredModelStage() string {
	if s.ModelStage != "" {
		return s.ModelStage
	}
	return s.ID
}

// Moments of truth.
const (
	MomentZMOT     = "zmot"
	MomentFMOT     = "fmot"
	MomentSMOT     = "smot"
	MomentUltimate = "ultimate"
)

// MomentsOfTruth lists the accepted moment_of_truth values.
var MomentsOfTruth = []string{MomentZMOT, MomentFMOT, MomentSMOT, MomentUltimate}

// Touchpoint is one moment of contact between customer and company.
type Touchpoint struct {
	Element
	ID            string
	Name          string
	Description   string
	Channel       string   // channel id
	Owner         string   // owner id
	Actors        []string // the other people and systems taking part (free text), besides the owner
	ActorsPos     []Pos    // position of each Actors entry
	Action        string   // what the customer does
	Thought       string   // what the customer thinks or says
	Emotion       []Emotion
	Pains         []Pain
	Opportunities []Opportunity
	MomentOfTruth string   // one of MomentsOfTruth, or ""
	Next          []string // touchpoint ids; see NextSet
	NextPos       []Pos    // position of each Next entry
	NextSet       bool     // true when `next:` is given (even empty: an end)
	Metrics       *Metrics
}

// Emotion is how the customer feels at a touchpoint, from 1 (very negative)
// to 5 (very positive). Persona is empty for the single-value form.
type Emotion struct {
	Pos     Pos
	Persona string
	Value   float64
}

// EmotionOf returns the emotion for persona ("" = the first or only one).
func (t *Touchpoint) EmotionOf(persona string) (float64, bool) {
	for _, e := range t.Emotion {
		if persona == "" || e.Persona == "" || e.Persona == persona {
			return e.Value, true
		}
	}
	return 0, false
}

// MeanEmotion returns the mean over personas, and false without any emotion.
func (t *Touchpoint) MeanEmotion() (float64, bool) {
	if len(t.Emotion) == 0 {
		return 0, false
	}
	var s float64
	for _, e := range t.Emotion {
		s += e.Value
	}
	return s / float64(len(t.Emotion)), true
}

// PainSeverities lists the accepted Pain.Severity values.
var PainSeverities = []string{"low", "medium", "high", "critical"}

// Pain is a problem the customer meets.
type Pain struct {
	Element
	Text     string
	Severity string // one of PainSeverities, or ""
	Evidence string // where we know it from: a study, a verbatim, a ticket count
}

// OpportunityStatuses lists the accepted Opportunity.Status values.
var OpportunityStatuses = []string{"idea", "planned", "in-progress", "done"}

// Opportunity is an improvement idea for a touchpoint.
type Opportunity struct {
	Element
	Text   string
	Owner  string // owner id, or ""
	Status string // one of OpportunityStatuses, or ""
	Impact int    // 1..5, 0 = not given
	Effort int    // 1..5, 0 = not given
}

// Metrics are the measures of a touchpoint.
type Metrics struct {
	Element
	NPS  *NPS
	CES  *CES
	CSAT *CSAT
	KPIs []KPI
}

// IsEmpty reports whether no measure is set.
func (m *Metrics) IsEmpty() bool {
	return m == nil || (m.NPS == nil && m.CES == nil && m.CSAT == nil && len(m.KPIs) == 0)
}

// NPS is a Net Promoter Score measure in one of three forms: counts
// (Promoters, Passives, Detractors), a score with its N, or a 0-10
// distribution.
type NPS struct {
	Element
	Promoters, Passives, Detractors *int
	Score                           *float64 // -100..100
	N                               *int     // answers; optional with counts
	Distribution                    []int    // 11 counts, for answers 0..10; nil unless given
}

// CES is a Customer Effort Score measure: a mean with its N, or a distribution.
type CES struct {
	Element
	Mean         *float64
	N            *int
	Distribution []int // counts for answers 1..7 (only 1..Scale may be non-zero); nil unless given
	Scale        int   // 7 (default) or 5
	Reversed     bool  // true when 1 = least effort (older effort scales)
}

// CSAT is a customer satisfaction measure: satisfied of total, or a 1-5
// distribution (satisfied = 4 and 5).
type CSAT struct {
	Element
	Satisfied, Total *int
	Distribution     []int // counts for answers 1..5; nil unless given
}

// KPI is a business measure with an optional target.
type KPI struct {
	Element
	Name   string
	Value  *float64
	Target *float64
	Unit   string
	Better string // "higher" (default) or "lower"
}

// Source is a raw survey export that `journey score` reads.
type Source struct {
	Element
	Path    string            // relative to the map file
	Columns map[string]string // key (touchpoint, nps, ces, csat, segment, date) -> header
}

// SourceColumnKeys lists the keys of a source's columns mapping that
// journey score reads.
var SourceColumnKeys = []string{"touchpoint", "nps", "ces", "csat", "segment", "date"}

// SourceCustomerKey is the source column key of the customer id: journey
// mine reads it to attribute answers to a customer's journey; score
// ignores it.
const SourceCustomerKey = "customer"

// Touchpoints returns every touchpoint in file order with its stage index.
func (m *Map) Touchpoints() []*Touchpoint {
	var out []*Touchpoint
	for i := range m.Stages {
		for j := range m.Stages[i].Touchpoints {
			out = append(out, &m.Stages[i].Touchpoints[j])
		}
	}
	return out
}

// StageOf returns the index of the stage holding touchpoint id, or -1.
func (m *Map) StageOf(id string) int {
	for i := range m.Stages {
		for j := range m.Stages[i].Touchpoints {
			if m.Stages[i].Touchpoints[j].ID == id {
				return i
			}
		}
	}
	return -1
}

// Channel returns the channel with id, or nil.
func (m *Map) Channel(id string) *Channel {
	for i := range m.Channels {
		if m.Channels[i].ID == id {
			return &m.Channels[i]
		}
	}
	return nil
}

// OwnerByID returns the owner with id, or nil.
func (m *Map) OwnerByID(id string) *Owner {
	for i := range m.Owners {
		if m.Owners[i].ID == id {
			return &m.Owners[i]
		}
	}
	return nil
}

// Flow returns, for every touchpoint id, the ids it leads to: its `next`,
// or when `next` is not given the following touchpoint in file order.
func (m *Map) Flow() map[string][]string {
	tps := m.Touchpoints()
	flow := make(map[string][]string, len(tps))
	for i, t := range tps {
		switch {
		case t.NextSet:
			flow[t.ID] = t.Next
		case i+1 < len(tps):
			flow[t.ID] = []string{tps[i+1].ID}
		default:
			flow[t.ID] = nil
		}
	}
	return flow
}
