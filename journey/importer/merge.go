package importer

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"

	"go.yaml.in/yaml/v3"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/format"
)

// WriteOver writes m, a map made from base by changing its stages and
// touchpoints, over base's text: everything outside `stages:` keeps its
// text and comments; stages and touchpoints that did not change keep
// theirs; a changed touchpoint keeps the comments on its item and on its
// keys (a `# journey:ignore` stays where it was). The result is in the
// canonical layout. lost lists the changed touchpoints some of whose
// comments (inside a changed list) could not be kept.
func WriteOver(base []byte, baseMap, m *journey.Map) (out []byte, lost []string, err error) {
	var doc yaml.Node
	base = format.ToLF(base) // yaml.v3 places comments differently after CRLF
	if err := yaml.Unmarshal(base, &doc); err != nil {
		return nil, nil, fmt.Errorf("can't read the base map: %w", err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil, errors.New("the base map is not a mapping")
	}
	root := doc.Content[0]
	var stagesKey, stagesVal *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "stages" {
			stagesKey, stagesVal = root.Content[i], root.Content[i+1]
		}
	}
	if stagesVal == nil || stagesVal.Kind != yaml.SequenceNode {
		return nil, nil, errors.New("the base map has no list of stages")
	}
	stageNodes, tpNodes := baseNodes(stagesVal)
	baseTps := map[string]*journey.Touchpoint{}
	for _, t := range baseMap.Touchpoints() {
		baseTps[t.ID] = t
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", HeadComment: stagesVal.HeadComment,
		LineComment: stagesVal.LineComment, FootComment: stagesVal.FootComment, Line: stagesVal.Line, Column: stagesVal.Column}
	for si := range m.Stages {
		s := &m.Stages[si]
		tps := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for ti := range s.Touchpoints {
			node, changed := touchpointNode(&s.Touchpoints[ti], tpNodes, baseTps)
			if changed {
				lost = append(lost, s.Touchpoints[ti].ID)
			}
			tps.Content = append(tps.Content, node)
		}
		if bn := stageNodes[s.ID]; bn != nil {
			seq.Content = append(seq.Content, mergedStageNode(bn, s, tps))
		} else {
			seq.Content = append(seq.Content, newStageNode(s, tps))
		}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i] == stagesKey {
			root.Content[i+1] = seq
		}
	}
	out, err = format.Document(&doc, base)
	return out, lost, err
}

// baseNodes returns the base's stage and touchpoint nodes by id.
func baseNodes(stages *yaml.Node) (stageNodes, tpNodes map[string]*yaml.Node) {
	stageNodes = map[string]*yaml.Node{}
	tpNodes = map[string]*yaml.Node{}
	for _, st := range stages.Content {
		if id := scalarOf(st, "id"); id != "" {
			stageNodes[id] = st
		}
		if tps := valueOf(st, "touchpoints"); tps != nil && tps.Kind == yaml.SequenceNode {
			for _, tp := range tps.Content {
				if id := scalarOf(tp, "id"); id != "" {
					tpNodes[id] = tp
				}
			}
		}
	}
	return stageNodes, tpNodes
}

// touchpointNode returns the node of t: the base's own when t did not
// change, else a new one with the base node's comments; lost reports
// that some of those comments could not be placed.
func touchpointNode(t *journey.Touchpoint, tpNodes map[string]*yaml.Node, baseTps map[string]*journey.Touchpoint) (node *yaml.Node, lost bool) {
	node = format.TouchpointNode(t)
	bn, bt := tpNodes[t.ID], baseTps[t.ID]
	if bn == nil || bt == nil {
		return node, false
	}
	if same(node, format.TouchpointNode(bt)) {
		return bn, false
	}
	return node, transplant(bn, node)
}

// newStageNode is the node of a stage the base does not have.
func newStageNode(s *journey.Stage, tps *yaml.Node) *yaml.Node {
	st := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	pair(st, "id", str(s.ID))
	pair(st, "name", str(s.Name))
	if s.ModelStage != "" {
		pair(st, "model_stage", str(s.ModelStage))
	}
	if s.Goal != "" {
		pair(st, "goal", str(s.Goal))
	}
	if s.Description != "" {
		pair(st, "description", str(s.Description))
	}
	if len(tps.Content) > 0 {
		pair(st, "touchpoints", tps)
	}
	return st
}

