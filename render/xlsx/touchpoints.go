package xlsx

import (
	"cmp"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/workbook"
)

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

// touchpointColumns returns the columns of the Touchpoints sheet for m, in
// the contract's order.
func touchpointColumns(m *journey.Map) []tpColumn {
	fixed := map[string]tpColumn{}
	for _, group := range [][]tpColumn{identityColumns(), listColumns(), metricColumns()} {
		for _, c := range group {
			fixed[c.key] = c
		}
	}
	keys := workbook.Columns(perPersona(m))
	cols := make([]tpColumn, len(keys))
	for i, k := range keys {
		if p, ok := workbook.PersonaOf(k); ok {
			cols[i] = personaColumn(p)
			continue
		}
		c, ok := fixed[k]
		if !ok {
			panic("render/xlsx: no column for the workbook key " + k) // keys come from the contract, never from input
		}
		cols[i] = c
	}
	return cols
}

// identityColumns are the touchpoint's own fields and its single emotion.
func identityColumns() []tpColumn {
	return []tpColumn{
		{workbook.KeyStageID, 14, func(s *journey.Stage, _ *journey.Touchpoint) value { return str(s.ID) }},
		{workbook.KeyStageName, 18, func(s *journey.Stage, _ *journey.Touchpoint) value { return str(s.Name) }},
		{workbook.KeyID, 18, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.ID) }},
		{workbook.KeyName, 30, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.Name) }},
		{workbook.KeyDescription, 30, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.Description) }},
		{workbook.KeyChannel, 12, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.Channel) }},
		{workbook.KeyOwner, 12, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.Owner) }},
		{workbook.KeyActors, 18, func(_ *journey.Stage, t *journey.Touchpoint) value {
			return str(lines(append([]string(nil), t.Actors...)))
		}},
		{workbook.KeyAction, 30, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.Action) }},
		{workbook.KeyThought, 30, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.Thought) }},
		{workbook.KeyEmotion, 9, func(_ *journey.Stage, t *journey.Touchpoint) value {
			if v, ok := singleEmotion(t); ok {
				return value{n: v, isNum: true, isSet: true}
			}
			return value{isNum: true}
		}},
		{workbook.KeyMomentOfTruth, 10, func(_ *journey.Stage, t *journey.Touchpoint) value { return str(t.MomentOfTruth) }},
		{workbook.KeyNext, 16, func(_ *journey.Stage, t *journey.Touchpoint) value {
			switch {
			case !t.NextSet:
				return str("")
			case len(t.Next) == 0:
				return str(workbook.EndOfFlow)
			}
			return str(lines(append([]string(nil), t.Next...)))
		}},
	}
}

// personaColumn is the emotion column of persona p.
func personaColumn(p string) tpColumn {
	return tpColumn{workbook.EmotionColumn(p), 9, func(_ *journey.Stage, t *journey.Touchpoint) value {
		if v, ok := personaEmotion(t, p); ok {
			return value{n: v, isNum: true, isSet: true}
		}
		return value{isNum: true}
	}}
}

// listColumns are the pains and opportunities, one item per line.
func listColumns() []tpColumn {
	pains := func(key string, width float64, f func(p *journey.Pain) string) tpColumn {
		return tpColumn{key, width, func(_ *journey.Stage, t *journey.Touchpoint) value {
			out := make([]string, len(t.Pains))
			for i := range t.Pains {
				out[i] = f(&t.Pains[i])
			}
			return str(lines(out))
		}}
	}
	opps := func(key string, width float64, f func(o *journey.Opportunity) string) tpColumn {
		return tpColumn{key, width, func(_ *journey.Stage, t *journey.Touchpoint) value {
			out := make([]string, len(t.Opportunities))
			for i := range t.Opportunities {
				out[i] = f(&t.Opportunities[i])
			}
			return str(lines(out))
		}}
	}
	level := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	return []tpColumn{
		pains(workbook.KeyPains, 36, func(p *journey.Pain) string { return p.Text }),
		pains(workbook.KeyPainSeverity, 10, func(p *journey.Pain) string { return p.Severity }),
		pains(workbook.KeyPainEvidence, 24, func(p *journey.Pain) string { return p.Evidence }),
		opps(workbook.KeyOpportunities, 36, func(o *journey.Opportunity) string { return o.Text }),
		opps(workbook.KeyOpportunityOwner, 12, func(o *journey.Opportunity) string { return o.Owner }),
		opps(workbook.KeyOpportunityStatus, 12, func(o *journey.Opportunity) string { return o.Status }),
		opps(workbook.KeyOpportunityImpact, 9, func(o *journey.Opportunity) string { return level(o.Impact) }),
		opps(workbook.KeyOpportunityEffort, 9, func(o *journey.Opportunity) string { return level(o.Effort) }),
	}
}

