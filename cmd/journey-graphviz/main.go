// Command journey-graphviz lays out a graph for `journey render --view
// graph`. It reads a graph in the DOT language on standard input and writes
// the laid-out graph on standard output, like Graphviz's own dot:
//
//	journey-graphviz [-Tformat] [-Klayout] < graph.dot > layout.json
//
// The formats are the layout ones: json0 (the default), json, dot, xdot,
// plain and plain-ext; svg is accepted for debugging. The layouts are
// Graphviz's: dot (the default), neato, fdp, sfdp, circo, twopi, osage,
// patchwork. -V prints the version, which journey checks before it runs
// the helper.
//
// It is a separate program because it embeds Graphviz compiled to
// WebAssembly (github.com/goccy/go-graphviz), which costs every process that
// links it a compile at start-up; journey itself stays light and runs this
// helper only when a graph is drawn. Exit status: 0 on success, 1 when the
// graph cannot be parsed or laid out, 2 for bad arguments.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/journey-cx/journey/internal/helperbin"
)

// version is stamped by the release build; empty, it comes from the
// module's build information (helperbin.BuildVersion), as journey's does.
var version string

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program, with its streams as parameters.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "journey-graphviz: %v\nusage: journey-graphviz [-Tformat] [-Klayout] < graph.dot\n", err)
		return 2
	}
	if opts.version {
		// The handshake: journey runs only a helper of its own version
		// (helperbin.Handshake reads this line).
		fmt.Fprintln(stdout, helperbin.VersionLine("journey-graphviz", helperbin.BuildVersion(version), 0, "Graphviz "+graphvizVersion))
		return 0
	}
	src, err := io.ReadAll(io.LimitReader(stdin, maxInput+1))
	if err != nil {
		fmt.Fprintf(stderr, "journey-graphviz: reading the graph: %v\n", err)
		return 1
	}
	if len(src) > maxInput {
		fmt.Fprintf(stderr, "journey-graphviz: the graph is over %d MiB\n", maxInput>>20)
		return 1
	}
	if err := layout(ctx, src, opts, stdout); err != nil {
		fmt.Fprintf(stderr, "journey-graphviz: %v\n", err)
		return 1
	}
	return 0
}

// maxInput is the largest DOT source read.
const maxInput = 64 << 20

type options struct {
	format, engine string
	version        bool
}

// formats lists the output formats accepted: the ones that carry the layout.
// go-graphviz's png is broken and it has no pdf; an unsupported format fails
// inside it with a misleading "failed to read wasm memory", so they are
// rejected here.
var formats = []string{"json0", "json", "dot", "xdot", "plain", "plain-ext", "svg"}

var engines = []string{"dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork"}

// parseArgs reads dot-style flags: -Tjson0, -T json0, -Kdot, -V.
func parseArgs(args []string) (options, error) {
	o := options{format: "json0", engine: "dot"}
	for i := 0; i < len(args); i++ {
		a := args[i]
		var val *string
		var allowed []string
		switch {
		case a == "-V" || a == "--version" || a == "-version":
			o.version = true
			continue
		case len(a) >= 2 && a[:2] == "-T":
			val, allowed = &o.format, formats
		case len(a) >= 2 && a[:2] == "-K":
			val, allowed = &o.engine, engines
		default:
			return o, fmt.Errorf("unknown argument %q", a)
		}
		v := a[2:]
		if v == "" {
			if i+1 >= len(args) {
				return o, fmt.Errorf("%s needs a value", a)
			}
			i++
			v = args[i]
		}
		if !contains(allowed, v) {
			return o, fmt.Errorf("unsupported %s value %q (want one of %v)", a[:2], v, allowed)
		}
		*val = v
	}
	return o, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
