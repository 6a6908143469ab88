// Package codetest holds no code, only tests of the code itself. The one
// there is keeps functions short: no function or method in the module's
// non-test Go files is over MaxLines lines (from its func keyword to its
// closing brace, the doc comment not counted) unless its doc comment, the
// comment immediately above it, says why with the marker "long because",
// as in
//
//	// decodeRow reads one row of the sheet. It is long because the
//	// columns are one switch that reads best in one piece.
//	func decodeRow(...) {
//
// The marker is matched without regard to case. Generated files (with a
// "Code generated ... DO NOT EDIT." line), testdata folders and hidden
// folders are skipped. The test lists every offender, with its file, line
// and length, then fails.
package codetest