// metricColumns are the NPS, CES and CSAT measures and the KPIs.
func metricColumns() []tpColumn {
	col := func(key string, width float64, f func(m *journey.Metrics) value) tpColumn {
		return tpColumn{key, width, func(_ *journey.Stage, t *journey.Touchpoint) value {
			if t.Metrics == nil {
				return f(&journey.Metrics{})
			}
			return f(t.Metrics)
		}}
	}
	nps := func(key string, width float64, f func(x *journey.NPS) value) tpColumn {
		return col(key, width, func(m *journey.Metrics) value { return f(cmp.Or(m.NPS, &journey.NPS{})) })
	}
	ces := func(key string, width float64, f func(x *journey.CES) value) tpColumn {
		return col(key, width, func(m *journey.Metrics) value { return f(cmp.Or(m.CES, &journey.CES{})) })
	}
	csat := func(key string, width float64, f func(x *journey.CSAT) value) tpColumn {
		return col(key, width, func(m *journey.Metrics) value { return f(cmp.Or(m.CSAT, &journey.CSAT{})) })
	}
	kpis := func(key string, width float64, f func(k *journey.KPI) string) tpColumn {
		return col(key, width, func(m *journey.Metrics) value {
			out := make([]string, len(m.KPIs))
			for i := range m.KPIs {
				out[i] = f(&m.KPIs[i])
			}
			return str(lines(out))
		})
	}
	optNum := func(v *float64) string {
		if v == nil {
			return ""
		}
		return num(*v)
	}
	return []tpColumn{
		nps(workbook.KeyNPSPromoters, 9, func(x *journey.NPS) value { return intPtr(x.Promoters) }),
		nps(workbook.KeyNPSPassives, 9, func(x *journey.NPS) value { return intPtr(x.Passives) }),
		nps(workbook.KeyNPSDetractors, 9, func(x *journey.NPS) value { return intPtr(x.Detractors) }),
		nps(workbook.KeyNPSScore, 9, func(x *journey.NPS) value { return numPtr(x.Score) }),
		nps(workbook.KeyNPSN, 9, func(x *journey.NPS) value { return intPtr(x.N) }),
		nps(workbook.KeyNPSDistribution, 16, func(x *journey.NPS) value { return str(ints(x.Distribution)) }),
		ces(workbook.KeyCESMean, 9, func(x *journey.CES) value { return numPtr(x.Mean) }),
		ces(workbook.KeyCESN, 9, func(x *journey.CES) value { return intPtr(x.N) }),
		ces(workbook.KeyCESDistribution, 16, func(x *journey.CES) value { return str(ints(x.Distribution)) }),
		ces(workbook.KeyCESScale, 9, func(x *journey.CES) value {
			if x.Scale != 0 {
				return value{n: float64(x.Scale), isNum: true, isSet: true}
			}
			return value{isNum: true}
		}),
		ces(workbook.KeyCESReversed, 9, func(x *journey.CES) value {
			if x.Reversed {
				yes := true
				return value{b: &yes}
			}
			return value{}
		}),
		csat(workbook.KeyCSATSatisfied, 9, func(x *journey.CSAT) value { return intPtr(x.Satisfied) }),
		csat(workbook.KeyCSATTotal, 9, func(x *journey.CSAT) value { return intPtr(x.Total) }),
		csat(workbook.KeyCSATDistribution, 14, func(x *journey.CSAT) value { return str(ints(x.Distribution)) }),
		kpis(workbook.KeyKPIName, 18, func(k *journey.KPI) string { return k.Name }),
		kpis(workbook.KeyKPIValue, 9, func(k *journey.KPI) string { return optNum(k.Value) }),
		kpis(workbook.KeyKPITarget, 9, func(k *journey.KPI) string { return optNum(k.Target) }),
		kpis(workbook.KeyKPIUnit, 8, func(k *journey.KPI) string { return k.Unit }),
		kpis(workbook.KeyKPIBetter, 8, func(k *journey.KPI) string { return k.Better }),
	}
}

// touchpointsSheet writes one row per touchpoint: see package workbook.
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

	lastRow := b.touchpointRows(sh, cols)
	if lastRow >= 2 {
		b.style(sh, 1, 2, ncol, lastRow, textSt)
		for i, c := range cols {
			if workbook.Numeric(c.key) {
				b.style(sh, i+1, 2, i+1, lastRow, numSt)
			}
		}
	}
	b.emotionValidation(sh, cols, lastRow)
	if b.err == nil {
		b.check(b.f.AutoFilter(sh, cell(1, 1)+":"+cell(ncol, max(lastRow, 1)), nil))
	}
	b.check(b.f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 4, YSplit: 1, TopLeftCell: "E2", ActivePane: "bottomRight"}))
}

// touchpointRows writes the data rows from row 2 and returns the last.
func (b *book) touchpointRows(sh string, cols []tpColumn) int {
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
	return row - 1
}

// emotionValidation makes the emotion columns accept a decimal from 1 to
// 5, also in rows people add.
func (b *book) emotionValidation(sh string, cols []tpColumn, lastRow int) {
	validTo := max(lastRow, 1000)
	for i, c := range cols {
		if _, perPersona := workbook.PersonaOf(c.key); c.key != workbook.KeyEmotion && !perPersona {
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
}
