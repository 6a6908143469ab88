// Command journey validates, lints, scores and renders customer journey maps.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/journey-cx/journey/internal/cli"
)

// Set by the release build through -ldflags -X.
var (
	version = ""
	commit  = ""
	date    = ""
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args[1:], cli.System(), cli.BuildInfo{Version: version, Commit: commit, Date: date})
	stop()
	os.Exit(code)
}
