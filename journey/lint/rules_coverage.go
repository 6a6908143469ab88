package lint

import (
	"fmt"
	"strings"
)

func checkModelStageMissing(p *Pass) {
	if p.Model == nil {
		return
	}
	covered := make(map[string]bool, len(p.Map.Stages))
	for i := range p.Map.Stages {
		covered[p.Map.Stages[i].CoveredModelStage()] = true
	}
	var missing []string
	for _, s := range p.Model.Stages {
		if !covered[s] {
			missing = append(missing, s)
		}
	}
	if len(missing) == 0 {
		return
	}
	what := fmt.Sprintf("%d stages", len(missing))
	if len(missing) == 1 {
		what = "a stage"
	}
	p.ReportHelp(p.Map.At("model"), "model",
		fmt.Sprintf("model %s has %s no stage of the map covers: %s", p.Model.ID, what, strings.Join(missing, ", ")),
		"add a stage for each, or set model_stage on the stage that covers it")
}

func checkStageUnmapped(p *Pass) {
	if p.Model == nil {
		return
	}
	idx := modelIndex(p.Model)
	for i := range p.Map.Stages {
		s := &p.Map.Stages[i]
		if _, ok := idx[s.CoveredModelStage()]; ok {
			continue
		}
		p.ReportHelp(s.Pos, s.Path,
			fmt.Sprintf("stage %q covers no stage of model %s: its id is not a model stage and it sets no model_stage", s.ID, p.Model.ID),
			fmt.Sprintf("set model_stage to one of %s", strings.Join(p.Model.Stages, ", ")))
	}
}

func checkPersonaMissing(p *Pass) {
	if len(p.Map.Personas) > 0 {
		return
	}
	p.ReportHelp(p.Map.Pos, "", "the map has no persona: whose journey is it?",
		"add `persona:` with a name, goals, needs and frustrations (or `personas:`, a list with ids)")
}

func checkTouchpointChannelMissing(p *Pass) {
	for _, t := range p.Touchpoints() {
		if t.Channel == "" {
			p.ReportHelp(t.Pos, t.Path, fmt.Sprintf("touchpoint %q has no channel", t.ID),
				"set channel: to one of the ids under `channels:`")
		}
	}
}

func checkTouchpointOwnerMissing(p *Pass) {
	for _, t := range p.Touchpoints() {
		if t.Owner == "" {
			p.ReportHelp(t.Pos, t.Path, fmt.Sprintf("touchpoint %q has no owner", t.ID),
				"set owner: to the department responsible for it, one of the ids under `owners:`")
		}
	}
}

func checkTouchpointEmotionMissing(p *Pass) {
	for _, t := range p.Touchpoints() {
		if len(t.Emotion) == 0 {
			p.ReportHelp(t.Pos, t.Path, fmt.Sprintf("touchpoint %q has no emotion", t.ID),
				"set emotion: from 1 (very negative) to 5 (very positive)")
		}
	}
}

// checkActorRepeated reports an actor a touchpoint lists twice, and its
// owner (by id or by name) listed again as an actor.
func checkActorRepeated(p *Pass) {
	for _, t := range p.Touchpoints() {
		owner := map[string]bool{}
		if t.Owner != "" {
			owner[actorKey(t.Owner)] = true
			if o := p.Map.OwnerByID(t.Owner); o != nil && o.Name != "" {
				owner[actorKey(o.Name)] = true
			}
		}
		seen := map[string]bool{}
		for i, a := range t.Actors {
			k := actorKey(a)
			path := fmt.Sprintf("%s.actors[%d]", t.Path, i)
			switch {
			case owner[k]:
				p.ReportHelp(t.ActorsPos[i], path, fmt.Sprintf("touchpoint %q lists its owner %q as an actor", t.ID, strings.TrimSpace(a)),
					"the owner takes part already: remove it from actors:")
			case seen[k]:
				p.ReportHelp(t.ActorsPos[i], path, fmt.Sprintf("touchpoint %q lists actor %q twice", t.ID, strings.TrimSpace(a)),
					"remove the second entry")
			}
			seen[k] = true
		}
	}
}

// actorKey is how actors compare: case and surrounding spaces aside.
func actorKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
