package render

import (
	"fmt"
	"image/color"
	"math"
	"strings"
)

// Color is an opaque sRGB colour.
type Color struct{ R, G, B uint8 }

// Hex returns the colour as #rrggbb.
func (c Color) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// RGBA returns the colour as an opaque color.RGBA.
func (c Color) RGBA() color.RGBA { return color.RGBA{c.R, c.G, c.B, 0xff} }

// Mix returns the colour t of the way from c to d (t in 0..1).
func (c Color) Mix(d Color, t float64) Color {
	t = math.Max(0, math.Min(1, t))
	m := func(a, b uint8) uint8 { return uint8(math.Round(float64(a) + (float64(b)-float64(a))*t)) }
	return Color{m(c.R, d.R), m(c.G, d.G), m(c.B, d.B)}
}

// hex parses #rrggbb; the palettes below are literals, so a bad one is a
// programming error.
func hex(s string) Color {
	s = strings.TrimPrefix(s, "#")
	if len(s) != 6 {
		panic("render: bad colour " + s)
	}
	d := func(c byte) uint8 {
		switch {
		case c >= '0' && c <= '9':
			return c - '0'
		case c >= 'a' && c <= 'f':
			return c - 'a' + 10
		case c >= 'A' && c <= 'F':
			return c - 'A' + 10
		}
		panic("render: bad colour " + s)
	}
	return Color{d(s[0])<<4 | d(s[1]), d(s[2])<<4 | d(s[3]), d(s[4])<<4 | d(s[5])}
}

// Theme is the palette of a render. Every renderer takes its colours from
// here, so the SVG, PDF, PNG, workbook and diagrams agree.
type Theme struct {
	Name string // "default" or "print"
	Mono bool   // grayscale-safe: meaning never carried by hue alone

	Background Color // page
	Ink        Color // primary text
	Muted      Color // secondary text: channels, owners, captions
	Faint      Color // tertiary text, empty states
	Rule       Color // grid lines and dividers

	HeaderFill, HeaderText       Color // title band
	StageFill, StageText         Color // stage header cells
	LaneLabelFill, LaneLabelText Color // the left column of lane names
	LaneFill, LaneAltFill        Color // alternating lane backgrounds

	CardFill, CardBorder Color // touchpoint cards
	Accent               Color // links, highlights, the moment-of-truth mark
	ThoughtFill          Color // quote bubbles
	ThoughtText          Color
	PainFill, PainAccent Color // pain notes
	OppFill, OppAccent   Color // opportunity notes

	// Emotion holds the colour of each emotion level; index 1 (very
	// negative) to 5 (very positive); index 0 is "no emotion given".
	Emotion [6]Color
	// PositiveTint and NegativeTint shade the emotion lane above and below
	// neutral; equal to the lane fill in the print theme.
	PositiveTint, NegativeTint Color
	// EmotionLine is the curve's colour with a single persona.
	EmotionLine Color
	// PersonaLines are the curve colours with several personas, in order.
	PersonaLines []Color

	Good, Warn, Bad Color // a metric meeting, near or missing its target
	NoTarget        Color // a metric with no target to judge it against

	Error, Warning, Info Color // lint finding severities
}

// Default is the colour theme: for screens, slides and colour print.
var Default = Theme{
	Name:       "default",
	Background: hex("#ffffff"),
	Ink:        hex("#1f2933"),
	Muted:      hex("#52606d"),
	Faint:      hex("#9aa5b1"),
	Rule:       hex("#e4e7eb"),

	HeaderFill: hex("#1f2a44"), HeaderText: hex("#ffffff"),
	StageFill: hex("#e8eef7"), StageText: hex("#1f2a44"),
	LaneLabelFill: hex("#f5f7fa"), LaneLabelText: hex("#3e4c59"),
	LaneFill: hex("#ffffff"), LaneAltFill: hex("#fafbfc"),

	CardFill: hex("#ffffff"), CardBorder: hex("#cbd2d9"),
	Accent:      hex("#2f6fde"),
	ThoughtFill: hex("#fff8e1"), ThoughtText: hex("#5c4813"),
	PainFill: hex("#fdecec"), PainAccent: hex("#c83a3a"),
	OppFill: hex("#e6f6f4"), OppAccent: hex("#14867a"),

	Emotion: [6]Color{
		hex("#9aa5b1"), // none
		hex("#d64545"), // 1 very negative
		hex("#f0883e"), // 2 negative
		hex("#e3b505"), // 3 neutral
		hex("#6aad3d"), // 4 positive
		hex("#2e8b57"), // 5 very positive
	},
	PositiveTint: hex("#f2f9f4"), NegativeTint: hex("#fdf4f3"),
	EmotionLine:  hex("#1f2a44"),
	PersonaLines: []Color{hex("#1f2a44"), hex("#7b4fbf"), hex("#14867a"), hex("#c2185b"), hex("#b35c00")},

	Good: hex("#2e8b57"), Warn: hex("#c27c0e"), Bad: hex("#c83a3a"),
	NoTarget: hex("#52606d"),

	Error: hex("#c83a3a"), Warning: hex("#c27c0e"), Info: hex("#2f6fde"),
}

