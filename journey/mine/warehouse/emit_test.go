package warehouse

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/journey-cx/journey/journey"
)

var update = flag.Bool("update", false, "rewrite the golden SQL in testdata")

func tienda(t *testing.T) *journey.Map {
	t.Helper()
	data, err := os.ReadFile("testdata/tienda.journey.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, diags := journey.Load("tienda.journey.yaml", data, journey.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return m
}

func spec(m *journey.Map, dialect string) Spec {
	return Spec{Dialect: dialect, Table: "analitica.eventos", Case: "cliente", Activity: "evento", Time: "fecha", Channel: "canal",
		Map: m, Explicit: m.Events[0].Activities, Label: "tienda.journey.yaml",
		Since:   time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano(),
		Until:   time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC).UnixNano() + 1, // rounds up to the next microsecond
		Filters: map[string][]string{"canal": {"web", "redes"}}}
}

// TestEmitGolden keeps the SQL of every dialect for a map with accents,
// quotes, a semicolon and a backslash in its names (DuckDB's runs in
// internal/cli's consumer tests; the others are read here only).
func TestEmitGolden(t *testing.T) {
	m := tienda(t)
	for _, d := range Dialects {
		t.Run(d, func(t *testing.T) {
			var b bytes.Buffer
			if err := Emit(&b, spec(m, d)); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "tienda."+d+".sql")
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("SQL differs from %s (go test -update rewrites it):\n%s", golden, b.String())
			}
			sql := b.String()
			for _, name := range Tables {
				if strings.Count(sql, marker+name+"\n") != 1 {
					t.Errorf("want one %q statement", name)
				}
			}
			if n := strings.Count(sql, ";\n"); n != len(Tables) {
				t.Errorf("%d statements end in ;, want %d", n, len(Tables))
			}
		})
	}
}

// TestEmitWithoutMap leaves out the stages and maps nothing.
func TestEmitWithoutMap(t *testing.T) {
	var b bytes.Buffer
	if err := Emit(&b, Spec{Dialect: "duckdb", Table: "e", Case: "c", Activity: "a", Time: "t"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), marker+"stages") || strings.Contains(b.String(), "CASE\n") {
		t.Errorf("a log without a map has no stages and no mapping:\n%s", b.String())
	}
}

func TestLiterals(t *testing.T) {
	for _, tc := range []struct{ dialect, in, want string }{
		{"duckdb", "O'Brien", `'O''Brien'`},
		{"trino", `a\b'c`, `'a\b''c'`},
		{"bigquery", `O'Brien \ ñ`, `'O\'Brien \\ ñ'`},
		{"clickhouse", "línea\nnueva\t", `'línea\x0anueva\x09'`},
		{"spark", "it's\x7f", `'it\'s\u007f'`},
		{"duckdb", "«Trae a un amigo»", "'«Trae a un amigo»'"},
	} {
		d, err := dialectOf(tc.dialect)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.lit(tc.in); got != tc.want {
			t.Errorf("%s lit(%q) = %s, want %s", tc.dialect, tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ dialect, in, want string }{
		{"duckdb", "fecha evento", `"fecha evento"`},
		{"bigquery", "proyecto-1", "`proyecto-1`"},
		{"spark", "año", "`año`"},
	} {
		d, _ := dialectOf(tc.dialect)
		if got := d.quoteID(tc.in); got != tc.want {
			t.Errorf("%s quoteID(%q) = %s, want %s", tc.dialect, tc.in, got, tc.want)
		}
	}
}

// TestEmitRefuses names that would end the quoting, and specs that can't run.
func TestEmitRefuses(t *testing.T) {
	ok := Spec{Dialect: "duckdb", Table: "e", Case: "c", Activity: "a", Time: "t"}
	for _, tc := range []struct {
		name string
		edit func(*Spec)
		msg  string
	}{
		{"dialect", func(s *Spec) { s.Dialect = "oracle" }, `unknown SQL dialect "oracle"`},
		{"quote in column", func(s *Spec) { s.Case = `c" OR 1=1 --` }, "quotes, backslashes and control characters are not allowed"},
		{"backquote in table", func(s *Spec) { s.Dialect, s.Table = "bigquery", "p.d.t`; DROP" }, "not allowed"},
		{"newline in filter column", func(s *Spec) { s.Filters = map[string][]string{"canal\n": {"x"}} }, "not allowed"},
		{"empty table part", func(s *Spec) { s.Table = "proyecto..eventos" }, "has an empty part"},
		{"no timestamp", func(s *Spec) { s.Time = "" }, "needs the table and its case, activity and timestamp columns"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := ok
			tc.edit(&s)
			var b bytes.Buffer
			err := Emit(&b, s)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err %v, want %q", err, tc.msg)
			}
			if b.Len() != 0 {
				t.Errorf("wrote %d bytes before failing", b.Len())
			}
		})
	}
}

func TestFloorDiv(t *testing.T) {
	for _, tc := range [][3]int64{{7, 2, 3}, {-7, 2, -4}, {-8, 2, -4}, {0, 5, 0}, {6, 3, 2}} {
		if got := floorDiv(tc[0], tc[1]); got != tc[2] {
			t.Errorf("floorDiv(%d, %d) = %d, want %d", tc[0], tc[1], got, tc[2])
		}
	}
}
