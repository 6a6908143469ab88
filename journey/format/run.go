// One formatting run: the formatter's state and the passes that turn a
// parsed tree into canonical text.

package format

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// meta is what the source layout tells about a pair or item.
type meta struct {
	blankBefore    bool     // a blank line precedes it (or its head comment)
	blankAfterHead bool     // a blank line separates its head comment from it
	folded         []string // folded scalar: its source lines, dedented
}

// formatter holds what one run knows about the source and the tree.
type formatter struct {
	src  []string // source lines, without line ends; nil for built nodes
	opt  options
	meta map[*yaml.Node]*meta
	keys map[*yaml.Node]bool // mapping keys (YAML 1.1 words stay plain there)
}

// run formats doc (parsed from src, or built in code when src is nil) once
// with opt: canonical order and style, two encodings (the first says where
// strings need quotes), the source's blank lines and folded line breaks,
// and a check that the result holds the same tree and comments.
func run(doc *yaml.Node, src []byte, opt options) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("the YAML encoder failed: %v", r)
		}
	}()
	f := &formatter{opt: opt, meta: map[*yaml.Node]*meta{}, keys: map[*yaml.Node]bool{}}
	if src != nil {
		f.src = strings.Split(strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n"), "\n")
		f.collect(doc)
	}
	nullKeys(doc)
	root := doc.Content[0]
	if opt.reorder && root.Kind == yaml.MappingNode {
		keepHeader(root)
	}
	wantComments := comments(doc)
	f.canon(root, shapeRoot, 0, 0, nil)
	if src == nil {
		f.spaceOut(root)
	} else {
		f.spaceNew(root)
	}

	// Pass 1: let the encoder say which strings need quotes, then ask for
	// double quotes there.
	_, back, err := encodeBack(doc)
	if err != nil {
		return nil, err
	}
	if err := f.quote(doc, back); err != nil {
		return nil, err
	}

	// Pass 2: the final encoding, then blank lines and folded line breaks.
	second, back, err := encodeBack(doc)
	if err != nil {
		return nil, err
	}
	if out, err = f.layout(doc, back, second); err != nil {
		return nil, err
	}

	// Check: the result parses to the tree we built, with every comment.
	if err := verify(doc, out, wantComments); err != nil {
		return nil, err
	}
	return out, nil
}
