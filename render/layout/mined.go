package layout

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/mine"
	"github.com/journey-cx/journey/render"
)

// Observed is a mined log made ready to draw: per node (a touchpoint of the
// map, or a raw activity), the cases that reached it, where they stopped and
// how long they stayed, all from the JSON envelope of journey mine.
type Observed struct {
	Res      *mine.Result
	Map      *journey.Map // nil: a log alone
	Nodes    map[string]*NodeStat
	Order    []string            // node ids: the map's touchpoints in map order, then the rest by events, then id
	Designed map[[2]string]bool  // the map's designed edges (from, to)
	Out      map[string][]string // the nodes each node is directly followed by, as the edges are sorted
}

// NodeStat is what was observed at one node.
type NodeStat struct {
	ID, Name   string
	Events     int64           // events at the node: starts plus moves into it
	Cases      int64           // cases that reached it: events less the repeats within a case
	Started    int64           // cases whose first event it is
	Ended      int64           // cases whose last event it is: the drop-off after it
	Dwell      float64         // median seconds to the next event (the count-weighted median of the median times out of it); -1 when no case moved on
	Feedback   *mine.Feedpoint // the survey answers attributed to it, or nil
	Touchpoint bool            // a touchpoint of the map
	Stage      int             // the map's stage index, -1 for an activity the map lacks
	Deviations int64           // moves into or out of it the map does not design
}

