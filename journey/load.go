package journey

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// DefaultMaxSize is the default size limit of a map file: 10 MiB.
const DefaultMaxSize = 10 << 20

// Options tune loading and validation.
type Options struct {
	MaxSize int64        // bytes; 0 means DefaultMaxSize
	Models  []StageModel // custom stage models, besides the built-in ones
	// AllowOutside lets the data paths of a map (sources:, events:) be
	// absolute or leave the map's folder, as --allow-outside-sources does;
	// otherwise such a path is an error.
	AllowOutside bool
}

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// IsSlug reports whether s is a valid id: [a-z0-9][a-z0-9-]*.
func IsSlug(s string) bool { return slugRE.MatchString(s) }

// ReadLimited reads r up to limit bytes, failing with ErrTooLarge beyond.
func ReadLimited(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: over %s", ErrTooLarge, FormatSize(limit))
	}
	return data, nil
}

// ErrTooLarge reports a file over the size limit.
var ErrTooLarge = errors.New("file too large")

// FormatSize prints a byte count as 10 MiB, 512 KiB or 100 B.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// Load decodes and validates one map file. file is the name diagnostics
// use. It returns the map (nil when the file is not a YAML mapping at all)
// and every problem found; the map is only trustworthy when no diagnostic
// is an error.
func Load(file string, data []byte, opt Options) (*Map, Diagnostics) {
	m, diags := Decode(file, data, opt)
	if m != nil {
		diags = append(diags, Validate(m, opt)...)
	}
	diags.Sort()
	return m, diags
}

// Decode parses one map file and checks its structure (types, keys, ranges)
// without the cross-references that Validate checks.
func Decode(file string, data []byte, opt Options) (m *Map, diags Diagnostics) {
	fail := func(p Pos, format string, args ...any) (*Map, Diagnostics) {
		return nil, Diagnostics{{Rule: RuleInvalid, Severity: SeverityError, File: file,
			Line: p.Line, Column: p.Column, Message: fmt.Sprintf(format, args...)}}
	}
	limit := opt.MaxSize
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	if int64(len(data)) > limit {
		return fail(Pos{}, "file is %s, over the %s limit (raise it with --max-size)", FormatSize(int64(len(data))), FormatSize(limit))
	}
	if enc := ForeignEncoding(data); enc != "" {
		return fail(Pos{}, "file is %s text; save it as UTF-8", enc)
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		return fail(invalidUTF8Pos(data), "file is not UTF-8 text (invalid byte sequence here); save it as UTF-8")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return fail(posOfByte(data, bytes.IndexByte(data, 0)), "file holds a NUL byte: it is binary, not a YAML map")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(Pos{}, "file is empty: a map needs at least version, id, title and stages")
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return fail(Pos{}, "file holds only comments: a map needs at least version, id, title and stages")
		}
		return fail(yamlErrorPos(err, data), "%s", yamlErrorMessage(err))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return fail(Pos{Line: extra.Line, Column: extra.Column}, "file holds more than one YAML document; a map file holds exactly one")
	} else if !errors.Is(err, io.EOF) {
		return fail(yamlErrorPos(err, data), "%s", yamlErrorMessage(err))
	}
	if len(doc.Content) == 0 || isBlank(doc.Content[0]) {
		return fail(Pos{}, "file is empty: a map needs at least version, id, title and stages")
	}
	if err := checkAliases(&doc); err != nil {
		return fail(posOf(err.At), "%s", err.Msg)
	}
	d := &decoder{file: file}
	root := doc.Content[0]
	m = d.decodeMap(root)
	m.File = file
	return m, d.diags
}

// parserProblems are the yaml.v3 errors raised by its parser rather than its
// scanner: yaml.v3 reports their line 0-based (and none on the first line),
// where the collection being parsed starts.
var parserProblems = []string{
	"did not find expected <stream-start>", "did not find expected <document start>",
	"did not find expected node content", "did not find expected '-' indicator", "did not find expected key",
	"did not find expected ',' or ']'", "did not find expected ',' or '}'", "found undefined tag handle",
	"found duplicate %YAML directive", "found incompatible YAML document", "found duplicate %TAG directive",
}

var unknownAnchorRE = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// splitYAMLError splits a yaml.v3 error into its 1-based line (0 when
// unknown) and its message.
func splitYAMLError(err error) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if l, e := strconv.Atoi(n); e == nil {
				line, msg = l, after
			}
		}
	}
	for _, p := range parserProblems {
		if msg == p {
			line++
			break
		}
	}
	return line, msg
}

// isBlank reports whether n is an implicit null: nothing written at all,
// as in a file holding only "---".
func isBlank(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" && n.Value == ""
}

