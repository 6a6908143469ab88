package lint

import (
	"fmt"
	"math"

	"github.com/journey-cx/journey/journey"
)

func checkRecommendWithoutNPS(p *Pass) {
	stages := p.Map.Stages
	if len(stages) == 0 {
		return
	}
	var at []int // the stages where the customer recommends
	var what string
	if p.Model != nil {
		adv := p.Model.AdvocacyStage()
		if adv == "" {
			return // a funnel that ends at the purchase (aida): nothing to recommend
		}
		for i := range stages {
			if stages[i].CoveredModelStage() == adv {
				at = append(at, i)
			}
		}
		what = fmt.Sprintf("covers %s, the advocacy stage of model %s", adv, p.Model.ID)
	} else {
		at = []int{len(stages) - 1}
		what = "is the last stage of a map without a stage model"
	}
	if len(at) == 0 {
		return // model-stage-missing reports the uncovered stage
	}
	for _, i := range at {
		for j := range stages[i].Touchpoints {
			t := &stages[i].Touchpoints[j]
			if m := t.Metrics; (m != nil && m.NPS != nil) || p.Facts.NPS[t.ID] {
				return
			}
		}
	}
	s := &stages[at[len(at)-1]]
	p.ReportHelp(s.Pos, s.Path,
		fmt.Sprintf("stage %q %s, but none of its touchpoints measures NPS", s.ID, what),
		"add metrics: {nps: {promoters: ..., passives: ..., detractors: ...}} where the customer would recommend you, or NPS answers for one of them to a survey in sources:")
}

