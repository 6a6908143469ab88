package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/graphhelper"
	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/internal/serve"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/project"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/draw"
	"github.com/journey-cx/journey/render/graph"
)

type serveOptions struct {
	load   loadFlags
	host   string
	port   int
	open   bool
	theme  string
	locale string
	config string
	poll   time.Duration
}

func newServeCmd(app *Factory) *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve [PATH...]",
		Short: "Show maps in the browser, redrawn as the files change",
		Long: strings.TrimSpace(`
Serve the maps under PATH (default: this folder) on this machine, and keep
every open page up to date: save a map, its .journey.yaml or a survey
export it reads, and its picture is drawn again and pushed to the browser
without a reload, keeping the scroll position. The index lists every map
with its model, lint status and headline scores; each map's page shows the
map as the same SVG journey render writes, its lint findings (file:line:col
and the line they point at) and its score table, and the flow graph with
?view=graph. A map that stops validating keeps its last good picture,
dimmed, under its errors; a deleted map leaves the index, a new one joins.

The server listens on 127.0.0.1 and a free port (--port to choose one) and
prints its address on standard output. It serves only rendered maps and its
own files, never a file by its path, answers only GET, and refuses requests
whose Host header is not this machine's (DNS rebinding). --host makes it
listen on another address: anyone who can reach that address can then read
the maps, and journey serve says so.

Ctrl-C or SIGTERM stops it.

Exit status: 0 stopped by a signal, 2 it could not start (a bad flag, a path
that does not exist, a port in use).`),
		Example: examples(`
  journey serve                          # every map under this folder
  journey serve maps/ --open             # and open the browser
  journey serve alta.journey.yaml --port 8080`),
		GroupID:           "author",
		ValidArgsFunction: completeMapFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			return serveRun(cmd.Context(), app, opts, args, cmd.Flags().Changed("host"))
		},
	}
	opts.load.bind(cmd.Flags())
	f := cmd.Flags()
	f.StringVar(&opts.host, "host", "127.0.0.1", "address to listen on; anything but loopback lets other machines read the maps")
	f.IntVar(&opts.port, "port", 0, "port to listen on (default: a free one)")
	f.BoolVar(&opts.open, "open", false, "open the index in the browser")
	f.StringVar(&opts.theme, "theme", "default", "colours: "+strings.Join(render.ThemeNames(), " or "))
	f.StringVar(&opts.locale, "locale", "", "language of the labels: "+strings.Join(render.Locales, ", ")+" (default: the map's locale)")
	f.StringVar(&opts.config, "config", "", "project config file (default: the nearest .journey.yaml above each map)")
	f.DurationVar(&opts.poll, "poll", 0, "look at the files at this interval instead of being told of changes (network drives)")
	_ = cmd.RegisterFlagCompletionFunc("theme", cobra.FixedCompletions(render.ThemeNames(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("locale", cobra.FixedCompletions(render.Locales, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func serveRun(ctx context.Context, app *Factory, opts *serveOptions, paths []string, hostGiven bool) error {
	if ctx == nil {
		ctx = context.Background()
	}
	colours, err := render.ParseTheme(opts.theme)
	if err != nil {
		return usagef("%w", err)
	}
	if opts.locale != "" && !render.HasLocale(opts.locale) {
		return usagef("no labels for locale %q (have %s)", opts.locale, strings.Join(render.Locales, ", "))
	}
	if opts.port < 0 || opts.port > 65535 {
		return usagef("--port %d is not a port (0-65535)", opts.port)
	}
	if opts.poll < 0 {
		return usagef("--poll must be positive")
	}
	loopback := isLoopback(opts.host)
	if !loopback && !hostGiven {
		return usagef("refusing to listen on %s, which is not loopback, without --host", opts.host)
	}
	ld, err := app.Loader(opts.load, opts.config)
	if err != nil {
		return err
	}
	if _, err := ld.Discover(paths); err != nil {
		return err
	}
	th := newTheme(app.ErrOut, app.ColorErr)
	srv := serve.New(serve.Options{
		Paths: paths,
		NewLoader: func() *project.Loader {
			return &project.Loader{Dir: ld.Dir, Stdin: ld.Stdin, MaxSize: ld.MaxSize, ConfigFile: ld.ConfigFile}
		},
		Prepare:  servePrepare(app, colours, opts.locale),
		Graph:    serveGraph(app),
		Observed: serveObserved(app),
		Poll:     opts.poll,
		Log:      output.NewTerminalWriter(app.ErrOut), // map names, shown never obeyed
	})
	ln, err := net.Listen("tcp", net.JoinHostPort(opts.host, strconv.Itoa(opts.port)))
	if err != nil {
		return fmt.Errorf("can't listen on %s: %w", net.JoinHostPort(opts.host, strconv.Itoa(opts.port)), err)
	}
	url := serveURL(opts.host, ln.Addr())
	var allow []string
	if !loopback {
		fmt.Fprintf(app.ErrOut, "%s listening on %s, not only this machine: anyone who can reach it can read these maps (you asked with --host)\n",
			th.warnStyle.Render("!"), ln.Addr())
		allow = append(allow, opts.host)
		if name, err := os.Hostname(); err == nil {
			allow = append(allow, name)
		}
	}
	fmt.Fprintln(app.Out, url)
	fmt.Fprintf(app.ErrOut, "journey serve: %s (Ctrl-C to stop)\n", url)
	if opts.open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(app.ErrOut, "%s can't open the browser: %v\n", th.warnStyle.Render("!"), err)
		}
	}
	if err := srv.Serve(ctx, ln, allow...); err != nil {
		return err
	}
	fmt.Fprintln(app.ErrOut, "journey serve: stopped")
	return nil
}

// isLoopback reports whether host is a loopback name or address.
func isLoopback(host string) bool {
	h := strings.Trim(host, "[]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// serveURL is the address to browse: an unspecified host (0.0.0.0, ::)
// is reached through 127.0.0.1.
func serveURL(host string, addr net.Addr) string {
	port := "0"
	if ta, ok := addr.(*net.TCPAddr); ok {
		port = strconv.Itoa(ta.Port)
	}
	h := strings.Trim(host, "[]")
	if ip := net.ParseIP(h); ip != nil && ip.IsUnspecified() {
		h = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(h, port) + "/"
}

// servePrepare builds what journey render draws of a valid map: the lint
// findings of its config, its scores with the answers of its sources, the
// colours and labels. What can't be read becomes a note on the page.
func servePrepare(app *Factory, colours render.Theme, locale string) func(context.Context, *project.Loader, *project.File) (*render.Input, journey.Diagnostics) {
	quiet := *app
	quiet.TermErr = false // no progress bar
	quiet.ErrOut = io.Discard
	return func(ctx context.Context, ld *project.Loader, lm *project.File) (*render.Input, journey.Diagnostics) {
		in := &render.Input{Map: lm.Map, Theme: colours, Locale: locale, Context: ctx}
		in.Findings = lm.Config.Linter.Lint(lm.Map, lm.Data)
		in.Findings.Sort()
		tallies, sdiags, err := readSources(ctx, &quiet, ld, lm, &scoreOptions{}, nil)
		switch {
		case err != nil:
			return in, journey.Diagnostics{{Severity: journey.SeverityWarning, File: lm.Name,
				Message: "scores from the map's metrics only: " + err.Error()}}
		case len(sdiags) > 0:
			for i := range sdiags {
				sdiags[i].Severity = journey.SeverityWarning
				sdiags[i].Message += " (scores from the map's metrics only)"
			}
			return in, sdiags
		case len(tallies) > 0:
			in.Scores = score.Compute(lm.Map, score.Options{Responses: tallies})
		}
		return in, nil
	}
}

// serveGraph returns the graph view's drawer, or nil without
// journey-graphviz.
func serveGraph(app *Factory) func(context.Context, *render.Input, io.Writer) error {
	eng, err := graphhelper.Find(app.Helpers)
	if err != nil {
		return nil
	}
	return func(ctx context.Context, in *render.Input, w io.Writer) error {
		return graph.NewJob(eng).Render(ctx, in, "svg", w)
	}
}

// serveObserved returns the observed view's drawer: the map annotated with
// the logs its events: declare, mined with mine's defaults, as render
// --observed draws it.
func serveObserved(app *Factory) func(context.Context, *project.Loader, *project.File, *render.Input, io.Writer) error {
	quiet := *app
	quiet.TermErr = false // no progress bar
	quiet.ErrOut = io.Discard
	return func(ctx context.Context, ld *project.Loader, lm *project.File, in *render.Input, w io.Writer) error {
		var mf minedFlags
		mineFlags(&cobra.Command{Use: "mine"}, &mf.mine) // the flags' defaults
		res, err := minedResult(ctx, &quiet, ld, lm, &mf, "map")
		if err != nil {
			return err
		}
		annotated := *in
		annotated.Mined, annotated.Context = res, ctx // the render's own context ended with it
		return draw.SVG(w, &annotated)
	}
}

// openBrowser opens url in the desktop's browser, without waiting for it.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
