// Command genmaps writes N generated journey maps of T touchpoints each into
// a directory, for the validate, lint, fmt and diff benchmark scripts.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/journey-cx/journey/internal/mapgen"
)

func main() {
	n := flag.Int("n", 1000, "number of maps")
	t := flag.Int("touchpoints", 50, "touchpoints per map")
	out := flag.String("out", "bench/out/maps", "output directory")
	variant := flag.Bool("variant", false, "write the next version of each map (mapgen.Variant), for journey diff")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var total int64
	for i := range *n {
		data := mapgen.Map(uint64(i), *t)
		if *variant {
			data = mapgen.Variant(data)
		}
		total += int64(len(data))
		if err := os.WriteFile(filepath.Join(*out, fmt.Sprintf("map-%04d.journey.yaml", i)), data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	fmt.Fprintf(os.Stderr, "wrote %d maps, %.1f MB, to %s\n", *n, float64(total)/1e6, *out)
}
