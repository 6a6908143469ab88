package journey

import "bytes"

// boms are the byte order marks of the encodings journey recognises and
// refuses; UTF-32 before UTF-16, whose little-endian mark starts UTF-32's.
var boms = []struct {
	mark     []byte
	encoding string
}{
	{[]byte{0xFF, 0xFE, 0x00, 0x00}, "UTF-32 (little-endian)"},
	{[]byte{0x00, 0x00, 0xFE, 0xFF}, "UTF-32 (big-endian)"},
	{[]byte{0xFF, 0xFE}, "UTF-16 (little-endian)"},
	{[]byte{0xFE, 0xFF}, "UTF-16 (big-endian)"},
}

// ForeignEncoding names the text encoding of data, the start of a file,
// when it is one journey recognises but does not read: UTF-32 or UTF-16
// by their byte order mark, or UTF-16 without one (as some Windows tools
// save it: text whose every other byte is NUL). It returns "" for
// anything else; maps, surveys and event logs all check with it, so that
// each says "file is UTF-16 (little-endian) text" instead of failing on
// what the NULs make of the header.
func ForeignEncoding(data []byte) string {
	for _, b := range boms {
		if bytes.HasPrefix(data, b.mark) {
			return b.encoding
		}
	}
	sample := data[:min(len(data), 512)&^1]
	if len(sample) < 4 {
		return ""
	}
	var even, odd int // NUL bytes at even and at odd offsets
	for i, c := range sample {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	// ASCII and Latin-1 text in UTF-16 has a NUL in every character's
	// other half; text with other NULs is binary, not UTF-16.
	pairs := len(sample) / 2
	switch {
	case even == 0 && odd*2 >= pairs:
		return "UTF-16 (little-endian)"
	case odd == 0 && even*2 >= pairs:
		return "UTF-16 (big-endian)"
	}
	return ""
}
