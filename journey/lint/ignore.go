package lint

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// ignoreMarker starts an inline suppression: `# journey:ignore RULE-ID reason`.
const ignoreMarker = "journey:ignore"

// ignore is one `# journey:ignore` comment.
type ignore struct {
	line, column int      // position of the `#` (1-based; column in characters)
	rules        []string // the rule ids it names (comma-separated in the source)
	reason       string   // the free text after the ids
	targets      []int    // the lines whose findings it silences
	used         []bool   // per rule: whether it silenced something
}

// parseIgnores finds the ignore comments in src. A comment at the end of
// a line covers that line. A comment on a line of its own covers the next
// line holding YAML (blank and comment lines are skipped, so several
// ignores can be stacked); when that line opens a block (`metrics:`,
// `nps:`), the first line of the block is covered too, because the
// findings about a block point at its first line.
func parseIgnores(src []byte) []ignore {
	if !bytes.Contains(src, []byte(ignoreMarker)) {
		return nil
	}
	lines := strings.Split(string(src), "\n")
	var out []ignore
	for i, ln := range lines {
		idx := strings.Index(ln, ignoreMarker)
		if idx < 0 {
			continue
		}
		h := idx - 1
		for h >= 0 && (ln[h] == ' ' || ln[h] == '\t') {
			h--
		}
		if h < 0 || ln[h] != '#' || (h > 0 && ln[h-1] != ' ' && ln[h-1] != '\t') {
			continue // not a comment, or `#` glued to a value
		}
		rest := strings.TrimRight(ln[idx+len(ignoreMarker):], "\r")
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			continue // journey:ignored, journey:ignore-all...
		}
		ig := ignore{line: i + 1, column: utf8.RuneCountInString(ln[:h]) + 1}
		if f := strings.Fields(rest); len(f) > 0 {
			for _, id := range strings.Split(f[0], ",") {
				if id = strings.TrimSpace(id); id != "" {
					ig.rules = append(ig.rules, id)
				}
			}
			ig.reason = strings.Join(f[1:], " ")
		}
		ig.used = make([]bool, len(ig.rules))
		if strings.TrimSpace(ln[:h]) != "" {
			ig.targets = []int{i + 1}
		} else if j := nextCode(lines, i+1); j >= 0 {
			ig.targets = []int{j + 1}
			if opensBlock(lines[j]) {
				if k := nextCode(lines, j+1); k >= 0 {
					ig.targets = append(ig.targets, k+1)
				}
			}
		}
		out = append(out, ig)
	}
	return out
}

// nextCode returns the index of the first line from i on that holds YAML
// (not blank, not only a comment), or -1.
func nextCode(lines []string, i int) int {
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t != "" && !strings.HasPrefix(t, "#") {
			return i
		}
	}
	return -1
}

// opensBlock reports whether a line is a key with its value on the next
// lines (`metrics:`, `- nps:`), ignoring a trailing comment.
func opensBlock(line string) bool {
	if i := strings.Index(line, " #"); i >= 0 {
		line = line[:i]
	}
	return strings.HasSuffix(strings.TrimSpace(line), ":")
}