// yamlErrorPos returns where a yaml.v3 error points in data.
func yamlErrorPos(err error, data []byte) Pos {
	line, msg := splitYAMLError(err)
	// At the end of the file, yaml.v3 counts a line past the last one.
	line = min(line, posOfByte(data, len(data)).Line)
	if m := unknownAnchorRE.FindStringSubmatch(msg); m != nil {
		// yaml.v3 gives no position: find the first use of the alias.
		re := regexp.MustCompile(`\*` + regexp.QuoteMeta(m[1]) + `(?:[\s,\]}]|$)`)
		if loc := re.FindIndex(data); loc != nil {
			return posOfByte(data, loc[0])
		}
	}
	if msg == tabIndentProblem {
		if p, ok := tabIndentPos(data, line); ok {
			return p
		}
	}
	return Pos{Line: line}
}

// tabIndentProblem is yaml.v3's message for a tab in indentation; it
// names the line before the tab's when the tab starts a new line.
const tabIndentProblem = "found a tab character that violates indentation"

// tabIndentPos finds the first tab in the indentation of a line from
// line `from` on: where a tab indentation error really is.
func tabIndentPos(data []byte, from int) (Pos, bool) {
	for i, l := range bytes.Split(data, []byte("\n")) {
		if i+1 < from {
			continue
		}
		indent := l[:len(l)-len(bytes.TrimLeft(l, " \t"))]
		if t := bytes.IndexByte(indent, '\t'); t >= 0 {
			return Pos{Line: i + 1, Column: t + 1}, true
		}
	}
	return Pos{}, false
}

// YAMLSyntax is where a yaml.v3 parse error of data points and its
// message for people ("YAML syntax: ..."), as validate reports it; fmt
// reports it the same way.
func YAMLSyntax(err error, data []byte) (Pos, string) {
	return yamlErrorPos(err, data), yamlErrorMessage(err)
}

func yamlErrorMessage(err error) string {
	_, msg := splitYAMLError(err)
	return "YAML syntax: " + msg
}

func invalidUTF8Pos(data []byte) Pos {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return posOfByte(data, i)
		}
		i += size
	}
	return Pos{}
}

// posOfByte returns the position of data[off], breaking lines where YAML
// does: LF, CRLF, CR, NEL, LS and PS.
func posOfByte(data []byte, off int) Pos {
	line, start := 1, 0
	for i := 0; i < off; {
		r, size := utf8.DecodeRune(data[i:])
		i += size
		switch r {
		case '\r':
			if i < off && data[i] == '\n' {
				i++
			}
			line, start = line+1, i
		case '\n', '\u0085', '\u2028', '\u2029':
			line, start = line+1, i
		}
	}
	return Pos{Line: line, Column: 1 + utf8.RuneCount(data[start:off])}
}

// decoder walks yaml nodes into the model, accumulating diagnostics. The
// document has passed checkAliases, so following aliases is bounded.
type decoder struct {
	file  string
	diags Diagnostics
	seen  map[sourceProblem]bool
}

func posOf(n *yaml.Node) Pos { return Pos{Line: n.Line, Column: n.Column} }

func (d *decoder) errorf(n *yaml.Node, path, suggest, format string, args ...any) {
	d.diags = report(d.diags, &d.seen, Diagnostic{Rule: RuleInvalid, Severity: SeverityError, File: d.file,
		Line: n.Line, Column: n.Column, Path: path, Suggest: suggest, Message: fmt.Sprintf(format, args...)})
}

// sourceProblem is a problem at one place of the source.
type sourceProblem struct {
	pos Pos
	msg string
}

// report appends diag unless the cap is reached or the same problem was
// already reported at the same place: content reached through several
// aliases is reported once, not once per alias.
func report(diags Diagnostics, seen *map[sourceProblem]bool, diag Diagnostic) Diagnostics {
	if len(diags) >= maxDiagnostics {
		return diags
	}
	k := sourceProblem{diag.Pos(), diag.Message}
	if *seen == nil {
		*seen = map[sourceProblem]bool{}
	} else if (*seen)[k] {
		return diags
	}
	(*seen)[k] = true
	return append(diags, diag)
}

// field is one key an element accepts, with the function that decodes it.
type field struct {
	key    string
	decode func(v *yaml.Node, path string)
}

