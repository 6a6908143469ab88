package warehouse

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/mine"
)

// Tables are the results Emit's statements compute, in order; each is
// saved as NAME.csv for ReadDir. docs/mining.md
// documents their columns.
var Tables = []string{"summary", "activities", "variants", "edges", "stages", "gaps"}

// Spec is what the SQL is for: the table, its columns, and the map that
// gives activities their touchpoints.
type Spec struct {
	Dialect  string
	Table    string            // the events table or view, optionally qualified (project.dataset.table)
	Case     string            // column of the case (customer) id
	Activity string            // column of the activity
	Time     string            // column of the timestamp: a TIMESTAMP, not text
	Channel  string            // optional columns; "" = none
	Resource string            // who handled the event; the owner gaps
	Device   string            //
	Sequence string            // a column that orders events of the same time (a row number); "" = by activity
	Map      *journey.Map      // nil = nodes are the activities
	Explicit map[string]string // log activity -> touchpoint (events.activities)
	Since    int64             // keep events at or after (Unix ns); 0 = no bound
	Until    int64             // keep events before (Unix ns); 0 = no bound
	Filters  map[string][]string
	Label    string // what the header comment says the SQL is for (the map's file)
}

// marker starts each statement: "-- journey-aggregate: NAME".
const marker = "-- journey-aggregate: "

