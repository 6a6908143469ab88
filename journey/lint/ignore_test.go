package lint

import (
	"slices"
	"testing"
)

func TestParseIgnores(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		src     string
		rules   []string
		reason  string
		targets []int
		col     int
	}{
		{"own line covers the next YAML line", "# journey:ignore stage-empty no research yet\n\n# another comment\n- id: a\n",
			[]string{"stage-empty"}, "no research yet", []int{4}, 1},
		{"end of line covers its line", "  - id: a  # journey:ignore stage-empty,owner-handoff why\n",
			[]string{"stage-empty", "owner-handoff"}, "why", []int{1}, 12},
		{"above a block covers its first line too", "    # journey:ignore metric-small-sample\n    nps:   # counts\n      promoters: 3\n",
			[]string{"metric-small-sample"}, "", []int{2, 3}, 5},
		{"CRLF", "# journey:ignore stage-empty reason\r\n- id: a\r\n",
			[]string{"stage-empty"}, "reason", []int{2}, 1},
		{"columns count characters", "name: Señal  # journey:ignore x\n",
			[]string{"x"}, "", []int{1}, 14},
		{"no rule", "# journey:ignore\nid: a\n", nil, "", []int{2}, 1},
		{"at the end of the file", "id: a\n# journey:ignore stage-empty\n", []string{"stage-empty"}, "", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			igs := parseIgnores([]byte(tt.src))
			if len(igs) != 1 {
				t.Fatalf("got %d ignores, want 1", len(igs))
			}
			ig := igs[0]
			if !slices.Equal(ig.rules, tt.rules) || ig.reason != tt.reason || !slices.Equal(ig.targets, tt.targets) || ig.column != tt.col {
				t.Errorf("got rules %q reason %q targets %v col %d, want %q %q %v %d",
					ig.rules, ig.reason, ig.targets, ig.column, tt.rules, tt.reason, tt.targets, tt.col)
			}
		})
	}
}

func TestParseIgnoresSkipsNonComments(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		"thought: see journey:ignore in the docs\n",
		"thought: a#journey:ignore x\n",
		"# journey:ignored stage-empty\n",
		"# journey:ignore-all\n",
		"no marker at all\n",
	} {
		if igs := parseIgnores([]byte(src)); len(igs) != 0 {
			t.Errorf("%q: got %d ignores, want none", src, len(igs))
		}
	}
}
