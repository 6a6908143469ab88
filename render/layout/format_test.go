package layout

import "testing"

func TestFormat(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ got, want string }{
		{num(5.25, 1, "es"), "5,2"},
		{num(5.25, 1, "en"), "5.2"},
		{num(-0.01, 1, "en"), "0.0"},
		{num(-4, 0, "en"), "−4"},
		{signed(12, 0, "es"), "+12"},
		{signed(0, 0, "es"), "0"},
		{signed(-41, 0, "en"), "−41"},
		{pct(80, 0, "es"), "80\u00a0%"},
		{pct(80, 0, "en"), "80%"},
		{unit("4", "/5", "es"), "4/5"},
		{unit("1,9", "%", "es"), "1,9\u00a0%"},
		{unit("0.42", "€", "en"), "0.42\u00a0€"},
		{unit("3", "min", "en"), "3\u00a0min"},
		{trimNum(5.50, 2, "es"), "5,5"},
		{trimNum(30, 1, "en"), "30"},
		{quote("Hola", "es"), "«Hola»"},
		{quote("Hi", "en"), "“Hi”"},
		{quote("“Already”", "en"), "“Already”"},
		{initials("Marta Giménez López"), "MG"},
		{initials("ñandú"), "Ñ"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
