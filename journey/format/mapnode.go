// Building the YAML tree of a model (journey.Map) for Node.

package format

import (
	"maps"
	"slices"
	"sort"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/journey-cx/journey/journey"
)

// Map writes a model as a map file in the canonical layout. Loading the
// result gives the same model (positions aside). Comments are not part of
// the model; build the node with MapNode to add some.
func Map(m *journey.Map) ([]byte, error) {
	return Node(MapNode(m))
}

// MapNode builds the YAML document of a model, ready for Node.
func MapNode(m *journey.Map) *yaml.Node {
	root := mapping()
	version := m.Version
	if version == 0 {
		version = journey.FormatVersion
	}
	add(root, "version", intNode(version))
	addStr(root, "id", m.ID)
	addStr(root, "title", m.Title)
	addStr(root, "description", m.Description)
	addStr(root, "owner", m.Owner)
	if len(m.Tags) > 0 {
		add(root, "tags", strList(m.Tags))
	}
	addStr(root, "locale", m.Locale)
	addStr(root, "state", m.State)
	addStr(root, "model", m.Model)
	switch {
	case m.PersonaList:
		ps := sequence()
		for i := range m.Personas {
			ps.Content = append(ps.Content, personaNode(&m.Personas[i]))
		}
		add(root, "personas", ps)
	case len(m.Personas) > 0:
		add(root, "persona", personaNode(&m.Personas[0]))
	}
	if len(m.Channels) > 0 {
		add(root, "channels", channelsNode(m.Channels))
	}
	if len(m.Owners) > 0 {
		add(root, "owners", ownersNode(m.Owners))
	}
	if t := m.Targets; t != nil {
		n := mapping()
		addFloat(n, "nps", t.NPS)
		addFloat(n, "ces", t.CES)
		addFloat(n, "csat", t.CSAT)
		add(root, "targets", n)
	}
	stages := sequence()
	for i := range m.Stages {
		stages.Content = append(stages.Content, stageNode(&m.Stages[i]))
	}
	add(root, "stages", stages)
	if len(m.Sources) > 0 {
		add(root, "sources", sourcesNode(m.Sources))
	}
	if len(m.Events) > 0 {
		add(root, "events", eventsNode(m.Events))
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}
}

func channelsNode(chs []journey.Channel) *yaml.Node {
	cs := sequence()
	for _, c := range chs {
		n := mapping()
		addStr(n, "id", c.ID)
		addStr(n, "name", c.Name)
		addStr(n, "kind", c.Kind)
		cs.Content = append(cs.Content, n)
	}
	return cs
}

func ownersNode(owners []journey.Owner) *yaml.Node {
	os := sequence()
	for _, o := range owners {
		n := mapping()
		addStr(n, "id", o.ID)
		addStr(n, "name", o.Name)
		addStr(n, "description", o.Description)
		os.Content = append(os.Content, n)
	}
	return os
}

func sourcesNode(sources []journey.Source) *yaml.Node {
	ss := sequence()
	for _, s := range sources {
		n := mapping()
		addStr(n, "path", s.Path)
		if len(s.Columns) > 0 {
			add(n, "columns", columnsNode(s.Columns, journey.SourceColumnKeys))
		}
		ss.Content = append(ss.Content, n)
	}
	return ss
}

// eventsNode writes the event logs, keys in the order of the format.
func eventsNode(logs []journey.EventLog) *yaml.Node {
	ls := sequence()
	for _, e := range logs {
		n := mapping()
		addStr(n, "path", e.Path)
		addStr(n, "format", e.Format)
		if len(e.Columns) > 0 {
			add(n, "columns", columnsNode(e.Columns, journey.EventColumnKeys))
		}
		if len(e.Attributes) > 0 {
			add(n, "attributes", strList(e.Attributes))
		}
		if len(e.Activities) > 0 {
			acts := mapping()
			for _, k := range slices.Sorted(maps.Keys(e.Activities)) {
				add(acts, k, str(e.Activities[k]))
			}
			add(n, "activities", acts)
		}
		addStr(n, "timestamp_format", e.TimestampFormat)
		addStr(n, "timezone", e.Timezone)
		ls.Content = append(ls.Content, n)
	}
	return ls
}

