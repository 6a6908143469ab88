package main

import (
	"context"
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/journey-cx/journey/internal/cli"
)

// runMainEnv makes the test binary run main itself: the signal tests need
// the process as users start it.
const runMainEnv = "JOURNEY_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main() // the real main, signals and all, for the signal tests
	}
	testscript.Main(m, map[string]func(){
		"journey": func() {
			os.Exit(cli.Main(context.Background(), os.Args[1:], cli.System(), cli.BuildInfo{Version: "v0.0.0-test"}))
		},
	})
}

var update = flag.Bool("update", false, "rewrite the files that scripts compare with cmp (want.json and the like)")

// TestScript runs the end-to-end scripts in testdata/script against the
// real binary: arguments, exit codes, stdout and stderr.
func TestScript(t *testing.T) {
	t.Parallel()
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			return nil
		},
	})
}
