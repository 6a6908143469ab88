// Comments: keeping each one with the element it was written on, through
// reordering and the encoder's own placement.

package format

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

// lines counts the lines a comment occupies.
func lines(c string) int {
	if c == "" {
		return 0
	}
	return strings.Count(c, "\n") + 1
}

// checkComments reports a comment the parser gave to the wrong line (see
// misplaced) as a *SyntaxError on the comment's own line.
func checkComments(doc *yaml.Node, src []byte) error {
	lines := bytes.Split(src, []byte("\n"))
	n := misplaced(doc, lines)
	if n == nil {
		return nil
	}
	c := []byte(strings.TrimSpace(firstLine(n.LineComment)))
	line := n.Line - 1
	for l := n.Line - 1; l >= 1 && l >= n.Line-50; l-- {
		if bytes.Contains(lines[l-1], c) {
			line = l
			break
		}
	}
	return &SyntaxError{Line: line, Msg: "the comment at the end of this line follows an empty value, and YAML parsers give it to the next line: " +
		"put it on a line of its own, or give the value"}
}

// misplaced returns a node whose line comment is not on the node's line
// in the source, or nil. The parser does that to a comment that follows a
// value left empty after an anchor or a tag (`a: &x # note`): it gives
// the comment to the next key, and formatting would move it there.
func misplaced(n *yaml.Node, lines [][]byte) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return nil
	}
	if c := strings.TrimSpace(firstLine(n.LineComment)); c != "" && n.Line >= 1 && n.Line <= len(lines) &&
		!bytes.Contains(lines[n.Line-1], []byte(c)) {
		return n
	}
	for _, c := range n.Content {
		if m := misplaced(c, lines); m != nil {
			return m
		}
	}
	return nil
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// keepHeader keeps the comment above the first key of the file (the
// file's header, with its yaml-language-server modeline) at the top of the
// file when that key moves.
func keepHeader(root *yaml.Node) {
	if len(root.Content) < 2 || root.Content[0].HeadComment == "" {
		return
	}
	best := 0
	for i := 0; i+1 < len(root.Content); i += 2 {
		if shapeRoot.rank(root.Content[i].Value) < shapeRoot.rank(root.Content[best].Value) {
			best = i
		}
	}
	if best == 0 {
		return
	}
	first, k := root.Content[0], root.Content[best]
	k.HeadComment = strings.Join(append([]string{strings.TrimRight(first.HeadComment, "\n")}, nonEmpty(k.HeadComment)...), "\n")
	first.HeadComment = ""
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// settle moves comments the encoder would misplace (on a value, or on a
// block collection) to the nearest slot it writes faithfully: above or on
// the line of the key, above the first child, or below the last one.
func settle(n, key *yaml.Node) {
	first := func() *yaml.Node {
		if len(n.Content) > 0 {
			return n.Content[0]
		}
		return nil
	}
	last := func() *yaml.Node {
		switch {
		case n.Kind == yaml.MappingNode && len(n.Content) >= 2:
			return n.Content[len(n.Content)-2] // a key's foot follows its value
		case len(n.Content) > 0:
			return n.Content[len(n.Content)-1]
		}
		return nil
	}
	collection := n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode
	if key != nil {
		// A value: head above the first child, or above the key; line on
		// the key's line; foot below the key's value.
		if n.HeadComment != "" {
			if c := first(); collection && c != nil {
				c.HeadComment = joinComments(n.HeadComment, c.HeadComment)
			} else {
				key.HeadComment = joinComments(key.HeadComment, n.HeadComment)
			}
			n.HeadComment = ""
		}
		if n.FootComment != "" {
			key.FootComment = joinComments(n.FootComment, key.FootComment)
			n.FootComment = ""
		}
		return
	}
	if !collection {
		return
	}
	// An item or the root: its head is written above it, its foot goes
	// below its last child.
	if n.FootComment != "" {
		if c := last(); c != nil {
			c.FootComment = joinComments(c.FootComment, n.FootComment)
			n.FootComment = ""
		}
	}
}

// settleLine moves the line comment of a block collection, which the
// encoder would write on another line, to its key's line (or above the
// item, or above the root).
func settleLine(n, key *yaml.Node) {
	if n.LineComment == "" || n.Style&yaml.FlowStyle != 0 || (n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode) {
		return
	}
	if key != nil {
		key.LineComment = joinLine(key.LineComment, n.LineComment)
	} else {
		n.HeadComment = joinComments(n.HeadComment, n.LineComment)
	}
	n.LineComment = ""
}

func joinComments(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return strings.TrimRight(a, "\n") + "\n" + b
}

func joinLine(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}
