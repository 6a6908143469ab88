// Package diff compares two versions of a journey map: stages and
// touchpoints added, removed, renamed and moved, field changes, metric
// changes with their significance, and lint findings introduced or fixed.
package diff
