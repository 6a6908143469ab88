package journey

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// EventLog is an event log that `journey mine` reads: one row per event
// (customer id, action, time), from web, app, CRM or call-centre exports.
type EventLog struct {
	Element
	Path            string            // relative to the map file
	Format          string            // csv, jsonl, xes or parquet; "" guesses from the file name
	Columns         map[string]string // key (see EventColumnKeys) -> column, JSON key or XES attribute
	Attributes      []string          // further columns kept with each event
	Activities      map[string]string // log activity -> touchpoint id; default: the touchpoint id or name itself
	ActivitiesAt    Element           // the activities mapping: At(activity) is the position of its touchpoint id
	TimestampFormat string            // Go layout or strftime pattern; "" detects ISO 8601, Unix and the usual ones
	Timezone        string            // IANA zone for timestamps without an offset; "" is UTC
}

// EventColumnKeys lists the keys an event log's columns mapping accepts.
var EventColumnKeys = []string{"case", "activity", "timestamp", "channel", "resource", "device", "lifecycle"}

// EventFormats lists the values an event log's format accepts.
var EventFormats = []string{"csv", "jsonl", "xes", "parquet"}

// eventLogs decodes the `events:` list.
func (d *decoder) eventLogs(n *yaml.Node, path string, out *[]EventLog) {
	d.list(n, path, func(c *yaml.Node, p string) {
		var e EventLog
		d.mapping(c, p, "an event log", &e.Element, []field{
			{"path", func(v *yaml.Node, p string) { d.dataPath(v, p, &e.Path) }},
			{"format", func(v *yaml.Node, p string) { d.enum(v, p, EventFormats, &e.Format) }},
			{"columns", func(v *yaml.Node, p string) {
				var el Element
				e.Columns = map[string]string{}
				fields := make([]field, len(EventColumnKeys))
				for i, k := range EventColumnKeys {
					fields[i] = field{k, func(v *yaml.Node, p string) {
						var h string
						d.str(v, p, &h)
						e.Columns[k] = h
					}}
				}
				d.mapping(v, p, "columns", &el, fields)
			}},
			{"attributes", func(v *yaml.Node, p string) { d.strList(v, p, &e.Attributes) }},
			{"activities", func(v *yaml.Node, p string) { d.activities(v, p, &e) }},
			{"timestamp_format", func(v *yaml.Node, p string) { d.str(v, p, &e.TimestampFormat) }},
			{"timezone", func(v *yaml.Node, p string) { d.str(v, p, &e.Timezone) }},
		}, "path")
		*out = append(*out, e)
	})
}

// activities decodes a mapping of log activity names (any text) to
// touchpoint ids.
func (d *decoder) activities(n *yaml.Node, path string, e *EventLog) {
	n = d.deref(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "", "activities must be a mapping of log activity to touchpoint id, got %s", Describe(n))
		return
	}
	e.Activities = map[string]string{}
	e.ActivitiesAt.Pos, e.ActivitiesAt.Path = posOf(n), path
	for k, v := range pairs(n) {
		k, v = d.deref(k), d.deref(v)
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, path, "", "an activity must be a plain text, got %s", Describe(k))
			continue
		}
		if _, dup := e.Activities[k.Value]; dup {
			d.errorf(k, join(path, k.Value), "", "activity %q is mapped twice", k.Value)
			continue
		}
		var id string
		d.slugRef(v, join(path, k.Value), &id)
		e.Activities[k.Value] = id
		e.ActivitiesAt.setKey(k.Value, posOf(v))
	}
}

// dataPath decodes the path of a data file declared in the map; an empty
// path is an error. Where the file may live (inside the map's folder
// unless the command line allows otherwise) is decided when it is opened
// (journey/project).
func (d *decoder) dataPath(n *yaml.Node, path string, out *string) {
	if d.str(n, path, out) && strings.TrimSpace(*out) == "" {
		d.errorf(d.deref(n), path, "", "path is empty: give the file's path, relative to the map")
	}
}
