// Package format writes journey map files in one canonical layout, the
// layout `journey fmt` enforces:
//
//   - keys in the order of the format reference (version, id, title, ...,
//     stages, sources at the top; id, name, description, channel, owner,
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
	"io"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/journey-cx/journey/journey"
)

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

func checkText(src []byte) error {
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return &SyntaxError{Line: 1, Column: 1, Msg: "file is UTF-16 text; save it as UTF-8"}
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

func lineCol(src []byte, off int) (int, int) {
	line := 1 + bytes.Count(src[:off], []byte{'\n'})
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(src[start:off])
}

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

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
		return nil, syntaxError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &SyntaxError{Line: extra.Line, Column: extra.Column, Msg: "file holds more than one YAML document"}
	} else if !errors.Is(err, io.EOF) {
		return nil, syntaxError(err)
	}
	if len(d.Content) == 0 {
		return nil, nil
	}
	return &d, nil
}

func syntaxError(err error) *SyntaxError {
	msg := err.Error()
	se := &SyntaxError{}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		se.Line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	se.Msg = "YAML syntax: " + msg
	return se
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

// meta is what the source layout tells about a pair or item.
type meta struct {
	blankBefore    bool     // a blank line precedes it (or its head comment)
	blankAfterHead bool     // a blank line separates its head comment from it
	folded         []string // folded scalar: its source lines, dedented
}

type formatter struct {
	src  []string // source lines, without line ends; nil for built nodes
	opt  options
	meta map[*yaml.Node]*meta
	keys map[*yaml.Node]bool // mapping keys (YAML 1.1 words stay plain there)
}

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
	first, err := encode(doc)
	if err != nil {
		return nil, err
	}
	back, err := parse(first)
	if err != nil || back == nil {
		return nil, fmt.Errorf("the encoder wrote YAML that does not parse: %v", err)
	}
	if err := walk(doc, back, func(a, b *yaml.Node) {
		if a.Kind == yaml.ScalarNode && a.Style == 0 && a.ShortTag() == "!!str" {
			if !f.keys[a] && yaml11RE.MatchString(a.Value) {
				a.Style = yaml.DoubleQuotedStyle
				return
			}
			switch b.Style {
			case yaml.SingleQuotedStyle:
				// Double quotes, unless the text holds some (then single
				// quotes read better than escapes).
				a.Style = yaml.DoubleQuotedStyle
				if strings.Contains(a.Value, `"`) {
					a.Style = yaml.SingleQuotedStyle
				}
			case yaml.DoubleQuotedStyle:
				a.Style = yaml.DoubleQuotedStyle
			case yaml.LiteralStyle:
				a.Style = yaml.LiteralStyle
			}
		}
	}); err != nil {
		return nil, err
	}

	// Pass 2: the final encoding, then blank lines and folded line breaks.
	second, err := encode(doc)
	if err != nil {
		return nil, err
	}
	if back, err = parse(second); err != nil || back == nil {
		return nil, fmt.Errorf("the encoder wrote YAML that does not parse: %v", err)
	}
	out, err = f.layout(doc, back, second)
	if err != nil {
		return nil, err
	}

	// Check: the result parses to the tree we built, with every comment.
	final, err := parse(out)
	if err != nil || final == nil {
		return nil, fmt.Errorf("the result does not parse: %v", err)
	}
	if err := same(doc, final); err != nil {
		return nil, err
	}
	if got := comments(final); !slices.Equal(got, wantComments) {
		return nil, fmt.Errorf("comments would change: want %q, got %q", wantComments, got)
	}
	return out, nil
}

func encode(doc *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return literalAstral(b.Bytes()), nil
}

// astralRE matches the \UXXXXXXXX escapes yaml.v3 writes for every
// character beyond U+FFFF (emoji, some CJK), which its emitter does not
// count as printable.
var astralRE = regexp.MustCompile(`\\U[0-9A-Fa-f]{8}`)