// Emit writes one SELECT per table of Tables (stages only with a map), each
// after a "-- journey-aggregate: NAME" line and ended by ";".
func Emit(w io.Writer, sp Spec) error {
	d, err := dialectOf(sp.Dialect)
	if err != nil {
		return err
	}
	g := &gen{d: d, sp: sp}
	if err := g.check(); err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "-- journey mine: the aggregates of %s in %s SQL", sp.Table, d.name)
	if sp.Label != "" {
		fmt.Fprintf(&b, ", with the touchpoints of %s", oneLine(sp.Label))
	}
	b.WriteString(".\n-- Run each statement and save its result as NAME.csv (a header line) in one\n" +
		"-- folder, NAME as on its journey-aggregate line, then:\n--   journey mine [MAP] --aggregates FOLDER\n" +
		"-- Paths join nodes with U+001F. Durations are seconds: exact in groups of up to 64,\n" +
		"-- else one value per histogram bucket (under 0.8% wide), as journey mine counts them.\n")
	for _, name := range Tables {
		body := g.statement(name)
		if body == "" {
			continue
		}
		b.WriteString("\n" + marker + name + "\n" + body + ";\n")
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// gen writes the statements of one Spec.
type gen struct {
	d  *dialect
	sp Spec
}

func (g *gen) check() error {
	if g.sp.Table == "" || g.sp.Case == "" || g.sp.Activity == "" || g.sp.Time == "" {
		return fmt.Errorf("the SQL needs the table and its case, activity and timestamp columns")
	}
	names := append([]string{g.sp.Case, g.sp.Activity, g.sp.Time, g.sp.Channel, g.sp.Resource, g.sp.Device, g.sp.Sequence},
		strings.Split(g.sp.Table, ".")...)
	for col := range g.sp.Filters {
		names = append(names, col)
	}
	for _, n := range names {
		if strings.ContainsFunc(n, func(r rune) bool { return r == '"' || r == '`' || r == '\\' || unicode.IsControl(r) }) {
			return fmt.Errorf("name %q: quotes, backslashes and control characters are not allowed in table and column names", n)
		}
	}
	if slices.Contains(strings.Split(g.sp.Table, "."), "") {
		return fmt.Errorf("table %q has an empty part", g.sp.Table)
	}
	return nil
}

func (g *gen) id(n string) string { return g.d.quoteID(n) }

func (g *gen) table() string {
	parts := strings.Split(g.sp.Table, ".")
	for i, p := range parts {
		parts[i] = g.id(p)
	}
	return strings.Join(parts, ".")
}

func (g *gen) text(col string) string {
	if col == "" {
		return "''"
	}
	return "COALESCE(CAST(" + g.id(col) + " AS " + g.d.str + "), '')"
}

// events is the CTEs every statement starts from: ev (the kept events,
// times in microseconds), nd (their node, stage, channel, device and
// owner) and seq (their position i among the n events of their case).
func (g *gen) events() string {
	d, sp := g.d, g.sp
	var b strings.Builder
	order := "a"
	if sp.Sequence != "" {
		order = g.id(sp.Sequence)
	}
	fmt.Fprintf(&b, "WITH ev AS (\n  SELECT CAST(%s AS %s) AS c, CAST(%s AS %s) AS a, %s AS t,\n    %s AS ch0, %s AS dev, %s AS own0",
		g.id(sp.Case), d.str, g.id(sp.Activity), d.str, d.epochUS(g.id(sp.Time)), g.text(sp.Channel), g.text(sp.Device), g.text(sp.Resource))
	if sp.Sequence != "" {
		fmt.Fprintf(&b, ", %s AS o", g.id(sp.Sequence))
		order = "o"
	}
	fmt.Fprintf(&b, "\n  FROM %s\n  WHERE %s IS NOT NULL AND %s IS NOT NULL AND %s IS NOT NULL", g.table(), g.id(sp.Case), g.id(sp.Activity), g.id(sp.Time))
	if sp.Since != 0 {
		fmt.Fprintf(&b, "\n    AND %s >= %d", d.epochUS(g.id(sp.Time)), floorDiv(sp.Since, 1000))
	}
	if sp.Until != 0 {
		fmt.Fprintf(&b, "\n    AND %s < %d", d.epochUS(g.id(sp.Time)), -floorDiv(-sp.Until, 1000))
	}
	cols := make([]string, 0, len(sp.Filters))
	for c := range sp.Filters {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	for _, c := range cols {
		var vals []string
		for _, v := range sp.Filters[c] {
			vals = append(vals, d.lit(v))
		}
		fmt.Fprintf(&b, "\n    AND CAST(%s AS %s) IN (%s)", g.id(c), d.str, strings.Join(vals, ", "))
	}
	fmt.Fprintf(&b, "\n), nd AS (\n  SELECT ev.*,\n    %s AS node\n  FROM ev\n), nd2 AS (\n  SELECT nd.*", g.nodeOf("a"))
	if sp.Map == nil {
		b.WriteString(", CAST(NULL AS " + d.str + ") AS stage, ch0 AS ch, own0 AS own\n  FROM nd\n")
	} else {
		tp := func(f func(si int, t *journey.Touchpoint) string, def string) string {
			return g.byTouchpoint("node", f, def)
		}
		fmt.Fprintf(&b, ",\n    %s AS stage", tp(func(si int, _ *journey.Touchpoint) string { return sp.Map.Stages[si].ID }, "NULL"))
		fmt.Fprintf(&b, ",\n    CASE WHEN ch0 <> '' THEN ch0 ELSE %s END AS ch", tp(func(_ int, t *journey.Touchpoint) string { return t.Channel }, "''"))
		fmt.Fprintf(&b, ",\n    CASE WHEN own0 <> '' THEN own0 ELSE %s END AS own\n  FROM nd\n", tp(func(_ int, t *journey.Touchpoint) string { return t.Owner }, "''"))
	}
	fmt.Fprintf(&b, "), seq AS (\n  SELECT c, a, t, node, stage, ch, dev, own,\n    ROW_NUMBER() OVER (PARTITION BY c ORDER BY t, %s) AS i,\n    COUNT(*) OVER (PARTITION BY c) AS n\n  FROM nd2\n)", order)
	return b.String()
}

// nodeOf is the node of activity column a: the touchpoint it maps to by
// mine.MatchRules, else the activity itself.
func (g *gen) nodeOf(a string) string {
	if g.sp.Map == nil {
		return a
	}
	rules := mine.MatchRules(g.sp.Map, g.sp.Explicit)
	if len(rules) == 0 {
		return a
	}
	var b strings.Builder
	b.WriteString("CASE")
	for _, r := range rules {
		x := a
		if r.Folded {
			x = g.d.fold(a)
		}
		fmt.Fprintf(&b, "\n      WHEN %s = %s THEN %s", x, g.d.lit(r.Key), g.d.lit(r.Touchpoint))
	}
	b.WriteString("\n      ELSE " + a + " END")
	return b.String()
}

// byTouchpoint is a CASE on the node column giving each touchpoint's
// value of f (skipping empty ones), else def.
func (g *gen) byTouchpoint(col string, f func(stage int, t *journey.Touchpoint) string, def string) string {
	var b strings.Builder
	for si := range g.sp.Map.Stages {
		for j := range g.sp.Map.Stages[si].Touchpoints {
			t := &g.sp.Map.Stages[si].Touchpoints[j]
			if v := f(si, t); v != "" {
				fmt.Fprintf(&b, "\n      WHEN %s THEN %s", g.d.lit(t.ID), g.d.lit(v))
			}
		}
	}
	if b.Len() == 0 {
		return def
	}
	return "CASE " + col + b.String() + "\n      ELSE " + def + " END"
}

// seconds is the difference of two microsecond columns in seconds.
func (g *gen) seconds(to, from string) string {
	return "CAST(" + to + " - " + from + " AS " + g.d.dbl + ") / 1e6"
}

// bucket is the value a duration x (in a group of size n) is reported as:
// itself in a group of up to 64, else the middle of its histogram bucket
// (2^e · (1 + k/128) for the top 7 bits k of its mantissa).
func (g *gen) bucket(x, n string) string {
	e := "floor(" + g.d.log2(x) + ")"
	p := "pow(2, " + e + ")"
	return fmt.Sprintf("CASE WHEN %s <= 64 OR %s <= 0 THEN %s ELSE %s * (1 + (floor((%s / %s - 1) * 128) + 0.5) / 128) END", n, x, x, p, x, p)
}

// durations groups rows of (key..., x) from a CTE into (key..., seconds, n).
func (g *gen) durations(cte, from string, keys []string) string {
	k := strings.Join(keys, ", ")
	return fmt.Sprintf(", %s AS (\n  SELECT %s, x, COUNT(*) OVER (PARTITION BY %s) AS gn FROM %s\n), %s_b AS (\n  SELECT %s, %s AS seconds FROM %s\n)\nSELECT %s, seconds, COUNT(*) AS n FROM %s_b GROUP BY %s, seconds ORDER BY %s, seconds",
		cte+"_x", k, k, from, cte, k, g.bucket("x", "gn"), cte+"_x", k, cte, k, k)
}

func (g *gen) statement(name string) string {
	ev := g.events()
	next := ", steps AS (\n  SELECT seq.*,\n    LEAD(t) OVER (PARTITION BY c ORDER BY i) AS t_next,\n    LEAD(node) OVER (PARTITION BY c ORDER BY i) AS node_next,\n" +
		"    LEAD(ch) OVER (PARTITION BY c ORDER BY i) AS ch_next,\n    LEAD(dev) OVER (PARTITION BY c ORDER BY i) AS dev_next,\n    LEAD(own) OVER (PARTITION BY c ORDER BY i) AS own_next\n  FROM seq\n)"
	switch name {
	case "summary":
		return ev + "\nSELECT MIN(t) AS first_us, MAX(t) AS last_us FROM seq"
	case "activities":
		return ev + "\nSELECT a AS activity, node, COUNT(*) AS events, COUNT(DISTINCT c) AS cases FROM seq GROUP BY a, node ORDER BY a"
	case "variants":
		return ev + ", paths AS (\n  SELECT c, " + g.d.path("node") + " AS path, " + g.seconds("MAX(t)", "MIN(t)") + " AS x FROM seq GROUP BY c\n)" +
			g.durations("pv", "paths", []string{"path"})
	case "edges":
		return ev + next + ", moves AS (\n  SELECT node AS from_node, node_next AS to_node, " + g.seconds("t_next", "t") + " AS x FROM steps WHERE node_next IS NOT NULL\n)" +
			g.durations("mv", "moves", []string{"from_node", "to_node"})
	case "stages":
		if g.sp.Map == nil {
			return ""
		}
		return ev + next + ", st AS (\n  SELECT c, stage, t, i, COALESCE(t_next, t) AS t_end, MAX(i) OVER (PARTITION BY c, stage) AS last_i FROM steps WHERE stage IS NOT NULL\n" +
			"), per AS (\n  SELECT c, stage, " + g.seconds("MAX(CASE WHEN i = last_i THEN t_end END)", "MIN(t)") + " AS x FROM st GROUP BY c, stage\n)" +
			g.durations("ps", "per", []string{"stage"})
	case "gaps":
		var parts []string
		for _, k := range [][2]string{{"channel", "ch"}, {"device", "dev"}, {"owner", "own"}} {
			parts = append(parts, fmt.Sprintf("SELECT '%s' AS kind, %s AS from_value, %s_next AS to_value, COUNT(*) AS switches, COUNT(DISTINCT c) AS cases,\n"+
				"  SUM(CASE WHEN i >= n - 2 THEN 1 ELSE 0 END) AS ended_within_two\nFROM steps WHERE %s <> '' AND %s_next <> '' AND %s <> %s_next GROUP BY %s, %s_next",
				k[0], k[1], k[1], k[1], k[1], k[1], k[1], k[1], k[1]))
		}
		return ev + next + "\n" + strings.Join(parts, "\nUNION ALL\n")
	}
	return ""
}

// floorDiv is a/b rounded down.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// oneLine keeps a comment on one line.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}
