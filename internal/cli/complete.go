package cli

import "github.com/spf13/cobra"

// mapFileExts are the suffixes shells complete map arguments with; cobra
// hands them to bash's _filedir and zsh's _files -g "*.EXT" (directories
// are offered too). fish and PowerShell complete every file instead.
var mapFileExts = []string{"journey.yaml", "journey.yml"}

// completeMapFiles completes PATH arguments with map files and folders.
var completeMapFiles = completeFiles(0, mapFileExts...)

// completeFiles completes up to max positional arguments (0: any number)
// with files ending in one of exts, and folders.
func completeFiles(max int, exts ...string) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if max > 0 && len(args) >= max {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}
