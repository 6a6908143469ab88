package mermaid_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/format"
	"github.com/journey-cx/journey/journey/importer/mermaid"
)

// largeDiagram writes a diagram of about size bytes with what made big
// diagrams slow: tasks and sections that repeat one name (so ids are
// numbered), comment lines, %%{...}%% directives, several actors, Spanish
// text; every 50th task has a name of its own.
func largeDiagram(size int) []byte {
	var b bytes.Buffer
	b.WriteString("---\ntitle: Alta de cliente\n---\njourney\n  accDescr: Un diagrama grande\n")
	for n := 0; b.Len() < size; n++ {
		switch {
		case n%50 == 0:
			fmt.Fprintf(&b, "  section Etapa\n  %%%%{init: {\"theme\": \"forest\"}}%%%%\n")
		case n%7 == 0:
			b.WriteString("  %% una nota sobre el paso\n")
		}
		name := "Paso de atención"
		if n%50 == 1 {
			name = fmt.Sprintf("Paso número %d", n)
		}
		fmt.Fprintf(&b, "    %s: %d: Marta, Luis # comentario\n", name, n%5+1)
	}
	return b.Bytes()
}

// importAndCheck does what journey import mermaid does: import, write
// the map and load what was written, which must validate.
func importAndCheck(tb testing.TB, src []byte) []byte {
	m, _, diags := mermaid.Import("big.mmd", src)
	if diags.HasErrors() {
		tb.Fatalf("import: %v", diags)
	}
	out, err := format.Map(m)
	if err != nil {
		tb.Fatal(err)
	}
	if _, diags := journey.Load("big.journey.yaml", out, journey.Options{MaxSize: int64(len(out))}); diags.HasErrors() {
		tb.Fatalf("the imported map is invalid: %v", diags[:min(len(diags), 5)])
	}
	return out
}

// TestImportLargeDiagram imports a big diagram of repeated names,
// comments and directives: it imports, every task is a touchpoint with
// its own id, and the map validates. (A 3.9 MB diagram took 43 s, as ids
// and preprocessing were quadratic.)
func TestImportLargeDiagram(t *testing.T) {
	if testing.Short() {
		t.Skip("imports a 1 MiB diagram")
	}
	t.Parallel()
	src := largeDiagram(1 << 20)
	out := importAndCheck(t, src)
	tasks := bytes.Count(src, []byte(": Marta, Luis"))
	m, _ := journey.Load("big.journey.yaml", out, journey.Options{MaxSize: int64(len(out))})
	if got := len(m.Touchpoints()); got != tasks {
		t.Fatalf("%d touchpoints from %d tasks", got, tasks)
	}
	// The tasks named alike are numbered in order, one after the other.
	alike := bytes.Count(src, []byte("Paso de atención: "))
	last := m.Touchpoints()[tasks-1]
	if want := fmt.Sprintf("paso-de-atencion-%d", alike); last.ID != want {
		t.Errorf("the last task's id is %q, want %q", last.ID, want)
	}
}

// TestImportBreaksKeepOffsets: a line break after letters whose lower
// case is longer (İ) is still found, and the name keeps its letters.
func TestImportBreaksKeepOffsets(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ task, want string }{
		{"İİİİ<br>x", "İİİİ x"},
		{"Ünİ<BR/>dos</br>tres<br / >cuatro", "Ünİ dos tres cuatro"},
		{"a<br<br<br>b", "a<br<br b"},
		{"a<br / / >b<br", "a<br / / >b<br"},
		{"K<bR\u00a0/\u2003>k", "K k"},
	} {
		src := "journey\n  section S\n    " + tt.task + ": 3: Yo\n"
		m, _, diags := mermaid.Import("x.mmd", []byte(src))
		if diags.HasErrors() {
			t.Fatalf("%q: %v", tt.task, diags)
		}
		if got := m.Touchpoints()[0].Name; got != tt.want {
			t.Errorf("%q: name %q, want %q", tt.task, got, tt.want)
		}
	}
}

// BenchmarkImportLarge imports diagrams of a few sizes and reports the
// time per MB of diagram: linear work keeps it flat across sizes.
func BenchmarkImportLarge(b *testing.B) {
	for _, size := range []int{256 << 10, 1 << 20, 4 << 20} {
		src := largeDiagram(size)
		b.Run(journey.FormatSize(int64(size)), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				importAndCheck(b, src)
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/(float64(len(src))/1e6), "s/MB")
		})
	}
}
