package format

import "testing"

func TestLiteralAstral(t *testing.T) {
	t.Parallel()
	in := []byte("title: \"Fiesta \\U0001F389 ñ\"\nraw: a\\U0001F389b\nkept: \"a\\\\U0001F389b\"\n")
	got := string(literalAstral(in))
	want := "title: \"Fiesta 🎉 ñ\"\nraw: a\\U0001F389b\nkept: \"a\\\\U0001F389b\"\n"
	if got != want {
		t.Errorf("literalAstral:\n%s\nwant:\n%s", got, want)
	}
}
