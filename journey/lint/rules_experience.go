package lint

import (
	"fmt"
	"slices"

	"github.com/journey-cx/journey/journey"
)

// emotionDropThreshold is how far emotion must fall between two
// touchpoints for emotion-drop to fire.
const emotionDropThreshold = 2

func checkPainWithoutOpportunity(p *Pass) {
	for _, t := range p.Touchpoints() {
		if len(t.Pains) > 0 && len(t.Opportunities) == 0 {
			pains := "a pain"
			if len(t.Pains) > 1 {
				pains = fmt.Sprintf("%d pains", len(t.Pains))
			}
			p.ReportHelp(t.At("pains"), t.Path+".pains",
				fmt.Sprintf("touchpoint %q lists %s but no opportunity", t.ID, pains),
				"add opportunities: with at least one idea that removes or eases the pain")
		}
	}
}

// drop is the fall of emotion along one edge, for one persona ("" for the
// single-value form).
type drop struct {
	from     *journey.Touchpoint
	persona  string
	was, now float64
	pos      journey.Pos
}

// emotionDrop returns the largest fall of emotion from a to b, over the
// personas both give an emotion for.
func emotionDrop(a, b *journey.Touchpoint) (drop, bool) {
	if len(a.Emotion) == 0 || len(b.Emotion) == 0 {
		return drop{}, false
	}
	var personas []string
	for _, e := range append(slices.Clip(a.Emotion), b.Emotion...) {
		if e.Persona != "" && !slices.Contains(personas, e.Persona) {
			personas = append(personas, e.Persona)
		}
	}
	if len(personas) == 0 {
		personas = []string{""}
	}
	var best drop
	found := false
	for _, who := range personas {
		va, okA := a.EmotionOf(who)
		vb, okB := b.EmotionOf(who)
		if !okA || !okB {
			continue
		}
		if d := va - vb; !found || d > best.was-best.now {
			best = drop{from: a, persona: who, was: va, now: vb, pos: emotionPos(b, who)}
			found = true
		}
	}
	return best, found
}

// emotionPos returns the position of t's emotion for persona.
func emotionPos(t *journey.Touchpoint, persona string) journey.Pos {
	for _, e := range t.Emotion {
		if e.Persona == persona {
			return e.Pos
		}
	}
	return t.At("emotion")
}

func checkEmotionDrop(p *Pass) {
	worst := map[*journey.Touchpoint]drop{}
	var order []*journey.Touchpoint
	for _, e := range p.Edges() {
		if e.From == e.To || len(e.To.Opportunities) > 0 {
			continue
		}
		d, ok := emotionDrop(e.From, e.To)
		if !ok || d.was-d.now < emotionDropThreshold-1e-9 {
			continue
		}
		prev, seen := worst[e.To]
		if !seen {
			order = append(order, e.To)
		}
		if !seen || d.was-d.now > prev.was-prev.now {
			worst[e.To] = d
		}
	}
	for _, t := range order {
		d := worst[t]
		who := "emotion"
		if d.persona != "" {
			who = "emotion of " + d.persona
		}
		p.ReportHelp(d.pos, t.Path+".emotion",
			fmt.Sprintf("%s falls from %s to %s between %q and %q, and %q lists no opportunity",
				who, num(d.was), num(d.now), d.from.ID, t.ID, t.ID),
			"add an opportunity that addresses the drop")
	}
}

func num(f float64) string { return fmt.Sprintf("%g", f) }
