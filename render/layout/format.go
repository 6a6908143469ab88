package layout

import (
	"math"
	"strconv"
	"strings"
)

// num formats v with dec decimals in the labels' language: a decimal comma
// for Spanish, a point otherwise; trailing zeros after the point are kept
// so columns line up.
func num(v float64, dec int, lang string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	if lang == "es" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return strings.Replace(s, "-", "−", 1) // a true minus sign
}

// signed formats v with an explicit sign (+12, −4, 0).
func signed(v float64, dec int, lang string) string {
	s := num(v, dec, lang)
	if v > 0 && strings.Trim(s, "0.,") != "" {
		return "+" + s
	}
	return s
}

// pct formats a percentage the way the language writes it: "80 %" in
// Spanish (with a no-break space), "80%" in English.
func pct(v float64, dec int, lang string) string {
	if lang == "es" {
		return num(v, dec, lang) + "\u00a0%"
	}
	return num(v, dec, lang) + "%"
}

// unit appends a unit to a formatted value: % and € follow the language's
// spacing, other units follow with a space.
func unit(s, u, lang string) string {
	switch u {
	case "":
		return s
	case "%":
		if lang == "es" {
			return s + "\u00a0%"
		}
		return s + "%"
	case "x", "×":
		return s + u
	case "€", "$", "£":
		if lang == "es" || u == "€" {
			return s + "\u00a0" + u
		}
		return u + s
	}
	if strings.HasPrefix(u, "/") {
		return s + u // 4/5, 3/10
	}
	return s + "\u00a0" + u
}

// trimNum formats v with up to dec decimals, dropping trailing zeros.
func trimNum(v float64, dec int, lang string) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	if lang == "es" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return strings.Replace(s, "-", "−", 1)
}
