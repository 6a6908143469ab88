package html

import (
	"strconv"
	"strings"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
)

// jsData is what the page's script reads from its JSON block: every
// touchpoint's details, already in words, and the labels to show them
// with.
type jsData struct {
	Labels      map[string]string `json:"labels"`
	Touchpoints []tpData          `json:"touchpoints"`
}

type tpData struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Stage       string       `json:"stage"`
	Description string       `json:"description,omitempty"`
	ChannelID   string       `json:"channelId,omitempty"`
	Channel     string       `json:"channel,omitempty"`
	OwnerID     string       `json:"ownerId,omitempty"`
	Owner       string       `json:"owner,omitempty"`
	Actors      []string     `json:"actors,omitempty"`
	Action      string       `json:"action,omitempty"`
	Thought     string       `json:"thought,omitempty"`
	Moment      string       `json:"moment,omitempty"`
	Personas    []string     `json:"personas"` // persona keys the touchpoint concerns
	Emotions    []emoData    `json:"emotions,omitempty"`
	Pains       []painData   `json:"pains,omitempty"`
	Opps        []oppData    `json:"opportunities,omitempty"`
	Metrics     []metricData `json:"metrics,omitempty"`
}

type emoData struct {
	Persona string `json:"persona,omitempty"`
	Value   string `json:"value"`
	Level   string `json:"level"`
}

type painData struct {
	Text     string `json:"text"`
	Severity string `json:"severity,omitempty"`
	Evidence string `json:"evidence,omitempty"`
}

type oppData struct {
	Text   string `json:"text"`
	Status string `json:"status,omitempty"`
	Impact int    `json:"impact,omitempty"`
	Effort int    `json:"effort,omitempty"`
	Owner  string `json:"owner,omitempty"`
}

type metricData struct {
	Label  string `json:"label"`
	Value  string `json:"value"`
	Margin string `json:"margin,omitempty"` // "± 4.2", or the capped interval "−100 – 19"
	N      int    `json:"n,omitempty"`
	Small  bool   `json:"small,omitempty"` // fewer than score.SmallN answers
	Target string `json:"target,omitempty"`
	Status string `json:"status,omitempty"`
}

func pageData(in *render.Input, lb render.Labels) jsData {
	m := in.Map
	d := jsData{Labels: map[string]string{
		"action": lb.Actions, "thought": lb.Thoughts, "emotions": lb.Emotions, "pains": lb.Pains,
		"opportunities": lb.Opportunities, "metrics": lb.Metrics, "channel": lb.Channel, "owner": lb.Owner, "actors": lb.Actors,
		"moment": lb.MomentOfTruth, "status": lb.Status, "impact": lb.Impact, "effort": lb.Effort,
		"target": lb.Target, "n": lb.Responses, "small": lb.SmallSample, "stage": lb.Stage, "severity": lb.Severity,
	}}
	rows := map[string]*score.Row{}
	if rep := in.ScoresOf(); rep != nil {
		for i := range rep.Touchpoints {
			rows[rep.Touchpoints[i].ID] = &rep.Touchpoints[i]
		}
	}
	targets := score.TargetsOf(m)
	for si := range m.Stages {
		st := &m.Stages[si]
		for ti := range st.Touchpoints {
			d.Touchpoints = append(d.Touchpoints, touchpointData(m, nameOr(st.Name, st.ID), &st.Touchpoints[ti], rows, targets, lb))
		}
	}
	return d
}