// mapping checks that n is a mapping with known, unique keys, records key
// positions in el, decodes each field and reports missing required keys.
// It returns false when n is not a mapping.
func (d *decoder) mapping(n *yaml.Node, path, what string, el *Element, fields []field, required ...string) bool {
	n = d.deref(n)
	el.Pos, el.Path = posOf(n), path
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "", "%s must be a mapping, got %s", what, Describe(n))
		return false
	}
	// The first key node of each field, by index (on the stack for the
	// usual handful of fields), and of each unknown key.
	var buf [24]*yaml.Node
	first := buf[:0]
	if len(fields) <= len(buf) {
		first = buf[:len(fields)]
	} else {
		first = make([]*yaml.Node, len(fields))
	}
	var unknown map[string]*yaml.Node
	for k, v := range pairs(n) {
		k = d.deref(k)
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, path, "", "keys of %s must be plain names, got %s", what, Describe(k))
			continue
		}
		idx := fieldIndex(fields, k.Value)
		var prev *yaml.Node
		switch {
		case idx >= 0:
			if prev = first[idx]; prev == nil {
				first[idx] = k
			}
		default:
			if prev = unknown[k.Value]; prev == nil {
				if unknown == nil {
					unknown = map[string]*yaml.Node{}
				}
				unknown[k.Value] = k
			}
		}
		if prev != nil {
			d.errorf(k, join(path, k.Value), "", "duplicate key %q (first set at line %d)", k.Value, prev.Line)
			continue
		}
		if idx < 0 {
			known := make([]string, len(fields))
			for i, f := range fields {
				known[i] = f.key
			}
			d.errorf(k, join(path, k.Value), suggest(k.Value, known), "unknown key %q in %s", k.Value, what)
			continue
		}
		vv := d.deref(v)
		el.setKey(k.Value, posOf(vv))
		if vv.Kind == yaml.ScalarNode && vv.ShortTag() == "!!null" {
			d.errorf(vv, join(path, k.Value), "", "%s has no value; give it one or remove the key", k.Value)
			continue
		}
		fields[idx].decode(vv, join(path, k.Value))
	}
	for _, r := range required {
		if i := fieldIndex(fields, r); i < 0 || first[i] == nil {
			d.errorf(n, path, "", "%s is missing the required key %q", what, r)
		}
	}
	return true
}

func fieldIndex(fields []field, key string) int {
	for i := range fields {
		if fields[i].key == key {
			return i
		}
	}
	return -1
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

func (d *decoder) deref(n *yaml.Node) *yaml.Node { return Deref(n, nil) }

// isText reports whether n is a text scalar. An unquoted date counts: YAML
// 1.2 (editors, JSON Schema tools) reads it as text, and so does journey.
func isText(n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode {
		return false
	}
	t := n.ShortTag()
	return t == "!!str" || t == "!!timestamp"
}

// str decodes text into out, reporting false (and an error) for anything else.
func (d *decoder) str(n *yaml.Node, path string, out *string) bool {
	n = d.deref(n)
	if isText(n) {
		*out = n.Value
		return true
	}
	hint := ""
	if n.Kind == yaml.ScalarNode {
		hint = fmt.Sprintf("quote it: %q", n.Value)
	}
	d.errorf(n, path, hint, "%s must be text, got %s", last(path), Describe(n))
	return false
}

func (d *decoder) slug(n *yaml.Node, path string, out *string) {
	if d.str(n, path, out) && !IsSlug(*out) {
		hint := ""
		if s := Slugify(*out); s != "" {
			hint = fmt.Sprintf("try %q", s)
		}
		d.errorf(d.deref(n), path, hint, "%s %q is not a valid id: use lowercase letters, digits and dashes", last(path), *out)
	}
}

// slugRef decodes a slug that names something elsewhere, leaving out an
// invalid one so that validation does not report it a second time.
func (d *decoder) slugRef(n *yaml.Node, path string, out *string) {
	d.slug(n, path, out)
	if !IsSlug(*out) {
		*out = ""
	}
}

func (d *decoder) enum(n *yaml.Node, path string, allowed []string, out *string) {
	if !d.str(n, path, out) {
		return
	}
	for _, a := range allowed {
		if *out == a {
			return
		}
	}
	d.errorf(d.deref(n), path, suggest(*out, allowed), "%s must be one of %s, got %q", last(path), strings.Join(allowed, ", "), *out)
	*out = ""
}

func (d *decoder) strList(n *yaml.Node, path string, out *[]string) {
	n = d.deref(n)
	if isText(n) {
		d.errorf(n, path, fmt.Sprintf("write [%s]", n.Value), "%s must be a list, got %s", last(path), Describe(n))
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "", "%s must be a list, got %s", last(path), Describe(n))
		return
	}
	for i, c := range n.Content {
		var s string
		d.str(c, index(path, i), &s)
		*out = append(*out, s)
	}
}

// number decodes a number within [lo, hi].
func (d *decoder) number(n *yaml.Node, path string, lo, hi float64) (float64, bool) {
	n = d.deref(n)
	f, ok := scalarNumber(n)
	if !ok {
		if why := outOfRange(n, false); why != "" {
			d.errorf(n, path, "", "%s is out of range: %s is %s; it must be from %s to %s", last(path), clip(n.Value), why, fmtNum(lo), fmtNum(hi))
		} else {
			d.errorf(n, path, "", "%s must be a number, got %s", last(path), Describe(n))
		}
		return 0, false
	}
	if f < lo || f > hi {
		d.errorf(n, path, "", "%s must be from %s to %s, got %s", last(path), fmtNum(lo), fmtNum(hi), n.Value)
		return 0, false
	}
	return f, true
}

