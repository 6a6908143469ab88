package output

import (
	"bytes"
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"Señal débil, ñandú":               "Señal débil, ñandú",
		"a | b":                            "a &#124; b",
		"<script>alert(1)</script>":        "&lt;script&gt;alert(1)&lt;/script&gt;",
		"**negrita** _x_ ~y~":              "&#42;&#42;negrita&#42;&#42; &#95;x&#95; &#126;y&#126;",
		"[link](http://x) ![i](y)":         "&#91;link&#93;(http&#58;//x) &#33;&#91;i&#93;(y)",
		"@equipo #12 :smile:":              "&#64;equipo &#35;12 &#58;smile&#58;",
		"línea\r\nsiguiente\notra\tfin":    "línea siguiente otra fin",
		"a\\b `c`":                         "a&#92;b &#96;c&#96;",
		"\x1b]52;c;ZXZpbA==\x07 & \x1b[2J": "&#92;x1b&#93;52;c;ZXZpbA==&#92;x07 &amp; &#92;x1b&#91;2J",
	} {
		if got := Markdown(in); got != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCode(t *testing.T) {
	for in, want := range map[string]string{
		"":                    "",
		"maps/a.journey.yaml": "`maps/a.journey.yaml`",
		"a`b|c\nd":            "`a'b\\|c d`",
		"x\x1by\u202e":        "`x\\x1by\\u202e`",
	} {
		if got := Code(in); got != want {
			t.Errorf("Code(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+34 600":           "'+34 600",
		"-1":                "'-1",
		"@SUM(A1)":          "'@SUM(A1)",
		"\tx":               "'\tx",
		"Atención":          "Atención",
		"":                  "",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCut(t *testing.T) {
	if got := Cut("añadir", 4); got != "aña…" {
		t.Errorf("got %q", got)
	}
	if got := Cut("año", 3); got != "año" {
		t.Errorf("got %q", got)
	}
}

func TestJSONKeepsMarkupAndAccents(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, map[string]string{"t": "<b>&ñ</b>"}); err != nil {
		t.Fatal(err)
	}
	if b.String() != "{\n  \"t\": \"<b>&ñ</b>\"\n}\n" {
		t.Errorf("got %q", b.String())
	}
}

func TestMarkdownTable(t *testing.T) {
	var b bytes.Buffer
	err := MarkdownTable(&b, []string{"Touchpoint", "NPS"}, []Align{Left, Right}, [][]string{{Markdown("a|b"), "40"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "| Touchpoint | NPS |\n|:--|--:|\n| a&#124;b | 40 |\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if strings.Count(b.String(), "\n") != 3 {
		t.Error("one line per row")
	}
}
