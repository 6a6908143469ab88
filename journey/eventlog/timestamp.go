package eventlog

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// timeParser turns timestamp text into Unix nanoseconds.
type timeParser struct {
	layout string         // Go layout; "" = automatic
	unit   int64          // > 0: Unix time in this many nanoseconds per unit
	loc    *time.Location // for times without an offset; nil = UTC
}

// newTimeParser builds the parser for Options.TimestampFormat.
func newTimeParser(format string, loc *time.Location) (*timeParser, error) {
	if loc == time.UTC {
		loc = nil
	}
	p := &timeParser{loc: loc}
	f := strings.TrimSpace(format)
	switch strings.ToLower(f) {
	case "", "auto", "iso", "iso8601", "rfc3339":
		return p, nil
	case "unix", "unix_s", "epoch", "%s":
		p.unit = 1e9
		return p, nil
	case "unix_ms", "unixms", "epoch_ms":
		p.unit = 1e6
		return p, nil
	case "unix_us", "unixus", "epoch_us":
		p.unit = 1e3
		return p, nil
	case "unix_ns", "unixns", "epoch_ns":
		p.unit = 1
		return p, nil
	}
	layout := f
	if strings.Contains(f, "%") {
		var err error
		if layout, err = strftimeLayout(f); err != nil {
			return nil, err
		}
	}
	// A layout must hold at least a year and survive a round trip.
	ref := time.Date(2009, 11, 10, 23, 4, 5, 123456789, time.UTC)
	s := ref.Format(layout)
	if s == layout || !strings.Contains(s, "09") {
		return nil, fmt.Errorf("timestamp format %q has no date in it (use a Go layout such as 2006-01-02 15:04:05 or strftime codes such as %%Y-%%m-%%d %%H:%%M:%%S)", format)
	}
	if _, err := time.Parse(layout, s); err != nil {
		return nil, fmt.Errorf("timestamp format %q is not usable: %v", format, err)
	}
	p.layout = layout
	return p, nil
}

// strftime codes and their Go layout equivalents.
var strftime = map[byte]string{
	'Y': "2006", 'y': "06", 'm': "01", 'd': "02", 'e': "_2", 'H': "15", 'I': "03", 'M': "04",
	'S': "05", 'p': "PM", 'b': "Jan", 'h': "Jan", 'B': "January", 'a': "Mon", 'A': "Monday",
	'z': "-0700", 'Z': "MST", 'j': "002", 'T': "15:04:05", 'F': "2006-01-02", 'D': "01/02/06",
	'R': "15:04", '%': "%",
}

// strftimeLayout converts strftime codes to a Go layout. %f (fraction) must
// follow '.' or ','.
func strftimeLayout(f string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		if i+1 == len(f) {
			return "", fmt.Errorf("timestamp format %q ends with a lone %%", f)
		}
		i++
		code := f[i]
		switch {
		case code == 'f' || code == 'N':
			if i < 2 || (f[i-2] != '.' && f[i-2] != ',') {
				return "", fmt.Errorf("timestamp format %q: %%%c must follow '.' or ','", f, code)
			}
			b.WriteString("999999999")
		default:
			g, ok := strftime[code]
			if !ok {
				return "", fmt.Errorf("timestamp format %q: unknown code %%%c", f, code)
			}
			b.WriteString(g)
		}
	}
	return b.String(), nil
}

// Reasons given for bad timestamps.
const (
	reasonNoTime  = "empty timestamp"
	reasonBadTime = "not a timestamp (want ISO 8601 such as 2024-05-01T10:30:00Z, YYYY-MM-DD HH:MM:SS, a date, or Unix seconds/milliseconds; or give the timestamp format)"
	reasonRange   = "timestamp out of range (years 1678 to 2261)"
)

// parse parses a timestamp; reason says why it failed.
func (p *timeParser) parse(b []byte) (ns int64, reason string) {
	b = trimSpace(b)
	if len(b) == 0 {
		return 0, reasonNoTime
	}
	if p.unit > 0 {
		if n, ok := parseInt(b); ok {
			return checkNs(n, p.unit)
		}
		v, ok := parseDecimal(b)
		if !ok {
			return 0, "not a number (Unix time expected)"
		}
		return fromUnit(v, p.unit)
	}
	if p.layout != "" {
		loc := p.loc
		if loc == nil {
			loc = time.UTC
		}
		t, err := time.ParseInLocation(p.layout, string(b), loc)
		if err != nil {
			return 0, fmt.Sprintf("does not match the timestamp format %q", p.layout)
		}
		if y := t.Year(); y < 1678 || y > 2261 {
			return 0, reasonRange
		}
		return t.UnixNano(), ""
	}
	if allDigits(b) {
		if n, ok := parseInt(b); ok {
			return checkNs(n, unixUnit(float64(n)))
		}
		v, _ := parseDecimal(b)
		return fromUnit(v, unixUnit(v))
	}
	return p.iso(b)
}

// unixUnit picks the unit of a bare Unix time by magnitude: below 1e11 it is
// seconds (up to the year 5138), below 1e14 milliseconds, below 1e17
// microseconds, else nanoseconds.
func unixUnit(v float64) int64 {
	a := math.Abs(v)
	switch {
	case a < 1e11:
		return 1e9
	case a < 1e14:
		return 1e6
	case a < 1e17:
		return 1e3
	}
	return 1
}

