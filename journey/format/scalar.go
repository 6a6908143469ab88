// Scalar style: plain where YAML allows, quoted where it needs quotes,
// literal blocks for multi-line text, folded blocks kept folded.

package format

import (
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yaml11RE matches the words YAML 1.1 reads as booleans or null: plain in
// YAML 1.2, but quoted so that older tools read them as text too.
var yaml11RE = regexp.MustCompile(`^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE|null|Null|NULL|~)$`)

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

// quote gives the strings of the built tree doc the quotes the encoder
// found they need in back (doc encoded and parsed again): double quotes,
// or single ones when the text holds double quotes. Words YAML 1.1 reads
// as booleans or null are double-quoted, except as keys.
func (f *formatter) quote(doc, back *yaml.Node) error {
	return walk(doc, back, func(a, b *yaml.Node) {
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
	})
}
