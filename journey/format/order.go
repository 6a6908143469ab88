// Key order: the walk that puts every mapping in canonical order and
// style (the orders themselves are in shape.go).

package format

import (
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// canon puts n in canonical order and style. indent is the column of n's
// block content; prefix is how many characters precede n on its line; key
// is the key n is the value of (nil for items and the root).
func (f *formatter) canon(n *yaml.Node, s *shape, indent, prefix int, key *yaml.Node) {
	settle(n, key)
	defer settleLine(n, key)
	switch n.Kind {
	case yaml.MappingNode:
		if f.opt.reorder {
			sortPairs(n, s)
		}
		if len(n.Content) > 0 && f.meta[n.Content[0]] != nil {
			f.meta[n.Content[0]].blankBefore = false // no blank line opens a block
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			f.scalar(k)
			f.keys[k] = true
			var vs *shape
			if k.Kind == yaml.ScalarNode {
				vs = s.field(k.Value)
			}
			f.canon(v, vs, indent+2, indent+width(k.Value)+2, k)
		}
		n.Style &^= yaml.FlowStyle
		if s != nil && s.record && f.fits(n, prefix, RecordWidth) {
			n.Style |= yaml.FlowStyle
		}
	case yaml.SequenceNode:
		var is *shape
		if s != nil {
			is = s.item
		}
		for _, c := range n.Content {
			f.canon(c, is, indent+2, indent+2, nil)
			// A comment above the key that now comes first goes above
			// the item's dash, not after it.
			if c.Kind == yaml.MappingNode && len(c.Content) > 0 && c.Content[0].HeadComment != "" {
				k := c.Content[0]
				c.HeadComment = strings.Join(append(nonEmpty(c.HeadComment), strings.TrimRight(k.HeadComment, "\n")), "\n")
				k.HeadComment = ""
			}
		}
		n.Style &^= yaml.FlowStyle
		if f.fits(n, prefix, ListWidth) {
			n.Style |= yaml.FlowStyle
		}
	case yaml.ScalarNode:
		f.scalar(n)
	}
}

// sortPairs orders a mapping's pairs by the shape's key order, keeping the
// source order among equals (unknown keys, duplicates). Distributions are
// ordered by answer.
func sortPairs(n *yaml.Node, s *shape) {
	type pair struct{ k, v *yaml.Node }
	ps := make([]pair, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		ps = append(ps, pair{n.Content[i], n.Content[i+1]})
	}
	rank := func(k *yaml.Node) int {
		if k.Kind != yaml.ScalarNode {
			return s.rank("")
		}
		if k.Tag == "!!merge" {
			return -1
		}
		return s.rank(k.Value)
	}
	if s != nil && s.sorted {
		ints := true
		for _, p := range ps {
			if p.k.Kind != yaml.ScalarNode || p.k.ShortTag() != "!!int" {
				ints = false
			}
		}
		if ints {
			sort.SliceStable(ps, func(i, j int) bool {
				a, _ := strconv.ParseInt(ps[i].k.Value, 0, 64)
				b, _ := strconv.ParseInt(ps[j].k.Value, 0, 64)
				return a < b
			})
		}
	} else if s != nil {
		sort.SliceStable(ps, func(i, j int) bool { return rank(ps[i].k) < rank(ps[j].k) })
	}
	for i, p := range ps {
		n.Content[2*i], n.Content[2*i+1] = p.k, p.v
	}
}
