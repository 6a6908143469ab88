package cli

import (
	"bytes"
	"io"
	"math"
	"strconv"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey/score"
)

type jsonFigure struct {
	N      int      `json:"n"`
	Value  *float64 `json:"value"`
	Margin *float64 `json:"margin"`
	Low    *float64 `json:"low"`          // the 95% interval capped to the scale; null with the margin
	High   *float64 `json:"high"`         // the interval's upper end; null with the margin
	Small  bool     `json:"small_sample"` // fewer than score.SmallN answers
	Origin string   `json:"origin,omitempty"`
	Status string   `json:"status,omitempty"`
	// NPS
	Promoters  *int `json:"promoters,omitempty"`
	Passives   *int `json:"passives,omitempty"`
	Detractors *int `json:"detractors,omitempty"`
	// CES
	Scale        int      `json:"scale,omitempty"`
	Easy         *float64 `json:"easy_percent,omitempty"`
	Distribution []int    `json:"distribution,omitempty"`
	// CSAT
	Satisfied *int   `json:"satisfied,omitempty"`
	Total     *int   `json:"total,omitempty"`
	Missing   string `json:"missing,omitempty"`
}

type jsonRow struct {
	Level    string     `json:"level"`
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Stage    string     `json:"stage,omitempty"`
	Segment  *string    `json:"segment,omitempty"`
	Parts    int        `json:"touchpoints"`
	NPS      jsonFigure `json:"nps"`
	CES      jsonFigure `json:"ces"`
	CSAT     jsonFigure `json:"csat"`
	Emotion  *float64   `json:"emotion,omitempty"`
	Segments []jsonRow  `json:"segments,omitempty"`
}

type jsonMiss struct {
	Metric  string  `json:"metric"`
	Level   string  `json:"level"`
	ID      string  `json:"id"`
	Segment string  `json:"segment,omitempty"`
	Value   float64 `json:"value"`
	Target  float64 `json:"target"`
	Short   float64 `json:"short_by"`
	N       int     `json:"n"`
	Message string  `json:"message"`
}

type jsonInput struct {
	File         string            `json:"file"`
	Columns      map[string]string `json:"columns"`
	Bytes        int64             `json:"bytes"`
	Rows         int64             `json:"rows"`
	Counted      int64             `json:"counted"`
	Filtered     int64             `json:"outside_dates"`
	Rejected     []jsonReject      `json:"rejected"`
	UnknownRows  int64             `json:"unknown_touchpoint_rows"`
	Unknown      []jsonUnknown     `json:"unknown_touchpoints"`
	UnknownOther int64             `json:"unknown_other_rows,omitempty"`
}

type jsonReject struct {
	Column     string  `json:"column"`
	Header     string  `json:"header"`
	Count      int64   `json:"count"`
	Reason     string  `json:"reason"`
	Example    string  `json:"example"`
	FirstLines []int64 `json:"first_lines"`
}

type jsonUnknown struct {
	Touchpoint string `json:"touchpoint"`
	Count      int64  `json:"count"`
	FirstLine  int64  `json:"first_line"`
}

type jsonCurve struct {
	Persona string         `json:"persona,omitempty"`
	Stages  []jsonStageEmo `json:"stages"`
	Points  []jsonPoint    `json:"touchpoints"`
	Valleys []string       `json:"valleys"`
}

type jsonStageEmo struct {
	Stage string   `json:"stage"`
	Mean  *float64 `json:"mean"`
	N     int      `json:"n"`
}

type jsonPoint struct {
	Stage      string   `json:"stage"`
	Touchpoint string   `json:"touchpoint"`
	Emotion    *float64 `json:"emotion"`
}

type jsonTargets struct {
	NPS  *float64 `json:"nps,omitempty"`
	CES  *float64 `json:"ces,omitempty"`
	CSAT *float64 `json:"csat,omitempty"`
}

type jsonMap struct {
	File    string      `json:"file"`
	ID      string      `json:"id"`
	Title   string      `json:"title"`
	By      string      `json:"by"`
	Targets jsonTargets `json:"targets"`
	Rows    []jsonRow   `json:"rows"`
	Total   jsonRow     `json:"total"`
	Curve   jsonCurve   `json:"emotion_curve"`
	Inputs  []jsonInput `json:"inputs"`
	Notes   []string    `json:"notes"`
	Gate    *jsonGate   `json:"gate,omitempty"`
}

type jsonGate struct {
	Passed    bool       `json:"passed"`
	Misses    []jsonMiss `json:"misses"`
	Unchecked []string   `json:"unchecked"` // gated metrics with no figure to check
}

type jsonScore struct {
	FormatVersion string    `json:"format_version"`
	Passed        bool      `json:"passed"`
	Maps          []jsonMap `json:"maps"`
}

func round4(v float64) *float64 {
	r := math.Round(v*1e4) / 1e4
	if r == 0 {
		r = 0 // no -0
	}
	return &r
}

