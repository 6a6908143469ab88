package journey

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxNodeVisits bounds alias expansion: a "billion laughs" document stops
// here instead of exhausting memory and time.
const maxNodeVisits = 1 << 20

// maxSafeInt is the largest integer a float64 (and JSON) holds exactly.
const maxSafeInt = 1 << 53

// maxDiagnostics bounds the diagnostics one file can produce.
const maxDiagnostics = 500

// errAliasBudget is the panic value that unwinds decoding when aliases
// expand past maxNodeVisits.
type errAliasBudget struct{}

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

// describe names what a node holds, for "got ..." in messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing (null)"
		case "!!str":
			return fmt.Sprintf("the text %q", clip(n.Value))
		case "!!int", "!!float":
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
// string, float64 or int64, bool, nil) the way a JSON Schema validator sees
// them: tags decide types, so an unquoted date stays a string. It follows
// aliases and merge keys and fails past maxNodeVisits nodes.
func ToValue(n *yaml.Node) (v any, err error) {
	visits := 0
	visit := func() {
		visits++
		if visits > maxNodeVisits {
			panic(errAliasBudget{})
		}
	}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(errAliasBudget); !ok {
				panic(r)
			}
			err = fmt.Errorf("document expands to more than %d nodes through aliases", maxNodeVisits)
		}
	}()
	return toValue(n, visit), nil
}

func toValue(n *yaml.Node, visit func()) any {
	visit()
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
			f, _ := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
			return f
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
