package journey

import (
	"path/filepath"
	"strings"
)

// IsMapFile reports whether name follows the map naming convention:
// *.journey.yaml or *.journey.yml, with a name before the suffix. The
// project config file, named just .journey.yaml, is not a map.
func IsMapFile(name string) bool {
	name = filepath.Base(name)
	for _, ext := range []string{".journey.yaml", ".journey.yml"} {
		if stem, ok := strings.CutSuffix(name, ext); ok && stem != "" {
			return true
		}
	}
	return false
}
