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
		"nps", "nps_margin", "nps_low", "nps_high", "nps_n", "nps_small_sample", "promoters", "passives", "detractors", "nps_source",
		"ces", "ces_margin", "ces_low", "ces_high", "ces_n", "ces_small_sample", "ces_scale", "ces_easy_percent", "ces_source",
		"csat", "csat_margin", "csat_low", "csat_high", "csat_n", "csat_small_sample", "csat_source", "missing"}
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
			// fig is a figure's value, margin, capped interval, n and small-sample flag.
			fig := func(m score.Metric, f score.Figure) []string {
				if !f.OK {
					return make([]string, 6)
				}
				return []string{csvNum(m, f, f.Value, true), csvNum(m, f, f.Margin, f.HasMargin),
					csvNum(m, f, f.Low, f.HasMargin), csvNum(m, f, f.High, f.HasMargin),
					strconv.Itoa(f.N), strconv.FormatBool(f.Small)}
			}
			scale := ""
			if c.OK {
				scale = strconv.Itoa(c.Scale)
			}
			rec := []string{
				output.CSVCell(sc.lm.Name), string(r.Level), output.CSVCell(r.ID), output.CSVCell(r.Name), output.CSVCell(r.Stage), output.CSVCell(r.Segment)}
			rec = append(rec, fig(score.MetricNPS, n.Figure)...)
			rec = append(rec, counts(n.Promoters), counts(n.Passives), counts(n.Detractors), string(n.Origin))
			rec = append(rec, fig(score.MetricCES, c.Figure)...)
			rec = append(rec, scale, csvNum(score.MetricCES, c.Figure, c.Easy, c.Distribution != nil), string(c.Origin))
			rec = append(rec, fig(score.MetricCSAT, s.Figure)...)
			rec = append(rec, string(s.Origin), output.CSVCell(strings.Join(miss, "; ")))
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
