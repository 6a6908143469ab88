package journey

import (
	"testing"
	"unicode/utf16"
)

func utf16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16BE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func TestForeignEncoding(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"UTF-8", []byte("touchpoint,nps\nt,9\n"), ""},
		{"UTF-8 BOM", []byte("\xef\xbb\xbftouchpoint,nps\n"), ""},
		{"UTF-8 Spanish", []byte("punto,valoración\natención,9\n"), ""},
		{"empty", nil, ""},
		{"short", []byte("a\x00"), ""},
		{"UTF-16 LE BOM", append([]byte{0xFF, 0xFE}, utf16LE("a,b")...), "UTF-16 (little-endian)"},
		{"UTF-16 BE BOM", append([]byte{0xFE, 0xFF}, utf16BE("a,b")...), "UTF-16 (big-endian)"},
		{"UTF-32 LE BOM", []byte{0xFF, 0xFE, 0, 0, 'a', 0, 0, 0}, "UTF-32 (little-endian)"},
		{"UTF-32 BE BOM", []byte{0, 0, 0xFE, 0xFF, 0, 0, 0, 'a'}, "UTF-32 (big-endian)"},
		{"UTF-16 LE without BOM", utf16LE("touchpoint,valoración\nt,9\n"), "UTF-16 (little-endian)"},
		{"UTF-16 BE without BOM", utf16BE("touchpoint,valoración\nt,9\n"), "UTF-16 (big-endian)"},
		{"UTF-16 LE of CJK text", utf16LE("日本語,テキスト,a"), ""}, // no NUL halves: not recognised
		{"binary", []byte{0x1f, 0x8b, 0, 0, 0, 0, 0, 0, 0, 3}, ""},
		{"NUL in UTF-8", []byte("version: 1\nid: m\x00\n"), ""},
	} {
		if got := ForeignEncoding(c.data); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