func checkMomentOfTruthUnmeasured(p *Pass) {
	for _, t := range p.Touchpoints() {
		if t.MomentOfTruth != "" && t.Metrics.IsEmpty() {
			p.ReportHelp(t.At("moment_of_truth"), t.Path+".moment_of_truth",
				fmt.Sprintf("touchpoint %q is a moment of truth (%s) with no metric", t.ID, t.MomentOfTruth),
				"add metrics: (NPS, CES, CSAT or a KPI): the moments that decide the relationship are the ones to measure")
		}
	}
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// npsAnswers returns the number of answers an NPS measure rests on.
func npsAnswers(x *journey.NPS) (int, bool) {
	switch {
	case x.Promoters != nil && x.Passives != nil && x.Detractors != nil:
		return *x.Promoters + *x.Passives + *x.Detractors, true
	case x.Distribution != nil:
		return sum(x.Distribution), true
	case x.N != nil:
		return *x.N, true
	}
	return 0, false
}

// cesAnswers returns the number of answers a CES measure rests on.
func cesAnswers(x *journey.CES) (int, bool) {
	switch {
	case x.Distribution != nil:
		return sum(x.Distribution), true
	case x.N != nil:
		return *x.N, true
	}
	return 0, false
}

// csatAnswers returns the number of answers a CSAT measure rests on.
func csatAnswers(x *journey.CSAT) (int, bool) {
	switch {
	case x.Distribution != nil:
		return sum(x.Distribution), true
	case x.Total != nil:
		return *x.Total, true
	}
	return 0, false
}

func checkMetricSmallSample(p *Pass) {
	small := func(t *journey.Touchpoint, el *journey.Element, what string, n int, ok bool) {
		if ok && n > 0 && n < p.MinSample {
			p.ReportHelp(el.Pos, el.Path,
				fmt.Sprintf("%s of touchpoint %q rests on %d answers, fewer than %d", what, t.ID, n, p.MinSample),
				"gather more answers, or read it as a signal, not a score (min-sample in .journey.yaml sets the threshold)")
		}
	}
	for _, t := range p.Touchpoints() {
		m := t.Metrics
		if m == nil {
			continue
		}
		if m.NPS != nil {
			n, ok := npsAnswers(m.NPS)
			small(t, &m.NPS.Element, "nps", n, ok)
		}
		if m.CES != nil {
			n, ok := cesAnswers(m.CES)
			small(t, &m.CES.Element, "ces", n, ok)
		}
		if m.CSAT != nil {
			n, ok := csatAnswers(m.CSAT)
			small(t, &m.CSAT.Element, "csat", n, ok)
		}
	}
}

func checkMetricInconsistent(p *Pass) {
	for _, t := range p.Touchpoints() {
		m := t.Metrics
		if m == nil {
			continue
		}
		if x := m.NPS; x != nil {
			inconsistentNPS(p, t, x)
		}
		if x := m.CES; x != nil {
			switch {
			case x.Distribution != nil:
				countsVersusN(p, t, &x.Element, "ces distribution", sum(x.Distribution), x.N)
			case x.Mean != nil && x.N != nil && *x.N == 0:
				p.ReportHelp(x.At("n"), x.Path+".n", fmt.Sprintf("ces of touchpoint %q gives a mean of %s from n = 0 answers", t.ID, num(*x.Mean)),
					"set n to the number of answers the mean comes from")
			}
		}
		if x := m.CSAT; x != nil {
			switch {
			case x.Distribution != nil:
				countsVersusN(p, t, &x.Element, "csat distribution", sum(x.Distribution), nil)
			case x.Total != nil && *x.Total == 0:
				p.ReportHelp(x.At("total"), x.Path+".total", fmt.Sprintf("csat of touchpoint %q has a total of 0 answers", t.ID),
					"set total to the number of answers, satisfied to how many of them were satisfied (4 or 5)")
			}
		}
	}
}

// countsVersusN reports counts that add up to nothing, or to another number than n.
func countsVersusN(p *Pass, t *journey.Touchpoint, el *journey.Element, what string, total int, n *int) {
	switch {
	case total == 0:
		p.ReportHelp(el.Pos, el.Path, fmt.Sprintf("%s of touchpoint %q holds no answers: every count is 0", what, t.ID),
			"fill in the counts, or remove the measure")
	case n != nil && *n != total:
		p.ReportHelp(el.At("n"), el.Path+".n", fmt.Sprintf("%s of touchpoint %q adds up to %d answers, but n is %d", what, t.ID, total, *n),
			"correct the counts or n, or remove n: the counts give it")
	}
}

func inconsistentNPS(p *Pass, t *journey.Touchpoint, x *journey.NPS) {
	switch {
	case x.Promoters != nil && x.Passives != nil && x.Detractors != nil:
		countsVersusN(p, t, &x.Element, "nps counts", *x.Promoters+*x.Passives+*x.Detractors, x.N)
	case x.Distribution != nil:
		countsVersusN(p, t, &x.Element, "nps distribution", sum(x.Distribution), x.N)
	case x.Score != nil && x.N != nil:
		score, n := *x.Score, *x.N
		if n == 0 {
			p.ReportHelp(x.At("n"), x.Path+".n", fmt.Sprintf("nps of touchpoint %q gives a score of %s from n = 0 answers", t.ID, num(score)),
				"set n to the number of answers the score comes from")
			return
		}
		// With n answers, NPS = 100 * (promoters - detractors) / n: a
		// multiple of 100/n. Allow half a point for rounding.
		k := score * float64(n) / 100
		lo, hi := math.Floor(k), math.Ceil(k)
		near := math.Min(math.Abs(lo*100/float64(n)-score), math.Abs(hi*100/float64(n)-score))
		if near > 0.5+1e-9 {
			p.ReportHelp(x.At("score"), x.Path+".score",
				fmt.Sprintf("nps of touchpoint %q cannot be %s with %d answers: the nearest possible scores are %s and %s",
					t.ID, num(score), n, oneDecimal(lo*100/float64(n)), oneDecimal(hi*100/float64(n))),
				"check the score and n against the survey export")
		}
	}
}

func oneDecimal(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

func checkKPIWithoutTarget(p *Pass) {
	for _, t := range p.Touchpoints() {
		if t.Metrics == nil {
			continue
		}
		for i := range t.Metrics.KPIs {
			k := &t.Metrics.KPIs[i]
			if k.Target == nil {
				p.ReportHelp(k.Pos, k.Path, fmt.Sprintf("KPI %q of touchpoint %q has no target", k.Name, t.ID),
					"add target: the value you aim for (and better: lower when less is better)")
			}
		}
	}
}
