package mapgen

import (
	"bytes"
	"fmt"
	"regexp"
)

var (
	tpNumRE   = regexp.MustCompile(`^      - id: tp-(\d+)\n`)
	emotionRE = regexp.MustCompile(`(?m)^        emotion: (\d)\n`)
	nameRE    = regexp.MustCompile(`(?m)^        name: (.*)\n`)
)

// Variant returns a next version of a map written by Map, as a review
// would see it: some touchpoints swapped with their neighbour, moved to
// the next stage, renamed, with another emotion, removed or added. It is
// deterministic and the result is valid.
func Variant(src []byte) []byte {
	type stage struct {
		lines  []byte   // the stage's own lines, up to its touchpoints
		blocks [][]byte // one touchpoint each
	}
	var pre, post bytes.Buffer
	var stages []*stage
	inStages := false
	for _, l := range bytes.SplitAfter(src, []byte("\n")) {
		switch {
		case post.Len() > 0 || bytes.HasPrefix(l, []byte("sources:")):
			post.Write(l)
		case !inStages:
			pre.Write(l)
			inStages = string(l) == "stages:\n"
		case bytes.HasPrefix(l, []byte("  - id: ")):
			stages = append(stages, &stage{lines: l})
		case bytes.HasPrefix(l, []byte("      - id: tp-")):
			s := stages[len(stages)-1]
			s.blocks = append(s.blocks, append([]byte(nil), l...))
		default:
			s := stages[len(stages)-1]
			if len(s.blocks) == 0 {
				s.lines = append(s.lines, l...)
			} else {
				s.blocks[len(s.blocks)-1] = append(s.blocks[len(s.blocks)-1], l...)
			}
		}
	}
	added := 0
	moved := make([][][]byte, len(stages)+1)
	for si, s := range stages {
		var out [][]byte
		for i := 0; i < len(s.blocks); i++ {
			b := s.blocks[i]
			var num int
			if m := tpNumRE.FindSubmatch(b); m != nil {
				fmt.Sscan(string(m[1]), &num)
			}
			switch {
			case num%291 == 0: // never the target of a next: (those are 1 and 2 mod 3)
				continue
			case num%5 == 0:
				b = emotionRE.ReplaceAll(b, []byte("        emotion: 4\n"))
			case num%23 == 0:
				b = nameRE.ReplaceAll(b, []byte("        name: $1 (renombrado)\n"))
			}
			if num%203 == 0 && si+1 < len(stages) && num%3 == 0 {
				moved[si+1] = append(moved[si+1], b)
				continue
			}
			if num%101 == 0 {
				added++
				out = append(out, fmt.Appendf(nil, "      - id: tp-nuevo-%d\n        name: Punto de contacto nuevo %d\n        channel: web\n        emotion: 3\n", added, added))
			}
			if num%17 == 0 && i+1 < len(s.blocks) {
				out = append(out, s.blocks[i+1], b)
				i++
				continue
			}
			out = append(out, b)
		}
		s.blocks = append(out, moved[si]...)
	}
	var b bytes.Buffer
	b.Write(pre.Bytes())
	for _, s := range stages {
		b.Write(s.lines)
		for _, tp := range s.blocks {
			b.Write(tp)
		}
	}
	b.Write(post.Bytes())
	return b.Bytes()
}
