package output

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTerminal(t *testing.T) {
	for _, c := range []struct{ in, line, text string }{
		{"Señal débil, ñandú ¿qué? ¡sí! 日本 🚀", "Señal débil, ñandú ¿qué? ¡sí! 日本 🚀", "Señal débil, ñandú ¿qué? ¡sí! 日本 🚀"},
		{"", "", ""},
		{"a\tb", "a\tb", "a\tb"},
		{"OSC 52 \x1b]52;c;ZXZpbA==\x07 fin", `OSC 52 \x1b]52;c;ZXZpbA==\x07 fin`, `OSC 52 \x1b]52;c;ZXZpbA==\x07 fin`},
		{"\x1b[2J\x1b[H", `\x1b[2J\x1b[H`, `\x1b[2J\x1b[H`},
		{"a\nb", `a\nb`, "a\nb"},
		{"a\r\nb", `a\r\nb`, "a\r\nb"},
		{"a\rb", `a\rb`, `a\rb`},
		{"fin\r", `fin\r`, `fin\r`},
		{"nul\x00del\x7f", `nul\x00del\x7f`, `nul\x00del\x7f`},
		{"c1 \u009b2J \u0085", `c1 \u009b2J \u0085`, `c1 \u009b2J \u0085`},
		{"bidi \u202eabc\u202c \u2066x\u2069", `bidi \u202eabc\u202c \u2066x\u2069`, `bidi \u202eabc\u202c \u2066x\u2069`},
		{"marks \u200e\u200f عربى", "marks \u200e\u200f عربى", "marks \u200e\u200f عربى"},
		{"bad \xff\xc3 utf8", `bad \xff\xc3 utf8`, `bad \xff\xc3 utf8`},
		{"raw 8-bit CSI \x9b2J", `raw 8-bit CSI \x9b2J`, `raw 8-bit CSI \x9b2J`},
		{"nbsp\u00a0ok", "nbsp\u00a0ok", "nbsp\u00a0ok"},
	} {
		if got := Terminal(c.in); got != c.line {
			t.Errorf("Terminal(%q) = %q, want %q", c.in, got, c.line)
		}
		if got := TerminalText(c.in); got != c.text {
			t.Errorf("TerminalText(%q) = %q, want %q", c.in, got, c.text)
		}
		for _, got := range []string{Terminal(c.in), TerminalText(c.in)} {
			if !safe(got) {
				t.Errorf("sanitised %q still has a control: %q", c.in, got)
			}
		}
	}
}

// TestTerminalWriter writes every input in pieces of every size: a
// character or a CRLF split between two writes comes out as one.
func TestTerminalWriter(t *testing.T) {
	in := "Atención: ñandú 🚀\r\n\x1b]52;c;ZXZpbA==\x07\x1b[2J \u202eabc\r\nfin \xff"
	want := TerminalText(in)
	for size := 1; size <= len(in); size++ {
		var b bytes.Buffer
		w := NewTerminalWriter(&b)
		for i := 0; i < len(in); i += size {
			p := in[i:min(i+size, len(in))]
			if n, err := w.Write([]byte(p)); n != len(p) || err != nil {
				t.Fatalf("Write = %d, %v", n, err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("pieces of %d: got %q, want %q", size, b.String(), want)
		}
	}
	// What an unfinished character held back is written, escaped, by Flush.
	var b bytes.Buffer
	w := NewTerminalWriter(&b)
	w.Write([]byte("fin \xc3"))
	if b.String() != "fin " {
		t.Errorf("before Flush: %q", b.String())
	}
	w.Flush()
	if b.String() != `fin \xc3` {
		t.Errorf("after Flush: %q", b.String())
	}
}

// safe reports whether s is valid UTF-8 whose only controls are tabs,
// newlines and CRs before a newline.
func safe(s string) bool {
	other := func(r rune) bool { return mustEscape(r) && r != '\t' && r != '\n' && r != '\r' }
	return utf8.ValidString(s) && !strings.ContainsFunc(s, other) &&
		strings.Count(s, "\r") == strings.Count(s, "\r\n")
}

func FuzzTerminal(f *testing.F) {
	f.Add("Señal \x1b]52;c;x\x07\r\n\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		for _, got := range []string{Terminal(s), TerminalText(s)} {
			if !safe(got) {
				t.Fatalf("%q -> %q", s, got)
			}
		}
		if strings.ContainsAny(Terminal(s), "\n\r") {
			t.Fatalf("Terminal(%q) has a line break", s)
		}
		if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return mustEscape(r) && r != '\t' }) && Terminal(s) != s {
			t.Fatalf("Terminal changed clean text %q", s)
		}
	})
}
