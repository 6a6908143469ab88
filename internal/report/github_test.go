package report

import "testing"

func TestGitHubEscaping(t *testing.T) {
	t.Parallel()
	if got, want := escapeData("50%: a,b\r\nc"), "50%25: a,b%0D%0Ac"; got != want {
		t.Errorf("escapeData = %q, want %q", got, want)
	}
	if got, want := escapeProperty("dir:x,y/50%\n.yaml"), "dir%3Ax%2Cy/50%25%0A.yaml"; got != want {
		t.Errorf("escapeProperty = %q, want %q", got, want)
	}
}