// Print is the grayscale-safe theme: it prints well in black and white,
// photocopies, and reads without colour vision. Levels are told apart by
// lightness and by marks, never by hue alone.
var Print = Theme{
	Name:       "print",
	Mono:       true,
	Background: hex("#ffffff"),
	Ink:        hex("#111111"),
	Muted:      hex("#444444"),
	Faint:      hex("#808080"),
	Rule:       hex("#cccccc"),

	HeaderFill: hex("#ffffff"), HeaderText: hex("#111111"),
	StageFill: hex("#e6e6e6"), StageText: hex("#111111"),
	LaneLabelFill: hex("#f2f2f2"), LaneLabelText: hex("#222222"),
	LaneFill: hex("#ffffff"), LaneAltFill: hex("#ffffff"),

	CardFill: hex("#ffffff"), CardBorder: hex("#888888"),
	Accent:      hex("#111111"),
	ThoughtFill: hex("#f4f4f4"), ThoughtText: hex("#222222"),
	PainFill: hex("#ffffff"), PainAccent: hex("#111111"),
	OppFill: hex("#ffffff"), OppAccent: hex("#555555"),

	Emotion: [6]Color{
		hex("#bbbbbb"),
		hex("#111111"),
		hex("#444444"),
		hex("#777777"),
		hex("#a6a6a6"),
		hex("#d0d0d0"),
	},
	PositiveTint: hex("#ffffff"), NegativeTint: hex("#ffffff"),
	EmotionLine:  hex("#111111"),
	PersonaLines: []Color{hex("#111111"), hex("#555555"), hex("#888888"), hex("#333333"), hex("#777777")},

	Good: hex("#111111"), Warn: hex("#555555"), Bad: hex("#111111"),
	NoTarget: hex("#555555"),

	Error: hex("#111111"), Warning: hex("#444444"), Info: hex("#777777"),
}

// Themes lists the themes by name, default first.
var Themes = []Theme{Default, Print}

// ThemeNames returns the theme names, default first.
func ThemeNames() []string {
	out := make([]string, len(Themes))
	for i, t := range Themes {
		out[i] = t.Name
	}
	return out
}

// ParseTheme returns the theme named name (case-insensitive; "" = default).
func ParseTheme(name string) (Theme, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return Default, nil
	}
	for _, t := range Themes {
		if t.Name == name {
			return t, nil
		}
	}
	return Theme{}, fmt.Errorf("unknown theme %q (want %s)", name, strings.Join(ThemeNames(), " or "))
}

// EmotionColor returns the colour of emotion v (1..5), blending between
// levels for a fractional value such as a mean.
func (t Theme) EmotionColor(v float64) Color {
	if v < 1 || v > 5 || math.IsNaN(v) {
		return t.Emotion[0]
	}
	lo := int(math.Floor(v))
	if lo >= 5 {
		return t.Emotion[5]
	}
	return t.Emotion[lo].Mix(t.Emotion[lo+1], v-float64(lo))
}

// PersonaLine returns the curve colour of the i-th persona.
func (t Theme) PersonaLine(i int) Color {
	if len(t.PersonaLines) == 0 {
		return t.EmotionLine
	}
	return t.PersonaLines[i%len(t.PersonaLines)]
}