func fromUnit(v float64, unit int64) (int64, string) {
	ns := v * float64(unit)
	if math.IsNaN(ns) || ns < -9.2e18 || ns > 9.2e18 {
		return 0, reasonRange
	}
	if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
		return int64(v) * unit, ""
	}
	return int64(math.Round(ns)), ""
}

// allDigits reports whether b is a Unix time: digits, an optional leading
// '-' and an optional fraction.
func allDigits(b []byte) bool {
	if b[0] == '-' {
		b = b[1:]
	}
	dot, digits := false, 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// parseInt parses [-]digits that fit an int64.
func parseInt(b []byte) (int64, bool) {
	neg := b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 19 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' || n > (1<<63-1-9)/10 {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// parseDecimal parses [-]digits[.digits].
func parseDecimal(b []byte) (float64, bool) {
	if len(b) == 0 || !allDigits(b) {
		return 0, false
	}
	neg := b[0] == '-'
	if neg {
		b = b[1:]
	}
	var ip int64
	i := 0
	for ; i < len(b) && b[i] != '.'; i++ {
		if ip > math.MaxInt64/10-10 {
			return 0, false
		}
		ip = ip*10 + int64(b[i]-'0')
	}
	v := float64(ip)
	if i < len(b) {
		scale := 0.1
		for _, c := range b[i+1:] {
			v += float64(c-'0') * scale
			scale /= 10
		}
	}
	if neg {
		v = -v
	}
	return v, true
}

// iso parses YYYY-MM-DD or YYYY/MM/DD, optionally followed by 'T' or ' ' and
// HH:MM[:SS[.fraction]], optionally followed by Z, UTC, GMT, ±HH, ±HHMM or
// ±HH:MM (spaces allowed before the zone). It is long because it is one
// left-to-right scan of the bytes on the hottest path of every reader:
// split, each part would re-check the position and bounds.
func (p *timeParser) iso(b []byte) (int64, string) {
	i := 0
	num := func(min, max int) (int, bool) {
		v, n := 0, 0
		for i < len(b) && n < max && b[i] >= '0' && b[i] <= '9' {
			v = v*10 + int(b[i]-'0')
			i++
			n++
		}
		return v, n >= min
	}
	year, ok := num(4, 4)
	if !ok || i == len(b) || (b[i] != '-' && b[i] != '/') {
		return 0, reasonBadTime
	}
	sep := b[i]
	i++
	month, ok := num(1, 2)
	if !ok || i == len(b) || b[i] != sep {
		return 0, reasonBadTime
	}
	i++
	day, ok := num(1, 2)
	if !ok || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return 0, reasonBadTime
	}
	var hour, minute, sec, nsec int
	zone, hasZone := 0, false
	if i < len(b) {
		if b[i] != 'T' && b[i] != 't' && b[i] != ' ' {
			return 0, reasonBadTime
		}
		i++
		for i < len(b) && b[i] == ' ' {
			i++
		}
		if hour, ok = num(1, 2); !ok || hour > 23 || i == len(b) || b[i] != ':' {
			return 0, reasonBadTime
		}
		i++
		if minute, ok = num(2, 2); !ok || minute > 59 {
			return 0, reasonBadTime
		}
		if i < len(b) && b[i] == ':' {
			i++
			if sec, ok = num(2, 2); !ok || sec > 59 {
				return 0, reasonBadTime
			}
			if i < len(b) && (b[i] == '.' || b[i] == ',') {
				i++
				n, scale := 0, 100000000
				for i < len(b) && b[i] >= '0' && b[i] <= '9' {
					nsec += int(b[i]-'0') * scale
					scale /= 10
					i++
					n++
				}
				if n == 0 {
					return 0, reasonBadTime
				}
			}
		}
		for i < len(b) && b[i] == ' ' {
			i++
		}
		if i < len(b) {
			rest := b[i:]
			switch {
			case len(rest) == 1 && (rest[0] == 'Z' || rest[0] == 'z'):
				hasZone = true
			case string(rest) == "UTC" || string(rest) == "GMT":
				hasZone = true
			case rest[0] == '+' || rest[0] == '-':
				i++
				zh, ok := num(2, 2)
				if !ok || zh > 14 {
					return 0, reasonBadTime
				}
				zm := 0
				if i < len(b) && b[i] == ':' {
					i++
				}
				if i < len(b) {
					if zm, ok = num(2, 2); !ok || zm > 59 || i != len(b) {
						return 0, reasonBadTime
					}
				}
				zone = zh*3600 + zm*60
				if rest[0] == '-' {
					zone = -zone
				}
				hasZone = true
			default:
				return 0, reasonBadTime
			}
		}
	}
	if year < 1678 || year > 2261 {
		return 0, reasonRange
	}
	if !hasZone && p.loc != nil {
		return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, p.loc).UnixNano(), ""
	}
	secs := daysFromCivil(year, month, day)*86400 + int64(hour*3600+minute*60+sec-zone)
	return secs*1e9 + int64(nsec), ""
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic Gregorian
// date (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// trimSpace trims ASCII spaces and tabs.
func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}
