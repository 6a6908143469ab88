package score

import "sort"

// Answers are raw survey answers counted by value.
type Answers struct {
	NPS  [11]int64 // answers 0..10
	CES  [7]int64  // raw answers 1..7 (index 0 = answer 1), before any reversal
	CSAT [5]int64  // answers 1..5 (index 0 = answer 1)
}

// Add adds the counts of b to a.
func (a *Answers) Add(b *Answers) {
	for i := range a.NPS {
		a.NPS[i] += b.NPS[i]
	}
	for i := range a.CES {
		a.CES[i] += b.CES[i]
	}
	for i := range a.CSAT {
		a.CSAT[i] += b.CSAT[i]
	}
}

// Count returns how many answers a holds for metric.
func (a *Answers) Count(metric Metric) int64 {
	var s []int64
	switch metric {
	case MetricNPS:
		s = a.NPS[:]
	case MetricCES:
		s = a.CES[:]
	case MetricCSAT:
		s = a.CSAT[:]
	}
	var n int64
	for _, c := range s {
		n += c
	}
	return n
}

func ints(s []int64) []int {
	out := make([]int, len(s))
	for i, c := range s {
		out[i] = int(c)
	}
	return out
}

// Rejects counts the cells of one column that were rejected.
type Rejects struct {
	Column    string  // the column key: touchpoint, nps, ces, csat, segment, date
	Header    string  // the column's header in the file
	Count     int64   // cells rejected
	FirstRows []int64 // row numbers of the first rejected cells (the header is row 1), at most MaxRowsShown
	Example   string  // the first rejected value, as read
	Reason    string  // why it was rejected, e.g. "not a whole number in 0..10"
}

// Unknown counts the rows whose touchpoint is not in the map.
type Unknown struct {
	Touchpoint string // the value in the touchpoint column
	Count      int64  // rows with it
	FirstRow   int64  // the first such row (the header is row 1)
}

// MaxRowsShown is how many row numbers a Rejects keeps.
const MaxRowsShown = 5

// MaxUnknownShown is how many distinct unknown touchpoints a Tally names; the
// rest are counted in Tally.UnknownOther.
const MaxUnknownShown = 50

// Tally is what one responses file holds once read: answers counted by
// touchpoint (and segment), and everything that was not counted, with why.
// Its memory grows with touchpoints and segments, never with rows.
type Tally struct {
	File         string                         // the file as named to the user
	Columns      map[string]string              // column key -> header found in the file
	Rows         int64                          // data rows read (the header excluded)
	Counted      int64                          // rows whose touchpoint is in the map and that passed the date filter
	Answers      map[string]*Answers            // touchpoint id -> answers of every segment
	Segmented    map[string]map[string]*Answers // touchpoint id -> segment -> answers; nil without a segment column
	Segments     []string                       // the distinct segments, sorted; a blank segment is ""
	Rejected     []Rejects                      // by column, in the order of SourceColumnKeys; only columns with rejects
	Unknown      []Unknown                      // unknown touchpoints, most rows first, at most MaxUnknownShown
	UnknownOther int64                          // rows of unknown touchpoints beyond those named
	UnknownRows  int64                          // rows whose touchpoint is unknown, in all
	NoTouchpoint int64                          // rows with a blank touchpoint cell
	Filtered     int64                          // rows left out by the date filter (since/until)
	Bytes        int64                          // bytes read (uncompressed)
	Width        int                            // fields in the header row
	Ragged       int64                          // data rows with more or fewer fields than the header
	RaggedRows   []int64                        // the first ragged rows (the header is row 1), at most MaxRowsShown
	Duplicates   []Duplicate                    // headers that name several columns (the first is read)
}

// Duplicate is a header that names several columns; only the first is read.
type Duplicate struct {
	Header  string
	Columns []int // 1-based, in order
}

// sortUnknown orders unknown touchpoints by rows, then name, and caps them.
func (t *Tally) sortUnknown() {
	sort.Slice(t.Unknown, func(i, j int) bool {
		a, b := t.Unknown[i], t.Unknown[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Touchpoint < b.Touchpoint
	})
	if len(t.Unknown) > MaxUnknownShown {
		for _, u := range t.Unknown[MaxUnknownShown:] {
			t.UnknownOther += u.Count
		}
		t.Unknown = t.Unknown[:MaxUnknownShown]
	}
}
