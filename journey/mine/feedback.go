package mine

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/journey-cx/journey/journey/score"
)

// Outcomes of answers that are not attributed by time.
const (
	byTime            = -1
	unknownTouchpoint = -2
)

// fbState is the feedback in progress: which answers are attributed by
// time and which name their touchpoint.
type fbState struct {
	answers []Answer
	named   []string // per answer: the node it names, "" when by time
	direct  []int32  // per answer: byTime, unknownTouchpoint, or 0 (named)
}

// prepareAnswers resolves the answers that name their touchpoint and
// indexes the others by customer for the workers; nil without answers.
func (m *Miner) prepareAnswers(tb *tables) *fbState {
	if m.opt.Answers == nil {
		return nil
	}
	fb := &fbState{answers: m.opt.Answers, named: make([]string, len(m.opt.Answers)), direct: make([]int32, len(m.opt.Answers))}
	tb.answersOf = map[string][]int32{}
	tb.answerTime = make([]int64, len(fb.answers))
	var r *resolver
	if tb.m != nil {
		r = newResolver(tb.tps, m.opt.Activities)
	}
	for i, an := range fb.answers {
		tb.answerTime[i] = an.Time
		switch {
		case an.Touchpoint == "":
			fb.direct[i] = byTime
			tb.answersOf[an.Customer] = append(tb.answersOf[an.Customer], int32(i))
		case r == nil:
			fb.named[i] = an.Touchpoint
		default:
			if t, ok := r.touchpoint(an.Touchpoint); ok {
				fb.named[i] = tb.nodeNames[t]
			} else if a, ok := m.g.act.ids[an.Touchpoint]; ok {
				fb.named[i] = tb.nodeNames[tb.actNode[a]]
			} else {
				fb.direct[i] = unknownTouchpoint
			}
		}
	}
	return fb
}

// pointAcc collects the answers of one touchpoint.
type pointAcc struct {
	answers        int64
	nps, ces, csat []int
}

// finish attributes the answers and scores each touchpoint with
// journey/score.
func (fb *fbState) finish(a *acc, cesScale int) *Feedback {
	f := &Feedback{Answers: int64(len(fb.answers)), Touchpoints: []Feedpoint{}}
	seen := make([]bool, len(fb.answers))
	points := map[string]*pointAcc{}
	attribute := func(i int, node string) {
		p := points[node]
		if p == nil {
			p = &pointAcc{}
			points[node] = p
		}
		an := &fb.answers[i]
		p.answers++
		f.Attributed++
		if an.NPS != nil {
			p.nps = append(p.nps, *an.NPS)
		}
		if an.CES != nil {
			p.ces = append(p.ces, *an.CES)
		}
		if an.CSAT != nil {
			p.csat = append(p.csat, *an.CSAT)
		}
	}
	for _, at := range a.attrib {
		seen[at.answer] = true
		switch at.node {
		case reasonNoEvent:
			f.Unattributed.NoEventBefore++
		case reasonOutsideWindow:
			f.Unattributed.OutsideWindow++
		default:
			attribute(int(at.answer), a.tb.nodeNames[at.node])
		}
	}
	for i := range fb.answers {
		switch {
		case fb.direct[i] == unknownTouchpoint:
			f.Unattributed.UnknownTouchpoint++
		case fb.direct[i] == byTime && !seen[i]:
			f.Unattributed.UnknownCustomer++
		case fb.direct[i] == 0:
			attribute(i, fb.named[i])
		}
	}
	for name, p := range points {
		f.Touchpoints = append(f.Touchpoints, Feedpoint{Touchpoint: name, Answers: p.answers,
			NPS: npsOf(p.nps), CES: cesOf(p.ces, cesScale), CSAT: csatOf(p.csat)})
	}
	order := func(name string) int {
		if i := slices.Index(a.tb.nodeNames, name); i >= 0 {
			return i
		}
		return math.MaxInt
	}
	slices.SortFunc(f.Touchpoints, func(x, y Feedpoint) int {
		return cmp.Or(cmp.Compare(order(x.Touchpoint), order(y.Touchpoint)), strings.Compare(x.Touchpoint, y.Touchpoint))
	})
	return f
}

func metricOf(fig score.Figure) *Metric {
	m := &Metric{N: fig.N, Missing: fig.Missing, Small: fig.Small}
	if fig.OK {
		m.Value = round(fig.Value, 3)
		m.Low, m.High = m.Value, m.Value
	}
	if fig.HasMargin {
		m.Margin, m.Low, m.High = round(fig.Margin, 3), round(fig.Low, 3), round(fig.High, 3)
	}
	return m
}

func npsOf(v []int) *Metric {
	if len(v) == 0 {
		return nil
	}
	return metricOf(score.NPSFromAnswers(v).Figure)
}

// distOf counts answers 1..hi (index 0 = answer 1), or says which is out of range.
func distOf(v []int, hi int) ([]int, string) {
	d := make([]int, hi)
	for _, x := range v {
		if x < 1 || x > hi {
			return nil, fmt.Sprintf("answer %d is outside 1..%d", x, hi)
		}
		d[x-1]++
	}
	return d, ""
}

func cesOf(v []int, scale int) *Metric {
	if len(v) == 0 {
		return nil
	}
	d, bad := distOf(v, max(scale, 1))
	if bad != "" {
		return &Metric{Missing: bad}
	}
	return metricOf(score.CESFromDistribution(d, scale, false).Figure)
}

func csatOf(v []int) *Metric {
	if len(v) == 0 {
		return nil
	}
	d, bad := distOf(v, 5)
	if bad != "" {
		return &Metric{Missing: bad}
	}
	return metricOf(score.CSATFromDistribution(d).Figure)
}
