package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// surveyedMap is a map whose last stage (no model: the advocacy stage) has
// no inline NPS; its survey in sources: may supply one.
const surveyedMap = `version: 1
id: m
title: M
persona: {name: Ana}
channels: [{id: web, name: Web, kind: digital}]
owners: [{id: cx, name: CX}]
stages:
  - id: buy
    name: Buy
    touchpoints:
      - {id: pay, name: Pay, channel: web, owner: cx, emotion: 3}
  - id: recommend
    name: Recommend
    touchpoints:
      - {id: review, name: Review, channel: web, owner: cx, emotion: 4}
sources:
  - path: survey.csv
`

// TestLintSeesSourcesNPS: recommend-without-nps counts the NPS answers of
// the map's survey as journey score does; a survey without NPS for the
// advocacy stage, and a survey that cannot be read, leave the warning and
// the exit code as they were.
func TestLintSeesSourcesNPS(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		survey string // "" = no survey file
		fires  bool
	}{
		{"nps in the survey", "touchpoint,nps\nreview,9\nreview,10\n", false},
		{"no nps column", "touchpoint,csat\nreview,5\n", true},
		{"nps for another stage only", "touchpoint,nps\npay,9\n", true},
		{"only blank or invalid nps cells", "touchpoint,nps\nreview,\nreview,11\n", true},
		{"unreadable survey", "", true},
		{"malformed survey", "touchpoint,nps\nreview,\"9\n", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			mapPath := filepath.Join(dir, "m.journey.yaml")
			if err := os.WriteFile(mapPath, []byte(surveyedMap), 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.survey != "" {
				if err := os.WriteFile(filepath.Join(dir, "survey.csv"), []byte(tt.survey), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out, errOut, code := lintMain(t, "", false, "lint", mapPath)
			if fired := strings.Contains(out, "[recommend-without-nps]"); fired != tt.fires {
				t.Errorf("recommend-without-nps fired %v, want %v:\n%s%s", fired, tt.fires, out, errOut)
			}
			if code != 0 {
				t.Errorf("exit %d, want 0 (warnings only; a bad survey is score's to report):\n%s%s", code, out, errOut)
			}
		})
	}
}
