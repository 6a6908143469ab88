package score

import (
	"bytes"
	"fmt"
)

// EncodingError is a responses file in a text encoding other than UTF-8,
// recognised by its byte order mark.
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

// boms are the byte order marks of encodings a responses file may not be in;
// UTF-32 before UTF-16, whose little-endian mark starts UTF-32's.
var boms = []struct {
	mark     []byte
	encoding string
}{
	{[]byte{0xFF, 0xFE, 0x00, 0x00}, "UTF-32 (little-endian)"},
	{[]byte{0x00, 0x00, 0xFE, 0xFF}, "UTF-32 (big-endian)"},
	{[]byte{0xFF, 0xFE}, "UTF-16 (little-endian)"},
	{[]byte{0xFE, 0xFF}, "UTF-16 (big-endian)"},
}

// checkEncoding returns an *EncodingError when data, the start of a file,
// has the byte order mark of an encoding other than UTF-8.
func checkEncoding(file string, data []byte) error {
	for _, b := range boms {
		if bytes.HasPrefix(data, b.mark) {
			return &EncodingError{File: file, Encoding: b.encoding}
		}
	}
	return nil
}
