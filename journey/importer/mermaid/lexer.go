package mermaid

import (
	"strings"
	"unicode/utf8"
)

// tokKind is a token of journey.jison's lexer.
type tokKind int

const (
	tEOF           tokKind = iota
	tNewline               // [\n]+
	tJourney               // journey\b
	tTitle                 // title\s[^#\n;]+
	tAccTitle              // accTitle\s*:\s*
	tAccTitleValue         // the rest of the line, in the acc_title state
	tAccDescr              // accDescr\s*:\s*
	tAccDescrValue         // the rest of the line, or the text up to }
	tAccDescrMulti         // accDescr\s*\{\s* (the value follows)
	tSection               // section\s[^#:\n;]+
	tTaskName              // [^#:\n;]+
	tTaskData              // :[^#\n;]+
	tColon                 // a ':' that no task data follows
	tInvalid               // any other character
)

// token is one token and the byte offset where it starts.
type token struct {
	kind tokKind
	text string
	off  int
}

// lexer is journey.jison's lexer (case-insensitive, first matching rule
// wins), in Go. Its states are kept as the next token it owes: after
// accTitle: the value, after accDescr { the value and the closing }.
type lexer struct {
	text string
	off  int
	owe  tokKind // tAccTitleValue, tAccDescrValue or tAccDescrMulti; 0 when none
}

// jsSpace reports whether r is white space for JavaScript's \s.
func jsSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

// spaceAt returns the length of the JavaScript white space rune at i, or 0.
func (lx *lexer) spaceAt(i int) int {
	if i >= len(lx.text) {
		return 0
	}
	r, n := utf8.DecodeRuneInString(lx.text[i:])
	if jsSpace(r) {
		return n
	}
	return 0
}

// skipSpace returns the offset after the white space from i.
func (lx *lexer) skipSpace(i int) int {
	for n := lx.spaceAt(i); n > 0; n = lx.spaceAt(i) {
		i += n
	}
	return i
}

// upTo returns the offset of the first byte of stops from i, or the end.
func (lx *lexer) upTo(i int, stops string) int {
	if j := strings.IndexAny(lx.text[i:], stops); j >= 0 {
		return i + j
	}
	return len(lx.text)
}

// word reports whether the text at i starts with w, case-insensitively.
func (lx *lexer) word(i int, w string) bool {
	return len(lx.text)-i >= len(w) && strings.EqualFold(lx.text[i:i+len(w)], w)
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func (lx *lexer) emit(kind tokKind, end int) token {
	tk := token{kind: kind, text: lx.text[lx.off:end], off: lx.off}
	lx.off = end
	return tk
}

// next returns the next token.
func (lx *lexer) next() token {
	switch lx.owe {
	case tAccTitleValue, tAccDescrValue:
		kind := lx.owe
		lx.owe = 0
		if lx.off >= len(lx.text) {
			return token{kind: tEOF, off: lx.off}
		}
		return lx.emit(kind, lx.upTo(lx.off, "\n"))
	case tAccDescrMulti:
		end := lx.upTo(lx.off, "}")
		if end >= len(lx.text) {
			return token{kind: tEOF, off: lx.off} // never closed
		}
		lx.owe = 0
		tk := lx.emit(tAccDescrValue, end)
		lx.off++ // the }
		return tk
	}
	for {
		s, i := lx.text, lx.off
		if i >= len(s) {
			return token{kind: tEOF, off: i}
		}
		switch {
		case s[i] == '%' && (i+1 >= len(s) || s[i+1] != '{'): // %(?!\{)[^\n]*
			lx.off = lx.upTo(i, "\n")
			continue
		case s[i] != '}' && lx.percents(i): // [^\}]%%[^\n]*
			lx.off = lx.upTo(i+1, "\n")
			continue
		case s[i] == '\n':
			end := i
			for end < len(s) && s[end] == '\n' {
				end++
			}
			return lx.emit(tNewline, end)
		case lx.spaceAt(i) > 0:
			lx.off = lx.skipSpace(i)
			continue
		case s[i] == '#':
			lx.off = lx.upTo(i, "\n")
			continue
		}
		if tk, ok := lx.keyword(i); ok {
			return tk
		}
		switch {
		case !strings.ContainsRune("#:\n;", rune(s[i])):
			return lx.emit(tTaskName, lx.upTo(i, "#:\n;"))
		case s[i] == ':' && i+1 < len(s) && !strings.ContainsRune("#\n;", rune(s[i+1])):
			return lx.emit(tTaskData, lx.upTo(i+1, "#\n;"))
		case s[i] == ':':
			return lx.emit(tColon, i+1)
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		return lx.emit(tInvalid, i+n)
	}
}

// percents reports whether the character at i is followed by %%.
func (lx *lexer) percents(i int) bool {
	_, n := utf8.DecodeRuneInString(lx.text[i:])
	return strings.HasPrefix(lx.text[i+n:], "%%")
}

// keyword matches the keyword rules at i: journey, title, accTitle,
// accDescr and section, in the lexer's order.
func (lx *lexer) keyword(i int) (token, bool) {
	s := lx.text
	switch {
	case lx.word(i, "journey") && (i+7 >= len(s) || !isWordByte(s[i+7])):
		return lx.emit(tJourney, i+7), true
	case lx.word(i, "title") && lx.spaceAt(i+5) > 0:
		j := i + 5 + lx.spaceAt(i+5)
		if end := lx.upTo(j, "#\n;"); end > j {
			return lx.emit(tTitle, end), true
		}
	case lx.word(i, "accTitle") && lx.colonAfter(i+8) > 0:
		lx.owe = tAccTitleValue
		return lx.emit(tAccTitle, lx.skipSpace(lx.colonAfter(i+8))), true
	case lx.word(i, "accDescr") && lx.colonAfter(i+8) > 0:
		lx.owe = tAccDescrValue
		return lx.emit(tAccDescr, lx.skipSpace(lx.colonAfter(i+8))), true
	case lx.word(i, "accDescr") && strings.HasPrefix(s[lx.skipSpace(i+8):], "{"):
		lx.owe = tAccDescrMulti
		return lx.emit(tAccDescrMulti, lx.skipSpace(lx.skipSpace(i+8)+1)), true
	case lx.word(i, "section") && lx.spaceAt(i+7) > 0:
		j := i + 7 + lx.spaceAt(i+7)
		if end := lx.upTo(j, "#:\n;"); end > j {
			return lx.emit(tSection, end), true
		}
	}
	return token{}, false
}

// colonAfter returns the offset after "\s*:" at i, or 0.
func (lx *lexer) colonAfter(i int) int {
	j := lx.skipSpace(i)
	if j < len(lx.text) && lx.text[j] == ':' {
		return j + 1
	}
	return 0
}
