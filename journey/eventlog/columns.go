package eventlog

import (
	"fmt"
	"strings"
)

// The event fields a column can map to.
const (
	fCase = iota
	fActivity
	fTime
	fChannel
	fResource
	fDevice
	fLifecycle
	nFields
)

// fieldNames name the fields in messages.
var fieldNames = [nFields]string{"case", "activity", "timestamp", "channel", "resource", "device", "lifecycle"}

// defaultNames are the column names tried, in order, for a field the
// Columns leave empty (matched exactly, then ignoring case, then ignoring
// case, spaces, '_', '-' and '.').
var defaultNames = [nFields][]string{
	fCase:      {"case:concept:name", "case_id", "caseid", "case", "customer_id", "customer", "cliente_id", "id_cliente", "cliente", "client_id", "user_id"},
	fActivity:  {"concept:name", "activity", "activity_name", "event", "event_name", "evento", "actividad"},
	fTime:      {"time:timestamp", "timestamp", "complete_timestamp", "time", "datetime", "event_time", "fecha_hora", "fecha", "date", "ts"},
	fChannel:   {"channel", "canal"},
	fResource:  {"org:resource", "resource", "owner", "department", "recurso", "departamento"},
	fDevice:    {"device", "dispositivo"},
	fLifecycle: {"lifecycle:transition", "lifecycle"},
}

// required fields must have a column.
func required(f int) bool { return f == fCase || f == fActivity || f == fTime }

// mapping says where each field is in a record.
type mapping struct {
	idx       [nFields]int    // column index; -1 = absent
	names     [nFields]string // the header name used
	attrs     []int           // Columns.Attrs indexes
	attrNames []string        // Columns.Attrs as given
	need      int             // 1 + the largest index used
	needReq   int             // 1 + the largest index of a required field
	ncols     int             // header width
	header    []string
}

// explicit returns the column name Columns gives for field f, or "".
func (c *Columns) explicit(f int) string {
	switch f {
	case fCase:
		return c.Case
	case fActivity:
		return c.Activity
	case fTime:
		return c.Timestamp
	case fChannel:
		return c.Channel
	case fResource:
		return c.Resource
	case fDevice:
		return c.Device
	case fLifecycle:
		return c.Lifecycle
	}
	return ""
}

// normName folds case and drops spaces, '_', '-' and '.'.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case ' ', '_', '-', '.':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// findColumn finds want in header: exactly, else ignoring case (an error
// when that matches more than one).
func findColumn(header []string, want string) (int, error) {
	for i, h := range header {
		if h == want {
			return i, nil
		}
	}
	hit := -1
	for i, h := range header {
		if strings.EqualFold(h, want) {
			if hit >= 0 && header[hit] != h {
				return -1, fmt.Errorf("%q matches both %q and %q (they differ only in case): give the exact name", want, header[hit], h)
			}
			if hit < 0 {
				hit = i
			}
		}
	}
	return hit, nil
}

// mapColumns maps the fields to header columns. kind is "column" or "key".
// Missing mapped or required columns are usage errors listing the header
// and offering a did-you-mean.
func mapColumns(file string, header []string, cols Columns, kind string) (*mapping, []string, error) {
	m := &mapping{ncols: len(header), header: header}
	var warnings []string
	seen := map[string]int{}
	for i, h := range header {
		if j, dup := seen[h]; dup {
			warnings = append(warnings, fmt.Sprintf("%s: %ss %d and %d are both named %q; the first is used", file, kind, j+1, i+1, h))
			continue
		}
		seen[h] = i
	}
	usage := func(msg string) error {
		return &Error{File: file, Line: 1, Message: fmt.Sprintf("%s; the header has: %s", msg, quoteList(header)), Usage: true}
	}
	used := map[int]bool{}
	for f := range nFields {
		m.idx[f] = -1
		if want := cols.explicit(f); want != "" {
			i, err := findColumn(header, want)
			if err != nil {
				return nil, warnings, usage(err.Error())
			}
			if i < 0 {
				msg := fmt.Sprintf("no %s %q for %s", kind, want, fieldNames[f])
				if s := suggest(want, header); s != "" {
					msg += " (did you mean " + fmt.Sprintf("%q", s) + "?)"
				}
				return nil, warnings, usage(msg)
			}
			m.idx[f], m.names[f] = i, header[i]
			used[i] = true
			continue
		}
		i := findDefault(header, defaultNames[f], used)
		if i >= 0 {
			m.idx[f], m.names[f] = i, header[i]
			used[i] = true
			continue
		}
		if required(f) {
			msg := fmt.Sprintf("no %s %s: none of %s is in the header; name the %s to use for %s", fieldNames[f], kind, quoteList(defaultNames[f]), kind, fieldNames[f])
			if s := suggestDefault(header, defaultNames[f], used); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return nil, warnings, usage(msg)
		}
	}
	for _, a := range cols.Attrs {
		i, err := findColumn(header, a)
		if err != nil {
			return nil, warnings, usage(err.Error())
		}
		if i < 0 {
			msg := fmt.Sprintf("no %s %q for an attribute", kind, a)
			if s := suggest(a, header); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return nil, warnings, usage(msg)
		}
		m.attrs = append(m.attrs, i)
		m.attrNames = append(m.attrNames, a)
	}
	for f, i := range m.idx {
		m.need = max(m.need, i+1)
		if required(f) {
			m.needReq = max(m.needReq, i+1)
		}
	}
	for _, i := range m.attrs {
		m.need = max(m.need, i+1)
	}
	return m, warnings, nil
}

// findDefault finds the first of names in header (skipping used columns):
// exactly, then ignoring case, then by normName.
func findDefault(header, names []string, used map[int]bool) int {
	for pass := range 3 {
		for _, want := range names {
			for i, h := range header {
				if used[i] {
					continue
				}
				h = strings.TrimSpace(h)
				if (pass == 0 && h == want) || (pass == 1 && strings.EqualFold(h, want)) || (pass == 2 && normName(h) == normName(want)) {
					return i
				}
			}
		}
	}
	return -1
}

// suggestDefault returns the unused header column closest to one of names.
func suggestDefault(header, names []string, used map[int]bool) string {
	best, bestD := "", 1<<30
	for i, h := range header {
		if used[i] {
			continue
		}
		for _, n := range names {
			d := levenshtein(strings.ToLower(h), n)
			if d < bestD && d <= max(1, len([]rune(n))/3) {
				best, bestD = h, d
			}
		}
	}
	return best
}

// suggest returns the candidate closest to s (ignoring case), or "" when
// none is close enough.
func suggest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := levenshtein(strings.ToLower(s), strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > max(1, len([]rune(s))/3) || best == s {
		return ""
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// quoteList quotes names, at most 20 of them.
func quoteList(names []string) string {
	q := make([]string, 0, min(len(names), 20))
	for i, n := range names {
		if i == 20 {
			return strings.Join(q, ", ") + fmt.Sprintf(" and %d more", len(names)-20)
		}
		q = append(q, fmt.Sprintf("%q", n))
	}
	if len(q) == 0 {
		return "(nothing)"
	}
	return strings.Join(q, ", ")
}
