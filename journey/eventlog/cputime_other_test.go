//go:build !unix

package eventlog

// cpuSeconds is unknown here.
func cpuSeconds() float64 { return 0 }
