// Reading the input: text checks (UTF-8, no NUL), parsing exactly one
// document, syntax errors with positions, and the shapes of YAML fmt
// refuses or normalises before it starts.

package format

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/journey-cx/journey/journey"
)

// checkText rejects input that is not UTF-8 text (UTF-16, invalid bytes, NUL).
func checkText(src []byte) error {
	if enc := journey.ForeignEncoding(src); enc != "" {
		return &SyntaxError{Line: 1, Column: 1, Msg: "file is " + enc + " text; save it as UTF-8"}
	}
	if !utf8.Valid(src) {
		for i := 0; i < len(src); {
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size <= 1 {
				line, col := lineCol(src, i)
				return &SyntaxError{Line: line, Column: col, Msg: "file is not UTF-8 text (invalid byte sequence here)"}
			}
			i += size
		}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := lineCol(src, i)
		return &SyntaxError{Line: line, Column: col, Msg: "file holds a NUL byte: it is binary, not YAML"}
	}
	return nil
}

// lineCol returns the 1-based line and column (in runes) of byte off.
func lineCol(src []byte, off int) (int, int) {
	line := 1 + bytes.Count(src[:off], []byte{'\n'})
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(src[start:off])
}

// parse reads exactly one YAML document; nil when src holds none.
func parse(src []byte) (doc *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, &SyntaxError{Msg: fmt.Sprintf("YAML syntax: the parser failed (%v)", r)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var d yaml.Node
	if err := dec.Decode(&d); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, syntaxError(err, src)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &SyntaxError{Line: extra.Line, Column: extra.Column, Msg: "file holds more than one YAML document"}
	} else if !errors.Is(err, io.EOF) {
		return nil, syntaxError(err, src)
	}
	if len(d.Content) == 0 {
		return nil, nil
	}
	return &d, nil
}

// syntaxError turns a parser error of src into a *SyntaxError at the
// position validate gives it (journey.YAMLSyntax).
func syntaxError(err error, src []byte) *SyntaxError {
	p, msg := journey.YAMLSyntax(err, src)
	return &SyntaxError{Line: p.Line, Column: p.Column, Msg: msg}
}

// commentsOnly normalises a file without YAML content: LF line endings,
// no trailing blank lines.
func commentsOnly(src []byte) []byte {
	s := strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n")
	s = strings.TrimRight(s, " \t\n")
	if s == "" {
		return nil
	}
	return []byte(s + "\n")
}

// complexKey returns the first mapping key that is not a scalar (an alias
// to a scalar is fine), or nil. Such keys are no part of the map format
// and the encoder cannot keep the comments around them.
func complexKey(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return nil
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.MappingNode || k.Kind == yaml.SequenceNode {
				return k
			}
		}
	}
	for _, c := range n.Content {
		if k := complexKey(c); k != nil {
			return k
		}
	}
	return nil
}

// nullKeys writes empty nulls as null where the encoder would write an
// empty scalar as ”, a string: keys, and anything inside a flow
// collection.
func nullKeys(n *yaml.Node) {
	if n.Kind == yaml.AliasNode {
		return
	}
	empty := func(c *yaml.Node) bool {
		return c.Kind == yaml.ScalarNode && c.Value == "" && c.ShortTag() == "!!null"
	}
	for i, c := range n.Content {
		// In flow collections and keys; and after an anchor, where the
		// parser would give a comment that follows to the next key.
		if empty(c) && (n.Style&yaml.FlowStyle != 0 || (n.Kind == yaml.MappingNode && i%2 == 0) || (c.Anchor != "" && n.Kind != yaml.DocumentNode)) {
			c.Value = "null"
		}
		nullKeys(c)
	}
}
