package score

import (
	"fmt"

	"github.com/journey-cx/journey/journey"
)

// EncodingError is a responses file in a text encoding other than UTF-8,
// recognised by its byte order mark or, for UTF-16, by its NUL halves.
type EncodingError struct {
	File     string // the file as named to the user
	Encoding string // e.g. "UTF-16 (little-endian)"
}

// Problem says what is wrong and what to do, without the file name.
func (e *EncodingError) Problem() string {
	return fmt.Sprintf("file is %s text; save it as UTF-8 (in Excel: CSV UTF-8)", e.Encoding)
}

// Error formats the error as file: problem.
func (e *EncodingError) Error() string { return e.File + ": " + e.Problem() }

// checkEncoding returns an *EncodingError when data, the start of a file,
// is in a text encoding other than UTF-8 that journey recognises (the one
// check maps and event logs make too: journey.ForeignEncoding).
func checkEncoding(file string, data []byte) error {
	if enc := journey.ForeignEncoding(data); enc != "" {
		return &EncodingError{File: file, Encoding: enc}
	}
	return nil
}
