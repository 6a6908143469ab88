// Flow style: which lists and records fit on one line as [a, b] or
// {k: v}.

package format

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// simple reports whether n can sit inside a one-line flow collection.
func simple(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Anchor == "" && (n.Value != "" || n.ShortTag() != "!!null") && n.Style&yaml.TaggedStyle == 0 &&
		n.Style != yaml.LiteralStyle && n.Style != yaml.FoldedStyle && !strings.ContainsAny(n.Value, "\n\r") &&
		n.HeadComment == "" && n.LineComment == "" && n.FootComment == "" && n.Tag != "!!merge"
}

// fits reports whether a collection of simple scalars fits on its line in
// flow style.
func (f *formatter) fits(n *yaml.Node, prefix, limit int) bool {
	if len(n.Content) == 0 {
		return true
	}
	if n.FootComment != "" {
		return false
	}
	for _, c := range n.Content {
		if !simple(c) {
			return false
		}
	}
	flow := &yaml.Node{Kind: n.Kind, Tag: n.Tag, Style: yaml.FlowStyle}
	for _, c := range n.Content {
		cc := *c
		if cc.ShortTag() == "!!str" {
			cc.Style = 0
		}
		flow.Content = append(flow.Content, &cc)
	}
	text, err := encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{flow}})
	if err != nil {
		return false
	}
	t := strings.TrimRight(string(text), "\n")
	if strings.Contains(t, "\n") {
		return false
	}
	w := prefix + utf8.RuneCountInString(t)
	if n.Anchor != "" {
		w += len(n.Anchor) + 2
	}
	return w <= limit
}

func width(s string) int { return utf8.RuneCountInString(s) }
