package journey

import (
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxAliasNodes is how many nodes aliases may add to a small document; a
// larger one may grow by as many nodes as it holds. A "billion laughs" file
// is stopped before anything is expanded.
const maxAliasNodes = 1 << 16

// maxSafeInt is the largest integer a float64 (and JSON) holds exactly.
const maxSafeInt = 1 << 53

// maxDiagnostics bounds the diagnostics one file can produce.
const maxDiagnostics = 500

// aliasError is an alias cycle, or aliases that expand a document past
// maxAliasNodes.
type aliasError struct {
	At  *yaml.Node // the alias at fault
	Msg string
}

func (e *aliasError) Error() string { return fmt.Sprintf("line %d: %s", e.At.Line, e.Msg) }

// checkAliases measures what the aliases of a document expand it to,
// without expanding anything: one walk over the source nodes that remembers
// the expanded size of each anchored node. It fails on an alias inside the
// node it names (a cycle) and on an expansion past maxAliasNodes.
// Documents that pass can be walked with aliases and merge keys followed.
func checkAliases(root *yaml.Node) *aliasError {
	c := aliasCheck{}
	expanded := c.walk(root)
	if c.cycle != nil {
		return &aliasError{At: c.cycle, Msg: fmt.Sprintf("alias *%s is inside the node it names (anchor &%s at line %d): aliases cannot form a cycle",
			c.cycle.Value, c.cycle.Value, c.cycle.Alias.Line)}
	}
	if allowed := max(maxAliasNodes, c.nodes); expanded-c.nodes > allowed {
		return &aliasError{At: c.worst, Msg: fmt.Sprintf("aliases expand this file from %d to more than %d nodes (*%s alone stands for %s); refusing to expand them (is this a \"billion laughs\" file?)",
			c.nodes, c.nodes+allowed, c.worst.Value, countNodes(c.worstSize))}
	}
	return nil
}

// sizeCap saturates expanded sizes, which grow exponentially in a billion
// laughs file.
const sizeCap = 1 << 50

type aliasCheck struct {
	size      map[*yaml.Node]int // expanded size of anchored nodes; -1 while inside one
	nodes     int                // source nodes
	cycle     *yaml.Node         // the first alias met inside the node it names
	worst     *yaml.Node         // the alias standing for the most nodes
	worstSize int
}

// walk returns the expanded size of n: 1 plus that of its content, with an
// alias counting as the node it names. Anchors come before their aliases in
// a document, so the named node is either already measured or an ancestor.
func (c *aliasCheck) walk(n *yaml.Node) int {
	c.nodes++
	if n.Kind != yaml.AliasNode {
		if n.Anchor != "" {
			return c.measure(n)
		}
		return c.content(n)
	}
	s, ok := c.size[n.Alias]
	if !ok {
		// Named outside the tree being walked (ToValue on part of a
		// document): measure it now.
		s = c.measure(n.Alias)
	}
	switch {
	case s < 0:
		if c.cycle == nil {
			c.cycle = n
		}
		s = 1
	case s > c.worstSize:
		c.worst, c.worstSize = n, s
	}
	return s
}

// measure walks an anchored node, remembering its expanded size (-1 while
// inside it, which is how a cycle shows).
func (c *aliasCheck) measure(n *yaml.Node) int {
	if c.size == nil {
		c.size = map[*yaml.Node]int{}
	}
	c.size[n] = -1
	total := c.content(n)
	c.size[n] = total
	return total
}

func (c *aliasCheck) content(n *yaml.Node) int {
	total := 1
	for _, ch := range n.Content {
		total = min(total+c.walk(ch), sizeCap)
	}
	return total
}

func countNodes(n int) string {
	if n >= sizeCap {
		return "more than a quadrillion nodes"
	}
	return fmt.Sprintf("%d nodes", n)
}

// Pairs returns the key/value pairs of a mapping node, with `<<` merge keys
// expanded (explicit keys win). visit is called on every alias followed.
func Pairs(n *yaml.Node, visit func()) [][2]*yaml.Node {
	var explicit, merged [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merged = append(merged, mergePairs(v, visit)...)
			continue
		}
		explicit = append(explicit, [2]*yaml.Node{k, v})
	}
	if len(merged) == 0 {
		return explicit
	}
	seen := make(map[string]bool, len(explicit))
	for _, p := range explicit {
		seen[p[0].Value] = true
	}
	out := explicit
	for _, p := range merged {
		if !seen[p[0].Value] {
			seen[p[0].Value] = true
			out = append(out, p)
		}
	}
	return out
}

func mergePairs(v *yaml.Node, visit func()) [][2]*yaml.Node {
	v = Deref(v, visit)
	switch v.Kind {
	case yaml.MappingNode:
		return Pairs(v, visit)
	case yaml.SequenceNode:
		var out [][2]*yaml.Node
		for _, c := range v.Content {
			c = Deref(c, visit)
			if c.Kind == yaml.MappingNode {
				out = append(out, Pairs(c, visit)...)
			}
		}
		return out
	}
	return nil
}

// Deref follows aliases to the node they name, calling visit for each.
func Deref(n *yaml.Node, visit func()) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		if visit != nil {
			visit()
		}
		n = n.Alias
	}
	return n
}