func (d *decoder) numberPtr(n *yaml.Node, path string, lo, hi float64, out **float64) {
	if f, ok := d.number(n, path, lo, hi); ok {
		*out = &f
	}
}

// integer decodes a whole number within [lo, hi].
func (d *decoder) integer(n *yaml.Node, path string, lo, hi int) (int, bool) {
	n = d.deref(n)
	i, ok := scalarInt(n)
	if !ok {
		switch why := outOfRange(n, true); {
		case why != "" && hi == maxSafeInt:
			d.errorf(n, path, "", "%s is out of range: %s is %s", last(path), clip(n.Value), why)
		case why != "":
			d.errorf(n, path, "", "%s is out of range: %s is %s; it must be from %d to %d", last(path), clip(n.Value), why, lo, hi)
		default:
			d.errorf(n, path, "", "%s must be a whole number, got %s", last(path), Describe(n))
		}
		return 0, false
	}
	if i < lo || i > hi {
		if hi == maxSafeInt {
			d.errorf(n, path, "", "%s must be %d or more, got %s", last(path), lo, n.Value)
		} else {
			d.errorf(n, path, "", "%s must be from %d to %d, got %s", last(path), lo, hi, n.Value)
		}
		return 0, false
	}
	return i, true
}

func (d *decoder) count(n *yaml.Node, path string, out **int) {
	if i, ok := d.integer(n, path, 0, maxSafeInt); ok {
		*out = &i
	}
}

func (d *decoder) boolean(n *yaml.Node, path string, out *bool) {
	n = d.deref(n)
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		*out = n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
		return
	}
	d.errorf(n, path, "", "%s must be true or false, got %s", last(path), Describe(n))
}

// list calls item for every entry of a sequence node.
func (d *decoder) list(n *yaml.Node, path string, item func(c *yaml.Node, path string)) {
	n = d.deref(n)
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "", "%s must be a list, got %s", last(path), Describe(n))
		return
	}
	for i, c := range n.Content {
		item(c, index(path, i))
	}
}

// distribution decodes {answer: count} for answers lo..hi into counts[0..hi-lo].
func (d *decoder) distribution(n *yaml.Node, path string, lo, hi int) []int {
	n = d.deref(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "", "distribution must be a mapping of answer to count, like {%d: 12, %d: 30}, got %s", lo, hi, Describe(n))
		return nil
	}
	counts := make([]int, hi-lo+1)
	var seen uint64 // bit a-lo: answer a given (scales have at most 11 answers)
	for k, v := range pairs(n) {
		k := d.deref(k)
		// The answer as a whole number, written plainly: 7 or "7" (as JSON has it).
		a, err := strconv.Atoi(k.Value)
		if k.Kind != yaml.ScalarNode || (k.ShortTag() != "!!int" && k.ShortTag() != "!!str") || err != nil ||
			strconv.Itoa(a) != k.Value || a < lo || a > hi {
			d.errorf(k, path, "", "distribution answers must be whole numbers from %d to %d, got %s", lo, hi, Describe(k))
			continue
		}
		if seen&(1<<(a-lo)) != 0 {
			d.errorf(k, path, "", "duplicate answer %d in distribution", a)
			continue
		}
		seen |= 1 << (a - lo)
		v := d.deref(v)
		c, ok := scalarInt(v)
		switch {
		case !ok && outOfRange(v, true) != "":
			d.errorf(v, fmt.Sprintf("%s.%d", path, a), "", "the count of answer %d is out of range: %s is %s", a, clip(v.Value), outOfRange(v, true))
		case !ok:
			d.errorf(v, fmt.Sprintf("%s.%d", path, a), "", "the count of answer %d must be a whole number, got %s", a, Describe(v))
		case c < 0:
			d.errorf(v, fmt.Sprintf("%s.%d", path, a), "", "the count of answer %d must be 0 or more, got %s", a, v.Value)
		default:
			counts[a-lo] = c
		}
	}
	return counts
}

