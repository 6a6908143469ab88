// Package loggen generates realistic event logs for the bundled examples,
// benchmarks and tests: customers walking a journey with known branch
// probabilities, over several channels and devices, with rework, drop-offs
// and deviations from the design. Output depends only on the options.
package loggen

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
)

// Step is one activity of a generated journey and where customers go next.
type Step struct {
	Activity string // as the log writes it
	Channel  string
	Resource string   // department handling it
	Next     []Branch // where customers go after it; none = the journey ends
	Dwell    time.Duration
}

// Branch is a move to another step with its probability (the rest of the
// step's probability mass ends the journey there).
type Branch struct {
	To string  // the step's key
	P  float64 // 0..1
}

// Model is a journey to generate cases from: Steps by key, and where cases
// start, with probabilities.
type Model struct {
	Steps map[string]Step
	Start []Branch
}

// Options size a generated log.
type Options struct {
	Seed      uint64
	Cases     int
	From      time.Time // first case starts here; cases start over Days days
	Days      int
	Devices   []string // picked per case for digital channels
	MaxEvents int      // stop a case after this many events (loops); 0 = 200
	Shuffle   bool     // interleave cases, as real exports are (sorted by time, not by case)
}

// Event is one generated event.
type Event struct {
	Case     string
	Activity string
	Time     time.Time
	Channel  string
	Device   string
	Resource string
}

// Cases generates the cases of m and calls fn with each case's events in
// order. With Shuffle the caller sees the same cases; interleaving is the
// writer's job (see WriteCSV).
func Cases(m Model, opt Options, fn func([]Event) error) error {
	r := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	maxEvents := opt.MaxEvents
	if maxEvents <= 0 {
		maxEvents = 200
	}
	days := max(opt.Days, 1)
	var evs []Event
	for c := range opt.Cases {
		evs = evs[:0]
		id := "C" + strconv.Itoa(100000+c)
		// Customers start on any day, in the waking hours after From's time.
		t := opt.From.Add(time.Duration(r.IntN(days))*24*time.Hour + time.Duration(r.Int64N(int64(14*time.Hour))))
		device := ""
		if len(opt.Devices) > 0 {
			device = opt.Devices[r.IntN(len(opt.Devices))]
		}
		key := pick(r, m.Start)
		for key != "" && len(evs) < maxEvents {
			s, ok := m.Steps[key]
			if !ok {
				return fmt.Errorf("loggen: no step %q", key)
			}
			dev := ""
			if s.Channel == "web" || s.Channel == "app" {
				dev = device
			}
			evs = append(evs, Event{Case: id, Activity: s.Activity, Time: t, Channel: s.Channel, Device: dev, Resource: s.Resource})
			// Dwell: exponential around the step's mean, at least a second.
			d := time.Duration(r.ExpFloat64() * float64(s.Dwell))
			t = t.Add(max(d, time.Second)).Truncate(time.Second)
			key = pick(r, s.Next)
		}
		if err := fn(evs); err != nil {
			return err
		}
	}
	return nil
}

// pick draws a branch; "" when the draw falls past every branch.
func pick(r *rand.Rand, bs []Branch) string {
	x := r.Float64()
	for _, b := range bs {
		if x < b.P {
			return b.To
		}
		x -= b.P
	}
	return ""
}

