// Package mine mines customer event logs and holds them against a designed
// journey map. It does no terminal I/O: the CLI prints what Result returns.
//
// Use:
//
//	m := mine.New(mine.Options{Map: jm, MapName: "seguro.journey.yaml"})
//	m.Add(batch) // as many times as needed, events of any cases in any order
//	res, err := m.Result(ctx)
//
// # Ordering
//
// Each case is ordered by timestamp. Events with equal timestamps keep the
// order in which they were added (a stable sort), which is file order when
// the reader adds events as it reads them. This decides variant and edge
// counts when a log records several events at the same instant.
//
// # Nodes
//
// Without a map, the nodes of variants, the directly-follows graph and
// centrality are the log's activities. With a map, each activity is mapped
// to a touchpoint: Options.Activities (activity -> touchpoint id or name)
// first, else a touchpoint whose id equals the activity, else one whose name
// equals it, else an id or name equal ignoring case and accents. The node of
// a mapped activity is the touchpoint id; an unmapped activity stays a node
// of its own and is reported in Conformance.UnmappedActivities.
//
// # Figures
//
// Counts are integers, durations are seconds. Medians and p90s interpolate
// between order statistics and are exact while a figure has at most 64
// values; above, they come from a histogram of buckets under 0.8% wide and
// are the lower bound of their bucket (exact for whole seconds up to 255), so
// memory stays bounded and results do not depend on the order in which
// cases were processed. Rework counts events whose node already
// occurred earlier in the case. The funnel's time in a stage runs from the
// case's first event in the stage to the event after its last one there (or
// to that last event when the case ends in the stage); a case converts when,
// after reaching a stage, it has an event in the next one.
//
// Gaps are switches between consecutive events of channel (the log's, else
// the touchpoint's), device (the log's) or owner (the log's resource, else the
// touchpoint's owner). A switch is followed by an end when the case ends at
// the event switched to or the one after; BaseRate is the same share over
// every move of the log.
//
// # Conformance
//
// The designed flow is journey.Map.Flow: each touchpoint leads to the ones in
// its `next:`, or, when it declares no `next:`, to the following touchpoint
// in document order (across stages). A touchpoint that declares `next:` does
// not also lead to the one after it unless it lists it. Cases are replayed on
// touchpoints only: unmapped events are left out, and consecutive events on
// the same touchpoint are one visit. A move is designed when its edge is in
// the flow; a case fits when all its moves are designed; FitnessByCase is
// over cases with at least one mapped event. A stage is skipped when a move
// jumps from an earlier stage to a later one over it. The worst findings are
// also journey.Diagnostics (rules mine-low-fitness, mine-deviation,
// mine-unobserved-touchpoint, mine-unmapped-activity, mine-skipped-stage),
// positioned at the touchpoint (its `next:` when it has one) or stage.
//
// # Centrality
//
// PageRank (gonum network.PageRank, damping 0.85) runs on the
// directly-follows graph weighted by edge count, plus a virtual end node
// that each case's last node leads to (weighted by the cases ending there),
// so that ending the journey counts as a move; the end node is not listed.
// Betweenness (gonum network.BetweennessWeighted over path.DijkstraAllPaths)
// runs on the same graph without the end node and with edge length
// 1/count, so that the frequent paths are the short ones; above 2,000 nodes
// it is left at 0. Self-loops are left out of both.
//
// # Feedback
//
// An Answer that names its touchpoint (id, name or a mapped activity) is
// attributed there; otherwise to the node of the customer's last event at or
// before the answer, if that event is within Options.Window. NPS, CES and
// CSAT per touchpoint come from journey/score.
//
// # Memory and parallelism
//
// Cases are split into Options.Workers shards by a hash of their id; Add
// fills the shards of a large batch on one goroutine each, and Result mines
// the cases of each shard on Options.Workers goroutines. Add keeps per case
// only an encoded sequence in fixed 32-byte blocks of 1 MiB slabs: per event
// a tagged time delta (1-3 bytes for whole seconds) and a symbol id standing
// for the (activity, channel, device, resource) tuple, never the Event or its
// strings. When a shard's data passes its share of Options.MemoryLimit, its
// cases are spilled to temporary files in Options.TempDir, partitioned by a
// hash of the case id, and Result reads the partitions back one by one
// (Result.Log.Spilled); Result, or Close, removes the files. Only the events
// of Options.Case are kept whole.
package mine