// touchpointData is everything the map holds about one touchpoint, in words.
func touchpointData(m *journey.Map, stage string, tp *journey.Touchpoint, rows map[string]*score.Row, targets score.Thresholds, lb render.Labels) tpData {
	lang := lb.Lang
	t := tpData{ID: tp.ID, Name: nameOr(tp.Name, tp.ID), Stage: stage, Description: tp.Description,
		Action: tp.Action, Thought: tp.Thought, Actors: tp.Actors, Personas: []string{}}
	if c := m.Channel(tp.Channel); c != nil {
		t.ChannelID, t.Channel = c.ID, nameOr(c.Name, c.ID)
	} else if tp.Channel != "" {
		t.ChannelID, t.Channel = tp.Channel, tp.Channel
	}
	if o := m.OwnerByID(tp.Owner); o != nil {
		t.OwnerID, t.Owner = o.ID, nameOr(o.Name, o.ID)
	} else if tp.Owner != "" {
		t.OwnerID, t.Owner = tp.Owner, tp.Owner
	}
	if tp.MomentOfTruth != "" {
		t.Moment = lb.Moments[tp.MomentOfTruth]
	}
	t.Personas, t.Emotions = emotions(m, tp, lb)
	for _, p := range tp.Pains {
		t.Pains = append(t.Pains, painData{Text: p.Text, Severity: orKey(lb.Severities, p.Severity), Evidence: p.Evidence})
	}
	for _, o := range tp.Opportunities {
		od := oppData{Text: o.Text, Status: orKey(lb.Statuses, o.Status), Impact: o.Impact, Effort: o.Effort}
		if ow := m.OwnerByID(o.Owner); ow != nil {
			od.Owner = nameOr(ow.Name, ow.ID)
		}
		t.Opps = append(t.Opps, od)
	}
	if r := rows[tp.ID]; r != nil {
		add := func(label string, metric score.Metric, f score.Figure, value string, dec int) {
			if !f.OK {
				return
			}
			md := metricData{Label: label, Value: value, N: f.N, Small: f.Small}
			md.Margin = f.Interval(func(v float64) string { return num(v, dec, lang) })
			if tg := targets.For(metric); tg != nil {
				md.Target = num(*tg, dec, lang)
				md.Status = statusWord(lb, targets.StatusOf(r, metric))
			}
			t.Metrics = append(t.Metrics, md)
		}
		add(lb.NPS, score.MetricNPS, r.NPS.Figure, signed(r.NPS.Value, 0, lang), 0)
		add(lb.CES, score.MetricCES, r.CES.Figure, num(r.CES.Value, 1, lang), 1)
		add(lb.CSAT, score.MetricCSAT, r.CSAT.Figure, num(r.CSAT.Value, 0, lang)+" %", 1)
	}
	if tp.Metrics != nil {
		for _, k := range tp.Metrics.KPIs {
			md := metricData{Label: k.Name, Value: "–"}
			if k.Value != nil {
				md.Value = strings.TrimSpace(num(*k.Value, 2, lang) + " " + k.Unit)
			}
			if k.Target != nil {
				md.Target = strings.TrimSpace(num(*k.Target, 2, lang) + " " + k.Unit)
			}
			t.Metrics = append(t.Metrics, md)
		}
	}
	return t
}

// emotions returns the personas a touchpoint concerns (every persona when
// its emotion has none, or when it has no emotion) and its emotions in
// words.
func emotions(m *journey.Map, tp *journey.Touchpoint, lb render.Labels) ([]string, []emoData) {
	all := make([]string, len(m.Personas))
	for i := range m.Personas {
		all[i] = personaKey(m, i)
	}
	if len(tp.Emotion) == 0 {
		return all, nil
	}
	var keys []string
	var out []emoData
	for _, e := range tp.Emotion {
		ed := emoData{Value: num(e.Value, 1, lb.Lang), Level: lb.EmotionLevels[max(1, min(5, int(e.Value+0.5)))]}
		if e.Persona == "" {
			keys = all
		} else {
			for i := range m.Personas {
				if m.Personas[i].ID == e.Persona {
					ed.Persona = nameOr(m.Personas[i].Name, e.Persona)
					keys = append(keys, personaKey(m, i))
				}
			}
		}
		out = append(out, ed)
	}
	if keys == nil {
		keys = []string{}
	}
	return keys, out
}

func orKey(words map[string]string, key string) string {
	if w, ok := words[key]; ok {
		return w
	}
	return key
}

// num formats v with dec decimals (trailing zeros kept), with a decimal
// comma in Spanish.
func num(v float64, dec int, lang string) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if lang == "es" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// signed is num with a sign on positive values.
func signed(v float64, dec int, lang string) string {
	s := num(v, dec, lang)
	if v > 0 && s != num(0, dec, lang) {
		s = "+" + s
	}
	return s
}