// literalAstral writes those characters as themselves, so a map keeps the
// emoji its author typed. Each escape is replaced only when the text still
// parses to the same values (an escape may stand in plain text, or after
// an escaped backslash, where it is not one).
func literalAstral(out []byte) []byte {
	if !bytes.Contains(out, []byte(`\U`)) {
		return out
	}
	want, ok := yamlValue(out)
	if !ok {
		return out
	}
	locs := astralRE.FindAllIndex(out, -1)
	for k := len(locs) - 1; k >= 0; k-- {
		m := out[locs[k][0]:locs[k][1]]
		r, err := strconv.ParseUint(string(m[2:]), 16, 32)
		if err != nil || r < 0x10000 || r > unicode.MaxRune || !unicode.IsPrint(rune(r)) {
			continue
		}
		trial := slices.Concat(out[:locs[k][0]], []byte(string(rune(r))), out[locs[k][1]:])
		if got, ok := yamlValue(trial); ok && reflect.DeepEqual(got, want) {
			out = trial
		}
	}
	return out
}

// yamlValue parses text to plain values, as the loader sees them.
func yamlValue(text []byte) (any, bool) {
	var n yaml.Node
	if yaml.Unmarshal(text, &n) != nil {
		return nil, false
	}
	v, err := journey.ToValue(&n)
	return v, err == nil
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

// lines counts the lines a comment occupies.
func lines(c string) int {
	if c == "" {
		return 0
	}
	return strings.Count(c, "\n") + 1
}

func (f *formatter) blank(line int) bool {
	return line >= 1 && line <= len(f.src) && strings.TrimSpace(f.src[line-1]) == ""
}

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

// yaml11RE matches the words YAML 1.1 reads as booleans or null: plain in
// YAML 1.2, but quoted so that older tools read them as text too.
var yaml11RE = regexp.MustCompile(`^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE|null|Null|NULL|~)$`)

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

// checkComments reports a comment the parser gave to the wrong line (see
// misplaced) as a *SyntaxError on the comment's own line.
func checkComments(doc *yaml.Node, src []byte) error {
	lines := bytes.Split(src, []byte("\n"))
	n := misplaced(doc, lines)
	if n == nil {
		return nil
	}
	c := []byte(strings.TrimSpace(firstLine(n.LineComment)))
	line := n.Line - 1
	for l := n.Line - 1; l >= 1 && l >= n.Line-50; l-- {
		if bytes.Contains(lines[l-1], c) {
			line = l
			break
		}
	}
	return &SyntaxError{Line: line, Msg: "the comment at the end of this line follows an empty value, and YAML parsers give it to the next line: " +
		"put it on a line of its own, or give the value"}
}

// misplaced returns a node whose line comment is not on the node's line
// in the source, or nil. The parser does that to a comment that follows a
// value left empty after an anchor or a tag (`a: &x # note`): it gives
// the comment to the next key, and formatting would move it there.
func misplaced(n *yaml.Node, lines [][]byte) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return nil
	}
	if c := strings.TrimSpace(firstLine(n.LineComment)); c != "" && n.Line >= 1 && n.Line <= len(lines) &&
		!bytes.Contains(lines[n.Line-1], []byte(c)) {
		return n
	}
	for _, c := range n.Content {
		if m := misplaced(c, lines); m != nil {
			return m
		}
	}
	return nil
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
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

