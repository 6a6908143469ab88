package lint

import (
	"fmt"

	"github.com/journey-cx/journey/journey"
)

func checkChannelSwitch(p *Pass) {
	kind := map[string]*journey.Channel{}
	for i := range p.Map.Channels {
		kind[p.Map.Channels[i].ID] = &p.Map.Channels[i]
	}
	for _, e := range p.Edges() {
		a, b := kind[e.From.Channel], kind[e.To.Channel]
		if a == nil || b == nil || a.Kind == "" || b.Kind == "" || a.Kind == b.Kind {
			continue
		}
		p.ReportHelp(e.To.At("channel"), e.To.Path+".channel",
			fmt.Sprintf("channel kind changes from %s (%s) to %s (%s) between %q and %q",
				a.Kind, a.ID, b.Kind, b.ID, e.From.ID, e.To.ID),
			"check the customer does not have to start over: carry the context across")
	}
}

func checkOwnerHandoff(p *Pass) {
	for _, e := range p.Edges() {
		a, b := e.From.Owner, e.To.Owner
		if a == "" || b == "" || a == b {
			continue
		}
		p.ReportHelp(e.To.At("owner"), e.To.Path+".owner",
			fmt.Sprintf("owner changes from %s to %s between %q and %q", a, b, e.From.ID, e.To.ID),
			"agree who hands over what, so nothing falls between departments")
	}
}

func checkFlowUnreachable(p *Pass) {
	tps := p.Touchpoints()
	if len(tps) == 0 {
		return
	}
	flow := p.Flow()
	seen := map[string]bool{tps[0].ID: true}
	queue := []string{tps[0].ID}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		for _, n := range flow[id] {
			if !seen[n] {
				seen[n] = true
				queue = append(queue, n)
			}
		}
	}
	for _, t := range tps {
		if !seen[t.ID] {
			p.ReportHelp(t.Pos, t.Path,
				fmt.Sprintf("touchpoint %q cannot be reached from %q, the first touchpoint, through the flow", t.ID, tps[0].ID),
				"name it in the next: of the touchpoint that leads to it")
		}
	}
}

func checkFlowDeadEnd(p *Pass) {
	last := -1
	for i := range p.Map.Stages {
		if len(p.Map.Stages[i].Touchpoints) > 0 {
			last = i
		}
	}
	flow := p.Flow()
	for _, t := range p.Touchpoints() {
		si := p.StageIndex(t.ID)
		if si < 0 || si >= last {
			continue
		}
		onward := false
		for _, n := range flow[t.ID] {
			if n != t.ID {
				onward = true
				break
			}
		}
		if onward {
			continue
		}
		pos, path := keyPos(&t.Element, "next")
		p.ReportHelp(pos, path,
			fmt.Sprintf("touchpoint %q in stage %q has no way on: the journey stops before the last stage", t.ID, p.Map.Stages[si].ID),
			"list in next: where the customer goes from here")
	}
}
