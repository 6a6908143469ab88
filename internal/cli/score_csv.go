package cli

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey/score"
)

func csvNum(metric score.Metric, f score.Figure, v float64, ok bool) string {
	if !f.OK || !ok {
		return ""
	}
	return strconv.FormatFloat(*round4(v), 'f', -1, 64)
}

func scoreCSV(w io.Writer, results []*scored) error {
	cw := csv.NewWriter(w)
	header := []string{"map", "level", "id", "name", "stage", "segment",
		"nps", "nps_margin", "nps_n", "promoters", "passives", "detractors", "nps_source",
		"ces", "ces_margin", "ces_n", "ces_scale", "ces_easy_percent", "ces_source",
		"csat", "csat_margin", "csat_n", "csat_source", "missing"}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, sc := range results {
		for _, r := range displayRows(sc) {
			var miss []string
			for _, m := range score.Metrics {
				if f := r.Figure(m); !f.OK {
					miss = append(miss, string(m)+": "+f.Missing)
				}
			}
			n, c, s := r.NPS, r.CES, r.CSAT
			counts := func(v int) string {
				if !n.OK || !n.Counts {
					return ""
				}
				return strconv.Itoa(v)
			}
			nn := func(f score.Figure) string {
				if !f.OK {
					return ""
				}
				return strconv.Itoa(f.N)
			}
			scale := ""
			if c.OK {
				scale = strconv.Itoa(c.Scale)
			}
			rec := []string{
				output.CSVCell(sc.lm.Name), string(r.Level), output.CSVCell(r.ID), output.CSVCell(r.Name), output.CSVCell(r.Stage), output.CSVCell(r.Segment),
				csvNum(score.MetricNPS, n.Figure, n.Value, true), csvNum(score.MetricNPS, n.Figure, n.Margin, n.HasMargin), nn(n.Figure),
				counts(n.Promoters), counts(n.Passives), counts(n.Detractors), string(n.Origin),
				csvNum(score.MetricCES, c.Figure, c.Value, true), csvNum(score.MetricCES, c.Figure, c.Margin, c.HasMargin), nn(c.Figure),
				scale, csvNum(score.MetricCES, c.Figure, c.Easy, c.Distribution != nil), string(c.Origin),
				csvNum(score.MetricCSAT, s.Figure, s.Value, true), csvNum(score.MetricCSAT, s.Figure, s.Margin, s.HasMargin), nn(s.Figure), string(s.Origin),
				output.CSVCell(strings.Join(miss, "; ")),
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
