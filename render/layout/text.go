package layout

import (
	"strings"
	"unicode/utf8"
)

// Ellipsis ends a text cut to fit its box.
const Ellipsis = "…"

// Block is text wrapped to a width: its lines and their measured widths.
type Block struct {
	Lines     []string
	Widths    []float64 // mm, per line
	Font      FontID
	Size      float64 // points
	Lead      float64 // baseline-to-baseline distance, mm
	Truncated bool    // the text was cut to MaxLines and ends with an ellipsis
}

// H returns the height of the block: its lines times the leading.
func (b Block) H() float64 { return float64(len(b.Lines)) * b.Lead }

// W returns the width of the longest line.
func (b Block) W() float64 {
	w := 0.0
	for _, x := range b.Widths {
		w = max(w, x)
	}
	return w
}

// Empty reports whether the block has no line.
func (b Block) Empty() bool { return len(b.Lines) == 0 }

// Text is a style of text: face, size and leading factor.
type Text struct {
	Font    FontID
	Size    float64 // points
	Leading float64 // line height as a multiple of Size (1.25 when 0)
}

func (t Text) lead() float64 {
	l := t.Leading
	if l == 0 {
		l = 1.25
	}
	return l * t.Size * PtToMM
}

// Wrap breaks s into lines no wider than width (mm), with at most maxLines
// lines (0 = no limit); a text cut short ends with an ellipsis. Words longer
// than the width are broken between characters. Newlines in s start new
// lines; runs of spaces collapse.
func (fs *Fonts) Wrap(s string, t Text, width float64, maxLines int) Block {
	f := fs.Faces[t.Font]
	b := Block{Font: t.Font, Size: t.Size, Lead: t.lead()}
	s = clean(s)
	if strings.TrimSpace(s) == "" {
		return b
	}
	scale := t.Size * PtToMM / f.UPEM // mm per font unit
	limit := int(width / scale)       // the width in font units
	if limit < 1 {
		limit = 1
	}
	space := f.Units(" ")
	var lines []string
	var units []int
	full := false
	push := func(line string, u int) {
		if maxLines > 0 && len(lines) == maxLines {
			full = true
			return
		}
		lines = append(lines, line)
		units = append(units, u)
	}
	for _, para := range strings.Split(s, "\n") {
		if full {
			break
		}
		var cur strings.Builder
		cu := 0
		for _, word := range strings.Fields(para) {
			if full {
				break
			}
			wu := f.Units(word)
			if cur.Len() > 0 && cu+space+wu <= limit {
				cur.WriteByte(' ')
				cur.WriteString(word)
				cu += space + wu
				continue
			}
			if cur.Len() > 0 {
				push(cur.String(), cu)
				cur.Reset()
				cu = 0
			}
			for wu > limit && !full {
				// Break the word: the longest prefix that fits, preferring
				// a break after a hyphen, slash or similar.
				head, hu, rest := breakWord(f, word, limit)
				push(head, hu)
				word = rest
				wu = f.Units(word)
			}
			if !full && word != "" {
				cur.WriteString(word)
				cu = wu
			}
		}
		if !full && cur.Len() > 0 {
			push(cur.String(), cu)
		}
	}
	if full && len(lines) > 0 {
		i := len(lines) - 1
		lines[i], units[i] = ellipsize(f, lines[i], limit)
		b.Truncated = true
	}
	b.Lines = lines
	b.Widths = make([]float64, len(units))
	for i, u := range units {
		b.Widths[i] = float64(u) * scale
	}
	return b
}

// Line measures s on one line, cut with an ellipsis to width (0 = no limit).
func (fs *Fonts) Line(s string, t Text, width float64) Block {
	if width <= 0 {
		width = 1e9
	}
	s = strings.Join(strings.Fields(clean(s)), " ")
	return fs.Wrap(s, t, width, 1)
}

// breakWord splits word at the longest prefix no wider than limit units.
func breakWord(f *Face, word string, limit int) (head string, hu int, rest string) {
	u, cut, cutU, soft, softU := 0, 0, 0, 0, 0
	for i, r := range word {
		_, a := f.Glyph(r)
		if u+int(a) > limit && i > 0 {
			break
		}
		u += int(a)
		cut, cutU = i+utf8.RuneLen(r), u
		if strings.ContainsRune("-/_.,;:–—·", r) && i > 0 {
			soft, softU = cut, u
		}
	}
	if cut == 0 { // not even one character fits: take one anyway
		_, n := utf8.DecodeRuneInString(word)
		cut, cutU = n, f.Units(word[:n])
	}
	if soft > 0 && soft >= cut*2/3 && soft < len(word) {
		cut, cutU = soft, softU
	}
	return word[:cut], cutU, word[cut:]
}

// ellipsize ends line with an ellipsis, dropping characters until it fits.
func ellipsize(f *Face, line string, limit int) (string, int) {
	eu := f.Units(Ellipsis)
	rs := []rune(strings.TrimRight(line, " "))
	u := f.Units(string(rs))
	for len(rs) > 0 && u+eu > limit {
		_, a := f.Glyph(rs[len(rs)-1])
		u -= int(a)
		rs = rs[:len(rs)-1]
	}
	for len(rs) > 0 && rs[len(rs)-1] == ' ' {
		u -= f.Units(" ")
		rs = rs[:len(rs)-1]
	}
	return string(rs) + Ellipsis, u + eu
}