// Observe prepares res for drawing, against m when there is one.
func Observe(res *mine.Result, m *journey.Map) *Observed {
	o := &Observed{Res: res, Map: m, Nodes: map[string]*NodeStat{}, Designed: map[[2]string]bool{}, Out: map[string][]string{}}
	node := func(id string) *NodeStat {
		n := o.Nodes[id]
		if n == nil {
			n = &NodeStat{ID: id, Name: id, Stage: -1, Dwell: -1}
			o.Nodes[id] = n
		}
		return n
	}
	out := map[string][]mine.Edge{}
	for _, e := range res.DFG.Edges {
		node(e.From)
		node(e.To).Events += e.Count
		out[e.From] = append(out[e.From], e)
		o.Out[e.From] = append(o.Out[e.From], e.To)
	}
	for id, c := range res.DFG.Start {
		n := node(id)
		n.Events += c
		n.Started = c
	}
	for id, c := range res.DFG.End {
		node(id).Ended = c
	}
	for _, n := range o.Nodes {
		n.Cases = n.Events
	}
	for _, r := range res.DFG.Rework.Activities {
		if n := o.Nodes[r.Activity]; n != nil {
			n.Cases = max(0, n.Events-r.Occurrences)
		}
	}
	for id, es := range out {
		o.Nodes[id].Dwell = weightedMedian(es)
	}
	if res.Feedback != nil {
		for i := range res.Feedback.Touchpoints {
			fp := &res.Feedback.Touchpoints[i]
			if fp.Touchpoint != "" {
				node(fp.Touchpoint).Feedback = fp
			}
		}
	}
	if m != nil {
		o.design(m, node)
	}
	var rest []string
	for id, n := range o.Nodes {
		if !n.Touchpoint {
			rest = append(rest, id)
		}
	}
	slices.SortFunc(rest, func(a, b string) int {
		if c := cmp.Compare(o.Nodes[b].Events, o.Nodes[a].Events); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	o.Order = append(o.Order, rest...)
	return o
}

// design adds the map's touchpoints (in map order, reached or not), its
// designed edges and the deviations at each touchpoint.
func (o *Observed) design(m *journey.Map, node func(string) *NodeStat) {
	for si := range m.Stages {
		for ti := range m.Stages[si].Touchpoints {
			tp := &m.Stages[si].Touchpoints[ti]
			if n := node(tp.ID); !n.Touchpoint {
				n.Touchpoint, n.Stage, n.Name = true, si, orID(tp.Name, tp.ID)
				o.Order = append(o.Order, tp.ID)
			}
		}
	}
	for from, tos := range m.Flow() {
		for _, to := range tos {
			o.Designed[[2]string{from, to}] = true
		}
	}
	if o.Res.Conformance != nil {
		for _, d := range o.Res.Conformance.Deviations {
			node(d.From).Deviations += d.Count
			node(d.To).Deviations += d.Count
		}
	}
}

// weightedMedian is the median of the edges' median times, each weighted by
// its count: the time to the next step of a typical move out of a node.
func weightedMedian(es []mine.Edge) float64 {
	es = slices.Clone(es)
	slices.SortStableFunc(es, func(a, b mine.Edge) int { return cmp.Compare(a.MedianSeconds, b.MedianSeconds) })
	var total, run int64
	for _, e := range es {
		total += e.Count
	}
	if total == 0 {
		return -1
	}
	for _, e := range es {
		run += e.Count
		if 2*run >= total {
			return e.MedianSeconds
		}
	}
	return es[len(es)-1].MedianSeconds
}

// Cases returns the cases of the log.
func (o *Observed) Cases() int64 { return o.Res.Log.Cases }

// Name returns the display name of a node: its touchpoint's name, else the
// activity itself.
func (o *Observed) Name(id string) string {
	if n := o.Nodes[id]; n != nil {
		return n.Name
	}
	return id
}

// IsDesigned reports whether the map designs the move from -> to; without a
// map every move counts as designed.
func (o *Observed) IsDesigned(from, to string) bool {
	return o.Map == nil || o.Designed[[2]string{from, to}]
}

// Resolve finds the node a user names (a touchpoint's id or name, or an
// activity of the log), exactly first, then ignoring case.
func (o *Observed) Resolve(s string) (string, bool) {
	if _, ok := o.Nodes[s]; ok {
		return s, true
	}
	for _, fold := range []bool{false, true} {
		for _, id := range o.Order {
			n := o.Nodes[id]
			if (!fold && n.Name == s) || (fold && (strings.EqualFold(n.Name, s) || strings.EqualFold(id, s))) {
				return id, true
			}
		}
	}
	return "", false
}

// Unobserved returns the designed touchpoints no case reached, in map order.
func (o *Observed) Unobserved() []string {
	var out []string
	for _, id := range o.Order {
		if n := o.Nodes[id]; n.Touchpoint && n.Events == 0 {
			out = append(out, id)
		}
	}
	return out
}

// MinedWords are the words the views of a mined log print, in one language.
type MinedWords struct {
	Lang                               string
	Process, Flow, Case, Map           string // view titles
	Cases, Events, Case1, Event1       string // "cases", "events", singular forms
	Reached, DropOff, Dwell, Median    string
	Designed, ObservedOnly, Unobserved string
	Deviation, Other, Start, End       string
	Left, Conversion, Legend, Funnel   string
	Frequency, Duration, NodeSize      string
	Shown, NotFound, DesignedPath      string
	Observed, Activities, Steps        string
	ShownOf, TopPathsN, MinEdgeN       string // formats: "%s of %s steps shown", "the %d most frequent paths", "steps taken at least %s times"
	Few, Many, Fast, Slow              string
	Between, Event, EndHere            string
	StepN, FromX, Finished, MoreSteps  string // formats: "step %d", "from %s"
	FlowShare                          string // format: "%s cases (%s) on these paths"
	NotOnMap, Hit, Missed, Dashed      string
}

var minedWords = map[string]MinedWords{
	"en": {Lang: "en", Process: "Process map", Flow: "Flow of the top paths", Case: "One customer's journey", Map: "Observed journey",
		Cases: "cases", Events: "events", Case1: "case", Event1: "event",
		Reached: "reached", DropOff: "drop-off", Dwell: "median time to next step", Median: "median",
		Designed: "designed step", ObservedOnly: "observed only, not designed", Unobserved: "designed, never observed",
		Deviation: "deviations", Other: "other paths", Start: "start", End: "end",
		Left: "left here", Conversion: "go on to the next stage", Legend: "Legend", Funnel: "funnel",
		Frequency: "colour: how often", Duration: "colour: median time", NodeSize: "size: cases",
		Shown: "shown", NotFound: "not in the log", DesignedPath: "designed path", Observed: "observed",
		Activities: "activities", Steps: "steps", ShownOf: "%s of %s steps shown", TopPathsN: "the %d most frequent paths", MinEdgeN: "steps taken at least %s times",
		Few: "few cases", Many: "many cases", Fast: "quick", Slow: "slow", Between: "time between", Event: "action", EndHere: "end here",
		StepN: "step %d", FromX: "from %s", Finished: "journey completed", MoreSteps: "more steps", FlowShare: "%s cases (%s) on these paths", NotOnMap: "activity not on the map", Hit: "designed, reached by the customer", Missed: "designed, not reached", Dashed: "dashed"},
	"es": {Lang: "es", Process: "Mapa de proceso", Flow: "Flujo de los caminos principales", Case: "El recorrido de un cliente", Map: "Recorrido observado",
		Cases: "casos", Events: "eventos", Case1: "caso", Event1: "evento",
		Reached: "llegan", DropOff: "abandono", Dwell: "mediana hasta el siguiente paso", Median: "mediana",
		Designed: "paso diseñado", ObservedOnly: "solo observado, no diseñado", Unobserved: "diseñado, nunca observado",
		Deviation: "desvíos", Other: "otros caminos", Start: "inicio", End: "fin",
		Left: "abandonan aquí", Conversion: "pasan a la siguiente etapa", Legend: "Leyenda", Funnel: "embudo",
		Frequency: "color: frecuencia", Duration: "color: mediana de tiempo", NodeSize: "tamaño: casos",
		Shown: "mostrados", NotFound: "no está en el registro", DesignedPath: "camino diseñado", Observed: "observado",
		Activities: "actividades", Steps: "pasos", ShownOf: "%s de %s pasos mostrados", TopPathsN: "los %d caminos más frecuentes", MinEdgeN: "pasos dados al menos %s veces",
		Few: "pocos casos", Many: "muchos casos", Fast: "rápido", Slow: "lento", Between: "tiempo entre pasos", Event: "acción", EndHere: "terminan aquí",
		StepN: "paso %d", FromX: "desde %s", Finished: "recorrido completo", MoreSteps: "más pasos", FlowShare: "%s casos (%s) en estos caminos", NotOnMap: "actividad fuera del mapa", Hit: "diseñado, el cliente llegó", Missed: "diseñado, no llegó", Dashed: "discontinuo"},
}

// CasesN is "n cases" in the words' language, singular for one.
func (w MinedWords) CasesN(n int64) string {
	if n == 1 {
		return Count(n, w.Lang) + " " + w.Case1
	}
	return Count(n, w.Lang) + " " + w.Cases
}

// EventsN is "n events" in the words' language, singular for one.
func (w MinedWords) EventsN(n int64) string {
	if n == 1 {
		return Count(n, w.Lang) + " " + w.Event1
	}
	return Count(n, w.Lang) + " " + w.Events
}

// MinedLabels returns the words of the mined views in lb's language
// (English when it has none).
func MinedLabels(lb render.Labels) MinedWords {
	if w, ok := minedWords[lb.Lang]; ok {
		return w
	}
	return minedWords["en"]
}

// Count formats n for people, thousands grouped as the language does:
// 12,345 in English, 12.345 in Spanish.
func Count(n int64, lang string) string {
	if n < 0 {
		return "−" + Count(-n, lang)
	}
	sep := ","
	if lang == "es" {
		sep = "."
	}
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}

// Duration formats seconds for people: 45 s, 12 min, 3.5 h, 2.1 d (a
// decimal comma in Spanish).
func Duration(sec float64, lang string) string {
	switch {
	case sec < 0 || math.IsNaN(sec):
		return "–"
	case sec < 60:
		return trimNum(math.Round(sec), 0, lang) + "\u00a0s"
	case sec < 3600:
		return trimNum(math.Round(sec/60), 0, lang) + "\u00a0min"
	case sec < 86400:
		return trimNum(sec/3600, 1, lang) + "\u00a0h"
	}
	return trimNum(sec/86400, 1, lang) + "\u00a0d"
}

// Percent formats a share (0..1) as a percentage with at most one decimal.
func Percent(share float64, lang string) string {
	return unit(trimNum(share*100, 1, lang), "%", lang)
}

// Share returns part/whole, 0 when whole is 0.
func Share(part, whole int64) float64 {
	if whole <= 0 {
		return 0
	}
	return float64(part) / float64(whole)
}
