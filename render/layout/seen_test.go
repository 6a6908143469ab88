package layout_test

import (
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// TestObservedLane checks the map annotated with a mined log: an observed
// lane last, a cell per touchpoint with the cases that reached it, its
// drop-off and dwell as Observe computes them, dashed where no case came,
// the stage headers' funnel, and the geometry promises of every drawing,
// on the full scene and on every page.
func TestObservedLane(t *testing.T) {
	t.Parallel()
	m := maptest.Load(t, "../testdata/small.journey.yaml")
	last := &m.Stages[len(m.Stages)-1]
	last.Touchpoints = append(last.Touchpoints, journey.Touchpoint{ID: "sin-datos", Name: "Sin datos en el registro"})
	res := maptest.Mined(t, maptest.MinedSmall)
	for _, th := range render.Themes {
		t.Run(th.Name, func(t *testing.T) {
			t.Parallel()
			l, err := layout.New(&render.Input{Map: m, Theme: th, Mined: res})
			if err != nil {
				t.Fatal(err)
			}
			lanes := l.Lanes()
			if lanes[len(lanes)-1] != layout.LaneObserved {
				t.Fatalf("lanes %v: the observed lane is not last", lanes)
			}
			sc := l.Scene(l.Full())
			checkScene(t, "observed", l, sc, true)
			for _, p := range render.Papers {
				for i, pg := range l.Document(p.H, p.W) {
					checkScene(t, p.Name+" page "+string(rune('1'+i)), l, pg.Scene, false)
				}
			}
			obs := layout.Observe(res, m)
			wd := layout.MinedLabels(render.Labels{Lang: "es"})
			cells := map[string]string{} // touchpoint id -> the text of its observed cell
			dashed := map[string]bool{}
			for i := range sc.Items {
				it := &sc.Items[i]
				if it.Op == layout.OpText && it.Parent >= 0 && (sc.Items[it.Parent].Dash != nil || isSeen(sc, it.Parent, obs)) && sc.Items[it.Parent].Role == layout.RoleMetric {
					id := sc.Items[it.Parent].ID
					for _, ln := range it.Lines {
						cells[id] += ln.S + " "
					}
					dashed[id] = sc.Items[it.Parent].Dash != nil
				}
			}
			if !dashed["sin-datos"] {
				t.Error("the touchpoint the log never reached has no dashed cell")
			}
			for si := range m.Stages {
				for _, tp := range m.Stages[si].Touchpoints {
					st := obs.Nodes[tp.ID]
					text := cells[tp.ID]
					switch {
					case st == nil || st.Events == 0:
						if !dashed[tp.ID] || !strings.Contains(strings.ToLower(text), wd.Unobserved) {
							t.Errorf("%s: never observed, but its cell is %q (dashed %v)", tp.ID, text, dashed[tp.ID])
						}
					default:
						for _, want := range []string{wd.CasesN(st.Cases), wd.DropOff + ": " + layout.Count(st.Ended, "es")} {
							if !strings.Contains(text, want) {
								t.Errorf("%s: cell %q lacks %q", tp.ID, text, want)
							}
						}
						if d := strings.ReplaceAll(layout.Duration(st.Dwell, "es"), "\u00a0", " "); st.Dwell >= 0 && !strings.Contains(text, d) {
							t.Errorf("%s: cell %q lacks its dwell %s", tp.ID, text, layout.Duration(st.Dwell, "es"))
						}
					}
				}
			}
			var stages string
			for i := range sc.Items {
				if it := &sc.Items[i]; it.Op == layout.OpText && it.Role == layout.RoleStage {
					for _, ln := range it.Lines {
						stages += ln.S + " "
					}
				}
			}
			for _, f := range res.Funnel {
				if want := wd.CasesN(f.Reached) + " " + wd.Reached; !strings.Contains(stages, want) {
					t.Errorf("stage %s: the headers %q lack its funnel %q", f.Stage, stages, want)
				}
			}
		})
	}
}

// isSeen reports whether item i is an observed cell: a metric box whose id
// is a touchpoint of the log and which sits below every metrics box.
func isSeen(sc *layout.Scene, i int, obs *layout.Observed) bool {
	it := &sc.Items[i]
	if it.Role != layout.RoleMetric {
		return false
	}
	for j := range sc.Items {
		o := &sc.Items[j]
		if j != i && o.Role == layout.RoleMetric && o.Op == layout.OpRect && o.ID == it.ID && o.Rect.Y > it.Rect.Y {
			return false
		}
	}
	_, ok := obs.Nodes[it.ID]
	return ok
}
