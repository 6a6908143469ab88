package journey

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
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

// Discover expands paths into map files: a file is taken whatever its name;
// a directory is searched recursively for *.journey.yaml|yml, skipping
// hidden directories. The result is sorted per argument and de-duplicated.
// A path that does not exist is an error wrapping fs.ErrNotExist.
func Discover(paths []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range paths {
		if p == "-" {
			add(p)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: %w", p, fs.ErrNotExist)
			}
			return nil, err
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" {
					return filepath.SkipDir
				}
				return nil
			}
			if IsMapFile(d.Name()) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
	}
	return out, nil
}