func last(path string) string {
	if i := strings.LastIndexAny(path, ".]"); i >= 0 {
		if path[i] == ']' {
			j := strings.LastIndexByte(path[:i], '[')
			if j > 0 {
				return last(path[:j]) + " entry"
			}
		}
		return path[i+1:]
	}
	return path
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func (d *decoder) decodeMap(root *yaml.Node) *Map {
	m := &Map{}
	persona, personas := d.personaFields(m)
	d.mapping(root, "", "the map", &m.Element, []field{
		{"version", func(v *yaml.Node, p string) {
			if i, ok := d.integer(v, p, 0, maxSafeInt); ok {
				m.Version = i
				if i != FormatVersion {
					d.errorf(d.deref(v), p, "", "unsupported format version %d: this journey reads version %d", i, FormatVersion)
				}
			}
		}},
		{"id", func(v *yaml.Node, p string) { d.slug(v, p, &m.ID) }},
		{"title", func(v *yaml.Node, p string) { d.str(v, p, &m.Title) }},
		{"description", func(v *yaml.Node, p string) { d.str(v, p, &m.Description) }},
		{"owner", func(v *yaml.Node, p string) { d.str(v, p, &m.Owner) }},
		{"tags", func(v *yaml.Node, p string) { d.strList(v, p, &m.Tags) }},
		{"locale", func(v *yaml.Node, p string) {
			if d.str(v, p, &m.Locale) && !localeRE.MatchString(m.Locale) {
				d.errorf(d.deref(v), p, "", "locale must be a language tag like es, en or es-MX, got %q", m.Locale)
			}
		}},
		{"state", func(v *yaml.Node, p string) { d.enum(v, p, []string{"current", "future"}, &m.State) }},
		{"model", func(v *yaml.Node, p string) { d.slugRef(v, p, &m.Model) }},
		persona,
		personas,
		{"channels", func(v *yaml.Node, p string) {
			d.list(v, p, func(c *yaml.Node, p string) { m.Channels = append(m.Channels, d.channel(c, p)) })
		}},
		{"owners", func(v *yaml.Node, p string) {
			d.list(v, p, func(c *yaml.Node, p string) { m.Owners = append(m.Owners, d.owner(c, p)) })
		}},
		{"targets", func(v *yaml.Node, p string) { m.Targets = d.targets(v, p) }},
		{"stages", func(v *yaml.Node, p string) {
			vv := d.deref(v)
			if vv.Kind == yaml.SequenceNode && len(vv.Content) == 0 {
				d.errorf(vv, p, "", "stages is empty: a map needs at least one stage")
			}
			d.list(v, p, func(c *yaml.Node, p string) {
				m.Stages = append(m.Stages, d.stage(c, p))
			})
		}},
		{"sources", func(v *yaml.Node, p string) {
			d.list(v, p, func(c *yaml.Node, p string) { m.Sources = append(m.Sources, d.source(c, p)) })
		}},
		{"events", func(v *yaml.Node, p string) { d.eventLogs(v, p, &m.Events) }},
	}, "version", "id", "title", "stages")
	return m
}

// personaFields returns the map's persona and personas fields, which
// decode into m.Personas: whichever of the two comes second is an error.
func (d *decoder) personaFields(m *Map) (persona, personas field) {
	var one, many *yaml.Node
	persona = field{"persona", func(v *yaml.Node, p string) {
		one = v
		if many != nil {
			d.errorf(many, "personas", "", "give either persona or personas, not both")
			return
		}
		var ps Persona
		if d.persona(v, p, &ps, false) {
			m.Personas = append(m.Personas, ps)
		}
	}}
	personas = field{"personas", func(v *yaml.Node, p string) {
		many = v
		if one != nil {
			d.errorf(d.deref(v), p, "", "give either persona or personas, not both")
			return
		}
		m.PersonaList = true
		d.list(v, p, func(c *yaml.Node, p string) {
			var ps Persona
			if d.persona(c, p, &ps, true) {
				m.Personas = append(m.Personas, ps)
			}
		})
	}}
	return persona, personas
}

func (d *decoder) channel(n *yaml.Node, path string) Channel {
	var ch Channel
	d.mapping(n, path, "a channel", &ch.Element, []field{
		{"id", func(v *yaml.Node, p string) { d.slug(v, p, &ch.ID) }},
		{"name", func(v *yaml.Node, p string) { d.str(v, p, &ch.Name) }},
		{"kind", func(v *yaml.Node, p string) { d.enum(v, p, ChannelKinds, &ch.Kind) }},
	}, "id")
	return ch
}

func (d *decoder) owner(n *yaml.Node, path string) Owner {
	var o Owner
	d.mapping(n, path, "an owner", &o.Element, []field{
		{"id", func(v *yaml.Node, p string) { d.slug(v, p, &o.ID) }},
		{"name", func(v *yaml.Node, p string) { d.str(v, p, &o.Name) }},
		{"description", func(v *yaml.Node, p string) { d.str(v, p, &o.Description) }},
	}, "id")
	return o
}

func (d *decoder) targets(n *yaml.Node, path string) *Targets {
	t := &Targets{}
	d.mapping(n, path, "targets", &t.Element, []field{
		{"nps", func(v *yaml.Node, p string) { d.numberPtr(v, p, -100, 100, &t.NPS) }},
		{"ces", func(v *yaml.Node, p string) { d.numberPtr(v, p, 1, 7, &t.CES) }},
		{"csat", func(v *yaml.Node, p string) { d.numberPtr(v, p, 0, 100, &t.CSAT) }},
	})
	return t
}

// source decodes one entry of sources: a data file and, optionally, the
// headers of its columns.
func (d *decoder) source(n *yaml.Node, path string) Source {
	var s Source
	d.mapping(n, path, "a source", &s.Element, []field{
		{"path", func(v *yaml.Node, p string) { d.dataPath(v, p, &s.Path) }},
		{"columns", func(v *yaml.Node, p string) {
			var el Element
			s.Columns = map[string]string{}
			keys := append(slices.Clip(SourceColumnKeys), SourceCustomerKey)
			fields := make([]field, len(keys))
			for i, k := range keys {
				fields[i] = field{k, func(v *yaml.Node, p string) {
					var h string
					d.str(v, p, &h)
					s.Columns[k] = h
				}}
			}
			d.mapping(v, p, "columns", &el, fields)
		}},
	}, "path")
	return s
}

var localeRE = regexp.MustCompile(`^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$`)

func (d *decoder) persona(n *yaml.Node, path string, ps *Persona, needID bool) bool {
	req := []string{"name"}
	if needID {
		req = []string{"id", "name"}
	}
	return d.mapping(n, path, "a persona", &ps.Element, []field{
		{"id", func(v *yaml.Node, p string) { d.slug(v, p, &ps.ID) }},
		{"name", func(v *yaml.Node, p string) { d.str(v, p, &ps.Name) }},
		{"description", func(v *yaml.Node, p string) { d.str(v, p, &ps.Description) }},
		{"goals", func(v *yaml.Node, p string) { d.strList(v, p, &ps.Goals) }},
		{"needs", func(v *yaml.Node, p string) { d.strList(v, p, &ps.Needs) }},
		{"frustrations", func(v *yaml.Node, p string) { d.strList(v, p, &ps.Frustrations) }},
		{"quote", func(v *yaml.Node, p string) { d.str(v, p, &ps.Quote) }},
	}, req...)
}

func (d *decoder) stage(n *yaml.Node, path string) Stage {
	var s Stage
	d.mapping(n, path, "a stage", &s.Element, []field{
		{"id", func(v *yaml.Node, p string) { d.slug(v, p, &s.ID) }},
		{"name", func(v *yaml.Node, p string) { d.str(v, p, &s.Name) }},
		{"model_stage", func(v *yaml.Node, p string) { d.slugRef(v, p, &s.ModelStage) }},
		{"goal", func(v *yaml.Node, p string) { d.str(v, p, &s.Goal) }},
		{"description", func(v *yaml.Node, p string) { d.str(v, p, &s.Description) }},
		{"touchpoints", func(v *yaml.Node, p string) {
			d.list(v, p, func(c *yaml.Node, p string) {
				s.Touchpoints = append(s.Touchpoints, d.touchpoint(c, p))
			})
		}},
	}, "id", "name")
	return s
}

func (d *decoder) touchpoint(n *yaml.Node, path string) Touchpoint {
	var t Touchpoint
	d.mapping(n, path, "a touchpoint", &t.Element, []field{
		{"id", func(v *yaml.Node, p string) { d.slug(v, p, &t.ID) }},
		{"name", func(v *yaml.Node, p string) { d.str(v, p, &t.Name) }},
		{"description", func(v *yaml.Node, p string) { d.str(v, p, &t.Description) }},
		{"channel", func(v *yaml.Node, p string) { d.str(v, p, &t.Channel) }},
		{"owner", func(v *yaml.Node, p string) { d.str(v, p, &t.Owner) }},
		{"actors", func(v *yaml.Node, p string) { t.Actors, t.ActorsPos = d.actors(v, p) }},
		{"action", func(v *yaml.Node, p string) { d.str(v, p, &t.Action) }},
		{"thought", func(v *yaml.Node, p string) { d.str(v, p, &t.Thought) }},
		{"emotion", func(v *yaml.Node, p string) { t.Emotion = d.emotion(v, p) }},
		{"pains", func(v *yaml.Node, p string) {
			d.list(v, p, func(c *yaml.Node, p string) {
				var pn Pain
				if d.textOr(c, p, "a pain", &pn.Element, &pn.Text, []field{
					{"severity", func(v *yaml.Node, p string) { d.enum(v, p, PainSeverities, &pn.Severity) }},
					{"evidence", func(v *yaml.Node, p string) { d.str(v, p, &pn.Evidence) }},
				}) {
					t.Pains = append(t.Pains, pn)
				}
			})
		}},
		{"opportunities", func(v *yaml.Node, p string) {
			d.list(v, p, func(c *yaml.Node, p string) {
				var o Opportunity
				if d.textOr(c, p, "an opportunity", &o.Element, &o.Text, []field{
					{"owner", func(v *yaml.Node, p string) { d.str(v, p, &o.Owner) }},
					{"status", func(v *yaml.Node, p string) { d.enum(v, p, OpportunityStatuses, &o.Status) }},
					{"impact", func(v *yaml.Node, p string) { o.Impact, _ = d.integer(v, p, 1, 5) }},
					{"effort", func(v *yaml.Node, p string) { o.Effort, _ = d.integer(v, p, 1, 5) }},
				}) {
					t.Opportunities = append(t.Opportunities, o)
				}
			})
		}},
		{"moment_of_truth", func(v *yaml.Node, p string) { d.enum(v, p, MomentsOfTruth, &t.MomentOfTruth) }},
		{"next", func(v *yaml.Node, p string) {
			t.NextSet = true
			vv := d.deref(v)
			if isText(vv) {
				t.Next, t.NextPos = []string{vv.Value}, []Pos{posOf(vv)}
				return
			}
			if vv.Kind != yaml.SequenceNode {
				d.errorf(vv, p, "", "next must be a touchpoint id or a list of them, got %s", Describe(vv))
				return
			}
			d.strList(vv, p, &t.Next)
			for _, c := range vv.Content {
				t.NextPos = append(t.NextPos, posOf(d.deref(c)))
			}
		}},
		{"metrics", func(v *yaml.Node, p string) { t.Metrics = d.metrics(v, p) }},
	}, "id", "name")
	return t
}

// actors decodes a touchpoint's actors: a list of names, each with its
// position; a blank name is an error.
func (d *decoder) actors(v *yaml.Node, p string) ([]string, []Pos) {
	var names []string
	d.strList(v, p, &names)
	vv := d.deref(v)
	if vv.Kind != yaml.SequenceNode || len(names) != len(vv.Content) {
		return nil, nil
	}
	pos := make([]Pos, len(names))
	for i, c := range vv.Content {
		c = d.deref(c)
		pos[i] = posOf(c)
		if strings.TrimSpace(names[i]) == "" && isText(c) {
			d.errorf(c, index(p, i), "", "an actor needs a name: write who takes part, or remove the entry")
		}
	}
	return names, pos
}

// textOr decodes a plain string or a mapping with a required text key.
func (d *decoder) textOr(n *yaml.Node, path, what string, el *Element, text *string, fields []field) bool {
	n = d.deref(n)
	if isText(n) {
		el.Pos, el.Path = posOf(n), path
		*text = n.Value
		return true
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "", "%s must be text or a mapping with text, got %s", what, Describe(n))
		return false
	}
	all := append([]field{{"text", func(v *yaml.Node, p string) { d.str(v, p, text) }}}, fields...)
	return d.mapping(n, path, what, el, all, "text")
}

