package mine

import (
	"time"

	"github.com/journey-cx/journey/journey"
)

// Event is one event handed to the miner.
type Event struct {
	Case, Activity            string
	Time                      int64 // Unix ns UTC
	Channel, Resource, Device string
	Attrs                     map[string]string
	Row                       int64 // source row for messages
}

// Answer is one survey answer to attribute to a point of the journey.
type Answer struct {
	Customer   string // the case id of the customer who answered
	Time       int64  // Unix ns UTC of the answer
	Touchpoint string // touchpoint id, name or log activity; "" = attribute by time
	NPS        *int   // 0..10, nil = not asked
	CES        *int   // 1..Options.CESScale, higher = easier; nil = not asked
	CSAT       *int   // 1..5; nil = not asked
	Row        int64  // source row for messages
}

// Defaults of Options.
const (
	DefaultTop         = 10
	DefaultWindow      = 7 * 24 * time.Hour
	DefaultMemoryLimit = 512 << 20
	DefaultCESScale    = 7
	// LowFitness is the case fitness under which mine-low-fitness warns.
	LowFitness = 0.8
)

// Options configure a Miner; the zero value mines a log without a map.
type Options struct {
	Map         *journey.Map      // the designed map; nil = nodes are the raw activities
	MapName     string            // the map's display name, the File of diagnostics
	Activities  map[string]string // log activity -> touchpoint id, tried first
	Declared    bool              // the logs are the map's events: (findings about activities point there)
	Top         int               // variants listed before "other"; 0 = DefaultTop
	Window      time.Duration     // feedback attribution window; 0 = DefaultWindow
	Case        string            // a case id to show event by event; "" = none
	Answers     []Answer          // survey answers to attribute; nil = no feedback section
	CESScale    int               // 5 or 7; 0 = DefaultCESScale
	MemoryLimit int64             // bytes of case data before spilling; 0 = DefaultMemoryLimit, < 0 = never
	TempDir     string            // where spill files go; "" = os.TempDir()
	Workers     int               // shards and goroutines for Add and Result; 0 = GOMAXPROCS
}

// Result is everything mined from one log; it marshals to the JSON envelope.
type Result struct {
	Version     int          `json:"version"`
	Log         LogSummary   `json:"log"`
	Variants    []Variant    `json:"variants"`
	DFG         DFG          `json:"dfg"`
	Funnel      []Stage      `json:"funnel,omitempty"`
	Gaps        []Gap        `json:"gaps"`
	Conformance *Conformance `json:"conformance,omitempty"`
	Centrality  []Centrality `json:"centrality"`
	Feedback    *Feedback    `json:"feedback,omitempty"`
	Case        *CaseView    `json:"case,omitempty"`
}

// LogSummary sums up the log.
type LogSummary struct {
	Cases         int64  `json:"cases"`
	Events        int64  `json:"events"`
	Activities    int    `json:"activities"` // distinct raw activities
	Variants      int    `json:"variants"`   // distinct variants
	Edges         int    `json:"edges"`      // distinct directly-follows edges
	First         string `json:"first,omitempty"`
	Last          string `json:"last,omitempty"`
	EventsPerCase Spread `json:"events_per_case"`
	Spilled       bool   `json:"spilled"`
}

// Spread is the minimum, median and maximum of a count.
type Spread struct {
	Min    int64   `json:"min"`
	Median float64 `json:"median"`
	Max    int64   `json:"max"`
}

// Variant is one distinct path through the journey, or all the rest (Other).
type Variant struct {
	Path          []string `json:"path"`
	Cases         int64    `json:"cases"`
	Share         float64  `json:"share"`
	MedianSeconds float64  `json:"median_seconds"`
	P90Seconds    float64  `json:"p90_seconds"`
	Other         bool     `json:"other,omitempty"`
	Variants      int      `json:"variants,omitempty"` // for Other: how many variants it holds
}

// DFG is the directly-follows graph.
type DFG struct {
	Edges     []Edge           `json:"edges"`
	Start     map[string]int64 `json:"start"`
	End       map[string]int64 `json:"end"`
	Rework    Rework           `json:"rework"`
	SelfLoops Loops            `json:"self_loops"`
}

// Edge is one directly-follows edge a->b.
type Edge struct {
	From          string  `json:"from"`
	To            string  `json:"to"`
	Count         int64   `json:"count"`
	Cases         int64   `json:"cases"`
	MedianSeconds float64 `json:"median_seconds"`
	P90Seconds    float64 `json:"p90_seconds"`
}

// Rework counts activities repeated within a case.
type Rework struct {
	Cases       int64          `json:"cases"`       // cases repeating some activity
	Occurrences int64          `json:"occurrences"` // events that repeat an activity already seen in their case
	Activities  []ReworkByNode `json:"activities"`
}

// ReworkByNode is the rework of one activity.
type ReworkByNode struct {
	Activity    string `json:"activity"`
	Cases       int64  `json:"cases"`
	Occurrences int64  `json:"occurrences"`
}

// Loops counts self-loops (an activity directly followed by itself).
type Loops struct {
	Count int64 `json:"count"`
	Cases int64 `json:"cases"`
}