// Describe names what a YAML node holds, for "got ..." in messages.
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing (null)"
		case "!!str", "!!int", "!!float":
			if why := outOfRange(n, n.ShortTag() == "!!int"); why != "" {
				return "the number " + clip(n.Value) + ", which is out of range: " + why
			}
			if n.ShortTag() == "!!str" {
				return fmt.Sprintf("the text %q", clip(n.Value))
			}
			return "the number " + n.Value
		case "!!bool":
			return "the boolean " + n.Value
		}
		return fmt.Sprintf("%s %q", n.ShortTag(), clip(n.Value))
	}
	return "something else"
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}

// yamlInt and yamlFloat are how YAML 1.2 writes numbers (underscores
// removed): decimal, 0x and 0o integers, decimals with an exponent.
var (
	yamlInt   = regexp.MustCompile(`^[-+]?([0-9]+|0x[0-9a-fA-F]+|0o[0-7]+)$`)
	yamlFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
)

// outOfRange says why a plain scalar written as a number can't be read as
// one (as a whole number when whole is set): it is beyond ±2^53, the
// largest whole number journey reads exactly, or beyond what a float64
// holds (YAML itself reads 1e309 as text). The reason reads after the
// number: "1e309 is " + reason. It returns "" for a number in range and
// for anything that is not written as a number.
func outOfRange(n *yaml.Node, whole bool) string {
	if n.Kind != yaml.ScalarNode || n.Style&^yaml.TaggedStyle != 0 {
		return ""
	}
	v := strings.ReplaceAll(n.Value, "_", "")
	beyondInt := fmt.Sprintf("beyond ±%d (2^53), the largest whole number journey reads", int64(maxSafeInt))
	switch {
	case yamlInt.MatchString(v):
		if _, ok := scalarInt(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: n.Value}); !ok {
			return beyondInt
		}
	case yamlFloat.MatchString(v):
		f, err := strconv.ParseFloat(v, 64)
		switch {
		case err != nil && math.IsInf(f, 0):
			return "beyond the largest number journey reads (about ±1.8e308)"
		case whole && math.Abs(f) > maxSafeInt && f == math.Trunc(f):
			return beyondInt
		}
	}
	return ""
}

// scalarNumber parses an !!int or !!float scalar as a finite float64.
func scalarNumber(n *yaml.Node) (float64, bool) {
	if n.Kind != yaml.ScalarNode {
		return 0, false
	}
	switch n.ShortTag() {
	case "!!int":
		if i, ok := scalarInt(n); ok {
			return float64(i), true
		}
		return 0, false
	case "!!float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return 0, false
		}
		return f, true
	}
	return 0, false
}

// scalarInt parses an !!int scalar (decimal, 0x, 0o, 0b, underscores), or an
// !!float scalar with an integral value.
func scalarInt(n *yaml.Node) (int, bool) {
	if n.Kind != yaml.ScalarNode {
		return 0, false
	}
	switch n.ShortTag() {
	case "!!int":
		v := strings.ReplaceAll(n.Value, "_", "")
		if strings.HasPrefix(v, "0o") || strings.HasPrefix(v, "+0o") || strings.HasPrefix(v, "-0o") {
			v = strings.Replace(v, "0o", "0", 1)
		}
		i, err := strconv.ParseInt(v, 0, 64)
		if err != nil || i > maxSafeInt || i < -maxSafeInt {
			return 0, false
		}
		return int(i), true
	case "!!float":
		f, ok := scalarNumber(n)
		if !ok || f != math.Trunc(f) || math.Abs(f) > maxSafeInt {
			return 0, false
		}
		return int(f), true
	}
	return 0, false
}

// ToValue converts a YAML node to plain Go values (map[string]any, []any,
// string, float64 or int64, json.Number for whole numbers beyond 2^53, bool,
// nil) the way a JSON Schema validator sees them: tags decide types, so an
// unquoted date stays a string. It follows aliases and merge keys, and
// fails on an alias cycle or on aliases that expand the document past a
// bound (a "billion laughs" file).
func ToValue(n *yaml.Node) (any, error) {
	if err := checkAliases(n); err != nil {
		return nil, err
	}
	return toValue(n, nil), nil
}

func toValue(n *yaml.Node, visit func()) any {
	n = Deref(n, visit)
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return toValue(n.Content[0], visit)
	case yaml.MappingNode:
		m := map[string]any{}
		for _, p := range Pairs(n, visit) {
			m[Deref(p[0], visit).Value] = toValue(p[1], visit)
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			s = append(s, toValue(c, visit))
		}
		return s
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil
		case "!!bool":
			return n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
		case "!!int":
			if i, ok := scalarInt(n); ok {
				return int64(i)
			}
			// Beyond 2^53: keep every digit, so range checks still see it.
			if b, ok := new(big.Int).SetString(n.Value, 0); ok {
				return json.Number(b.String())
			}
			return n.Value
		case "!!float":
			if f, ok := scalarNumber(n); ok {
				return f
			}
			return n.Value
		}
		return n.Value
	}
	return nil
}

// pairs yields the key/value pairs of a mapping node as Pairs does, without
// allocating when the mapping has no merge key.
func pairs(n *yaml.Node) iter.Seq2[*yaml.Node, *yaml.Node] {
	return func(yield func(k, v *yaml.Node) bool) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				for _, p := range Pairs(n, nil) {
					if !yield(p[0], p[1]) {
						return
					}
				}
				return
			}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if !yield(n.Content[i], n.Content[i+1]) {
				return
			}
		}
	}
}
