package journey

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// Validate checks what the structure alone cannot: unique ids, references
// between elements (channels, owners, next, personas, the stage model) and
// constraints across fields.
func Validate(m *Map, opt Options) Diagnostics {
	v := &validator{m: m}
	v.run(opt)
	return v.diags
}

type validator struct {
	m     *Map
	diags Diagnostics
	seen  map[sourceProblem]bool
}

func (v *validator) errorf(p Pos, path, suggest, format string, args ...any) {
	v.diags = report(v.diags, &v.seen, Diagnostic{Rule: RuleInvalid, Severity: SeverityError, File: v.m.File,
		Line: p.Line, Column: p.Column, Path: path, Suggest: suggest, Message: fmt.Sprintf(format, args...)})
}

// idSet is the ids of one kind of element, in file order and as a set.
type idSet struct {
	ids []string
	has map[string]bool
}

// unique reports ids seen twice among elements of one kind.
func (v *validator) unique(kind string, n int, get func(i int) (string, *Element)) idSet {
	first := make(map[string]*Element, n)
	var ids []string
	for i := 0; i < n; i++ {
		id, el := get(i)
		if id == "" {
			continue
		}
		if prev, ok := first[id]; ok {
			v.errorf(el.At("id"), join(el.Path, "id"), "", "duplicate %s id %q (first used at line %d)", kind, id, prev.At("id").Line)
			continue
		}
		first[id] = el
		ids = append(ids, id)
	}
	has := make(map[string]bool, len(ids))
	for _, id := range ids {
		has[id] = true
	}
	return idSet{ids, has}
}

// ref reports a reference to an id that is not declared.
func (v *validator) ref(el *Element, key, kind, id string, set idSet, declare string) {
	if id == "" || set.has[id] || len(v.diags) >= maxDiagnostics {
		return
	}
	if len(set.ids) == 0 {
		v.errorf(el.At(key), join(el.Path, key), "", "%s %q is not declared: the map has no %s", kind, id, declare)
		return
	}
	v.errorf(el.At(key), join(el.Path, key), suggest(id, set.ids), "unknown %s %q (declared: %s)", kind, id, list(set.ids))
}

// suggest is Suggest over the candidates close enough in length to be
// suggested at all, so that thousands of ids, or a very long one, stay cheap.
func suggest(s string, candidates []string) string {
	n := utf8.RuneCountInString(s)
	limit := max(1, n/3)
	var near []string
	for _, c := range candidates {
		if m := utf8.RuneCountInString(c); m >= n-limit && m <= n+limit {
			near = append(near, c)
		}
	}
	return Suggest(s, near)
}

func list(ids []string) string {
	if len(ids) > 8 {
		return strings.Join(ids[:8], ", ") + fmt.Sprintf(" and %d more", len(ids)-8)
	}
	return strings.Join(ids, ", ")
}

