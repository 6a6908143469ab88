package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// duckAggregates runs journey's SQL for map in DuckDB over log (the view
// "eventos" of bench/duckdb/aggregates.mjs) and returns the folder of the
// results.
func duckAggregates(t *testing.T, node, mapFile, log, tz, format string, extra ...string) string {
	t.Helper()
	script, err := os.ReadFile("../../bench/duckdb/aggregates.mjs")
	if err != nil {
		t.Fatal(err)
	}
	js := filepath.Join(node, "aggregates.mjs") // ESM resolves packages next to the script
	if err := os.WriteFile(js, script, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sql := filepath.Join(dir, "mine.sql")
	args := append([]string{"mine", mapFile, "--emit-sql", "--table", "eventos", "-o", sql}, extra...)
	if _, errOut, code := run(t, args...); code != 0 {
		t.Fatalf("journey %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	out := filepath.Join(dir, "agg")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", js, sql, log, "fecha", tz, out, format)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("duckdb: %v\n%s", err, stderr.String())
	}
	return out
}

// TestMineAggregatesAgreeWithDuckDB: the SQL of --emit-sql, run by DuckDB
// itself over the bundled insurer log, gives back through --aggregates the
// very JSON that mining the log here gives (with --sequence for ties, as a
// warehouse has no file order); without it, the same counts.
func TestMineAggregatesAgreeWithDuckDB(t *testing.T) {
	node := nodeModules(t, "@duckdb/node-api")
	const ex = "../../examples/seguro-hogar.journey.yaml"
	local, errOut, code := run(t, "mine", ex, "-f", "json", "--top", "100000")
	if code != 0 {
		t.Fatalf("journey mine: exit %d\n%s", code, errOut)
	}
	agg := duckAggregates(t, node, ex, "../../examples/data/eventos-seguro.csv.gz", "Europe/Madrid", "csv", "--sequence", "fila")
	got, errOut, code := run(t, "mine", ex, "--aggregates", agg, "-f", "json", "--top", "100000")
	if code != 0 {
		t.Fatalf("journey mine --aggregates: exit %d\n%s", code, errOut)
	}
	if got != local {
		t.Errorf("--aggregates gives %d bytes of JSON, mining the log %d: they differ\n%s", len(got), len(local), firstDiff(got, local))
	}
	if !strings.Contains(errOut, "mined the aggregates in "+agg+": 8000 cases, 35998 events") {
		t.Errorf("stderr does not say what was mined:\n%s", errOut)
	}
	// The same picture: the process map drawn from the warehouse's
	// aggregates is the one drawn from the log.
	svgs := [2]string{filepath.Join(t.TempDir(), "agg.svg"), filepath.Join(t.TempDir(), "log.svg")}
	for i, src := range [][]string{{"--aggregates", agg}, nil} { // nil: the map's events:
		if _, errOut, code := run(t, append([]string{"render", ex, "--view", "process", "-o", svgs[i]}, src...)...); code != 0 {
			t.Fatalf("render %v: exit %d\n%s", src, code, errOut)
		}
	}
	if a, b := readFile(t, svgs[0]), readFile(t, svgs[1]); a != b {
		t.Errorf("the process map from --aggregates differs from the log's:\n%s", firstDiff(a, b))
	}

	agg = duckAggregates(t, node, ex, "../../examples/data/eventos-seguro.csv.gz", "Europe/Madrid", "csv")
	got, errOut, code = run(t, "mine", ex, "--aggregates", agg, "-f", "json")
	if code != 0 {
		t.Fatalf("journey mine --aggregates: exit %d\n%s", code, errOut)
	}
	var a, b struct {
		Log struct{ Cases, Events, Activities int64 }
	}
	if err := json.Unmarshal([]byte(got), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(local), &b); err != nil {
		t.Fatal(err)
	}
	if a.Log != b.Log {
		t.Errorf("without --sequence: %+v, mining the log: %+v", a.Log, b.Log)
	}
}

// TestMineAggregatesHostileNames: activity names with quotes, a backslash,
// a semicolon, SQL comments, accents and odd case reach DuckDB as literals
// and map to the same touchpoints (folded matching included); the results
// read the same saved as CSV and as Parquet.
func TestMineAggregatesHostileNames(t *testing.T) {
	node := nodeModules(t, "@duckdb/node-api")
	dir := t.TempDir()
	src, err := os.ReadFile("../../journey/mine/warehouse/testdata/tienda.journey.yaml")
	if err != nil {
		t.Fatal(err)
	}
	mapFile := filepath.Join(dir, "tienda.journey.yaml")
	if err := os.WriteFile(mapFile, src, 0o644); err != nil {
		t.Fatal(err)
	}
	acts := []string{"  ANUNCIO EN INSTAGRAM", "Catálogo d'otoño", `Pago con tarjeta; sin \ barra`, "Pedido O'Brien",
		"x' OR '1'='1", "-- fin; DROP TABLE eventos", `"comillas"`, "Añadir al carrito"}
	var b strings.Builder
	b.WriteString("cliente,evento,fecha,canal\n")
	for c := range 40 {
		for i := range 1 + c%5 {
			a := acts[(c+i*3)%len(acts)]
			ch := []string{"web", "redes", ""}[(c+i)%3]
			fmt.Fprintf(&b, "C%03d,\"%s\",2026-03-%02d %02d:%02d:00,%s\n", c, strings.ReplaceAll(a, `"`, `""`), 1+c%28, 8+i, (c*7+i)%60, ch)
		}
	}
	log := filepath.Join(dir, "eventos.csv")
	if err := os.WriteFile(log, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	local, errOut, code := run(t, "mine", mapFile, "-f", "json", "--top", "1000")
	if code != 0 {
		t.Fatalf("journey mine: exit %d\n%s", code, errOut)
	}
	var got string
	for _, format := range []string{"csv", "parquet"} {
		agg := duckAggregates(t, node, mapFile, log, "UTC", format, "--sequence", "fila")
		got, errOut, code = run(t, "mine", mapFile, "--aggregates", agg, "-f", "json", "--top", "1000")
		if code != 0 {
			t.Fatalf("journey mine --aggregates (%s): exit %d\n%s", format, code, errOut)
		}
		if got != local {
			t.Errorf("--aggregates of %s and mining the log differ:\n%s", format, firstDiff(got, local))
		}
	}
	for _, want := range []string{`"x' OR '1'='1"`, `"-- fin; DROP TABLE eventos"`, `"\"comillas\""`, `"Añadir al carrito"`} {
		if !strings.Contains(got, want) {
			t.Errorf("the result lacks the activity %s", want)
		}
	}
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Sprintf("at byte %d:\n  got  ...%s\n  want ...%s", i, a[lo:min(len(a), i+80)], b[lo:min(len(b), i+80)])
}

func TestMineSQLFlags(t *testing.T) {
	t.Parallel()
	const ex = "../../examples/seguro-hogar.journey.yaml"
	dir := t.TempDir()
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no table", []string{"mine", ex, "--emit-sql"}, 2, "--emit-sql needs --table"},
		{"no columns without a map", []string{"mine", "--emit-sql", "--table", "e", "--case", "c"}, 2, "give --activity, --timestamp"},
		{"unknown dialect", []string{"mine", ex, "--emit-sql", "--table", "e", "--dialect", "oracle"}, 2, `unknown SQL dialect "oracle" (want duckdb, clickhouse, bigquery, trino, spark)`},
		{"quote in a column", []string{"mine", ex, "--emit-sql", "--table", "e", "--case", `id"; DROP`}, 2, "quotes, backslashes and control characters are not allowed"},
		{"format with sql", []string{"mine", ex, "--emit-sql", "--table", "e", "-f", "json"}, 2, "--format is for mining"},
		{"both ways", []string{"mine", ex, "--emit-sql", "--table", "e", "--aggregates", dir}, 2, "give one of them"},
		{"events too", []string{"mine", ex, "--aggregates", dir, "--events", "x.csv"}, 2, "--events mines a log here"},
		{"customer needs events", []string{"mine", ex, "--aggregates", dir, "--customer", "C1"}, 2, "need the events themselves"},
		{"filter on a missing column", []string{"mine", "--emit-sql", "--table", "e", "--case", "c", "--activity", "a", "--timestamp", "t", "--filter", "channel=web"}, 2, "the table has no channel column"},
		{"empty folder", []string{"mine", ex, "--aggregates", dir}, 2, "can't read the summary aggregates: no " + dir + "/summary.csv (save the summary statement's result there)"},
		{"a file for the folder", []string{"mine", ex, "--aggregates", ex}, 2, "can't read the summary aggregates " + filepath.Join(cwd, ex, "summary.csv") + ": not a directory\n"},
		{"bad aggregates", []string{"mine", ex, "--aggregates", "testdata/mine-aggregates/bad"}, 1, "testdata/mine-aggregates/bad/edges.csv:3: seconds: want a number of seconds, got \"mucho\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := run(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.stderr) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", code, tc.code, tc.stderr, errOut)
			}
			if tc.code != 0 && out != "" {
				t.Errorf("wrote to stdout on failure: %q", out)
			}
		})
	}
	// The filters and bounds reach the SQL with the table's column names.
	out, errOut, code := run(t, "mine", ex, "--emit-sql", "--table", "proyecto.analitica.eventos", "--dialect", "bigquery",
		"--filter", "channel=web", "--since", "2026-02-01", "--timezone", "Europe/Madrid")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"FROM `proyecto`.`analitica`.`eventos`", "AND CAST(`canal` AS STRING) IN ('web')",
		"AND UNIX_MICROS(`fecha`) >= 1769900400000000", "WHEN a = 'Página de coberturas vista' THEN 'web-coberturas'"} {
		if !strings.Contains(out, want) {
			t.Errorf("SQL lacks %q", want)
		}
	}
}
