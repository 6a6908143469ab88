package cli

import (
	"errors"

	"github.com/journey-cx/journey/internal/xlsxhelper"
)

// xlsxHelper returns journey-xlsx, which reads and writes workbooks, or an
// error (exit 2) that says where journey looked and how to get it.
func xlsxHelper(app *Factory) (*xlsxhelper.Helper, error) {
	return xlsxhelper.Find(app.Helpers)
}

// helperError turns a failed run of a helper into the command's error with
// the helper's message and exit code: 1 when it found problems in the
// input, 2 otherwise.
func helperError(err error) error {
	var he *xlsxhelper.Error
	if errors.As(err, &he) && he.Code == ExitProblems {
		return &exitError{Code: ExitProblems, Err: err}
	}
	return err
}
