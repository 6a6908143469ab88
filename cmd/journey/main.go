// Command journey validates, lints, scores and renders customer journey maps.
package main

import (
	"context"
	"os"

	"github.com/journey-cx/journey/internal/cli"
)

// Set by the release build through -ldflags -X.
var (
	version = ""
	commit  = ""
	date    = ""
)

func main() {
	// Ctrl-C and SIGTERM (a cancelled CI job) cancel ctx: commands stop
	// before replacing any file, and temporary files are removed.
	ctx, stop := cli.SignalContext(context.Background())
	code := cli.Main(ctx, os.Args[1:], cli.System(), cli.BuildInfo{Version: version, Commit: commit, Date: date})
	stop()
	os.Exit(code)
}
