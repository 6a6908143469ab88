// Command gendocs writes the journey command reference (Markdown, for
// docs/cli) and man pages (for release archives) from the cobra commands.
// It lives outside cmd/journey so the journey binary does not link the doc
// generator.
//
//	go run ./scripts/gendocs -md docs/cli               # refresh the committed reference
//	go run ./scripts/gendocs -man manpages -version 1.2.0 -date 2026-01-31
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/journey-cx/journey/internal/cli"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gendocs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	mdDir := fs.String("md", "", "write the Markdown reference to `dir` (replacing its *.md files)")
	manDir := fs.String("man", "", "write man pages to `dir`")
	version := fs.String("version", "", "version shown in the man page footer")
	date := fs.String("date", "", "date of the man pages, YYYY-MM-DD or RFC 3339 (default: SOURCE_DATE_EPOCH, else 1970-01-01)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 || (*mdDir == "" && *manDir == "") {
		fs.Usage()
		return errors.New("want -md DIR and/or -man DIR, and no arguments")
	}
	if *mdDir != "" {
		files, err := Markdown(rootCommand())
		if err != nil {
			return err
		}
		if err := writeDir(*mdDir, ".md", files); err != nil {
			return err
		}
	}
	if *manDir != "" {
		when, err := manDate(*date, os.Getenv("SOURCE_DATE_EPOCH"))
		if err != nil {
			return err
		}
		files, err := Man(rootCommand(), *version, when)
		if err != nil {
			return err
		}
		if err := writeDir(*manDir, ".1", files); err != nil {
			return err
		}
	}
	return nil
}

// rootCommand is the journey command tree as the binary builds it,
// including the completion commands cobra adds when it runs.
func rootCommand() *cobra.Command {
	app, _, _, _ := cli.Test()
	root := cli.NewRootCommand(app, cli.BuildInfo{})
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	root.DisableAutoGenTag = true
	return root
}

// commands returns root and every documented descendant, depth first.
func commands(c *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{c}
	for _, sub := range c.Commands() {
		if !sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
			continue
		}
		out = append(out, commands(sub)...)
	}
	return out
}

// Markdown returns the reference page of every command, by file name
// (journey_lint.md), with no generation date so the output is stable.
func Markdown(root *cobra.Command) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, c := range commands(root) {
		c.DisableAutoGenTag = true
		var b bytes.Buffer
		if err := doc.GenMarkdownCustom(c, &b, func(s string) string { return s }); err != nil {
			return nil, err
		}
		name := strings.ReplaceAll(c.CommandPath(), " ", "_") + ".md"
		files[name] = normalize(b.Bytes())
	}
	return files, nil
}

// Man returns the man page (section 1) of every command, by file name
// (journey-lint.1), dated when.
func Man(root *cobra.Command, version string, when time.Time) (map[string][]byte, error) {
	files := map[string][]byte{}
	source := "journey"
	if version != "" {
		source += " " + strings.TrimPrefix(version, "v")
	}
	for _, c := range commands(root) {
		c.DisableAutoGenTag = true
		hdr := &doc.GenManHeader{Title: strings.ToUpper(strings.ReplaceAll(c.CommandPath(), " ", "-")),
			Section: "1", Date: &when, Source: source, Manual: "Journey Manual"}
		var b bytes.Buffer
		if err := doc.GenMan(c, hdr, &b); err != nil {
			return nil, err
		}
		name := strings.ReplaceAll(c.CommandPath(), " ", "-") + ".1"
		files[name] = b.Bytes()
	}
	return files, nil
}

// normalize trims trailing spaces and ends the file with one newline, so
// editors and linters leave the generated files alone.
func normalize(b []byte) []byte {
	lines := strings.Split(strings.TrimRight(string(b), "\n "), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}

// manDate picks the man pages' date: the flag, else SOURCE_DATE_EPOCH, else
// the Unix epoch (never the clock, so builds are reproducible).
func manDate(flagValue, epoch string) (time.Time, error) {
	switch {
	case flagValue != "":
		for _, layout := range []string{time.RFC3339, time.DateOnly} {
			if t, err := time.Parse(layout, flagValue); err == nil {
				return t.UTC(), nil
			}
		}
		return time.Time{}, fmt.Errorf("bad -date %q: want YYYY-MM-DD or RFC 3339", flagValue)
	case epoch != "":
		var sec int64
		if _, err := fmt.Sscan(epoch, &sec); err != nil {
			return time.Time{}, fmt.Errorf("bad SOURCE_DATE_EPOCH %q", epoch)
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	return time.Unix(0, 0).UTC(), nil
}

// writeDir writes files into dir and removes the other files with ext there,
// so a removed command loses its page.
func writeDir(dir, ext string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, err := filepath.Glob(filepath.Join(dir, "*"+ext))
	if err != nil {
		return err
	}
	for _, p := range old {
		if _, keep := files[filepath.Base(p)]; !keep {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if err := writeAtomic(filepath.Join(dir, n), files[n]); err != nil {
			return err
		}
	}
	return nil
}

// writeAtomic writes data to a temp file beside path, then renames it.
func writeAtomic(path string, data []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		_ = f.Close()
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
