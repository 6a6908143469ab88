package serve

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/journey-cx/journey/journey/project"
	"github.com/journey-cx/journey/render/draw"
)

// drawn returns draw.SVG of the insurer example after edit.
func drawn(t *testing.T, edit func(string) string) []byte {
	t.Helper()
	data, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	ld := &project.Loader{}
	m, diags := ld.LoadBytes("m.journey.yaml", []byte(edit(string(data))), nil)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	f := &project.File{Name: "m.journey.yaml", Map: m, Config: must(ld.ConfigIn(t.TempDir()))}
	in, _ := prepare(context.Background(), ld, f)
	var b bytes.Buffer
	if err := draw.SVG(&b, in); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// apply is what serve.js does with a patch, on the split elements: the
// hunks from the last.
func apply(root []byte, kids [][]byte, p *svgPatch) ([]byte, [][]byte) {
	out := append([][]byte(nil), kids...)
	for i := len(p.Hunks) - 1; i >= 0; i-- {
		h := p.Hunks[i]
		_, ins, _ := splitSVG([]byte("<svg >" + h.Insert + "</svg>"))
		out = append(append(append([][]byte(nil), out[:h.At]...), ins...), out[h.At+h.Remove:]...)
	}
	if p.Root != "" {
		root = []byte(p.Root)
	}
	return root, out
}

// TestDiffSVG checks that a patch turns the old drawing into the new one,
// element for element, and is small for an edit that moves nothing.
func TestDiffSVG(t *testing.T) {
	old := drawn(t, func(s string) string { return s })
	for _, tc := range []struct {
		name  string
		edit  func(string) string
		patch bool
		most  int // the most elements the patch may insert
	}{
		{"same width", func(s string) string {
			return strings.Replace(s, "        name: Comparador de seguros\n", "        name: Comparador de segurox\n", 1)
		}, true, 10},
		{"nothing", func(s string) string { return s }, true, 0},
		{"everything moves", func(s string) string {
			return strings.Replace(s, "title: ", "title: Un título mucho más largo que empuja todo hacia abajo y hacia la derecha, ", 1)
		}, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			new := drawn(t, tc.edit)
			p, ok := diffSVG(old, new)
			if ok != tc.patch {
				t.Fatalf("patch %v, want %v", ok, tc.patch)
			}
			if !ok {
				return
			}
			oroot, okids, _ := splitSVG(old)
			nroot, nkids, _ := splitSVG(new)
			root, kids := apply(oroot, okids, p)
			if !bytes.Equal(root, nroot) || len(kids) != len(nkids) {
				t.Fatalf("patched: %d elements, want %d", len(kids), len(nkids))
			}
			for i := range kids {
				if !bytes.Equal(kids[i], nkids[i]) {
					t.Fatalf("element %d: %s, want %s", i, kids[i], nkids[i])
				}
			}
			n := 0
			for _, h := range p.Hunks {
				n += strings.Count(h.Insert, "\n")
			}
			if n > tc.most {
				t.Errorf("the patch inserts %d elements, want at most %d", n, tc.most)
			}
		})
	}
	if _, kids, ok := splitSVG(old); !ok || len(kids) < 500 {
		t.Errorf("split into %d elements (ok %v)", len(kids), ok)
	}
	if _, _, ok := splitSVG([]byte("<svg ><rect")); ok {
		t.Error("a cut drawing splits")
	}
}

// FuzzDiffSVG checks splitSVG and diffSVG on any input: no panic, and a
// patch, when there is one, turns the old drawing's elements into the new
// one's.
func FuzzDiffSVG(f *testing.F) {
	f.Add([]byte(`<svg a="1"><rect/><text>x</text></svg>`), []byte(`<svg a="2"><rect/><text>y</text></svg>`))
	f.Add([]byte(`<svg ><style>
a{}
</style><rect x="1"/></svg>`), []byte(`<svg ><style>
a{}
</style><rect x="2"/><rect/></svg>`))
	f.Add([]byte(`<svg ><desc>a
b</desc></svg>`), []byte(`<svg ><g><rect/></g></svg>`))
	f.Fuzz(func(t *testing.T, old, new []byte) {
		p, ok := diffSVG(old, new)
		if !ok {
			return
		}
		oroot, okids, _ := splitSVG(old)
		nroot, nkids, _ := splitSVG(new)
		root, kids := apply(oroot, okids, p)
		if !bytes.Equal(root, nroot) || len(kids) != len(nkids) {
			t.Fatalf("patched into %d elements, want %d", len(kids), len(nkids))
		}
		for i := range kids {
			if !bytes.Equal(kids[i], nkids[i]) {
				t.Fatalf("element %d: %q, want %q", i, kids[i], nkids[i])
			}
		}
	})
}
