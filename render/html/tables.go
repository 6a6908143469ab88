package html

import (
	"bytes"
	"html/template"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
)

// scoreRow is one row of the scores table.
type scoreRow struct {
	Name, Channel, Emotion string
	Group, Total           bool
	Cells                  []scoreCell
}

type scoreCell struct {
	Value, Margin, N, Status, Class string
	Small                           bool // fewer than score.SmallN answers: N is starred
}

// Scores returns the scores table of in (every touchpoint by stage, the
// stage roll-ups and the whole map, against the map's targets) as an HTML
// fragment; "" when the map has no figure and no emotion.
func Scores(in *render.Input) template.HTML {
	rep := in.ScoresOf()
	if rep == nil {
		return ""
	}
	m := in.Map
	st := &scoreTable{lb: in.Labels(), targets: score.TargetsOf(m)}
	rows := st.rows(m, rep)
	if !st.seen {
		return ""
	}
	var tg []string
	for _, metric := range score.Metrics {
		if v := st.targets.For(metric); v != nil {
			tg = append(tg, strings.ToUpper(string(metric))+" ≥ "+num(*v, 1, st.lb.Lang))
		}
	}
	var b bytes.Buffer
	err := scoresTmpl().Execute(&b, map[string]any{"L": st.lb, "Rows": rows, "Targets": strings.Join(tg, " · "),
		"Small": st.small, "SmallN": score.SmallN})
	if err != nil {
		return template.HTML("<p>" + template.HTMLEscapeString(err.Error()) + "</p>")
	}
	return template.HTML(b.String())
}

// scoreTable makes the rows of the scores table, and notes whether any
// holds a figure or an emotion.
type scoreTable struct {
	lb      render.Labels
	targets score.Thresholds
	seen    bool
	small   bool // some figure has fewer than score.SmallN answers (a note follows the table)
}

// rows returns each stage's row followed by its touchpoints', then the
// whole map's.
func (st *scoreTable) rows(m *journey.Map, rep *score.Report) []scoreRow {
	tp := map[string]*score.Row{}
	for i := range rep.Touchpoints {
		tp[rep.Touchpoints[i].ID] = &rep.Touchpoints[i]
	}
	stages := map[string]*score.Row{}
	for i := range rep.Stages {
		stages[rep.Stages[i].ID] = &rep.Stages[i]
	}
	emo := map[string]score.StageEmotion{}
	for _, se := range rep.Curve.Stages {
		emo[se.Stage] = se
	}
	var rows []scoreRow
	for si := range m.Stages {
		s := &m.Stages[si]
		if r := stages[s.ID]; r != nil {
			se := emo[s.ID]
			rows = append(rows, scoreRow{Name: nameOr(s.Name, s.ID), Group: true, Emotion: st.emotion(se.Mean, se.OK), Cells: st.cells(r)})
		}
		for ti := range s.Touchpoints {
			t := &s.Touchpoints[ti]
			r := tp[t.ID]
			if r == nil {
				continue
			}
			ch := ""
			if c := m.Channel(t.Channel); c != nil {
				ch = nameOr(c.Name, c.ID)
			}
			v, ok := t.MeanEmotion()
			rows = append(rows, scoreRow{Name: nameOr(t.Name, t.ID), Channel: ch, Emotion: st.emotion(v, ok), Cells: st.cells(r)})
		}
	}
	var mean float64
	var n int
	for _, p := range rep.Curve.Points {
		if p.OK {
			mean += p.Emotion
			n++
		}
	}
	tot := rep.Total
	return append(rows, scoreRow{Name: st.lb.Overall, Total: true, Emotion: st.emotion(mean/float64(max(n, 1)), n > 0), Cells: st.cells(&tot)})
}

// cells returns the value, margin and answers of a row's NPS, CES and CSAT.
func (st *scoreTable) cells(r *score.Row) []scoreCell {
	lang := st.lb.Lang
	var out []scoreCell
	for _, metric := range score.Metrics {
		f := r.Figure(metric)
		if !f.OK {
			out = append(out, scoreCell{Value: "–", Class: "none"})
			continue
		}
		st.seen = true
		c := scoreCell{}
		switch metric {
		case score.MetricNPS:
			c.Value = signed(f.Value, 0, lang)
		case score.MetricCES:
			c.Value = num(f.Value, 1, lang)
		default:
			c.Value = num(f.Value, 0, lang) + " %"
		}
		c.Margin = f.Interval(func(v float64) string { return num(v, 1, lang) })
		if f.N > 0 {
			c.N = itoa(f.N)
		}
		c.Small = f.Small
		st.small = st.small || f.Small
		if s := st.targets.StatusOf(r, metric); s != score.StatusNone {
			c.Status, c.Class = statusWord(st.lb, s), "st-"+s.String()
		}
		out = append(out, c)
	}
	return out
}

