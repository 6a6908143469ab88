package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Signalled is the cause of a context that SignalContext cancelled.
type Signalled struct{ Signal os.Signal }

func (s Signalled) Error() string { return "interrupted by " + s.Signal.String() }

// SignalContext returns parent cancelled, with a Signalled cause, on the
// first SIGINT or SIGTERM: commands stop at their next check and remove
// their temporary files. A second signal ends the process at once, as the
// default handling does. stop releases the signals.
func SignalContext(parent context.Context) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			signal.Stop(ch) // the next one is the default: the process ends
			cancel(Signalled{sig})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

// signalExit is the exit code shells give a process ended by the signal
// that cancelled ctx: 128+2 for SIGINT, 128+15 for SIGTERM.
func signalExit(ctx context.Context) int {
	var s Signalled
	if errors.As(context.Cause(ctx), &s) && s.Signal == syscall.SIGTERM {
		return ExitTerminated
	}
	return ExitSignal
}

// cancelWriter fails a write once ctx is cancelled: the encoders of every
// output stop at their next write, however far into the file they are.
type cancelWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c cancelWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