func (d *decoder) emotion(n *yaml.Node, path string) []Emotion {
	n = d.deref(n)
	if n.Kind == yaml.MappingNode {
		var out []Emotion
		seen := map[string]bool{}
		for k, v := range pairs(n) {
			k := d.deref(k)
			if !isText(k) || k.Value == "" {
				d.errorf(k, path, "", "emotion keys must be persona ids, got %s", Describe(k))
				continue
			}
			if seen[k.Value] {
				d.errorf(k, join(path, k.Value), "", "duplicate key %q", k.Value)
				continue
			}
			seen[k.Value] = true
			v := d.deref(v)
			if f, ok := d.number(v, join(path, k.Value), 1, 5); ok {
				out = append(out, Emotion{Pos: posOf(k), Persona: k.Value, Value: f})
			}
		}
		return out
	}
	if f, ok := d.number(n, path, 1, 5); ok {
		return []Emotion{{Pos: posOf(n), Value: f}}
	}
	return nil
}

func (d *decoder) metrics(n *yaml.Node, path string) *Metrics {
	m := &Metrics{}
	d.mapping(n, path, "metrics", &m.Element, []field{
		{"nps", func(v *yaml.Node, p string) {
			x := &NPS{}
			if d.mapping(v, p, "nps", &x.Element, []field{
				{"promoters", func(v *yaml.Node, p string) { d.count(v, p, &x.Promoters) }},
				{"passives", func(v *yaml.Node, p string) { d.count(v, p, &x.Passives) }},
				{"detractors", func(v *yaml.Node, p string) { d.count(v, p, &x.Detractors) }},
				{"score", func(v *yaml.Node, p string) { d.numberPtr(v, p, -100, 100, &x.Score) }},
				{"n", func(v *yaml.Node, p string) { d.count(v, p, &x.N) }},
				{"distribution", func(v *yaml.Node, p string) { x.Distribution = d.distribution(v, p, 0, 10) }},
			}) {
				d.oneForm(v, p, "nps", &x.Element, [][]string{{"promoters", "passives", "detractors"}, {"score", "n"}, {"distribution"}},
					"{promoters, passives, detractors}, {score, n} or {distribution}")
			}
			m.NPS = x
		}},
		{"ces", func(v *yaml.Node, p string) {
			x := &CES{Scale: 7}
			if d.mapping(v, p, "ces", &x.Element, []field{
				{"mean", func(v *yaml.Node, p string) { d.numberPtr(v, p, 1, 7, &x.Mean) }},
				{"n", func(v *yaml.Node, p string) { d.count(v, p, &x.N) }},
				{"distribution", func(v *yaml.Node, p string) { x.Distribution = d.distribution(v, p, 1, 7) }},
				{"scale", func(v *yaml.Node, p string) {
					if s, ok := d.integer(v, p, 5, 7); ok {
						if s == 6 {
							d.errorf(d.deref(v), p, "", "scale must be 5 or 7, got 6")
						} else {
							x.Scale = s
						}
					}
				}},
				{"reversed", func(v *yaml.Node, p string) { d.boolean(v, p, &x.Reversed) }},
			}) {
				d.oneForm(v, p, "ces", &x.Element, [][]string{{"mean", "n"}, {"distribution"}}, "{mean, n} or {distribution}")
			}
			m.CES = x
		}},
		{"csat", func(v *yaml.Node, p string) {
			x := &CSAT{}
			if d.mapping(v, p, "csat", &x.Element, []field{
				{"satisfied", func(v *yaml.Node, p string) { d.count(v, p, &x.Satisfied) }},
				{"total", func(v *yaml.Node, p string) { d.count(v, p, &x.Total) }},
				{"distribution", func(v *yaml.Node, p string) { x.Distribution = d.distribution(v, p, 1, 5) }},
			}) {
				d.oneForm(v, p, "csat", &x.Element, [][]string{{"satisfied", "total"}, {"distribution"}}, "{satisfied, total} or {distribution}")
			}
			m.CSAT = x
		}},
		{"kpis", func(v *yaml.Node, p string) {
			d.list(v, p, func(c *yaml.Node, p string) {
				var k KPI
				d.mapping(c, p, "a KPI", &k.Element, []field{
					{"name", func(v *yaml.Node, p string) { d.str(v, p, &k.Name) }},
					{"value", func(v *yaml.Node, p string) { d.numberPtr(v, p, -maxSafeInt, maxSafeInt, &k.Value) }},
					{"target", func(v *yaml.Node, p string) { d.numberPtr(v, p, -maxSafeInt, maxSafeInt, &k.Target) }},
					{"unit", func(v *yaml.Node, p string) { d.str(v, p, &k.Unit) }},
					{"better", func(v *yaml.Node, p string) { d.enum(v, p, []string{"higher", "lower"}, &k.Better) }},
				}, "name")
				m.KPIs = append(m.KPIs, k)
			})
		}},
	})
	return m
}

