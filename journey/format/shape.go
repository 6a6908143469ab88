package format

import "strings"

// shape describes where a mapping or sequence sits in a map file: the
// canonical order of its keys, the shapes of its children and whether it is
// written in flow style when it fits on one line.
type shape struct {
	keys   []string          // canonical key order; other keys follow in source order
	fields map[string]*shape // shape of the value of each key
	item   *shape            // shape of every item, for sequences
	record bool              // a mapping of scalars written {k: v, ...} when it fits
	sorted bool              // integer keys sorted numerically (distributions)
}

// The shapes of the map format, following the order of the format
// reference: version, id, title, description, owner, tags, locale, state,
// model, persona/personas, channels, owners, targets, stages, sources.
var (
	shapePersona = &shape{keys: []string{"id", "name", "description", "goals", "needs", "frustrations", "quote"}}

	shapeDistribution = &shape{record: true, sorted: true}

	shapeMetrics = &shape{
		keys: []string{"nps", "ces", "csat", "kpis"},
		fields: map[string]*shape{
			"nps": {keys: []string{"promoters", "passives", "detractors", "score", "n", "distribution"}, record: true,
				fields: map[string]*shape{"distribution": shapeDistribution}},
			"ces": {keys: []string{"mean", "n", "distribution", "scale", "reversed"}, record: true,
				fields: map[string]*shape{"distribution": shapeDistribution}},
			"csat": {keys: []string{"satisfied", "total", "distribution"}, record: true,
				fields: map[string]*shape{"distribution": shapeDistribution}},
			"kpis": {item: &shape{keys: []string{"name", "value", "target", "unit", "better"}, record: true}},
		},
	}

	shapeTouchpoint = &shape{
		keys: []string{"id", "name", "description", "channel", "owner", "actors", "action", "thought", "emotion",
			"pains", "opportunities", "moment_of_truth", "next", "metrics"},
		fields: map[string]*shape{
			"emotion":       {record: true},
			"pains":         {item: &shape{keys: []string{"text", "severity", "evidence"}}},
			"opportunities": {item: &shape{keys: []string{"text", "owner", "status", "impact", "effort"}}},
			"metrics":       shapeMetrics,
		},
	}

	shapeStage = &shape{
		keys:   []string{"id", "name", "model_stage", "goal", "description", "touchpoints"},
		fields: map[string]*shape{"touchpoints": {item: shapeTouchpoint}},
	}

	shapeRoot = &shape{
		keys: []string{"version", "id", "title", "description", "owner", "tags", "locale", "state", "model",
			"persona|personas", "channels", "owners", "targets", "stages", "sources", "events"},
		fields: map[string]*shape{
			"persona":  shapePersona,
			"personas": {item: shapePersona},
			"channels": {item: &shape{keys: []string{"id", "name", "kind"}, record: true}},
			"owners":   {item: &shape{keys: []string{"id", "name", "description"}, record: true}},
			"targets":  {keys: []string{"nps", "ces", "csat"}},
			"stages":   {item: shapeStage},
			"sources": {item: &shape{keys: []string{"path", "columns"},
				fields: map[string]*shape{"columns": {keys: []string{"touchpoint", "nps", "ces", "csat", "segment", "date", "customer"}, record: true}}}},
			"events": {item: &shape{keys: []string{"path", "format", "columns", "attributes", "activities", "timestamp_format", "timezone"},
				fields: map[string]*shape{"columns": {keys: []string{"case", "activity", "timestamp", "channel", "resource", "device", "lifecycle"}, record: true}}}},
		},
	}
)

// field returns the shape of key's value, or nil when unknown.
func (s *shape) field(key string) *shape {
	if s == nil {
		return nil
	}
	return s.fields[key]
}

// rank returns the position of key in the canonical order, or len(keys)
// for keys the shape does not know (they keep their source order after the
// known ones).
func (s *shape) rank(key string) int {
	if s == nil {
		return 0
	}
	if key == "<<" {
		return -1 // merge keys first, as YAML authors write them
	}
	for i, k := range s.keys {
		// "a|b": keys that share a place (persona and personas: the
		// loader takes the first one written, so they keep their order).
		for _, alt := range strings.Split(k, "|") {
			if alt == key {
				return i
			}
		}
	}
	return len(s.keys)
}
