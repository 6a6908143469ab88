// Package format writes journey map files in one canonical layout, the
// layout `journey fmt` enforces:
//
//   - keys in the order of the format reference (version, id, title, ...,
//     stages, sources at the top; id, name, description, channel, owner, actors,
//     action, thought, emotion, pains, opportunities, moment_of_truth, next,
//     metrics in a touchpoint); keys the format does not know keep their
//     order after the known ones;
//   - two-space indentation, with sequences indented under their key;
//   - flow style for short lists of scalars ([a, b], when the line fits in
//     ListWidth characters) and for records such as channels, owners,
//     metric forms and KPIs ({id: web, name: Web}, when the line fits in
//     RecordWidth characters and nothing inside carries a comment); block
//     style everywhere else;
//   - strings quoted only where YAML needs it, and then with double quotes
//     (single quotes when the text holds double quotes);
//     multi-line strings as literal blocks (|); folded blocks (>) keep their
//     author's line breaks; words older YAML reads as booleans (yes, no,
//     on, off) stay quoted;
//   - comments stay with the element they were written on (the line above
//     it, its own line, or below it); the comment at the top of the file
//     (its header, with the yaml-language-server modeline) stays there, and
//     a comment above a list item's first key goes above the item's dash;
//   - single blank lines between elements are kept, runs of blank lines
//     become one, and blank lines at the start of a block are dropped.
//
// Formatting never changes what a file means: every result is parsed again
// and compared with the input before it is returned.
package format

import (
	"bytes"
	"errors"
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/journey-cx/journey/journey"
)

// Where the formatter's parts are, in the order a run uses them:
//
//   - format.go: the entry points (Source, Document, Node) and their errors;
//   - read.go: checking and parsing the input;
//   - run.go: one run of the passes below over a parsed tree;
//   - order.go and shape.go: the canonical walk and the order of keys;
//   - comments.go: keeping comments with their elements;
//   - scalar.go: plain, quoted, literal and folded scalars;
//   - flow.go: which collections fit on one line in flow style;
//   - emit.go: the encoder, and reading its output back;
//   - layout.go: the source's blank lines and folded line breaks;
//   - verify.go: checking that the result holds what the input held;
//   - mapnode.go: the tree of a model, for Map and Node.

// ListWidth is the longest line, in characters, on which a list of scalars
// is written in flow style: tags: [a, b].
const ListWidth = 80

// RecordWidth is the longest line, in characters, on which a record
// (channel, owner, metric form, KPI...) is written in flow style.
const RecordWidth = 100

// SyntaxError reports a file that fmt cannot read as one YAML document.
// Line and Column are 1-based; 0 means unknown.
type SyntaxError struct {
	Line, Column int
	Msg          string
}

// Error formats the error as line:col: message.
func (e *SyntaxError) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// ErrUnsafe reports that the formatter could not produce a layout that
// keeps the file's meaning and comments; the file must be left untouched.
var ErrUnsafe = errors.New("formatting would change the file's content")

// Source formats the YAML text of one map file. A file with no YAML
// content (empty, or comments only) is returned with its line endings
// normalised. Errors are *SyntaxError for input that is not one YAML
// document, or wrap ErrUnsafe.
//
// Line endings become LF (CRLF and CR are read as line breaks first, so a
// CRLF file formats exactly as its LF twin).
func Source(src []byte) ([]byte, error) {
	src = ToLF(src)
	out, err := sourceOnce(src)
	if err != nil {
		return nil, err
	}
	if bytes.Equal(out, src) {
		// Already formatted: src formats to itself, the fixed point settle2
		// would look for (fmt --check on a clean repository stops here).
		return out, nil
	}
	return settle2(out)
}

// ToLF drops a UTF-8 BOM and turns CRLF and CR line breaks into LF; YAML
// reads all three as one line break, so lines and columns stay put.
func ToLF(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	return bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
}

// settle2 formats out again until it no longer changes: the YAML parser
// places a few comments differently from where the encoder writes them,
// and a second pass puts them where they stay.
func settle2(out []byte) ([]byte, error) {
	for range 2 {
		again, err := sourceOnce(out)
		if err != nil {
			return nil, fmt.Errorf("%w: the formatted text does not format again: %v", ErrUnsafe, err)
		}
		if bytes.Equal(again, out) {
			return out, nil
		}
		out = again
	}
	return nil, fmt.Errorf("%w: the layout does not settle", ErrUnsafe)
}

// sourceOnce formats src once, trying the safest options last.
func sourceOnce(src []byte) ([]byte, error) {
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	if err := checkText(src); err != nil {
		return nil, err
	}
	doc, err := parse(src)
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return commentsOnly(src), nil
	}
	if k := complexKey(doc); k != nil {
		return nil, &SyntaxError{Line: k.Line, Column: k.Column, Msg: "this key is a list or a mapping: fmt does not format complex keys (? ...)"}
	}
	if err := checkComments(doc, src); err != nil {
		return nil, err
	}
	nullKeys(doc)
	want, wantErr := journey.ToValue(doc)
	var lastErr error
	for i, o := range []options{{reorder: true, folded: true}, {reorder: true}, {}} {
		if i > 0 {
			if doc, err = parse(src); err != nil {
				return nil, err
			}
		}
		out, err := run(doc, src, o)
		if err == nil && wantErr == nil {
			err = sameValue(want, out)
		}
		if err == nil {
			return out, nil
		}
		lastErr = err
	}
	return nil, fmt.Errorf("%w: %v", ErrUnsafe, lastErr)
}

// Document formats doc, a document parsed from src and then edited in code
// (an importer merging new touchpoints into a map file): the nodes that
// come from src keep their layout (blank lines, folded line breaks,
// comments); nodes built in code (Line 0) get the canonical defaults, and
// a new stage gets a blank line before it when its siblings have one.
func Document(doc *yaml.Node, src []byte) ([]byte, error) {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return Node(doc)
	}
	src = ToLF(src)
	if err := checkComments(doc, src); err != nil {
		return nil, err
	}
	nullKeys(doc)
	want, wantErr := journey.ToValue(doc)
	var lastErr error
	for _, folded := range []bool{true, false} {
		out, err := run(doc, src, options{reorder: true, folded: folded})
		if err == nil && wantErr == nil {
			err = sameValue(want, out)
		}
		if err == nil {
			return settle2(out)
		}
		lastErr = err
	}
	return nil, fmt.Errorf("%w: %v", ErrUnsafe, lastErr)
}

// Node formats a document or a node built in code (by init or an
// importer): the canonical layout, with a blank line before each top-level
// section written in block style and between stages.
func Node(n *yaml.Node) ([]byte, error) {
	if n.Kind != yaml.DocumentNode {
		n = &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{n}}
	}
	return run(n, nil, options{reorder: true})
}

type options struct {
	reorder bool // put keys in canonical order
	folded  bool // keep the source line breaks of folded scalars
}