// oneForm checks that exactly one of the forms is given in full. The first
// key of each form decides which form the author meant; `n` may accompany
// any form.
func (d *decoder) oneForm(n *yaml.Node, path, what string, el *Element, forms [][]string, want string) {
	n = d.deref(n)
	var chosen [][]string
	for _, f := range forms {
		for _, k := range f {
			if k != "n" && el.Has(k) {
				chosen = append(chosen, f)
				break
			}
		}
	}
	switch len(chosen) {
	case 0:
		d.errorf(n, path, "", "%s needs one form: %s", what, want)
	case 1:
		for _, k := range chosen[0] {
			if !el.Has(k) {
				d.errorf(n, path, "", "%s is missing %q: give %s", what, k, want)
			}
		}
	default:
		d.errorf(n, path, "", "%s mixes forms; give exactly one of %s", what, want)
	}
}

// Slugify turns a title into an id: lowercase ASCII letters, digits, dashes;
// accents are folded (Cotización -> cotizacion).
func Slugify(s string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err == nil {
		s = folded
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// MaxSlug is how long ShortSlug makes an id: with ".journey.yaml" it
// stays far below the 255 bytes a file name may have.
const MaxSlug = 60

// ShortSlug is Slugify cut to at most MaxSlug characters, at the last
// dash that fits (a whole word kept), or mid-word when one word is longer.
func ShortSlug(s string) string {
	slug := Slugify(s)
	if len(slug) <= MaxSlug {
		return slug
	}
	cut := slug[:MaxSlug+1]
	if i := strings.LastIndexByte(cut, '-'); i > 0 {
		return cut[:i]
	}
	return slug[:MaxSlug]
}
