// The encoder: writing a tree as text, and reading it back for the
// positions and styles the encoder chose.

package format

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/journey-cx/journey/journey"
)

// encode writes doc with the encoder, two-space indented, keeping the
// characters beyond U+FFFF as themselves.
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

// encodeBack encodes doc and parses the text again, for the positions
// and styles the encoder chose.
func encodeBack(doc *yaml.Node) ([]byte, *yaml.Node, error) {
	text, err := encode(doc)
	if err != nil {
		return nil, nil, err
	}
	back, err := parse(text)
	if err != nil || back == nil {
		return nil, nil, fmt.Errorf("the encoder wrote YAML that does not parse: %v", err)
	}
	return text, back, nil
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