// keepHeader keeps the comment above the first key of the file (the
// file's header, with its yaml-language-server modeline) at the top of the
// file when that key moves.
func keepHeader(root *yaml.Node) {
	if len(root.Content) < 2 || root.Content[0].HeadComment == "" {
		return
	}
	best := 0
	for i := 0; i+1 < len(root.Content); i += 2 {
		if shapeRoot.rank(root.Content[i].Value) < shapeRoot.rank(root.Content[best].Value) {
			best = i
		}
	}
	if best == 0 {
		return
	}
	first, k := root.Content[0], root.Content[best]
	k.HeadComment = strings.Join(append([]string{strings.TrimRight(first.HeadComment, "\n")}, nonEmpty(k.HeadComment)...), "\n")
	first.HeadComment = ""
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
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

// settle moves comments the encoder would misplace (on a value, or on a
// block collection) to the nearest slot it writes faithfully: above or on
// the line of the key, above the first child, or below the last one.
func settle(n, key *yaml.Node) {
	first := func() *yaml.Node {
		if len(n.Content) > 0 {
			return n.Content[0]
		}
		return nil
	}
	last := func() *yaml.Node {
		switch {
		case n.Kind == yaml.MappingNode && len(n.Content) >= 2:
			return n.Content[len(n.Content)-2] // a key's foot follows its value
		case len(n.Content) > 0:
			return n.Content[len(n.Content)-1]
		}
		return nil
	}
	collection := n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode
	if key != nil {
		// A value: head above the first child, or above the key; line on
		// the key's line; foot below the key's value.
		if n.HeadComment != "" {
			if c := first(); collection && c != nil {
				c.HeadComment = joinComments(n.HeadComment, c.HeadComment)
			} else {
				key.HeadComment = joinComments(key.HeadComment, n.HeadComment)
			}
			n.HeadComment = ""
		}
		if n.FootComment != "" {
			key.FootComment = joinComments(n.FootComment, key.FootComment)
			n.FootComment = ""
		}
		return
	}
	if !collection {
		return
	}
	// An item or the root: its head is written above it, its foot goes
	// below its last child.
	if n.FootComment != "" {
		if c := last(); c != nil {
			c.FootComment = joinComments(c.FootComment, n.FootComment)
			n.FootComment = ""
		}
	}
}

// settleLine moves the line comment of a block collection, which the
// encoder would write on another line, to its key's line (or above the
// item, or above the root).
func settleLine(n, key *yaml.Node) {
	if n.LineComment == "" || n.Style&yaml.FlowStyle != 0 || (n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode) {
		return
	}
	if key != nil {
		key.LineComment = joinLine(key.LineComment, n.LineComment)
	} else {
		n.HeadComment = joinComments(n.HeadComment, n.LineComment)
	}
	n.LineComment = ""
}

func joinComments(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return strings.TrimRight(a, "\n") + "\n" + b
}

func joinLine(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// scalar chooses a scalar's style: tagged scalars keep theirs; strings
// are plain where YAML allows (pass 1 finds where it does not), literal
// when they span lines, folded when written folded.
func (f *formatter) scalar(n *yaml.Node) {
	if n.Kind != yaml.ScalarNode || n.Style&yaml.TaggedStyle != 0 {
		return
	}
	if n.ShortTag() != "!!str" {
		n.Style = 0
		return
	}
	switch {
	case n.Style == yaml.FoldedStyle && n.Value != "":
	case strings.Contains(n.Value, "\n"):
		n.Style = yaml.LiteralStyle
	default:
		n.Style = 0
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

// layout adds the source's blank lines and folded line breaks to the
// encoder's output. built is the tree that was encoded, back the output
// parsed again (same structure, output positions).
func (f *formatter) layout(built, back *yaml.Node, out []byte) ([]byte, error) {
	text := strings.TrimSuffix(string(out), "\n")
	outLines := strings.Split(text, "\n")
	blankAt := map[int]bool{}    // 0-based output line -> blank line before it
	folded := map[int][]string{} // 0-based header line of a folded scalar -> source lines (or nil)
	err := walk(built, back, func(a, b *yaml.Node) {
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
	if err != nil {
		return nil, err
	}
	var res []string
	for i := 0; i < len(outLines); i++ {
		if blankAt[i] && len(res) > 0 && res[len(res)-1] != "" {
			res = append(res, "")
		}
		res = append(res, outLines[i])
		content, ok := folded[i]
		if !ok {
			continue
		}
		header := outLines[i]
		if !blockHeaderRE.MatchString(strings.TrimSpace(header[strings.LastIndex(header, ">"):])) {
			continue
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
			continue
		}
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
	}
	return []byte(strings.Join(res, "\n") + "\n"), nil
}
