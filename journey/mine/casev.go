package mine

import (
	"slices"
)

// caseView lists Options.Case event by event, ordered as the miner orders
// every case, with the moves that leave the designed flow.
func (m *Miner) caseView(tb *tables) *CaseView {
	var evs []Event
	for _, sh := range m.shards {
		evs = append(evs, sh.one...)
	}
	v := &CaseView{ID: m.opt.Case, Found: len(evs) > 0, Events: []CaseEvent{}, Deviations: []Link{}}
	slices.SortStableFunc(evs, func(x, y Event) int {
		switch {
		case x.Time < y.Time:
			return -1
		case x.Time > y.Time:
			return 1
		}
		return 0
	})
	prevTP := int64(-1)
	for i := range evs {
		e := &evs[i]
		node := tb.actNode[m.g.act.ids[e.Activity]]
		ce := CaseEvent{Activity: e.Activity, Node: tb.nodeNames[node], Time: formatTime(e.Time),
			Channel: e.Channel, Device: e.Device, Resource: e.Resource, Row: e.Row}
		if i > 0 {
			ce.SincePrevious = round(seconds(e.Time-evs[i-1].Time), 3)
		}
		if tb.m != nil && int(node) < tb.nT && int64(node) != prevTP {
			if prevTP >= 0 && !tb.designed[edgeKey(uint32(prevTP), node)] {
				ce.Deviation = true
				v.Deviations = append(v.Deviations, Link{tb.nodeNames[prevTP], ce.Node})
			}
			prevTP = int64(node)
		}
		v.Events = append(v.Events, ce)
	}
	return v
}