// WriteCSV writes the cases of m as a comma-separated log with the header
// cliente_id,evento,fecha,canal,dispositivo,departamento; timestamps are
// local times of loc without an offset (as most exports write them). With
// Shuffle, events of different cases are interleaved in blocks (the log is
// not sorted by case), while each case keeps its order.
func WriteCSV(w io.Writer, m Model, opt Options, loc *time.Location) error {
	if _, err := io.WriteString(w, "cliente_id,evento,fecha,canal,dispositivo,departamento\n"); err != nil {
		return err
	}
	const block = 64
	var pending [][]Event
	var buf []byte
	flush := func() error {
		// Round-robin over the pending cases: interleaved, each in order.
		for left := true; left; {
			left = false
			for i := range pending {
				if len(pending[i]) == 0 {
					continue
				}
				left = true
				e := pending[i][0]
				pending[i] = pending[i][1:]
				buf = appendRow(buf[:0], e, loc)
				if _, err := w.Write(buf); err != nil {
					return err
				}
			}
		}
		pending = pending[:0]
		return nil
	}
	err := Cases(m, opt, func(evs []Event) error {
		if !opt.Shuffle {
			for _, e := range evs {
				buf = appendRow(buf[:0], e, loc)
				if _, err := w.Write(buf); err != nil {
					return err
				}
			}
			return nil
		}
		pending = append(pending, append([]Event(nil), evs...))
		if len(pending) == block {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

func appendRow(b []byte, e Event, loc *time.Location) []byte {
	b = append(b, e.Case...)
	b = append(b, ',')
	b = appendField(b, e.Activity)
	b = append(b, ',')
	b = e.Time.In(loc).AppendFormat(b, "2006-01-02 15:04:05")
	b = append(b, ',')
	b = append(b, e.Channel...)
	b = append(b, ',')
	b = append(b, e.Device...)
	b = append(b, ',')
	b = appendField(b, e.Resource)
	return append(b, '\n')
}

// appendField quotes a CSV field (RFC 4180) when it holds a comma, a
// quote or a line break.
func appendField(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	return append(append(b, '"'), strings.ReplaceAll(s, `"`, `""`)+`"`...)
}

// Mood is how customers answer a survey right after an activity: the mean
// of their 0-10 recommendation score (CES and CSAT follow it).
type Mood map[string]float64

// WriteSurvey writes a relationship survey export of the same cases (same
// Model and Options give the same cases): for about share of the cases, one
// answer given some time after one of their events (before the next one),
// with scores around mood[activity] (default 7). The file is what a
// Spanish Excel saves: a byte-order mark, semicolons, CRLF, with the
// columns Cliente;Fecha y hora;Recomendación (0-10);Facilidad (1-7);
// Satisfacción (1-5);Comentario.
func WriteSurvey(w io.Writer, m Model, opt Options, loc *time.Location, share float64, mood Mood) error {
	r := rand.New(rand.NewPCG(opt.Seed+1, 7))
	if _, err := io.WriteString(w, "\ufeffCliente;Fecha y hora;Recomendación (0-10);Facilidad (1-7);Satisfacción (1-5);Comentario\r\n"); err != nil {
		return err
	}
	comments := map[bool][]string{
		false: {"Demasiados pasos", "Tardaron mucho en responder", "No entiendo la subida de precio", "La web se colgó", ""},
		true:  {"Muy rápido", "La agente, un encanto", "Todo claro", "", ""},
	}
	return Cases(m, opt, func(evs []Event) error {
		if r.Float64() >= share || len(evs) == 0 {
			return nil
		}
		i := r.IntN(len(evs))
		end := evs[i].Time.Add(72 * time.Hour)
		if i+1 < len(evs) && evs[i+1].Time.Before(end) {
			end = evs[i+1].Time
		}
		at := evs[i].Time.Add(time.Duration(r.Float64() * float64(end.Sub(evs[i].Time)))).Truncate(time.Second)
		mean, ok := mood[evs[i].Activity]
		if !ok {
			mean = 7
		}
		nps := min(10, max(0, int(mean+r.NormFloat64()*1.8+0.5)))
		ces := min(7, max(1, int(float64(nps)*0.6+1+r.NormFloat64()+0.5)))
		csat := min(5, max(1, int(float64(nps)*0.4+1+r.NormFloat64()*0.7+0.5)))
		cs := comments[nps >= 8]
		_, err := fmt.Fprintf(w, "%s;%s;%d;%d;%d;%s\r\n", evs[i].Case, at.In(loc).Format("2006-01-02 15:04:05"), nps, ces, csat, cs[r.IntN(len(cs))])
		return err
	})
}

// WriteJSONL writes the cases as JSON Lines, one event an object, with the
// keys of WriteCSV's header.
func WriteJSONL(w io.Writer, m Model, opt Options, loc *time.Location) error {
	return eachEvent(m, opt, func(e Event) error {
		b, err := json.Marshal(map[string]string{"cliente_id": e.Case, "evento": e.Activity, "fecha": e.Time.In(loc).Format(time.RFC3339),
			"canal": e.Channel, "dispositivo": e.Device, "departamento": e.Resource})
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	})
}

// WriteXES writes the cases as an IEEE 1849 XES log: one trace a case.
func WriteXES(w io.Writer, m Model, opt Options, loc *time.Location) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<log xes.version="1.0" xmlns="http://www.xes-standard.org/">` + "\n")
	attr := func(kind, key, v string) {
		bw.WriteString(`   <` + kind + ` key="` + key + `" value="`)
		xml.EscapeText(bw, []byte(v))
		bw.WriteString("\"/>\n")
	}
	err := Cases(m, opt, func(evs []Event) error {
		bw.WriteString(" <trace>\n  <string key=\"concept:name\" value=\"" + evs[0].Case + "\"/>\n")
		for _, e := range evs {
			bw.WriteString("  <event>\n")
			attr("string", "concept:name", e.Activity)
			attr("date", "time:timestamp", e.Time.In(loc).Format("2006-01-02T15:04:05.000-07:00"))
			attr("string", "org:resource", e.Resource)
			attr("string", "lifecycle:transition", "complete")
			attr("string", "channel", e.Channel)
			bw.WriteString("  </event>\n")
		}
		_, err := bw.WriteString(" </trace>\n")
		return err
	})
	if err != nil {
		return err
	}
	bw.WriteString("</log>\n")
	return bw.Flush()
}

// parquetRow is one event in a Parquet log.
type parquetRow struct {
	Case     string    `parquet:"cliente_id"`
	Activity string    `parquet:"evento"`
	Time     time.Time `parquet:"fecha,timestamp(millisecond)"`
	Channel  string    `parquet:"canal"`
	Device   string    `parquet:"dispositivo"`
	Resource string    `parquet:"departamento"`
}

// WriteParquet writes the cases as a Parquet file with WriteCSV's columns,
// the timestamp as a millisecond TIMESTAMP.
func WriteParquet(w io.Writer, m Model, opt Options) error {
	pw := parquet.NewGenericWriter[parquetRow](w)
	rows := make([]parquetRow, 0, 4096)
	err := eachEvent(m, opt, func(e Event) error {
		rows = append(rows, parquetRow{e.Case, e.Activity, e.Time.UTC(), e.Channel, e.Device, e.Resource})
		if len(rows) == cap(rows) {
			_, err := pw.Write(rows)
			rows = rows[:0]
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := pw.Write(rows); err != nil {
		return err
	}
	return pw.Close()
}

// eachEvent calls fn for every event, case by case.
func eachEvent(m Model, opt Options, fn func(Event) error) error {
	return Cases(m, opt, func(evs []Event) error {
		for _, e := range evs {
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}
