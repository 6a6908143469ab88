package xlsx

import (
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/journey"
)

// EmotionColumnPrefix starts the key of a per-persona emotion column:
// "emotion:marta".
const EmotionColumnPrefix = "emotion:"

// EndOfFlow is the `next` cell of a touchpoint with `next: []`.
const EndOfFlow = "-"

// value is one cell of the Touchpoints sheet: text, or a number when isNum.
type value struct {
	s     string
	n     float64
	isNum bool
	isSet bool // a number was given (0 is a number)
	b     *bool
}

func str(s string) value { return value{s: s} }

func numPtr(v *float64) value {
	if v == nil {
		return value{}
	}
	return value{n: *v, isNum: true, isSet: true}
}

func intPtr(v *int) value {
	if v == nil {
		return value{}
	}
	return value{n: float64(*v), isNum: true, isSet: true}
}

// tpColumn is one column of the Touchpoints sheet.
type tpColumn struct {
	key   string
	width float64
	get   func(s *journey.Stage, t *journey.Touchpoint) value
}

// TouchpointColumns returns the column keys of the Touchpoints sheet for m,
// in order (the per-persona emotion columns depend on the map).
func TouchpointColumns(m *journey.Map) []string {
	cols := touchpointColumns(m)
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.key
	}
	return out
}

