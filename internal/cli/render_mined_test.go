package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/graphhelper"
)

// The mined fixture of the render tests (render/testdata/mined).
const (
	minedFixture = "../../render/testdata/mined/small.mined.json"
	minedLog     = "../../render/testdata/mined/log.csv"
	minedMapFile = "../../render/testdata/small.journey.yaml"
)

// minedLogArgs are the column flags of the fixture's log, as mine takes them.
var minedLogArgs = []string{"--events", minedLog, "--case", "cliente", "--activity", "evento", "--timestamp", "fecha", "--channel", "canal"}

// needEngine skips a test without a graph layout engine (CI must have one).
func needEngine(t *testing.T) {
	t.Helper()
	if _, err := graphhelper.Find(testHelpers); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("no graph layout engine here: %v", err)
		}
		t.Fatalf("CI must have a graph layout engine: %v", err)
	}
}

// TestRenderMinedViews draws each mined view through the CLI, from the
// envelope (--mined) and from the log mined on the fly (--events, with
// mine's column flags), with and without the map: the same drawing.
func TestRenderMinedViews(t *testing.T) {
	t.Parallel()
	needEngine(t)
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
		want []string
	}{
		{"process from --mined", []string{"render", minedMapFile, "--mined", minedFixture, "--view", "process"}, []string{"Mapa de proceso", "Comparador de tarifas", "ñandú"}},
		{"process from --events", append([]string{"render", minedMapFile, "--view", "process"}, minedLogArgs...), []string{"Mapa de proceso", "Comparador de tarifas", "ñandú"}},
		{"process, log alone", append([]string{"render", "--view", "process", "--measure", "duration", "--locale", "es"}, minedLogArgs...), []string{"Mapa de proceso", "comparador", "ñandú"}},
		{"flow from --mined", []string{"render", minedMapFile, "--mined", minedFixture, "--view", "flow"}, []string{"Flujo de los caminos principales", "Comparador de tarifas", "ñandú", "abandono"}},
		{"flow from a touchpoint", append([]string{"render", minedMapFile, "--view", "flow", "--from", "Pedido online", "--top-paths", "3"}, minedLogArgs...), []string{"los 3 caminos más frecuentes desde Pedido online"}},
		{"flow, log alone", append([]string{"render", "--view", "flow", "--locale", "en"}, minedLogArgs...), []string{"Flow of the top paths", "comparador", "drop-off"}},
		{"case from --mined", []string{"render", minedMapFile, "--mined", minedFixture, "--view", "case", "--customer", "C021"}, []string{"El recorrido de un cliente: C021", "camino diseñado", "«urgente»"}},
		{"map from --mined", []string{"render", minedMapFile, "--mined", minedFixture}, []string{"OBSERVADO", "Embudo:", "abandono: 25 (96,2 %)"}},
		{"map from --events", append([]string{"render", minedMapFile, "--view", "map"}, minedLogArgs...), []string{"OBSERVADO", "Embudo:", "abandono: 25 (96,2 %)"}},
		{"map from the map's events", []string{"render", "../../examples/seguro-hogar.journey.yaml", "--observed"}, []string{"OBSERVADO", "Embudo:", "4.740 casos", "Comparador de seguros"}},
		{"case from --events", append([]string{"render", minedMapFile, "--view", "case", "--customer", "C021"}, minedLogArgs...), []string{"El recorrido de un cliente: C021", "camino diseñado"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".svg")
			_, errOut, code := run(t, append(tt.args, "-o", out)...)
			if code != 0 {
				t.Fatalf("exit %d; stderr:\n%s", code, errOut)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.want {
				if !bytes.Contains(data, []byte(want)) {
					t.Errorf("%s lacks %q", out, want)
				}
			}
			if bytes.Contains(data, []byte("<script>")) {
				t.Errorf("%s holds a hostile name unescaped", out)
			}
		})
	}
}

