package warehouse

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/journey-cx/journey/journey/mine"
)

// write puts files (name -> content) in a new folder.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func gz(t *testing.T, s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

var minimal = map[string]string{
	"summary.csv":    "first_us,last_us\n1000000,5000000\n",
	"activities.csv": "activity,node,events,cases\nPágina vista,web,3,2\n",
	"variants.csv":   "path,seconds,n\nweb\x1fweb,4.0,1\nweb,0,1\n",
	"edges.csv":      "from_node,to_node,seconds,n\nweb,web,4.0,1\n",
}

func TestReadDir(t *testing.T) {
	agg, err := ReadDir(write(t, minimal))
	if err != nil {
		t.Fatal(err)
	}
	want := mine.Aggregates{First: 1e9, Last: 5e9,
		Activities: []mine.ActivityCount{{Activity: "Página vista", Node: "web", Events: 3, Cases: 2}},
		Variants:   []mine.PathDuration{{Path: []string{"web", "web"}, Seconds: 4, N: 1}, {Path: []string{"web"}, Seconds: 0, N: 1}},
		Edges:      []mine.EdgeDuration{{From: "web", To: "web", Seconds: 4, N: 1}}}
	if got, w := jsonish(agg), jsonish(&want); got != w {
		t.Errorf("got %s\nwant %s", got, w)
	}
}

// jsonish prints aggregates for comparison.
func jsonish(a *mine.Aggregates) string { return fmt.Sprintf("%+v", *a) }

// TestReadDirShapes reads what the engines leave: gzip, Spark's folder of
// part files with a header each, a BOM, upper-case headers, 12.0 counts.
func TestReadDirShapes(t *testing.T) {
	files := map[string]string{
		"summary.csv.gz":                gz(t, minimal["summary.csv"]),
		"activities.csv":                "\ufeffACTIVITY,Node,events,cases\nPágina vista,web,3.0,2\n",
		"variants/part-00001-x.csv":     "path,seconds,n\nweb,0,1\n",
		"variants/part-00000-x.csv":     "path,seconds,n\nweb\x1fweb,4.0,1\n",
		"variants/_SUCCESS":             "",
		"edges.csv/part-00000-a.csv.gz": gz(t, minimal["edges.csv"]),
	}
	agg, err := ReadDir(write(t, files))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := ReadDir(write(t, minimal))
	if jsonish(agg) != jsonish(want) {
		t.Errorf("got %s\nwant %s", jsonish(agg), jsonish(want))
	}
}

func TestReadDirErrors(t *testing.T) {
	with := func(name, body string) map[string]string {
		m := map[string]string{}
		for k, v := range minimal {
			m[k] = v
		}
		if body == "" {
			delete(m, name)
		} else {
			m[name] = body
		}
		return m
	}
	full := gz(t, "from_node,to_node,seconds,n\n"+strings.Repeat("web,web,4.0,1\n", 5000))
	for _, tc := range []struct {
		name  string
		files map[string]string
		msg   string
	}{
		{"missing table", with("edges.csv", ""), "edges.csv (save the edges statement's result there)"},
		{"missing column", with("edges.csv", "from_node,to,seconds,n\n"), `edges.csv:1: no column "to_node" (want from_node,to_node,seconds,n)`},
		{"bad count", with("activities.csv", "activity,node,events,cases\nx,web,3,dos\n"), `activities.csv:2: cases: want a whole number, got "dos"`},
		{"bad seconds", with("variants.csv", "path,seconds,n\nweb,NaN,1\n"), `variants.csv:2: seconds: want a number of seconds, got "NaN"`},
		{"ragged row", with("edges.csv", "from_node,to_node,seconds,n\nweb,web,4\n"), "edges.csv:2: wrong number of fields"},
		{"empty file", with("summary.csv", "\n"), "summary.csv: empty file: want a header line"},
		{"truncated gzip", map[string]string{"summary.csv": minimal["summary.csv"], "activities.csv": minimal["activities.csv"], "variants.csv": minimal["variants.csv"],
			"edges.csv.gz": full[:len(full)/2]}, "edges.csv.gz: the file is truncated"},
		{"not gzip", with("summary.csv", ""), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := tc.files
			if tc.name == "not gzip" {
				files["summary.csv.gz"], tc.msg = "plain text", "summary.csv.gz: not a readable gzip file"
			}
			_, err := ReadDir(write(t, files))
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err %v, want %q", err, tc.msg)
			}
			var we *Error
			if tc.name != "missing table" && !errors.As(err, &we) {
				t.Errorf("%v is not a *Error (bad input)", err)
			}
		})
	}
}

// FuzzReadTable: any bytes as any table give aggregates or an *Error,
// never a panic.
func FuzzReadTable(f *testing.F) {
	for name, body := range minimal {
		f.Add(name[:len(name)-4], []byte(body))
	}
	f.Add("gaps", []byte("kind,from_value,to_value,switches,cases,ended_within_two\nchannel,web,\"a,\nb\",1,1,0\n"))
	f.Add("stages", []byte("stage,seconds,n\ns,1e308,9223372036854775807\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if _, ok := columns[name]; !ok {
			return
		}
		agg := &mine.Aggregates{}
		err := readTable(agg, name, "x.csv", bytes.NewReader(data))
		var we *Error
		if err != nil && !errors.As(err, &we) {
			t.Fatalf("%v is not a *Error", err)
		}
	})
}

type edgeRow struct {
	From    string  `parquet:"from_node"`
	To      string  `parquet:"to_node"`
	Seconds float64 `parquet:"seconds"`
	N       int64   `parquet:"n"`
}

func parquetOf(t testing.TB, rows []edgeRow) []byte {
	var b bytes.Buffer
	w := parquet.NewGenericWriter[edgeRow](&b)
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReadParquet reads a table saved as Parquet as its CSV reads.
func TestReadParquet(t *testing.T) {
	files := map[string]string{}
	for k, v := range minimal {
		files[k] = v
	}
	delete(files, "edges.csv")
	files["edges.parquet"] = string(parquetOf(t, []edgeRow{{"web", "web", 4, 1}}))
	agg, err := ReadDir(write(t, files))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := ReadDir(write(t, minimal))
	if jsonish(agg) != jsonish(want) {
		t.Errorf("got %s\nwant %s", jsonish(agg), jsonish(want))
	}
	files["edges.parquet"] = files["edges.parquet"][:40]
	if _, err := ReadDir(write(t, files)); err == nil || !strings.Contains(err.Error(), "edges.parquet: not a readable Parquet file") {
		t.Errorf("a cut Parquet file: %v", err)
	}
}

// FuzzReadParquet: any bytes as a Parquet table give aggregates or an
// *Error, never a panic.
func FuzzReadParquet(f *testing.F) {
	f.Add(parquetOf(f, []edgeRow{{"web", "app", 1.5, 2}, {"app", "web", 0, 1}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := readParquet(&mine.Aggregates{}, "edges", "x.parquet", bytes.NewReader(data), int64(len(data)))
		var we *Error
		if err != nil && !errors.As(err, &we) {
			t.Fatalf("%v is not a *Error", err)
		}
	})
}