func jsonFig(th score.Thresholds, r *score.Row, m score.Metric) jsonFigure {
	f := r.Figure(m)
	out := jsonFigure{Origin: string(f.Origin)}
	if !f.OK {
		out.Missing = f.Missing
		if out.Missing == "" {
			out.Missing = "no data"
		}
		if m == score.MetricCES {
			out.Scale = r.CES.Scale
		}
		return out
	}
	out.N, out.Value = f.N, round4(f.Value)
	out.Small = f.Small
	if f.HasMargin {
		out.Margin, out.Low, out.High = round4(f.Margin), round4(f.Low), round4(f.High)
	}
	if s := th.StatusOf(r, m); s != score.StatusNone {
		out.Status = s.String()
	}
	switch m {
	case score.MetricNPS:
		if r.NPS.Counts {
			p, pa, d := r.NPS.Promoters, r.NPS.Passives, r.NPS.Detractors
			out.Promoters, out.Passives, out.Detractors = &p, &pa, &d
		}
	case score.MetricCES:
		out.Scale = r.CES.Scale
		out.Distribution = r.CES.Distribution
		if r.CES.Distribution != nil {
			out.Easy = round4(r.CES.Easy)
		}
	case score.MetricCSAT:
		s, t := r.CSAT.Satisfied, r.CSAT.Total
		out.Satisfied, out.Total = &s, &t
		out.Distribution = r.CSAT.Distribution
	}
	return out
}

func jsonRowOf(sc *scored, r *score.Row) jsonRow {
	out := jsonRow{Level: string(r.Level), ID: r.ID, Name: r.Name, Stage: r.Stage, Parts: r.Parts,
		NPS: jsonFig(sc.th, r, score.MetricNPS), CES: jsonFig(sc.th, r, score.MetricCES), CSAT: jsonFig(sc.th, r, score.MetricCSAT)}
	if r.Segment != "" {
		s := r.Segment
		out.Segment = &s
	}
	if e := emotionText(sc.rep, r); e != "" && e != "-" {
		v, _ := strconv.ParseFloat(e, 64)
		out.Emotion = &v
	}
	for i := range r.Segments {
		s := jsonRowOf(sc, &r.Segments[i])
		seg := r.Segments[i].Segment
		s.Segment = &seg
		out.Segments = append(out.Segments, s)
	}
	return out
}

func scoreJSON(w io.Writer, results []*scored) error {
	doc := jsonScore{FormatVersion: "1", Passed: true, Maps: []jsonMap{}}
	for _, sc := range results {
		rep := sc.rep
		jm := jsonMap{File: sc.lm.Name, ID: rep.MapID, Title: rep.Title, By: string(sc.by),
			Targets: jsonTargets{NPS: sc.th.NPS, CES: sc.th.CES, CSAT: sc.th.CSAT},
			Rows:    []jsonRow{}, Inputs: []jsonInput{}, Notes: []string{}}
		rows := rep.Rows(sc.by)
		for i := range rows {
			jm.Rows = append(jm.Rows, jsonRowOf(sc, &rows[i]))
		}
		jm.Total = jsonRowOf(sc, &rep.Total)
		jm.Curve = jsonCurve{Persona: rep.Curve.Persona, Stages: []jsonStageEmo{}, Points: []jsonPoint{}, Valleys: []string{}}
		for _, s := range rep.Curve.Stages {
			e := jsonStageEmo{Stage: s.Stage, N: s.N}
			if s.OK {
				e.Mean = round4(s.Mean)
			}
			jm.Curve.Stages = append(jm.Curve.Stages, e)
		}
		for _, p := range rep.Curve.Points {
			jp := jsonPoint{Stage: p.Stage, Touchpoint: p.Touchpoint}
			if p.OK {
				jp.Emotion = round4(p.Emotion)
			}
			jm.Curve.Points = append(jm.Curve.Points, jp)
		}
		for _, p := range rep.Curve.Valleys {
			jm.Curve.Valleys = append(jm.Curve.Valleys, p.Touchpoint)
		}
		for _, t := range rep.Inputs {
			in := jsonInput{File: t.File, Columns: t.Columns, Bytes: t.Bytes, Rows: t.Rows, Counted: t.Counted, Filtered: t.Filtered,
				Rejected: []jsonReject{}, UnknownRows: t.UnknownRows, Unknown: []jsonUnknown{}, UnknownOther: t.UnknownOther}
			for _, r := range t.Rejected {
				in.Rejected = append(in.Rejected, jsonReject{Column: r.Column, Header: r.Header, Count: r.Count, Reason: r.Reason, Example: r.Example, FirstLines: r.FirstRows})
			}
			for _, u := range t.Unknown {
				in.Unknown = append(in.Unknown, jsonUnknown{Touchpoint: u.Touchpoint, Count: u.Count, FirstLine: u.FirstRow})
			}
			jm.Inputs = append(jm.Inputs, in)
		}
		for _, n := range rep.Notes {
			jm.Notes = append(jm.Notes, n.Message)
		}
		if sc.gated {
			g := &jsonGate{Passed: len(sc.misses) == 0, Misses: []jsonMiss{}, Unchecked: []string{}}
			for _, m := range sc.unchecked {
				g.Unchecked = append(g.Unchecked, string(m))
			}
			for _, m := range sc.misses {
				g.Misses = append(g.Misses, jsonMiss{Metric: string(m.Metric), Level: string(m.Level), ID: m.ID, Segment: m.Segment,
					Value: *round4(m.Value), Target: m.Target, Short: *round4(m.Short), N: m.N, Message: m.String()})
			}
			jm.Gate = g
			doc.Passed = doc.Passed && g.Passed
		}
		doc.Maps = append(doc.Maps, jm)
	}
	var buf bytes.Buffer
	if err := output.JSON(&buf, doc); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
