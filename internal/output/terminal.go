package output

import (
	"io"
	"strconv"
	"sync"
	"unicode/utf8"
)

// The terminal sanitiser. Text from a map, a survey, a log or a file name
// can carry what a terminal obeys instead of showing: ESC sequences (OSC 52
// writes the clipboard, CSI 2J clears the screen, OSC 0 retitles the
// window), other C0 and C1 controls, DEL, and the bidirectional overrides
// that make text read differently from what it is (Trojan Source). Every
// human message of journey passes user text through Terminal or
// TerminalText, and machine output written to a terminal passes through a
// TerminalWriter; JUnit, GitHub workflow commands and Markdown use the
// same function. What it neutralises it shows as a Go-style escape, so the
// text stays readable and the escape can be searched for:
//
//	ESC (U+001B)         \x1b       other C0 controls and DEL: \xNN
//	newline, CR, tab     \n \r \t   (where the text must stay on one line)
//	C1 controls          \u0085     U+0080 to U+009F
//	bidi embeddings,
//	overrides, isolates  \u202e     U+202A to U+202E, U+2066 to U+2069
//	a byte that is not
//	UTF-8                \xff
//
// Everything else passes as it is: accents, ñ, ¿¡, emoji, CJK, right-to-left
// scripts and the left-to-right and right-to-left marks. A backslash is not
// doubled, so a literal "\x1b" in the text looks the same as an escaped
// ESC: the point is that nothing reaches the terminal as a control.

// mustEscape reports whether the terminal sanitiser neutralises r (tab,
// newline and carriage return aside: the caller decides on those).
func mustEscape(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// lines says which of tab, newline and CR the sanitiser keeps.
type lines int

const (
	oneLine   lines = iota // tab kept; newline and CR escaped
	multiLine              // tab and newline kept, CR only before a newline
)

// Terminal returns s safe to print on a terminal on one line: controls,
// newlines, DEL, C1 controls, bidi overrides and invalid UTF-8 shown as
// escapes (\x1b, \n, \u202e, \xff); tabs and every other character kept.
// Use it for a file name or a message inside a line.
func Terminal(s string) string {
	if clean(s, oneLine) {
		return s
	}
	return string(appendSafe(nil, s, oneLine, true))
}

// TerminalText is Terminal for text of several lines: newlines and tabs
// stay, and a CR right before a newline too; the rest is escaped as
// Terminal does.
func TerminalText(s string) string {
	if clean(s, multiLine) {
		return s
	}
	return string(appendSafe(nil, s, multiLine, true))
}

// clean reports whether s has nothing the sanitiser would change.
func clean(s string, l lines) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			continue
		}
		if c == '\t' || (l == multiLine && c == '\n') {
			continue
		}
		if c < 0x80 {
			return false
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || mustEscape(r) {
			return false
		}
		i += n - 1
	}
	return true
}

// appendSafe appends the sanitised s to dst.
func appendSafe(dst []byte, s string, l lines, final bool) []byte {
	out, _ := appendSafeN(dst, s, l, final)
	return out
}

// appendSafeN is appendSafe that also returns how many bytes of s it
// used. When final is false, s is one piece of a stream: an incomplete
// UTF-8 sequence or a CR at its end is left for the next piece.
func appendSafeN(dst []byte, s string, l lines, final bool) ([]byte, int) {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\t' || (l == multiLine && c == '\n') {
			dst = append(dst, c)
			i++
			continue
		}
		if c == '\r' && l == multiLine {
			if i+1 == len(s) && !final {
				return dst, i // the next piece says whether a newline follows
			}
			if i+1 < len(s) && s[i+1] == '\n' {
				dst = append(dst, '\r')
				i++
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 && !final && !utf8.FullRuneInString(s[i:]) {
			return dst, i // a character split between two writes
		}
		switch {
		case r == utf8.RuneError && n == 1:
			dst = appendHex(dst, `\x`, uint64(c), 2)
		case r == '\n':
			dst = append(dst, `\n`...)
		case r == '\r':
			dst = append(dst, `\r`...)
		case r < 0x80 && mustEscape(r):
			dst = appendHex(dst, `\x`, uint64(r), 2)
		case mustEscape(r):
			dst = appendHex(dst, `\u`, uint64(r), 4)
		default:
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return dst, len(s)
}

func appendHex(dst []byte, prefix string, v uint64, width int) []byte {
	dst = append(dst, prefix...)
	h := strconv.FormatUint(v, 16)
	for range width - len(h) {
		dst = append(dst, '0')
	}
	return append(dst, h...)
}

// TerminalWriter passes a stream to a terminal through the sanitiser:
// newlines and tabs stay, everything TerminalText escapes is escaped. A
// character split between two writes is held until the next one; Flush
// writes what is held (as escapes: it was not valid UTF-8). It is safe for
// concurrent use.
type TerminalWriter struct {
	mu      sync.Mutex
	w       io.Writer
	pending []byte
	buf     []byte
}

// NewTerminalWriter returns a TerminalWriter that writes to w.
func NewTerminalWriter(w io.Writer) *TerminalWriter { return &TerminalWriter{w: w} }

// Write sanitises p and writes it; it reports len(p) written on success.
func (t *TerminalWriter) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := string(append(t.pending, p...))
	var used int
	t.buf, used = appendSafeN(t.buf[:0], s, multiLine, false)
	t.pending = append(t.pending[:0], s[used:]...)
	if _, err := t.w.Write(t.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what an unfinished character left held back.
func (t *TerminalWriter) Flush() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.pending) == 0 {
		return nil
	}
	t.buf = appendSafe(t.buf[:0], string(t.pending), multiLine, true)
	t.pending = t.pending[:0]
	_, err := t.w.Write(t.buf)
	return err
}
