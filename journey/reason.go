package journey

import (
	"errors"
	"io/fs"
	"strings"
)

// PathReason is err as a person reads it after the file's name: without
// the system call and path of an fs.PathError ("stat …", "open …"), and
// with an os.Root's "path escapes from parent" said in words.
func PathReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if err != nil && strings.Contains(err.Error(), "path escapes from parent") {
		return errors.New("it leads outside the map's folder")
	}
	return err
}
