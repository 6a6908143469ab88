package score

import "github.com/journey-cx/journey/journey"

// Point is one touchpoint on the emotion curve.
type Point struct {
	Stage      string  // stage id
	Touchpoint string  // touchpoint id
	Name       string  // touchpoint name (its id when it has none)
	Emotion    float64 // 1 (very negative) .. 5 (very positive); valid when OK
	OK         bool    // false when the touchpoint has no emotion (for the persona)
}

// StageEmotion is the mean emotion of a stage's touchpoints.
type StageEmotion struct {
	Stage string  // stage id
	Name  string  // stage name (its id when it has none)
	Mean  float64 // mean of the touchpoints that have an emotion; valid when OK
	N     int     // touchpoints with an emotion
	OK    bool    // false when no touchpoint of the stage has an emotion
}

// EmotionCurve is the customer's emotion along the journey.
type EmotionCurve struct {
	Persona string         // the persona it follows; "" = the mean over personas
	Points  []Point        // every touchpoint in file order
	Stages  []StageEmotion // every stage in file order
	Valleys []Point        // the lowest touchpoints: every one at the minimum emotion, in file order
}

// Curve returns the emotion curve of a map for persona ("" = the mean over
// every persona's emotion at each touchpoint).
func Curve(m *journey.Map, persona string) EmotionCurve {
	c := EmotionCurve{Persona: persona}
	low, any := 0.0, false
	for i := range m.Stages {
		st := &m.Stages[i]
		se := StageEmotion{Stage: st.ID, Name: nameOr(st.Name, st.ID)}
		var sum float64
		for j := range st.Touchpoints {
			tp := &st.Touchpoints[j]
			p := Point{Stage: st.ID, Touchpoint: tp.ID, Name: nameOr(tp.Name, tp.ID)}
			if persona == "" {
				p.Emotion, p.OK = tp.MeanEmotion()
			} else {
				p.Emotion, p.OK = emotionOf(tp, persona)
			}
			if p.OK {
				sum += p.Emotion
				se.N++
				if !any || p.Emotion < low {
					low, any = p.Emotion, true
				}
			}
			c.Points = append(c.Points, p)
		}
		if se.N > 0 {
			se.Mean, se.OK = sum/float64(se.N), true
		}
		c.Stages = append(c.Stages, se)
	}
	for _, p := range c.Points {
		if p.OK && p.Emotion == low {
			c.Valleys = append(c.Valleys, p)
		}
	}
	return c
}

// emotionOf returns the emotion of a named persona: its own value, or the
// single unnamed value that applies to every persona.
func emotionOf(tp *journey.Touchpoint, persona string) (float64, bool) {
	for _, e := range tp.Emotion {
		if e.Persona == persona || e.Persona == "" {
			return e.Value, true
		}
	}
	return 0, false
}
