// Package warehouse pushes journey mine down to the engine an event log
// lives in: Emit writes the SQL that computes a log's aggregates (in
// DuckDB, ClickHouse, BigQuery, Trino or Spark SQL), and ReadDir reads
// their results back for mine.FromAggregates, which mines them as a local
// run mines the log.
package warehouse

import (
	"fmt"
	"strings"
)

// Dialects are the SQL dialects Emit writes.
var Dialects = []string{"duckdb", "clickhouse", "bigquery", "trino", "spark"}

// dialect is what differs between the engines.
type dialect struct {
	name     string
	str, dbl string                   // the string and double types
	quoteID  func(string) string      // an identifier
	lit      func(string) string      // a string literal
	epochUS  func(ts string) string   // a timestamp as Unix microseconds
	path     func(node string) string // the case's nodes, ordered by i, joined by U+001F
	fold     func(s string) string    // mine.Fold: accents stripped, lower case, trimmed
	log2     func(x string) string
}

func dialectOf(name string) (*dialect, error) {
	switch strings.ToLower(name) {
	case "duckdb":
		return &dialect{name: "duckdb", str: "VARCHAR", dbl: "DOUBLE", quoteID: doubleQuoted, lit: standardString,
			epochUS: func(ts string) string { return "epoch_us(" + ts + ")" },
			path:    func(n string) string { return "string_agg(" + n + ", chr(31) ORDER BY i)" },
			fold:    func(s string) string { return "lower(trim(strip_accents(" + s + ")))" },
			log2:    func(x string) string { return "log2(" + x + ")" }}, nil
	case "trino":
		return &dialect{name: "trino", str: "VARCHAR", dbl: "DOUBLE", quoteID: doubleQuoted, lit: standardString,
			epochUS: func(ts string) string { return "CAST(round(to_unixtime(" + ts + ") * 1e6) AS BIGINT)" },
			path:    func(n string) string { return "array_join(array_agg(" + n + " ORDER BY i), chr(31))" },
			fold:    func(s string) string { return "lower(trim(regexp_replace(normalize(" + s + ", NFD), '\\p{M}', '')))" },
			log2:    func(x string) string { return "log2(" + x + ")" }}, nil
	case "bigquery":
		return &dialect{name: "bigquery", str: "STRING", dbl: "FLOAT64", quoteID: backquoted, lit: escapedString(`\x%02x`),
			epochUS: func(ts string) string { return "UNIX_MICROS(" + ts + ")" },
			path:    func(n string) string { return "STRING_AGG(" + n + ", CODE_POINTS_TO_STRING([31]) ORDER BY i)" },
			fold:    func(s string) string { return "LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(" + s + ", NFD), r'\\p{M}', '')))" },
			log2:    func(x string) string { return "LOG(" + x + ", 2)" }}, nil
	case "clickhouse":
		return &dialect{name: "clickhouse", str: "String", dbl: "Float64", quoteID: doubleQuoted, lit: escapedString(`\x%02x`),
			epochUS: func(ts string) string { return "toUnixTimestamp64Micro(toDateTime64(" + ts + ", 6))" },
			path: func(n string) string {
				return "arrayStringConcat(arrayMap(x -> x.2, arraySort(groupArray((i, " + n + ")))), char(31))"
			},
			fold: func(s string) string {
				return "lowerUTF8(trimBoth(replaceRegexpAll(normalizeUTF8NFD(" + s + "), '\\\\p{Mn}', '')))"
			},
			log2: func(x string) string { return "log2(" + x + ")" }}, nil
	case "spark":
		return &dialect{name: "spark", str: "STRING", dbl: "DOUBLE", quoteID: backquoted, lit: escapedString(`\u%04x`),
			epochUS: func(ts string) string { return "unix_micros(" + ts + ")" },
			path: func(n string) string {
				return "array_join(transform(array_sort(collect_list(struct(i, " + n + " AS node))), x -> x.node), char(31))"
			},
			// Spark SQL has no Unicode normalisation: the accents of Latin
			// letters are translated away.
			fold: func(s string) string { return "lower(trim(translate(" + s + ", " + sparkAccents + ")))" },
			log2: func(x string) string { return "log2(" + x + ")" }}, nil
	}
	return nil, fmt.Errorf("unknown SQL dialect %q (want %s)", name, strings.Join(Dialects, ", "))
}

// sparkAccents are translate()'s arguments for Spark's fold: the accented
// Latin letters of Spanish, Portuguese, French, German and Catalan.
const sparkAccents = "'áàâäãåéèêëíìîïóòôöõúùûüýÿñçÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÝÑÇ', 'aaaaaaeeeeiiiiooooouuuuyyncAAAAAAEEEEIIIIOOOOOUUUUYNC'"

// doubleQuoted quotes an identifier as standard SQL does.
func doubleQuoted(id string) string { return `"` + strings.ReplaceAll(id, `"`, `""`) + `"` }

// backquoted quotes an identifier as BigQuery and Spark do.
func backquoted(id string) string { return "`" + strings.ReplaceAll(id, "`", "``") + "`" }

// standardString is a standard SQL literal: quotes doubled, nothing else
// special (DuckDB, Trino).
func standardString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// escapedString returns the literal writer of engines where the backslash
// escapes (BigQuery, ClickHouse, Spark): backslash, quote and control
// characters escaped, the latter with format (\x%02x or \u%04x).
func escapedString(format string) func(string) string {
	return func(s string) string {
		var b strings.Builder
		b.WriteByte('\'')
		for _, r := range s {
			switch {
			case r == '\\' || r == '\'':
				b.WriteByte('\\')
				b.WriteRune(r)
			case r < 0x20 || r == 0x7f:
				fmt.Fprintf(&b, format, r)
			default:
				b.WriteRune(r)
			}
		}
		b.WriteByte('\'')
		return b.String()
	}
}
