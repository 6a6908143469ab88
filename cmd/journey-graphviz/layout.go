package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/goccy/go-graphviz"
)

// graphvizVersion is the Graphviz release go-graphviz v0.2.9 embeds.
const graphvizVersion = "12.1.2"

// wasmMu serialises layouts: go-graphviz runs one WebAssembly instance per
// process, with global error state, and is not safe for concurrent use.
var wasmMu sync.Mutex

// layout parses src, lays it out with opts.engine and writes it in
// opts.format to w. The Graphviz context and graph are closed on every path;
// their close errors join the returned one.
func layout(ctx context.Context, src []byte, opts options, w io.Writer) (err error) {
	if len(bytes.TrimSpace(src)) == 0 {
		return errors.New("no graph on standard input")
	}
	wasmMu.Lock()
	defer wasmMu.Unlock()
	gv, err := graphviz.New(ctx)
	if err != nil {
		return fmt.Errorf("starting Graphviz: %w", err)
	}
	defer func() { err = errors.Join(err, gv.Close()) }()
	g, err := graphviz.ParseBytes(src)
	if err != nil {
		return fmt.Errorf("parsing the graph: %w", err)
	}
	if g == nil {
		return errors.New("parsing the graph: no graph found")
	}
	defer func() { err = errors.Join(err, g.Close()) }()
	gv.SetLayout(graphviz.Layout(opts.engine))
	var buf bytes.Buffer
	if err := gv.Render(ctx, g, graphviz.Format(opts.format), &buf); err != nil {
		return fmt.Errorf("laying out the graph: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}