func touchpointColumns(m *journey.Map) []tpColumn {
	metrics := func(t *journey.Touchpoint) *journey.Metrics {
		if t.Metrics == nil {
			return &journey.Metrics{}
		}
		return t.Metrics
	}
	nps := func(t *journey.Touchpoint) *journey.NPS {
		if x := metrics(t).NPS; x != nil {
			return x
		}
		return &journey.NPS{}
	}
	ces := func(t *journey.Touchpoint) *journey.CES {
		if x := metrics(t).CES; x != nil {
			return x
		}
		return &journey.CES{}
	}
	csat := func(t *journey.Touchpoint) *journey.CSAT {
		if x := metrics(t).CSAT; x != nil {
			return x
		}
		return &journey.CSAT{}
	}
	pains := func(t *journey.Touchpoint, f func(p *journey.Pain) string) value {
		out := make([]string, len(t.Pains))
		for i := range t.Pains {
			out[i] = f(&t.Pains[i])
		}
		return str(lines(out))
	}
	opps := func(t *journey.Touchpoint, f func(o *journey.Opportunity) string) value {
		out := make([]string, len(t.Opportunities))
		for i := range t.Opportunities {
			out[i] = f(&t.Opportunities[i])
		}
		return str(lines(out))
	}
	kpis := func(t *journey.Touchpoint, f func(k *journey.KPI) string) value {
		ks := metrics(t).KPIs
		out := make([]string, len(ks))
		for i := range ks {
			out[i] = f(&ks[i])
		}
		return str(lines(out))
	}
	optNum := func(v *float64) string {
		if v == nil {
			return ""
		}
		return num(*v)
	}
	level := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}

	cols := []tpColumn{
		{"stage_id", 14, func(s *journey.Stage, _ *journey.Touchpoint) value { return str(s.ID) }},
		{"stage_name", 18, func(s *journey.Stage, _ *journey.Touchpoint) value { return str(s.Name) }},
		{"id", 18, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.ID) }},
		{"name", 30, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.Name) }},
		{"description", 30, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.Description) }},
		{"channel", 12, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.Channel) }},
		{"owner", 12, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.Owner) }},
		{"action", 30, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.Action) }},
		{"thought", 30, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.Thought) }},
		{"emotion", 9, func(_ *journey.Stage, t *journey.Touchpoint) value {
			if v, ok := singleEmotion(t); ok {
				return value{n: v, isNum: true, isSet: true}
			}
			return value{isNum: true}
		}},
	}
	for _, p := range perPersona(m) {
		cols = append(cols, tpColumn{EmotionColumnPrefix + p, 9, func(_ *journey.Stage, t *journey.Touchpoint) value {
			if v, ok := personaEmotion(t, p); ok {
				return value{n: v, isNum: true, isSet: true}
			}
			return value{isNum: true}
		}})
	}
	cols = append(cols, []tpColumn{
		{"moment_of_truth", 10, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.MomentOfTruth) }},
		{"next", 16, func(_ *journey.Stage, t *journey.Touchpoint) value {
			switch {
			case !t.NextSet:
				return str("")
			case len(t.Next) == 0:
				return str(EndOfFlow)
			}
			return str(lines(append([]string(nil), t.Next...)))
		}},
		{"pains", 36, func(_ *journey.Stage, t *journey.Touchpoint) value {
			return pains(t, func(p *journey.Pain) string { return p.Text })
		}},
		{"pain_severity", 10, func(_ *journey.Stage, t *journey.Touchpoint) value {
			return pains(t, func(p *journey.Pain) string { return p.Severity })
		}},
		{"pain_evidence", 24, func(_ *journey.Stage, t *journey.Touchpoint) value {
			return pains(t, func(p *journey.Pain) string { return p.Evidence })
		}},
		{"opportunities", 36, func(_ *journey.Stage, t *journey.Touchpoint) value {
			return opps(t, func(o *journey.Opportunity) string { return o.Text })
		}},
		{"opportunity_owner", 12, func(_ *journey.Stage, t *journey.Touchpoint) value {
			return opps(t, func(o *journey.Opportunity) string { return o.Owner })
		}},
		{"opportunity_status", 12, func(_ *journey.Stage, t *journey.Touchpoint) value {
			return opps(t, func(o *journey.Opportunity) string { return o.Status })
		}},
		{"opportunity_impact", 9, func(_ *journey.Stage, t *journey.Touchpoint) value {
			return opps(t, func(o *journey.Opportunity) string { return level(o.Impact) })
		}},
		{"opportunity_effort", 9, func(_ *journey.Stage, t *journey.Touchpoint) value {
			return opps(t, func(o *journey.Opportunity) string { return level(o.Effort) })
		}},
		{"nps_promoters", 9, func(_ *journey.Stage, t *journey.Touchpoint) value { return intPtr(nps(t).Promoters) }},
		{"nps_passives", 9, func(_ *journey.Stage, t *journey.Touchpoint) value { return intPtr(nps(t).Passives) }},
		{"nps_detractors", 9, func(_ *journey.Stage, t *journey.Touchpoint) value { return intPtr(nps(t).Detractors) }},
		{"nps_score", 9, func(_ *journey.Stage, t *journey.Touchpoint) value { return numPtr(nps(t).Score) }},
		{"nps_n", 9, func(_ *journey.Stage, t *journey.Touchpoint) value { return intPtr(nps(t).N) }},
		{"nps_distribution", 16, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(ints(nps(t).Distribution)) }},
		{"ces_mean", 9, func(_ *journey.Stage, t *journey.Touchpoint) value { return numPtr(ces(t).Mean) }},
		{"ces_n", 9, func(_ *journey.Stage, t *journey.Touchpoint) value { return intPtr(ces(t).N) }},
		{"ces_distribution", 16, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(ints(ces(t).Distribution)) }},
		{"ces_scale", 9, func(_ *journey.Stage, t *journey.Touchpoint) value {
			if s := ces(t).Scale; s != 0 {
				return value{n: float64(s), isNum: true, isSet: true}
			}
			return value{isNum: true}
		}},
		{"ces_reversed", 9, func(_ *journey.Stage, t *journey.Touchpoint) value {
			if ces(t).Reversed {
				yes := true
				return value{b: &yes}
			}
			return value{}
		}},
		{"csat_satisfied", 9, func(_ *journey.Stage, t *journey.Touchpoint) value { return intPtr(csat(t).Satisfied) }},
		{"csat_total", 9, func(_ *journey.Stage, t *journey.Touchpoint) value { return intPtr(csat(t).Total) }},
		{"csat_distribution", 14, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(ints(csat(t).Distribution)) }},
		{"kpi_name", 18, func(_ *journey.Stage, t *journey.Touchpoint) value {
			return kpis(t, func(k *journey.KPI) string { return k.Name })
		}},
		{"kpi_value", 9, func(_ *journey.Stage, t *journey.Touchpoint) value {
			return kpis(t, func(k *journey.KPI) string { return optNum(k.Value) })
		}},
		{"kpi_target", 9, func(_ *journey.Stage, t *journey.Touchpoint) value {
			return kpis(t, func(k *journey.KPI) string { return optNum(k.Target) })
		}},
		{"kpi_unit", 8, func(_ *journey.Stage, t *journey.Touchpoint) value {
			return kpis(t, func(k *journey.KPI) string { return k.Unit })
		}},
		{"kpi_better", 8, func(_ *journey.Stage, t *journey.Touchpoint) value {
			return kpis(t, func(k *journey.KPI) string { return k.Better })
		}},
	}...)
	return cols
}

