package mine

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey/eventlog"
)

// mineFile mines one log file read through journey/eventlog, as the CLI does.
func mineFile(t *testing.T, path string) *Result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := New(Options{Case: "3"})
	defer m.Close()
	_, err = eventlog.Read(context.Background(), filepath.Base(path), f, eventlog.Options{}, func(evs []eventlog.Event) error {
		out := make([]Event, len(evs))
		for i, e := range evs {
			out[i] = Event{Case: e.Case, Activity: e.Activity, Time: e.Time, Channel: e.Channel, Resource: e.Resource, Device: e.Device}
		}
		m.Add(out)
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	res, err := m.Result(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestFormatsAgree mines the running example of process mining (6 cases,
// 42 events, 8 activities, 6 variants, 16 directly-follows edges, as
// published) from each of its files: CSV, TSV, JSON Lines, XES, gzip XES
// and Parquet must give the same result, figure for figure.
func TestFormatsAgree(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "eventlog", "testdata")
	files := []string{"running-example.csv", "running-example.tsv", "running-example.jsonl", "running-example.xes", "running-example.xes.gz", "running-example.parquet"}
	var want []byte
	for _, name := range files {
		res := mineFile(t, filepath.Join(dir, name))
		if !res.Case.Found || len(res.Case.Events) != 9 {
			t.Fatalf("%s: case 3 has %d events, want 9", name, len(res.Case.Events))
		}
		for i := range res.Case.Events {
			res.Case.Events[i].Row = 0 // lines differ between formats; everything else must not
		}
		l := res.Log
		if l.Cases != 6 || l.Events != 42 || l.Activities != 8 || l.Variants != 6 || l.Edges != 16 {
			t.Errorf("%s: %d cases, %d events, %d activities, %d variants, %d edges; want 6, 42, 8, 6, 16", name, l.Cases, l.Events, l.Activities, l.Variants, l.Edges)
		}
		got, err := json.MarshalIndent(res, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if want == nil {
			want = got
			continue
		}
		if string(got) != string(want) {
			t.Errorf("%s mines differently from %s:\n%s", name, files[0], golden.Diff(files[0], want, got))
		}
	}
}
