package render

import (
	"testing"
)

func TestThemes(t *testing.T) {
	t.Parallel()
	if c := hex("#1f2A44"); c != (Color{0x1f, 0x2a, 0x44}) || c.Hex() != "#1f2a44" {
		t.Errorf("hex parse/format: %v %s", c, c.Hex())
	}
	for _, name := range []string{"", "default", "PRINT"} {
		if _, err := ParseTheme(name); err != nil {
			t.Errorf("ParseTheme(%q): %v", name, err)
		}
	}
	if _, err := ParseTheme("neon"); err == nil {
		t.Error("ParseTheme(neon) should fail")
	}
	// The print theme is grayscale: every colour has R = G = B.
	gray := func(c Color) bool { return c.R == c.G && c.G == c.B }
	p := Print
	for _, c := range append(p.Emotion[:], p.Ink, p.Muted, p.Accent, p.PainAccent, p.OppAccent, p.Good, p.Bad, p.Warn, p.StageFill, p.EmotionLine) {
		if !gray(c) {
			t.Errorf("print theme colour %s is not gray", c.Hex())
		}
	}
	// Emotion levels are told apart by lightness in print, darkest = worst.
	for i := 2; i <= 5; i++ {
		if p.Emotion[i].R <= p.Emotion[i-1].R {
			t.Errorf("print emotion %d (%s) is not lighter than %d (%s)", i, p.Emotion[i].Hex(), i-1, p.Emotion[i-1].Hex())
		}
	}
	if got := Default.EmotionColor(2.5); got == Default.Emotion[2] || got == Default.Emotion[3] {
		t.Errorf("EmotionColor(2.5) = %s, want a blend", got.Hex())
	}
	if got := Default.EmotionColor(0); got != Default.Emotion[0] {
		t.Errorf("EmotionColor(0) = %s, want the no-emotion colour", got.Hex())
	}
}

func TestLabels(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ locale, pains string }{
		{"", "Pain points"}, {"en", "Pain points"}, {"es", "Dolores"}, {"es-MX", "Dolores"}, {"ES_es", "Dolores"}, {"fr", "Pain points"},
	} {
		if got := LabelsFor(tt.locale).Pains; got != tt.pains {
			t.Errorf("LabelsFor(%q).Pains = %q, want %q", tt.locale, got, tt.pains)
		}
	}
	// Every label of every language is filled in.
	for _, l := range []Labels{labelsEN, labelsES} {
		for k, v := range map[string]string{"Actions": l.Actions, "Touchpoints": l.Touchpoints, "Thoughts": l.Thoughts,
			"Emotions": l.Emotions, "Pains": l.Pains, "Opportunities": l.Opportunities, "Metrics": l.Metrics,
			"Scores": l.Scores, "Findings": l.Findings, "Overview": l.Overview, "Severity": l.Severity} {
			if v == "" {
				t.Errorf("%s: label %s is empty", l.Lang, k)
			}
		}
		for _, s := range []string{"idea", "planned", "in-progress", "done"} {
			if l.Statuses[s] == "" {
				t.Errorf("%s: no label for status %s", l.Lang, s)
			}
		}
	}
	in := &Input{Locale: "", Map: nil}
	if in.Labels().Lang != "en" {
		t.Error("an input without a map or locale gets English")
	}
}

func TestParsePaper(t *testing.T) {
	t.Parallel()
	if p, err := ParsePaper(""); err != nil || p.Name != "A3" {
		t.Errorf("default paper %v %v, want A3", p, err)
	}
	if p, err := ParsePaper("LETTER"); err != nil || p.Name != "letter" {
		t.Errorf("ParsePaper(LETTER) = %v %v", p, err)
	}
	if _, err := ParsePaper("A0"); err == nil {
		t.Error("ParsePaper(A0) should fail")
	}
}
