// Command survey writes a deterministic survey export (CSV) of N rows over 60
// touchpoints, and the matching journey map, for bench/score.sh.
//
// Columns: respondent_id, touchpoint, stage, channel, segment, nps, ces,
// timestamp. About 8% of the NPS cells and 15% of the CES cells are blank
// (unanswered), 1 row in 500 carries a quoted segment with a comma, and 1 in
// 10,000 an out-of-range answer, so every path of the reader runs.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
)

const (
	stages        = 10
	perStage      = 6
	touchpoints   = stages * perStage
	bufferedBytes = 1 << 20
)

var (
	channels = []string{"web", "app", "phone", "branch"}
	owners   = []string{"marketing", "sales", "service"}
	segments = []string{"Consumer", "Small business", "Enterprise", "Public sector", "Partner"}
)

func main() {
	rows := flag.Int("rows", 10_000_000, "data rows to write")
	out := flag.String("out", "bench/out/survey.csv", "CSV file to write")
	mapOut := flag.String("map", "", "also write the matching journey map here")
	seed := flag.Uint64("seed", 1, "random seed (same seed, same file)")
	flag.Parse()
	if *mapOut != "" {
		if err := os.WriteFile(*mapOut, []byte(journeyMap()), 0o644); err != nil {
			fail(err)
		}
	}
	if err := writeCSV(*out, *rows, *seed); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "survey:", err)
	os.Exit(2)
}

func tpID(i int) string { return fmt.Sprintf("tp-%02d-%d", i/perStage+1, i%perStage+1) }

func stageID(i int) string { return fmt.Sprintf("stage-%02d", i/perStage+1) }

// journeyMap returns a valid 60-touchpoint map matching the CSV.
func journeyMap() string {
	var b strings.Builder
	b.WriteString("version: 1\nid: survey-bench\ntitle: Survey benchmark\nmodel: oracle-cx\n")
	b.WriteString("channels:\n")
	for _, c := range channels {
		fmt.Fprintf(&b, "  - {id: %s, name: %s}\n", c, c)
	}
	b.WriteString("owners:\n")
	for _, o := range owners {
		fmt.Fprintf(&b, "  - {id: %s, name: %s}\n", o, o)
	}
	b.WriteString("targets: {nps: 10, ces: 4.5, csat: 70}\nstages:\n")
	for s := range stages {
		fmt.Fprintf(&b, "  - id: %s\n    name: Stage %d\n    touchpoints:\n", stageID(s*perStage), s+1)
		for t := range perStage {
			i := s*perStage + t
			fmt.Fprintf(&b, "      - id: %s\n        name: Touchpoint %d\n        channel: %s\n        owner: %s\n        emotion: %d\n",
				tpID(i), i+1, channels[i%len(channels)], owners[i%len(owners)], 1+i%5)
		}
	}
	return b.String()
}

func writeCSV(path string, rows int, seed uint64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, bufferedBytes)
	w.WriteString("respondent_id,touchpoint,stage,channel,segment,nps,ces,timestamp\n")
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	ids := make([]string, touchpoints)
	stageIDs := make([]string, touchpoints)
	for i := range ids {
		ids[i], stageIDs[i] = tpID(i), stageID(i)
	}
	var line []byte
	const day = 86400
	start := int64(1767225600) // 2026-01-01T00:00:00Z
	for r := range rows {
		tp := rng.IntN(touchpoints)
		line = line[:0]
		line = append(line, 'R')
		line = strconv.AppendInt(line, int64(10_000_000+r), 10)
		line = append(line, ',')
		line = append(line, ids[tp]...)
		line = append(line, ',')
		line = append(line, stageIDs[tp]...)
		line = append(line, ',')
		line = append(line, channels[tp%len(channels)]...)
		line = append(line, ',')
		seg := segments[rng.IntN(len(segments))]
		if rng.IntN(500) == 0 {
			line = append(line, `"`+seg+`, via ""partner"""`...)
		} else {
			line = append(line, seg...)
		}
		line = append(line, ',')
		// Touchpoints differ: a per-touchpoint bias shifts the answers.
		bias := tp%7 - 3
		if rng.IntN(100) >= 8 {
			v := min(10, max(0, rng.IntN(11)+bias/2))
			if rng.IntN(10_000) == 0 {
				v = 11
			}
			line = strconv.AppendInt(line, int64(v), 10)
		}
		line = append(line, ',')
		if rng.IntN(100) >= 15 {
			line = strconv.AppendInt(line, int64(min(7, max(1, rng.IntN(7)+1+bias/3))), 10)
		}
		line = append(line, ',')
		ts := start + int64(r)*90*day/int64(max(rows, 1)) + int64(rng.IntN(3600))
		line = appendTime(line, ts)
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// appendTime appends a Unix time as 2006-01-02T15:04:05Z (2026 only, no
// leap years needed: January..December of a common year).
func appendTime(b []byte, ts int64) []byte {
	days := (ts - 1767225600) / 86400
	secs := (ts - 1767225600) % 86400
	month, monthDays := 0, []int64{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	for month < 11 && days >= monthDays[month] {
		days -= monthDays[month]
		month++
	}
	return fmt.Appendf(b, "2026-%02d-%02dT%02d:%02d:%02dZ", month+1, days+1, secs/3600, secs/60%60, secs%60)
}