// TestRenderMinedSame: the envelope and the log it was mined from draw the
// same process map.
func TestRenderMinedSame(t *testing.T) {
	t.Parallel()
	needEngine(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.svg"), filepath.Join(dir, "b.svg")
	if _, errOut, code := run(t, "render", minedMapFile, "--mined", minedFixture, "--view", "process", "-o", a); code != 0 {
		t.Fatal(errOut)
	}
	args := append([]string{"render", minedMapFile, "--view", "process", "-o", b, "--responses", "../../render/testdata/mined/answers.csv",
		"--response-column", "customer=cliente", "--response-column", "date=fecha"}, minedLogArgs...)
	if _, errOut, code := run(t, args...); code != 0 {
		t.Fatal(errOut)
	}
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) {
		t.Error("the process map of --mined differs from the one of --events on the same log")
	}
}

// TestRenderMinedUsage: bad flags and bad envelopes are told apart from
// bad input, and nothing is written.
func TestRenderMinedUsage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"version": 1, "log": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	v9 := filepath.Join(dir, "v9.json")
	if err := os.WriteFile(v9, []byte(`{"version": 9}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "x.svg")
	for _, tt := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no log", []string{"render", "--view", "process"}, 2, "mine needs an event log"},
		{"both", []string{"render", "--view", "process", "--mined", minedFixture, "--events", minedLog}, 2, "--mined reads a mined log, --events mines one, --aggregates mines a warehouse's: give one of them"},
		{"mined and aggregates", []string{"render", "--view", "process", "--mined", minedFixture, "--aggregates", "testdata"}, 2, "give one of them"},
		{"measure", []string{"render", "--view", "process", "--mined", minedFixture, "--measure", "size"}, 2, `unknown --measure "size"`},
		{"min-edge", []string{"render", "--view", "process", "--mined", minedFixture, "--min-edge", "-1"}, 2, "want 0 or more"},
		{"graph", []string{"render", minedMapFile, "--view", "graph", "--mined", minedFixture}, 2, "--view process"},
		{"format", []string{"render", "--view", "process", "--mined", minedFixture, "-f", "mermaid"}, 2, "SVG, PDF or PNG"},
		{"bad envelope", []string{"render", "--view", "process", "--mined", bad}, 1, "not a mined log"},
		{"version", []string{"render", "--view", "process", "--mined", v9}, 1, "version 9"},
		{"missing column", []string{"render", "--view", "process", "--events", minedLog, "--case", "nope"}, 2, "nope"},
		{"from without flow", []string{"render", "--view", "process", "--mined", minedFixture, "--from", "pedido"}, 2, "--from starts the flow"},
		{"from unknown", []string{"render", "--view", "flow", "--mined", minedFixture, "--from", "nope"}, 2, `--from "nope" is neither`},
		{"observed and mined", []string{"render", minedMapFile, "--observed", "--mined", minedFixture}, 2, "--observed mines the logs the map declares"},
		{"observed without a map", []string{"render", "--observed"}, 2, "name the map"},
		{"observed, no events declared", []string{"render", minedMapFile, "--observed"}, 2, "declares no events"},
		{"case without customer", []string{"render", "--view", "case", "--mined", minedFixture}, 2, "--customer ID"},
		{"case of another customer", []string{"render", "--view", "case", "--mined", minedFixture, "--customer", "C001"}, 1, `holds the journey of customer "C021", not "C001"`},
		{"case not in the log", append([]string{"render", "--view", "case", "--customer", "C999"}, minedLogArgs...), 1, `customer "C999" is not in the log`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := tt.args
			if tt.name != "format" {
				args = append(args, "-o", out)
			} else {
				args = append(args, "-o", filepath.Join(dir, "x.mmd"))
			}
			_, errOut, code := run(t, args...)
			if code != tt.code || !strings.Contains(errOut, tt.msg) {
				t.Errorf("exit %d, want %d; stderr %q should say %q", code, tt.code, errOut, tt.msg)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written", out)
			}
		})
	}
}
