package html

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
)

// curve is one persona's emotion curve: a small chart and its words.
type curve struct {
	Key   string // persona key ("" for the mean over personas)
	Title string
	Chart template.HTML
}

// curves returns the emotion curve of each persona (the mean first when
// there are several); none when no touchpoint has an emotion.
func curves(in *render.Input, lb render.Labels) []curve {
	m := in.Map
	var out []curve
	if len(m.Personas) != 1 {
		title := lb.Emotions
		if len(m.Personas) > 1 {
			title = lb.Emotions + " (" + meanWord(lb) + ")"
		}
		out = append(out, curve{Title: title})
		out[0].Chart = chart(score.Curve(m, ""), in.Theme, lb, in.Theme.EmotionLine, title)
	}
	for i, p := range m.Personas {
		title := nameOr(p.Name, p.ID)
		out = append(out, curve{Key: personaKey(m, i), Title: title,
			Chart: chart(score.Curve(m, p.ID), in.Theme, lb, in.Theme.PersonaLine(i), lb.Emotions+": "+title)})
	}
	for _, c := range out {
		if c.Chart != "" {
			return out
		}
	}
	return nil
}

func meanWord(lb render.Labels) string {
	if lb.Lang == "es" {
		return "media"
	}
	return "mean"
}

// chart draws an emotion curve as a small SVG: the emotion (1..5) of each
// touchpoint in journey order, stage boundaries as rules. Its accessible
// name gives the stage means and the lowest touchpoints.
func chart(c score.EmotionCurve, th render.Theme, lb render.Labels, line render.Color, title string) template.HTML {
	n := len(c.Points)
	ok := 0
	for _, p := range c.Points {
		if p.OK {
			ok++
		}
	}
	if ok == 0 {
		return ""
	}
	const h, top, bottom, left = 60.0, 6.0, 6.0, 4.0
	step := 12.0
	w := left*2 + step*float64(max(n-1, 1))
	y := func(v float64) float64 { return top + (5-v)/4*(h-top-bottom) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="curve" viewBox="0 0 %g %g" preserveAspectRatio="none" role="img" aria-label="%s">`,
		w, h, template.HTMLEscapeString(curveLabel(c, lb, title)))
	for v := 1.0; v <= 5; v++ {
		fmt.Fprintf(&b, `<line x1="0" x2="%g" y1="%.2f" y2="%.2f" stroke="%s" stroke-width="0.3" vector-effect="non-scaling-stroke"/>`, w, y(v), y(v), th.Rule.Hex())
	}
	stage := ""
	var pts []string
	for i, p := range c.Points {
		x := left + step*float64(i)
		if p.Stage != stage && i > 0 {
			fmt.Fprintf(&b, `<line x1="%.2f" x2="%.2f" y1="0" y2="%g" stroke="%s" stroke-dasharray="2 2" vector-effect="non-scaling-stroke"/>`, x-step/2, x-step/2, h, th.Faint.Hex())
		}
		stage = p.Stage
		if p.OK {
			pts = append(pts, fmt.Sprintf("%.2f,%.2f", x, y(p.Emotion)))
		}
	}
	fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2" vector-effect="non-scaling-stroke"/>`, strings.Join(pts, " "), line.Hex())
	for i, p := range c.Points {
		if !p.OK {
			continue
		}
		fmt.Fprintf(&b, `<circle cx="%.2f" cy="%.2f" r="1.6" fill="%s" stroke="%s" stroke-width="0.4" data-tp="%s"/>`,
			left+step*float64(i), y(p.Emotion), th.EmotionColor(p.Emotion).Hex(), th.Ink.Hex(), template.HTMLEscapeString(p.Touchpoint))
	}
	b.WriteString("</svg>")
	return template.HTML(b.String())
}

// curveLabel is a curve in words: the mean emotion of each stage and the
// lowest touchpoints.
func curveLabel(c score.EmotionCurve, lb render.Labels, title string) string {
	var parts []string
	for _, s := range c.Stages {
		if s.OK {
			parts = append(parts, s.Name+" "+num(s.Mean, 1, lb.Lang))
		}
	}
	out := title + " (1–5). " + lb.Stages + ": " + strings.Join(parts, ", ") + "."
	if len(c.Valleys) > 0 {
		names := make([]string, 0, len(c.Valleys))
		for i, v := range c.Valleys {
			if i == 5 {
				names = append(names, "…")
				break
			}
			names = append(names, v.Name)
		}
		low := "Lowest"
		if lb.Lang == "es" {
			low = "Más baja"
		}
		out += " " + low + " (" + num(c.Valleys[0].Emotion, 1, lb.Lang) + "): " + strings.Join(names, ", ") + "."
	}
	return out
}