// emotion is a mean emotion's cell.
func (st *scoreTable) emotion(v float64, ok bool) string {
	if !ok {
		return "–"
	}
	st.seen = true
	return num(v, 1, st.lb.Lang)
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

var scoresTmpl = sync.OnceValue(func() *template.Template { return template.Must(template.New("scores").Parse(scoresHTML)) })

const scoresHTML = `<table class="scores">
<caption>{{.L.Scores}}{{if .Targets}} <span class="targets">({{.L.Target}}: {{.Targets}})</span>{{end}}</caption>
<thead><tr><th scope="col">{{.L.Touchpoint}}</th><th scope="col">{{.L.Channel}}</th><th scope="col" class="num">{{.L.Emotions}}</th>
<th scope="col" class="num">{{.L.NPS}}</th><th scope="col" class="num"><abbr title="95% margin of error, or the 95% interval where ± would leave the scale">±</abbr></th><th scope="col" class="num">{{.L.Responses}}</th>
<th scope="col" class="num">{{.L.CES}}</th><th scope="col" class="num"><abbr title="95% margin of error, or the 95% interval where ± would leave the scale">±</abbr></th><th scope="col" class="num">{{.L.Responses}}</th>
<th scope="col" class="num">{{.L.CSAT}}</th><th scope="col" class="num"><abbr title="95% margin of error, or the 95% interval where ± would leave the scale">±</abbr></th><th scope="col" class="num">{{.L.Responses}}</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr{{if .Group}} class="group"{{else if .Total}} class="total"{{end}}><th scope="row">{{.Name}}</th><td>{{.Channel}}</td><td class="num">{{.Emotion}}</td>
{{- range .Cells}}<td class="num {{.Class}}">{{.Value}}{{if .Status}} <span class="status">({{.Status}})</span>{{end}}</td><td class="num margin">{{.Margin}}</td><td class="num n">{{.N}}{{if .Small}}<abbr title="{{$.L.SmallSample}}">*</abbr>{{end}}</td>{{end}}</tr>
{{- end}}
</tbody></table>
{{- if .Small}}
<p class="note">* {{.L.SmallSample}}: {{.L.Responses}} &lt; {{.SmallN}}</p>
{{- end}}`

// finding is one lint finding as the findings list shows it.
type finding struct {
	Severity, Level, Location, Message, Rule, Suggest string
	Snippet                                           *snippet
}

// snippet is the source line a finding points at, with a caret under its
// column.
type snippet struct {
	Line  int
	Text  string
	Caret string // spaces then ^
}

// Findings returns the findings as an HTML fragment: the most severe
// first, each naming file:line:col, with the source line it points at when
// sources (by file name) holds the file; "" when there are none.
func Findings(diags journey.Diagnostics, sources map[string][]byte, lb render.Labels) template.HTML {
	if len(diags) == 0 {
		return ""
	}
	diags = append(journey.Diagnostics(nil), diags...)
	sort.SliceStable(diags, func(i, j int) bool { return diags[i].Severity > diags[j].Severity })
	out := make([]finding, len(diags))
	for i, d := range diags {
		sev := d.Severity.String()
		out[i] = finding{Severity: sev, Level: orKey(lb.Levels, sev), Location: d.Location(), Message: d.Message,
			Rule: d.Rule, Suggest: d.Suggest}
		if d.Rule == journey.RuleInvalid {
			out[i].Rule = ""
		}
		if src, ok := sources[d.File]; ok && d.Line > 0 {
			out[i].Snippet = snippetAt(src, d.Line, d.Column)
		}
	}
	var b bytes.Buffer
	if err := findingsTmpl().Execute(&b, map[string]any{"L": lb, "Findings": out}); err != nil {
		return template.HTML("<p>" + template.HTMLEscapeString(err.Error()) + "</p>")
	}
	return template.HTML(b.String())
}

// snippetAt returns line (1-based) of src, tabs as spaces, with a caret
// under column col (in characters; 0: none); nil when src has no such
// line.
func snippetAt(src []byte, line, col int) *snippet {
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return nil
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	text := strings.TrimRight(strings.ReplaceAll(string(src), "\t", " "), "\r")
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	if r := []rune(text); len(r) > 200 {
		text = string(r[:200]) + "…"
	}
	s := &snippet{Line: line, Text: text}
	if col > 0 {
		s.Caret = strings.Repeat(" ", col-1) + "^"
	}
	return s
}

var findingsTmpl = sync.OnceValue(func() *template.Template { return template.Must(template.New("findings").Parse(findingsHTML)) })

const findingsHTML = `<section class="findings" aria-labelledby="findings-h">
<h2 id="findings-h">{{.L.Findings}}</h2>
<ol class="findings-list">
{{- range .Findings}}
<li class="finding sev-{{.Severity}}"><span class="sev">{{.Level}}</span> <code class="loc">{{.Location}}</code> <span class="msg">{{.Message}}</span>
{{- if .Suggest}} <span class="suggest">({{.Suggest}})</span>{{end}}{{if .Rule}} <code class="rule">[{{.Rule}}]</code>{{end}}
{{- with .Snippet}}
<pre class="snippet"><span class="ln">{{.Line}} | </span>{{.Text}}{{if .Caret}}
<span class="ln">{{printf "%*s" (len (printf "%d" .Line)) ""}} | </span><span class="caret">{{.Caret}}</span>{{end}}</pre>
{{- end}}</li>
{{- end}}
</ol></section>`
