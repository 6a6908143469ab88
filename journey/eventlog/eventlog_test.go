package eventlog

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// readAll reads a whole log into memory.
func readAll(t testing.TB, name string, data []byte, opt Options) ([]Event, *Stats, error) {
	t.Helper()
	var evs []Event
	st, err := Read(context.Background(), name, bytesReader(data), opt, func(b []Event) error {
		evs = append(evs, b...)
		return nil
	})
	return evs, st, err
}

func readFile(t *testing.T, path string, opt Options) ([]Event, *Stats, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var evs []Event
	st, err := Read(context.Background(), filepath.Base(path), f, opt, func(b []Event) error {
		evs = append(evs, b...)
		return nil
	})
	return evs, st, err
}

func TestRunningExampleAllFormats(t *testing.T) {
	if *update {
		writeFixtures(t)
	}
	want := runningEvents()
	for _, name := range []string{"running-example.csv", "running-example.tsv", "running-example.jsonl", "running-example.xes", "running-example.xes.gz", "running-example.parquet"} {
		t.Run(name, func(t *testing.T) {
			evs, st, err := readFile(t, filepath.Join("testdata", name), Options{Columns: fixtureColumns})
			if err != nil {
				t.Fatal(err)
			}
			if st.Rows != 42 || st.Events != 42 || st.Skipped != 0 || st.BadCount != 0 {
				t.Errorf("stats = %+v", st)
			}
			if len(evs) != len(want) {
				t.Fatalf("%d events, want %d", len(evs), len(want))
			}
			for i := range evs {
				if evs[i].Row <= 0 {
					t.Errorf("event %d: row %d", i, evs[i].Row)
				}
				got := evs[i]
				got.Row = 0
				w := want[i]
				if name == "running-example.tsv" {
					w.Lifecycle = ""
				}
				if !reflect.DeepEqual(got, w) {
					t.Errorf("event %d:\n got %+v\nwant %+v", i, got, w)
				}
			}
		})
	}
}