// touchpointsSheet writes one row per touchpoint: see the package doc.
func (b *book) touchpointsSheet() {
	const sh = SheetTouchpoints
	cols := touchpointColumns(b.m)
	ncol := len(cols)
	th := b.th
	head := b.get(cellStyle{fill: th.HeaderFill, ink: th.HeaderText, bold: true})
	textSt := b.get(cellStyle{fill: th.LaneFill, ink: th.Ink, wrap: true})
	numSt := b.get(cellStyle{fill: th.LaneFill, ink: th.Ink, number: true})
	for i, c := range cols {
		b.text(sh, i+1, 1, c.key)
		b.check(b.f.SetColWidth(sh, colName(i+1), colName(i+1), c.width))
	}
	b.style(sh, 1, 1, ncol, 1, head)

	row := 2
	for si := range b.m.Stages {
		s := &b.m.Stages[si]
		for ti := range s.Touchpoints {
			t := &s.Touchpoints[ti]
			for i, c := range cols {
				v := c.get(s, t)
				switch {
				case v.b != nil:
					if b.err == nil {
						b.check(b.f.SetCellBool(sh, cell(i+1, row), *v.b))
					}
				case v.isNum && v.isSet:
					b.number(sh, i+1, row, v.n)
				default:
					b.text(sh, i+1, row, v.s)
				}
			}
			row++
		}
	}
	lastRow := row - 1
	if lastRow >= 2 {
		b.style(sh, 1, 2, ncol, lastRow, textSt)
		for i, c := range cols {
			if numericColumn(c.key) {
				b.style(sh, i+1, 2, i+1, lastRow, numSt)
			}
		}
	}

	// Emotion columns accept a decimal from 1 to 5, also in rows people add.
	validTo := max(lastRow, 1000)
	for i, c := range cols {
		if c.key != "emotion" && !hasPrefix(c.key, EmotionColumnPrefix) {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(cell(i+1, 2) + ":" + cell(i+1, validTo))
		b.check(dv.SetRange(1, 5, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
		dv.SetError(excelize.DataValidationErrorStyleStop, "emotion", "1 (very negative) .. 5 (very positive)")
		if b.err == nil {
			b.check(b.f.AddDataValidation(sh, dv))
		}
	}
	if b.err == nil {
		b.check(b.f.AutoFilter(sh, cell(1, 1)+":"+cell(ncol, max(lastRow, 1)), nil))
	}
	b.check(b.f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 4, YSplit: 1, TopLeftCell: "E2", ActivePane: "bottomRight"}))
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// numericColumn reports whether the column with key holds numbers (or a
// boolean), not text.
func numericColumn(key string) bool {
	switch key {
	case "emotion", "nps_promoters", "nps_passives", "nps_detractors", "nps_score", "nps_n",
		"ces_mean", "ces_n", "ces_scale", "ces_reversed", "csat_satisfied", "csat_total":
		return true
	}
	return hasPrefix(key, EmotionColumnPrefix)
}