// mergedStageNode is the base's stage node bn with s's name and the
// touchpoints tps; its other keys and its comments are kept.
func mergedStageNode(bn *yaml.Node, s *journey.Stage, tps *yaml.Node) *yaml.Node {
	st := &yaml.Node{Kind: yaml.MappingNode, Tag: bn.Tag, Style: bn.Style, HeadComment: bn.HeadComment,
		LineComment: bn.LineComment, FootComment: bn.FootComment, Line: bn.Line, Column: bn.Column}
	hasTps := false
	for i := 0; i+1 < len(bn.Content); i += 2 {
		k, v := bn.Content[i], bn.Content[i+1]
		switch k.Value {
		case "name":
			if v.Kind != yaml.ScalarNode || v.Value != s.Name {
				nv := str(s.Name)
				nv.LineComment = v.LineComment
				v = nv
			}
		case "touchpoints":
			hasTps = true
			if len(tps.Content) == 0 {
				continue
			}
			tps.HeadComment, tps.LineComment, tps.FootComment = v.HeadComment, v.LineComment, v.FootComment
			tps.Line, tps.Column = v.Line, v.Column
			v = tps
		}
		st.Content = append(st.Content, k, v)
	}
	if !hasTps && len(tps.Content) > 0 {
		pair(st, "touchpoints", tps)
	}
	return st
}

// same reports whether two nodes built by format.TouchpointNode hold the
// same touchpoint.
func same(a, b *yaml.Node) bool {
	x, err1 := yaml.Marshal(a)
	y, err2 := yaml.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// transplant copies the comments of a base touchpoint node onto its new
// node: the item's own, and those of each key (and of a scalar value on
// its line) that both have. It reports whether some comment of the base
// node could not be placed.
func transplant(from, to *yaml.Node) bool {
	to.HeadComment, to.LineComment, to.FootComment = from.HeadComment, from.LineComment, from.FootComment
	kept := countComments(to)
	for i := 0; i+1 < len(from.Content); i += 2 {
		fk, fv := from.Content[i], from.Content[i+1]
		for j := 0; j+1 < len(to.Content); j += 2 {
			tk, tv := to.Content[j], to.Content[j+1]
			if tk.Value != fk.Value {
				continue
			}
			tk.HeadComment, tk.LineComment, tk.FootComment = fk.HeadComment, fk.LineComment, fk.FootComment
			kept += countComments(tk)
			if sameValue(fv, tv) {
				// An unchanged value keeps its node: its layout (a folded
				// text keeps its line breaks) and the comments inside.
				to.Content[j+1] = fv
				kept += deepComments(fv)
				continue
			}
			if fv.Kind == tv.Kind {
				tv.HeadComment, tv.LineComment, tv.FootComment = fv.HeadComment, fv.LineComment, fv.FootComment
				kept += countComments(tv)
			}
		}
	}
	return kept < deepComments(from)
}

// sameValue reports whether two nodes hold the same data, comments and
// layout aside.
func sameValue(a, b *yaml.Node) bool {
	x, err1 := journey.ToValue(a)
	y, err2 := journey.ToValue(b)
	return err1 == nil && err2 == nil && reflect.DeepEqual(x, y)
}

func countComments(n *yaml.Node) int {
	c := 0
	for _, s := range []string{n.HeadComment, n.LineComment, n.FootComment} {
		if s != "" {
			c++
		}
	}
	return c
}

func deepComments(n *yaml.Node) int {
	c := countComments(n)
	for _, k := range n.Content {
		c += deepComments(k)
	}
	return c
}

func valueOf(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func scalarOf(n *yaml.Node, key string) string {
	if v := valueOf(n, key); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func pair(m *yaml.Node, key string, v *yaml.Node) { m.Content = append(m.Content, str(key), v) }
