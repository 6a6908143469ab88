// Package archtest holds no code, only the test that keeps journey's
// dependencies pointing down: the map model (journey/...), the renderers
// (render/...) and the schema (schema/...) are libraries that run no
// program and know nothing of the command line, and the model knows
// nothing of the renderers. The command line (internal/cli) and its helper
// runners (internal/helperbin, internal/xlsxhelper, internal/graphhelper)
// sit on top and pass what the libraries need, such as a graph layout
// engine, as values.
//
// The test reads the imports of every package with go list, so it needs the
// go command; it skips when go is not on PATH. It checks the packages'
// own imports, not their tests': a test may run a program or build a
// helper.
package archtest