// columnsNode writes a column mapping in the order of order, unknown keys
// last by name.
func columnsNode(columns map[string]string, order []string) *yaml.Node {
	cols := mapping()
	keys := make([]string, 0, len(columns))
	for k := range columns {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := slices.Index(order, keys[i]), slices.Index(order, keys[j])
		if a != b {
			return uint(a) < uint(b) // unknown (-1) last
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		addStr(cols, k, columns[k])
	}
	return cols
}

func personaNode(p *journey.Persona) *yaml.Node {
	n := mapping()
	addStr(n, "id", p.ID)
	addStr(n, "name", p.Name)
	addStr(n, "description", p.Description)
	if len(p.Goals) > 0 {
		add(n, "goals", strList(p.Goals))
	}
	if len(p.Needs) > 0 {
		add(n, "needs", strList(p.Needs))
	}
	if len(p.Frustrations) > 0 {
		add(n, "frustrations", strList(p.Frustrations))
	}
	addStr(n, "quote", p.Quote)
	return n
}

func stageNode(s *journey.Stage) *yaml.Node {
	n := mapping()
	addStr(n, "id", s.ID)
	addStr(n, "name", s.Name)
	addStr(n, "model_stage", s.ModelStage)
	addStr(n, "goal", s.Goal)
	addStr(n, "description", s.Description)
	if len(s.Touchpoints) > 0 {
		tps := sequence()
		for i := range s.Touchpoints {
			tps.Content = append(tps.Content, TouchpointNode(&s.Touchpoints[i]))
		}
		add(n, "touchpoints", tps)
	}
	return n
}

// TouchpointNode builds the YAML mapping of one touchpoint.
func TouchpointNode(t *journey.Touchpoint) *yaml.Node {
	n := mapping()
	addStr(n, "id", t.ID)
	addStr(n, "name", t.Name)
	addStr(n, "description", t.Description)
	addStr(n, "channel", t.Channel)
	addStr(n, "owner", t.Owner)
	if len(t.Actors) > 0 {
		add(n, "actors", strList(t.Actors))
	}
	addStr(n, "action", t.Action)
	addStr(n, "thought", t.Thought)
	switch {
	case len(t.Emotion) == 1 && t.Emotion[0].Persona == "":
		add(n, "emotion", floatNode(t.Emotion[0].Value))
	case len(t.Emotion) > 0:
		e := mapping()
		for _, em := range t.Emotion {
			add(e, em.Persona, floatNode(em.Value))
		}
		add(n, "emotion", e)
	}
	if len(t.Pains) > 0 {
		ps := sequence()
		for _, p := range t.Pains {
			if p.Severity == "" && p.Evidence == "" {
				ps.Content = append(ps.Content, str(p.Text))
				continue
			}
			pn := mapping()
			addStr(pn, "text", p.Text)
			addStr(pn, "severity", p.Severity)
			addStr(pn, "evidence", p.Evidence)
			ps.Content = append(ps.Content, pn)
		}
		add(n, "pains", ps)
	}
	if len(t.Opportunities) > 0 {
		os := sequence()
		for _, o := range t.Opportunities {
			if o.Owner == "" && o.Status == "" && o.Impact == 0 && o.Effort == 0 {
				os.Content = append(os.Content, str(o.Text))
				continue
			}
			on := mapping()
			addStr(on, "text", o.Text)
			addStr(on, "owner", o.Owner)
			addStr(on, "status", o.Status)
			if o.Impact != 0 {
				add(on, "impact", intNode(o.Impact))
			}
			if o.Effort != 0 {
				add(on, "effort", intNode(o.Effort))
			}
			os.Content = append(os.Content, on)
		}
		add(n, "opportunities", os)
	}
	addStr(n, "moment_of_truth", t.MomentOfTruth)
	if t.NextSet {
		add(n, "next", strList(t.Next))
	}
	if t.Metrics != nil {
		add(n, "metrics", metricsNode(t.Metrics))
	}
	return n
}

func metricsNode(m *journey.Metrics) *yaml.Node {
	n := mapping()
	if x := m.NPS; x != nil {
		e := mapping()
		addInt(e, "promoters", x.Promoters)
		addInt(e, "passives", x.Passives)
		addInt(e, "detractors", x.Detractors)
		addFloat(e, "score", x.Score)
		addInt(e, "n", x.N)
		if x.Distribution != nil {
			add(e, "distribution", distribution(x.Distribution, 0))
		}
		add(n, "nps", e)
	}
	if x := m.CES; x != nil {
		e := mapping()
		addFloat(e, "mean", x.Mean)
		addInt(e, "n", x.N)
		if x.Distribution != nil {
			add(e, "distribution", distribution(x.Distribution, 1))
		}
		if x.Scale != 0 && x.Scale != 7 {
			add(e, "scale", intNode(x.Scale))
		}
		if x.Reversed {
			add(e, "reversed", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		}
		add(n, "ces", e)
	}
	if x := m.CSAT; x != nil {
		e := mapping()
		addInt(e, "satisfied", x.Satisfied)
		addInt(e, "total", x.Total)
		if x.Distribution != nil {
			add(e, "distribution", distribution(x.Distribution, 1))
		}
		add(n, "csat", e)
	}
	if m.KPIs != nil {
		ks := sequence()
		for _, k := range m.KPIs {
			kn := mapping()
			addStr(kn, "name", k.Name)
			addFloat(kn, "value", k.Value)
			addFloat(kn, "target", k.Target)
			addStr(kn, "unit", k.Unit)
			addStr(kn, "better", k.Better)
			ks.Content = append(ks.Content, kn)
		}
		add(n, "kpis", ks)
	}
	return n
}

// distribution writes the non-zero counts, answer by answer from lo.
func distribution(counts []int, lo int) *yaml.Node {
	n := mapping()
	for i, c := range counts {
		if c != 0 {
			n.Content = append(n.Content, intNode(lo+i), intNode(c))
		}
	}
	return n
}

func mapping() *yaml.Node  { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }
func sequence() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"} }

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func intNode(i int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(i)}
}

func floatNode(f float64) *yaml.Node {
	if f == float64(int64(f)) && f < 1<<53 && f > -(1<<53) {
		return intNode(int(f))
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(f, 'g', -1, 64)}
}

func strList(ss []string) *yaml.Node {
	n := sequence()
	for _, s := range ss {
		n.Content = append(n.Content, str(s))
	}
	return n
}

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, str(key), v)
}

func addStr(m *yaml.Node, key, v string) {
	if v != "" {
		add(m, key, str(v))
	}
}

func addInt(m *yaml.Node, key string, v *int) {
	if v != nil {
		add(m, key, intNode(*v))
	}
}

func addFloat(m *yaml.Node, key string, v *float64) {
	if v != nil {
		add(m, key, floatNode(*v))
	}
}
