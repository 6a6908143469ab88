package mine

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"syscall"
	"testing"
	"time"
)

// samplePeak samples the heap (live and not yet collected objects) every
// 5 ms until the returned function is called, which returns the peak.
func samplePeak() func() uint64 {
	done := make(chan struct{})
	res := make(chan uint64)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-done:
				res <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(done); return <-res }
}

// cpuTime returns the process's user and system CPU time in ns, which
// unlike wall time does not count what other processes on the machine take.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// benchLog describes a synthetic log: cases of perCase events over acts
// activities, with open cases interleaved as in a log sorted by time.
type benchLog struct {
	cases, perCase, acts, open int
}

// feed adds the whole log to m in batches of size, reusing one batch.
func (l benchLog) feed(b *testing.B, m *Miner, ids, acts []string, batch []Event) {
	channels := []string{"web", "app", "teléfono"}
	devices := []string{"móvil", "escritorio"}
	batch = batch[:0]
	for g := 0; g < l.cases; g += l.open {
		for k := range l.perCase {
			for c := g; c < min(g+l.open, l.cases); c++ {
				a := (c*7 + k*k + (c>>3)*k) % l.acts
				batch = append(batch, Event{Case: ids[c], Activity: acts[a], Time: int64(1.7e18) + int64(c)*37e9 + int64(k)*600e9,
					Channel: channels[(c+k)%3], Device: devices[(c/5+k/7)%2]})
				if len(batch) == cap(batch) {
					m.Add(batch)
					batch = batch[:0]
				}
			}
		}
	}
	m.Add(batch)
}

// BenchmarkMine mines 10 million events of 500,000 cases over 60 activities
// (summary, variants, DFG with durations, gaps, centrality), with 10,000
// cases open at a time (a log sorted by time) or one (grouped by case), and
// reports events/s for Add+Result, process CPU per event, the live heap
// after Add and the sampled peak heap. Run with -benchtime=1x.
func BenchmarkMine(b *testing.B) {
	for _, l := range []benchLog{
		{cases: 50_000, perCase: 20, acts: 60, open: 10_000},
		{cases: 500_000, perCase: 20, acts: 60, open: 10_000},
		{cases: 500_000, perCase: 20, acts: 60, open: 1}, // a log grouped by case
	} {
		name := fmt.Sprintf("events=%d/open=%d", l.cases*l.perCase, l.open)
		b.Run(name, func(b *testing.B) {
			ids := make([]string, l.cases)
			for i := range ids {
				ids[i] = fmt.Sprintf("cliente-%07d", i)
			}
			acts := make([]string, l.acts)
			for i := range acts {
				acts[i] = fmt.Sprintf("actividad número %02d", i)
			}
			batch := make([]Event, 0, 64<<10)
			b.ReportAllocs()
			var live uint64
			stop := samplePeak()
			cpu0 := cpuTime()
			for b.Loop() {
				m := New(Options{})
				l.feed(b, m, ids, acts, batch)
				b.StopTimer()
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				live = ms.HeapAlloc
				b.StartTimer()
				if _, err := m.Result(b.Context()); err != nil {
					b.Fatal(err)
				}
			}
			events := float64(l.cases*l.perCase) * float64(b.N)
			b.ReportMetric(events/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(cpuTime()-cpu0)/events, "cpu-ns/event")
			b.ReportMetric(float64(live)/(1<<20), "live-MiB-after-add")
			b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MiB")
		})
	}
}
