// Source layout: the blank lines and folded line breaks of the source,
// recorded before formatting and put back into the encoder's output.

package format

import (
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// blank reports whether source line (1-based) is blank.
func (f *formatter) blank(line int) bool {
	return line >= 1 && line <= len(f.src) && strings.TrimSpace(f.src[line-1]) == ""
}

// metaOf returns n's meta, made on first use.
func (f *formatter) metaOf(n *yaml.Node) *meta {
	m := f.meta[n]
	if m == nil {
		m = &meta{}
		f.meta[n] = m
	}
	return m
}

// collect records the blank lines and folded scalars of the source.
func (f *formatter) collect(n *yaml.Node) {
	mark := func(n *yaml.Node, first bool) {
		start := n.Line - lines(n.HeadComment)
		if strings.HasSuffix(n.HeadComment, "\n") {
			f.metaOf(n).blankAfterHead = true
		}
		if !first && f.blank(start-1) {
			f.metaOf(n).blankBefore = true
		}
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			mark(n.Content[i], i == 0)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			mark(c, i == 0)
		}
	case yaml.ScalarNode:
		if n.Style == yaml.FoldedStyle && f.opt.folded {
			if l := f.foldedLines(n); l != nil {
				f.metaOf(n).folded = l
			}
		}
	case yaml.AliasNode:
		return
	}
	for _, c := range n.Content {
		f.collect(c)
	}
}

var blockHeaderRE = regexp.MustCompile(`^>[-]?\s*(#.*)?$`)

// foldedLines returns the content lines of a folded scalar as written,
// without their common indentation, or nil when the header carries an
// indentation indicator or keep chomping (then the encoder writes it).
func (f *formatter) foldedLines(n *yaml.Node) []string {
	if n.Line < 1 || n.Line > len(f.src) {
		return nil
	}
	header := []rune(f.src[n.Line-1])
	if n.Column < 1 || n.Column > len(header) {
		return nil
	}
	if !blockHeaderRE.MatchString(string(header[n.Column-1:])) {
		return nil
	}
	return blockLines(f.src, n.Line)
}

// blockLines returns the content lines of the block scalar whose header is
// on line header (1-based), dedented, without trailing blank lines.
func blockLines(src []string, header int) []string {
	indent := -1
	var out []string
	for i := header; i < len(src); i++ {
		l := src[i]
		if strings.TrimSpace(l) == "" {
			out = append(out, "")
			continue
		}
		ind := len(l) - len(strings.TrimLeft(l, " "))
		if indent < 0 {
			indent = ind
		}
		if ind < indent || ind == 0 {
			break
		}
		out = append(out, l[indent:])
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	if indent <= 0 || len(out) == 0 {
		return nil
	}
	return out
}

// spaceOut gives a built document the blank lines an author would write:
// before each top-level section in block style, and between stages.
func (f *formatter) spaceOut(root *yaml.Node) {
	if root.Kind != yaml.MappingNode {
		return
	}
	for i := 2; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if (v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode) && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 {
			f.metaOf(k).blankBefore = true
		}
		if k.Value == "stages" && v.Kind == yaml.SequenceNode {
			for _, st := range v.Content[min(1, len(v.Content)):] {
				f.metaOf(st).blankBefore = true
			}
		}
	}
}

// spaceNew gives stages built in code (Line 0) a blank line before them
// when a stage from the source has one.
func (f *formatter) spaceNew(root *yaml.Node) {
	if root.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "stages" || v.Kind != yaml.SequenceNode {
			continue
		}
		spaced := false
		for _, st := range v.Content {
			if m := f.meta[st]; m != nil && m.blankBefore {
				spaced = true
			}
		}
		for j, st := range v.Content {
			if spaced && j > 0 && st.Line == 0 {
				f.metaOf(st).blankBefore = true
			}
		}
	}
}

// layout adds the source's blank lines and folded line breaks to the
// encoder's output. built is the tree that was encoded, back the output
// parsed again (same structure, output positions).
func (f *formatter) layout(built, back *yaml.Node, out []byte) ([]byte, error) {
	text := strings.TrimSuffix(string(out), "\n")
	outLines := strings.Split(text, "\n")
	blankAt, folded, err := f.marks(built, back)
	if err != nil {
		return nil, err
	}
	var res []string
	for i := 0; i < len(outLines); i++ {
		if blankAt[i] && len(res) > 0 && res[len(res)-1] != "" {
			res = append(res, "")
		}
		res = append(res, outLines[i])
		if content, ok := folded[i]; ok {
			var body []string
			body, i = refold(outLines, i, content)
			res = append(res, body...)
		}
	}
	return []byte(strings.Join(res, "\n") + "\n"), nil
}

// marks finds, by 0-based line of the encoder's output, where a blank line
// goes before a line, and which lines head folded scalars (with their
// source lines, or nil to keep the encoder's).
func (f *formatter) marks(built, back *yaml.Node) (blankAt map[int]bool, folded map[int][]string, err error) {
	blankAt = map[int]bool{}
	folded = map[int][]string{}
	err = walk(built, back, func(a, b *yaml.Node) {
		if b.Kind == yaml.ScalarNode && b.Style == yaml.FoldedStyle {
			var content []string
			if m := f.meta[a]; m != nil && f.opt.folded {
				content = m.folded
			}
			folded[b.Line-1] = content
		}
		m := f.meta[a]
		if m == nil {
			return
		}
		if m.blankBefore {
			blankAt[b.Line-1-lines(b.HeadComment)] = true
		}
		if m.blankAfterHead && b.HeadComment != "" {
			blankAt[b.Line-1] = true
		}
	})
	return blankAt, folded, err
}

// refold returns the content lines of the folded scalar whose header is
// outLines[i]: the source's lines (content) re-indented where the encoder
// put its own, or the encoder's when content is nil; and the index of the
// last output line they replace, blank lines after them included. A header
// that is not a plain folded one is left alone: (nil, i).
func refold(outLines []string, i int, content []string) ([]string, int) {
	header := outLines[i]
	if !blockHeaderRE.MatchString(strings.TrimSpace(header[strings.LastIndex(header, ">"):])) {
		return nil, i
	}
	// The encoder's content lines: up to the last non-blank line
	// indented deeper than the header's line.
	hind := len(header) - len(strings.TrimLeft(header, " "))
	end, ind := i, -1
	for j := i + 1; j < len(outLines); j++ {
		l := outLines[j]
		if strings.TrimSpace(l) == "" {
			continue
		}
		li := len(l) - len(strings.TrimLeft(l, " "))
		if li <= hind {
			break
		}
		if ind < 0 {
			ind = li
		}
		end = j
	}
	if ind < 0 {
		return nil, i
	}
	var res []string
	if content == nil {
		res = append(res, outLines[i+1:end+1]...)
	} else {
		pad := strings.Repeat(" ", ind)
		for _, c := range content {
			if c == "" {
				res = append(res, "")
			} else {
				res = append(res, pad+c)
			}
		}
	}
	// Blank lines after a clipped or stripped folded scalar are not
	// part of it (the encoder adds one); the source's own blank lines
	// come back through blankAt.
	i = end
	for i+1 < len(outLines) && strings.TrimSpace(outLines[i+1]) == "" {
		i++
	}
	return res, i
}
