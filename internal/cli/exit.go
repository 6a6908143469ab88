package cli

import (
	"context"
	"errors"
	"fmt"
)

// Exit codes shared by every command.
const (
	ExitOK       = 0   // success
	ExitProblems = 1   // the input has problems: invalid map, findings, missed gate
	ExitFailure  = 2   // the command could not run
	ExitSignal   = 130 // interrupted by Ctrl-C (SIGINT) before it finished
	// ExitTerminated is the exit code after SIGTERM (a cancelled CI job).
	ExitTerminated = 143
)

// exitError ends a command with Code once its messages are printed.
type exitError struct {
	Code int
	Err  error // nil when the findings were already printed
}

func (e *exitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *exitError) Unwrap() error { return e.Err }

// problems ends the command with exit 1 without a further message.
func problems() error { return &exitError{Code: ExitProblems} }

// usageError is a bad flag or argument: exit 2 with the message.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// exitCode maps an error from a command to the process exit code.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	if errors.Is(err, context.Canceled) {
		return ExitSignal
	}
	return ExitFailure
}