// Stage is one stage of the funnel.
type Stage struct {
	Stage         string   `json:"stage"`
	Name          string   `json:"name"`
	Reached       int64    `json:"reached"`              // cases with an event in the stage
	Left          int64    `json:"left"`                 // cases whose last mapped event is in the stage
	Converted     int64    `json:"converted"`            // cases that reached it and then the next stage
	Conversion    *float64 `json:"conversion,omitempty"` // to the next stage; nil for the last
	MedianSeconds float64  `json:"median_seconds"`
}

// Gap is a switch of channel, device or owner between consecutive events.
type Gap struct {
	Kind           string  `json:"kind"` // channel, device or owner
	From           string  `json:"from"`
	To             string  `json:"to"`
	Count          int64   `json:"count"`            // switches
	Cases          int64   `json:"cases"`            // cases with the switch
	EndedWithinTwo int64   `json:"ended_within_two"` // switches after which the case ends within two events
	DropOffRate    float64 `json:"drop_off_rate"`    // EndedWithinTwo / Count
	BaseRate       float64 `json:"base_rate"`        // the same share over every move of the log
}

// Conformance holds the log against the map's designed flow.
type Conformance struct {
	FitnessByCase         float64             `json:"fitness_by_case"`
	FitnessByMove         float64             `json:"fitness_by_move"`
	Cases                 int64               `json:"cases"`          // cases with a mapped event
	FittingCases          int64               `json:"fitting_cases"`  // cases whose every move is designed
	Moves                 int64               `json:"moves"`          // moves between touchpoints
	DesignedMoves         int64               `json:"designed_moves"` // moves along a designed edge
	Deviations            []Move              `json:"deviations"`
	UnobservedTouchpoints []string            `json:"unobserved_touchpoints"`
	UnobservedEdges       []Link              `json:"unobserved_edges"`
	SkippedStages         []Skip              `json:"skipped_stages"`
	UnmappedActivities    []Unmapped          `json:"unmapped_activities"`
	Diagnostics           journey.Diagnostics `json:"diagnostics"`
}

// Move is an observed move between touchpoints (a deviation, in Conformance).
type Move struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Count int64  `json:"count"`
	Cases int64  `json:"cases"`
}

// Link is an edge of the designed flow.
type Link struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Skip counts the cases that jump over a stage.
type Skip struct {
	Stage string `json:"stage"`
	Cases int64  `json:"cases"`
}

// Unmapped is a log activity that maps to no touchpoint.
type Unmapped struct {
	Activity string `json:"activity"`
	Events   int64  `json:"events"`
	Cases    int64  `json:"cases"`
}

// Centrality ranks a node of the directly-follows graph.
type Centrality struct {
	Node        string  `json:"node"`
	PageRank    float64 `json:"pagerank"`
	Betweenness float64 `json:"betweenness"`
}

// Feedback is the survey answers attributed to the journey.
type Feedback struct {
	Answers      int64        `json:"answers"`
	Attributed   int64        `json:"attributed"`
	Touchpoints  []Feedpoint  `json:"touchpoints"`
	Unattributed Unattributed `json:"unattributed"`
}

// Unattributed counts the answers left unattributed, by reason.
type Unattributed struct {
	UnknownCustomer   int64 `json:"unknown_customer"`
	NoEventBefore     int64 `json:"no_event_before"`
	OutsideWindow     int64 `json:"outside_window"`
	UnknownTouchpoint int64 `json:"unknown_touchpoint"`
}

// Feedpoint is the feedback at one touchpoint (or activity, without a map).
type Feedpoint struct {
	Touchpoint string  `json:"touchpoint"`
	Answers    int64   `json:"answers"`
	NPS        *Metric `json:"nps,omitempty"`
	CES        *Metric `json:"ces,omitempty"`
	CSAT       *Metric `json:"csat,omitempty"`
}

// Metric is one customer metric computed by journey/score.
type Metric struct {
	Value   float64 `json:"value"`
	Margin  float64 `json:"margin"`
	Low     float64 `json:"low"`  // Value - Margin, capped to the metric's scale
	High    float64 `json:"high"` // Value + Margin, capped to the metric's scale
	N       int     `json:"n"`
	Small   bool    `json:"small_sample"`      // fewer than score.SmallN answers
	Missing string  `json:"missing,omitempty"` // why there is no value
}

// CaseView is one case, event by event.
type CaseView struct {
	ID         string      `json:"id"`
	Found      bool        `json:"found"`
	Events     []CaseEvent `json:"events"`
	Deviations []Link      `json:"deviations"`
}

// CaseEvent is one event of CaseView.
type CaseEvent struct {
	Activity      string  `json:"activity"`
	Node          string  `json:"node"` // touchpoint id, or the activity when unmapped
	Time          string  `json:"time"`
	SincePrevious float64 `json:"since_previous_seconds"`
	Channel       string  `json:"channel,omitempty"`
	Device        string  `json:"device,omitempty"`
	Resource      string  `json:"resource,omitempty"`
	Row           int64   `json:"row"`
	Deviation     bool    `json:"deviation,omitempty"` // the move into this event is not designed
}
