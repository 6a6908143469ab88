package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// nodeModules returns the folder where .ci/run installs the npm packages
// that read journey's outputs, or skips the test when the package is not
// there (and fails it when JOURNEY_CONSUMERS=1, as in CI).
func nodeModules(t *testing.T, pkg string) string {
	t.Helper()
	dir, err := filepath.Abs("../../.ci/node")
	if err != nil {
		t.Fatal(err)
	}
	_, nerr := exec.LookPath("node")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", filepath.FromSlash(pkg))); err != nil || nerr != nil {
		if os.Getenv("JOURNEY_CONSUMERS") == "1" {
			t.Fatalf("%s is not installed in %s (or node is missing): .ci/run installs it", pkg, dir)
		}
		t.Skipf("%s not installed in %s (run .ci/run, or: npm install --prefix .ci/node %s)", pkg, dir, pkg)
	}
	return dir
}

// TestMineAgreesWithDuckDB mines the bundled insurer log with journey and
// with DuckDB (LEAD over each case ordered by time and file order, and
// string_agg for variants): every directly-follows edge and every variant
// must have the same counts.
func TestMineAgreesWithDuckDB(t *testing.T) {
	dir := nodeModules(t, "@duckdb/node-api")
	script, err := os.ReadFile("../../bench/duckdb/mine.mjs")
	if err != nil {
		t.Fatal(err)
	}
	js := filepath.Join(dir, "mine.mjs") // ESM resolves packages next to the script
	if err := os.WriteFile(js, script, 0o644); err != nil {
		t.Fatal(err)
	}
	log := "../../examples/data/eventos-seguro.csv.gz"
	cmd := exec.Command("node", js, log, "cliente_id", "evento", "fecha")
	var duckOut, duckErr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &duckOut, &duckErr
	if err := cmd.Run(); err != nil {
		t.Fatalf("duckdb: %v\n%s", err, duckErr.String())
	}
	type edge struct {
		From, To     string
		Count, Cases int64
	}
	type variant struct {
		Path  string
		Cases int64
	}
	var duck struct {
		Edges    []edge
		Variants []variant
	}
	if err := json.Unmarshal(duckOut.Bytes(), &duck); err != nil {
		t.Fatal(err)
	}
	app, _, out, errOut := newTestApp()
	args := []string{"mine", "--events", log, "--case", "cliente_id", "--activity", "evento", "--timestamp", "fecha", "--top", "100000", "-f", "json"}
	if code := Main(context.Background(), args, app, BuildInfo{}); code != 0 {
		t.Fatalf("journey mine: exit %d\n%s", code, errOut.String())
	}
	var res struct {
		DFG      struct{ Edges []edge }
		Variants []struct {
			Path  []string
			Cases int64
			Other bool
		}
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	ours := map[edge]bool{}
	for _, e := range res.DFG.Edges {
		ours[edge{e.From, e.To, e.Count, e.Cases}] = true
	}
	if len(res.DFG.Edges) != len(duck.Edges) {
		t.Errorf("journey has %d edges, DuckDB %d", len(res.DFG.Edges), len(duck.Edges))
	}
	for _, e := range duck.Edges {
		if !ours[e] {
			t.Errorf("DuckDB edge %+v not in journey's", e)
		}
	}
	vs := map[variant]bool{}
	for _, v := range res.Variants {
		if v.Other {
			t.Fatalf("--top 100000 still left an other line")
		}
		p := ""
		for i, a := range v.Path {
			if i > 0 {
				p += " > "
			}
			p += a
		}
		vs[variant{p, v.Cases}] = true
	}
	if len(res.Variants) != len(duck.Variants) {
		t.Errorf("journey has %d variants, DuckDB %d", len(res.Variants), len(duck.Variants))
	}
	for _, v := range duck.Variants {
		if !vs[v] {
			t.Errorf("DuckDB variant %+v not in journey's", v)
		}
	}
}
