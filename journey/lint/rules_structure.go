package lint

import (
	"fmt"
	"strings"

	"github.com/journey-cx/journey/journey"
)

// keyPos returns the position and path of key in el when the source sets
// it, else the element's own.
func keyPos(el *journey.Element, key string) (journey.Pos, string) {
	if el.Has(key) {
		return el.At(key), el.Path + "." + key
	}
	return el.Pos, el.Path
}

func modelIndex(m *journey.StageModel) map[string]int {
	idx := make(map[string]int, len(m.Stages))
	for i, s := range m.Stages {
		idx[s] = i
	}
	return idx
}

func checkStageEmpty(p *Pass) {
	for i := range p.Map.Stages {
		s := &p.Map.Stages[i]
		if len(s.Touchpoints) == 0 {
			p.ReportHelp(s.Pos, s.Path, fmt.Sprintf("stage %q has no touchpoints", s.ID),
				"add the touchpoints where the customer meets the company in this stage, or remove the stage")
		}
	}
}

// checkStageOrder keeps the longest run of stages whose model stages never
// go backwards and reports every other stage: the fewest stages to move.
func checkStageOrder(p *Pass) {
	if p.Model == nil {
		return
	}
	idx := modelIndex(p.Model)
	type st struct {
		s  *journey.Stage
		mi int
	}
	var seq []st
	for i := range p.Map.Stages {
		s := &p.Map.Stages[i]
		if mi, ok := idx[s.CoveredModelStage()]; ok {
			seq = append(seq, st{s, mi})
		}
	}
	if len(seq) < 2 {
		return
	}
	// Longest non-decreasing subsequence, O(n²): maps have a handful of stages.
	best, prev := make([]int, len(seq)), make([]int, len(seq))
	end := 0
	for i := range seq {
		best[i], prev[i] = 1, -1
		for j := 0; j < i; j++ {
			if seq[j].mi <= seq[i].mi && best[j]+1 > best[i] {
				best[i], prev[i] = best[j]+1, j
			}
		}
		if best[i] > best[end] {
			end = i
		}
	}
	kept := make([]bool, len(seq))
	for i := end; i >= 0; i = prev[i] {
		kept[i] = true
	}
	for i, x := range seq {
		if kept[i] {
			continue
		}
		pos, path := keyPos(&x.s.Element, "model_stage")
		other, rel := -1, ""
		for j := i - 1; j >= 0 && other < 0; j-- {
			if kept[j] && seq[j].mi > x.mi {
				other, rel = j, "before"
			}
		}
		for j := i + 1; j < len(seq) && other < 0; j++ {
			if kept[j] && seq[j].mi < x.mi {
				other, rel = j, "after"
			}
		}
		if other < 0 {
			continue // cannot happen: a stage outside the run is out of order with some kept stage
		}
		o := seq[other]
		where := "earlier"
		if rel == "after" {
			where = "later"
		}
		p.ReportHelp(pos, path,
			fmt.Sprintf("stage %q covers %s, which model %s puts %s %s (covered by the %s stage %q)",
				x.s.ID, x.s.CoveredModelStage(), p.Model.ID, rel, p.Model.Stages[o.mi], where, o.s.ID),
			fmt.Sprintf("order the stages as the model does: %s", strings.Join(p.Model.Stages, ", ")))
	}
}

func checkChannelUnused(p *Pass) {
	used := map[string]bool{}
	for _, t := range p.Touchpoints() {
		used[t.Channel] = true
	}
	for i := range p.Map.Channels {
		c := &p.Map.Channels[i]
		if c.ID != "" && !used[c.ID] {
			p.ReportHelp(c.Pos, c.Path, fmt.Sprintf("channel %q is declared but no touchpoint uses it", c.ID),
				"remove it, or add the touchpoint that happens there")
		}
	}
}

func checkOwnerUnused(p *Pass) {
	used := map[string]bool{}
	for _, t := range p.Touchpoints() {
		used[t.Owner] = true
		for _, o := range t.Opportunities {
			used[o.Owner] = true
		}
	}
	for i := range p.Map.Owners {
		o := &p.Map.Owners[i]
		if o.ID != "" && !used[o.ID] {
			p.ReportHelp(o.Pos, o.Path, fmt.Sprintf("owner %q is declared but owns no touchpoint or opportunity", o.ID),
				"remove it, or name it as the owner of what it is responsible for")
		}
	}
}
