// Checks that a result holds what its input held: the same tree, values
// and comments.

package format

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/journey-cx/journey/journey"
)

// verify checks that out parses to the tree doc, with the comments want
// (as comments returns them).
func verify(doc *yaml.Node, out []byte, want []string) error {
	final, err := parse(out)
	if err != nil || final == nil {
		return fmt.Errorf("the result does not parse: %v", err)
	}
	if err := same(doc, final); err != nil {
		return err
	}
	if got := comments(final); !slices.Equal(got, want) {
		return fmt.Errorf("comments would change: want %q, got %q", want, got)
	}
	return nil
}

// walk visits a and b in parallel, failing when their structure differs.
func walk(a, b *yaml.Node, visit func(a, b *yaml.Node)) error {
	if a.Kind != b.Kind || len(a.Content) != len(b.Content) {
		return fmt.Errorf("the encoded tree differs from the built one at line %d", b.Line)
	}
	visit(a, b)
	if a.Kind == yaml.AliasNode {
		return nil
	}
	for i := range a.Content {
		if err := walk(a.Content[i], b.Content[i], visit); err != nil {
			return err
		}
	}
	return nil
}

// same checks that b holds what a holds: kinds, tags, values, anchors.
func same(a, b *yaml.Node) error {
	var diff error
	err := walk(a, b, func(x, y *yaml.Node) {
		if diff != nil {
			return
		}
		switch {
		case x.Anchor != y.Anchor:
			diff = fmt.Errorf("anchor %q became %q at line %d", x.Anchor, y.Anchor, y.Line)
		case x.Kind == yaml.ScalarNode && (x.ShortTag() != y.ShortTag() || x.Value != y.Value):
			diff = fmt.Errorf("%s %q became %s %q at line %d", x.ShortTag(), x.Value, y.ShortTag(), y.Value, y.Line)
		case x.Kind == yaml.AliasNode && x.Value != y.Value:
			diff = fmt.Errorf("alias %q became %q at line %d", x.Value, y.Value, y.Line)
		}
	})
	if err != nil {
		return err
	}
	return diff
}

// sameValue checks that out parses to the plain values want.
func sameValue(want any, out []byte) error {
	doc, err := parse(out)
	if err != nil || doc == nil {
		return fmt.Errorf("the result does not parse: %v", err)
	}
	got, err := journey.ToValue(doc)
	if err != nil {
		return err
	}
	if !reflect.DeepEqual(want, got) {
		return errors.New("the result holds different values")
	}
	return nil
}

// comments returns every comment line of the tree, trimmed and sorted.
func comments(n *yaml.Node) []string {
	var out []string
	var rec func(n *yaml.Node)
	rec = func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			for _, l := range strings.Split(c, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					out = append(out, l)
				}
			}
		}
		if n.Kind != yaml.AliasNode {
			for _, c := range n.Content {
				rec(c)
			}
		}
	}
	rec(n)
	sort.Strings(out)
	return out
}