func (v *validator) run(opt Options) {
	m := v.m
	channels := v.unique("channel", len(m.Channels), func(i int) (string, *Element) { return m.Channels[i].ID, &m.Channels[i].Element })
	owners := v.unique("owner", len(m.Owners), func(i int) (string, *Element) { return m.Owners[i].ID, &m.Owners[i].Element })
	personas := v.unique("persona", len(m.Personas), func(i int) (string, *Element) { return m.Personas[i].ID, &m.Personas[i].Element })
	v.unique("stage", len(m.Stages), func(i int) (string, *Element) { return m.Stages[i].ID, &m.Stages[i].Element })
	tps := m.Touchpoints()
	tpIDs := v.unique("touchpoint", len(tps), func(i int) (string, *Element) { return tps[i].ID, &tps[i].Element })

	var model *StageModel
	if m.Model != "" {
		model = FindModel(m.Model, opt.Models)
		if model == nil {
			ids := ModelIDs(opt.Models)
			v.errorf(m.At("model"), "model", Suggest(m.Model, ids), "unknown stage model %q (known: %s)", m.Model, strings.Join(ids, ", "))
		}
	}
	for i := range m.Stages {
		s := &m.Stages[i]
		if s.ModelStage == "" {
			continue
		}
		switch {
		case model != nil:
			if !slices.Contains(model.Stages, s.ModelStage) {
				v.errorf(s.At("model_stage"), join(s.Path, "model_stage"), Suggest(s.ModelStage, model.Stages),
					"model_stage %q is not a stage of model %s (%s)", s.ModelStage, model.ID, strings.Join(model.Stages, ", "))
			}
		case m.Model == "":
			v.errorf(s.At("model_stage"), join(s.Path, "model_stage"), "set `model:` at the top of the map",
				"model_stage %q needs a stage model", s.ModelStage)
		}
	}
	if !opt.AllowOutside {
		v.dataPaths(m)
	}
	for _, e := range m.Events {
		for act, id := range e.Activities {
			if id != "" && !tpIDs.has[id] && len(v.diags) < maxDiagnostics {
				v.errorf(e.ActivitiesAt.At(act), join(e.ActivitiesAt.Path, act), suggest(id, tpIDs.ids), "activity %q maps to unknown touchpoint %q", act, id)
			}
		}
	}
	for _, t := range tps {
		if t.Channel != "" {
			v.ref(&t.Element, "channel", "channel", t.Channel, channels, "`channels:`")
		}
		if t.Owner != "" {
			v.ref(&t.Element, "owner", "owner", t.Owner, owners, "`owners:`")
		}
		for i, n := range t.Next {
			if n == "" || tpIDs.has[n] || len(v.diags) >= maxDiagnostics {
				continue
			}
			v.errorf(t.NextPos[i], index(join(t.Path, "next"), i), suggest(n, tpIDs.ids), "next names unknown touchpoint %q", n)
		}
		for _, o := range t.Opportunities {
			if o.Owner != "" {
				v.ref(&o.Element, "owner", "owner", o.Owner, owners, "`owners:`")
			}
		}
		for _, e := range t.Emotion {
			if e.Persona == "" {
				continue
			}
			switch {
			case !m.PersonaList:
				v.errorf(e.Pos, join(t.Path, "emotion"), "use one number, or declare `personas:` with ids",
					"emotion per persona needs `personas:` with ids")
			case !personas.has[e.Persona]:
				v.errorf(e.Pos, join(t.Path, "emotion."+e.Persona), suggest(e.Persona, personas.ids),
					"unknown persona %q (declared: %s)", e.Persona, list(personas.ids))
			}
		}
		if t.Metrics != nil {
			v.metrics(t.Metrics)
		}
	}
}

// dataPaths checks the paths of the map's surveys and event logs.
func (v *validator) dataPaths(m *Map) {
	for i := range m.Sources {
		v.dataPath(&m.Sources[i].Element, m.Sources[i].Path, "survey")
	}
	for i := range m.Events {
		v.dataPath(&m.Events[i].Element, m.Events[i].Path, "event log")
	}
}

// dataPath checks the path of a data file the map declares: relative to
// the map and inside its folder, as the format says.
func (v *validator) dataPath(el *Element, p, what string) {
	if p == "" || len(v.diags) >= maxDiagnostics {
		return // an empty path is reported by Decode
	}
	fp := filepath.FromSlash(p)
	switch {
	case filepath.IsAbs(fp) || strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`):
		v.errorf(el.At("path"), join(el.Path, "path"), "give it relative to the map, inside its folder (commands that read it take --allow-outside-sources)",
			"%s path %q is absolute: data files live in the map's folder", what, p)
	case !filepath.IsLocal(fp):
		v.errorf(el.At("path"), join(el.Path, "path"), "move the file into the map's folder (commands that read it take --allow-outside-sources)",
			"%s path %q leaves the map's folder", what, p)
	}
}

func (v *validator) metrics(ms *Metrics) {
	if c := ms.CES; c != nil {
		if c.Mean != nil && *c.Mean > float64(c.Scale) {
			v.errorf(c.At("mean"), join(c.Path, "mean"), "", "ces mean %s is above the top of its %d-point scale", fmtNum(*c.Mean), c.Scale)
		}
		for a := c.Scale + 1; a <= len(c.Distribution); a++ {
			if c.Distribution[a-1] > 0 {
				v.errorf(c.At("distribution"), join(c.Path, "distribution"), "", "ces distribution counts answer %d, above the top of its %d-point scale", a, c.Scale)
				break
			}
		}
	}
	if c := ms.CSAT; c != nil && c.Satisfied != nil && c.Total != nil && *c.Satisfied > *c.Total {
		v.errorf(c.At("satisfied"), join(c.Path, "satisfied"), "", "csat satisfied (%d) is more than total (%d)", *c.Satisfied, *c.Total)
	}
}
