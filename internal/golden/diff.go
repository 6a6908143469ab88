package golden

import (
	"fmt"
	"strings"
	"unicode/utf8"

	udiff "github.com/aymanbagabas/go-udiff"
)

// Bounds of a reported diff: golden files can be large (an SVG has lines
// of 20,000 bytes), and a failing test must still print something a reader
// can take in.
const (
	// MaxDiffLines is how many lines of a diff Diff prints; the rest is
	// counted in a last line.
	MaxDiffLines = 200
	// MaxLineBytes is how much of one diff line Diff prints; a changed
	// line longer than that is shown around its first changed byte.
	MaxLineBytes = 240
	// contextLines is the unchanged lines around each hunk.
	contextLines = 3
	// lead is how much of a long changed line is shown before its first
	// changed byte.
	lead = 60
)

// Diff returns a unified diff from want (the golden file at path) to got,
// bounded by MaxDiffLines and MaxLineBytes, or "" when they are equal.
func Diff(path string, want, got []byte) string {
	w, g := string(want), string(got)
	edits := udiff.Lines(w, g)
	u, err := udiff.ToUnifiedDiff(path+" (want)", "got", w, edits, contextLines)
	if err != nil {
		// Lines makes consistent edits; this is a bug in the diff package.
		return fmt.Sprintf("(no diff: %v)", err)
	}
	if len(u.Hunks) == 0 {
		return ""
	}
	out := []string{"--- " + u.From, "+++ " + u.To}
	for _, h := range u.Hunks {
		out = append(out, hunkHeader(h))
		out = append(out, hunkLines(h)...)
	}
	if len(out) > MaxDiffLines {
		more := len(out) - MaxDiffLines
		out = append(out[:MaxDiffLines], fmt.Sprintf("… %d more lines of diff", more))
	}
	return strings.Join(out, "\n") + "\n"
}

// hunkHeader is a hunk's "@@ -from,n +to,m @@" line, as diff -u writes it.
func hunkHeader(h *udiff.Hunk) string {
	from, to := 0, 0
	for _, l := range h.Lines {
		switch l.Kind {
		case udiff.Delete:
			from++
		case udiff.Insert:
			to++
		default:
			from++
			to++
		}
	}
	return "@@ " + span('-', h.FromLine, from) + " " + span('+', h.ToLine, to) + " @@"
}

// span is one side of a hunk header: its first line and line count.
func span(sign byte, first, n int) string {
	switch {
	case n > 1:
		return fmt.Sprintf("%c%d,%d", sign, first, n)
	case first == 1 && n == 0:
		return fmt.Sprintf("%c0,0", sign) // diff -u's way of saying "empty"
	}
	return fmt.Sprintf("%c%d", sign, first)
}

// hunkLines renders a hunk's lines with their -, + or space prefix. Each
// deleted line of a run is paired with the inserted line at the same place
// in the run that follows, so a long line is shown where the two differ.
func hunkLines(h *udiff.Hunk) []string {
	var out []string
	ls := h.Lines
	for i := 0; i < len(ls); {
		if ls[i].Kind == udiff.Equal {
			out = append(out, diffLine(' ', ls[i].Content, 0)...)
			i++
			continue
		}
		dels := run(ls[i:], udiff.Delete)
		ins := run(ls[i+len(dels):], udiff.Insert)
		for k, l := range dels {
			out = append(out, diffLine('-', l.Content, firstDiff(l.Content, pair(ins, k)))...)
		}
		for k, l := range ins {
			out = append(out, diffLine('+', l.Content, firstDiff(l.Content, pair(dels, k)))...)
		}
		i += len(dels) + len(ins)
	}
	return out
}

// run returns the lines at the start of ls of one kind.
func run(ls []udiff.Line, kind udiff.OpKind) []udiff.Line {
	n := 0
	for n < len(ls) && ls[n].Kind == kind {
		n++
	}
	return ls[:n]
}

// pair returns the content of ls[k], or "" past its end.
func pair(ls []udiff.Line, k int) string {
	if k < len(ls) {
		return ls[k].Content
	}
	return ""
}

// firstDiff returns the byte offset of the first difference of a and b.
func firstDiff(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// diffLine prints one diff line: its prefix and content, cut to MaxLineBytes
// around the byte at from, and a note when the file does not end in a
// newline there.
func diffLine(prefix byte, content string, from int) []string {
	text, nl := strings.CutSuffix(content, "\n")
	out := []string{string(prefix) + clip(text, from)}
	if !nl {
		out = append(out, `\ No newline at end of file`)
	}
	return out
}

// clip cuts s to MaxLineBytes bytes (on rune boundaries), from its start
// or, when the byte at from would be near or past the cut, from lead bytes
// before it; the cut ends are marked with an ellipsis.
func clip(s string, from int) string {
	if len(s) <= MaxLineBytes {
		return s
	}
	start := 0
	if from+2*lead > MaxLineBytes {
		start = max(0, min(from-lead, len(s)-MaxLineBytes))
	}
	for start > 0 && !utf8.RuneStart(s[start]) {
		start--
	}
	end := min(len(s), start+MaxLineBytes)
	for end < len(s) && !utf8.RuneStart(s[end]) {
		end--
	}
	out := s[start:end]
	if start > 0 {
		out = "…" + out
	}
	if end < len(s) {
		out += fmt.Sprintf("… (line of %d bytes)", len(s))
	}
	return out
}
