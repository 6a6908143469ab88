package cli

import (
	"fmt"
	"os"

	"github.com/journey-cx/journey/journey/project"
)

// refuseInputs stops a render, before anything is written, whose output
// would replace one of its maps or their project configs (exit 2).
func refuseInputs(app *Factory, ld *project.Loader, files []string, targetsOf map[string][]renderTarget) error {
	var inputs []string
	for _, f := range files {
		if f == project.Stdin {
			continue
		}
		inputs = append(inputs, ld.Abs(f))
		if c, err := ld.ConfigFor(f); err == nil && c.Path != "" {
			inputs = append(inputs, c.Path)
		}
	}
	for _, f := range files {
		for _, t := range targetsOf[f] {
			if err := refuseInput(app, ld, t, inputs); err != nil {
				return err
			}
		}
	}
	return nil
}

// refuseInput refuses the output t when it is one of the files inputs
// (absolute paths), or, with inputs nil, one of the files the loader has
// read so far: the map, its config, its surveys, its event log.
func refuseInput(app *Factory, ld *project.Loader, t renderTarget, inputs []string) error {
	if t.path == "-" {
		return nil
	}
	out, err := os.Stat(app.Abs(t.path))
	if err != nil {
		return nil // a file that does not exist is nobody's input
	}
	if inputs == nil {
		inputs = ld.Files()
	}
	for _, in := range inputs {
		if info, err := os.Stat(in); err == nil && os.SameFile(out, info) {
			what := "it is " + ld.Name(in) + ", which this render reads"
			if ld.Name(in) == ld.Name(app.Abs(t.path)) {
				what = "this render reads it"
			}
			return &exitError{Code: ExitFailure, Err: fmt.Errorf("refusing to write %s: %s; write the %s to another file", t.path, what, t.format.name)}
		}
	}
	return nil
}
