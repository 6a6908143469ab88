// Command genlog writes generated event logs (and a survey of the same
// customers) for the bundled examples and the mining benchmarks.
//
//	go run ./bench/genlog -model seguro -cases 6000 -out examples/data/eventos-seguro.csv.gz -survey examples/data/encuesta-clientes.csv
//	go run ./bench/genlog -model synthetic -activities 60 -cases 500000 -out bench/out/events.csv
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/journey-cx/journey/internal/loggen"
)

func main() {
	model := flag.String("model", "seguro", "seguro (the insurer example) or synthetic")
	activities := flag.Int("activities", 60, "activities of the synthetic model")
	cases := flag.Int("cases", 6000, "customers")
	seed := flag.Uint64("seed", 2026, "random seed: the same seed writes the same files")
	out := flag.String("out", "", "the log to write (.gz compresses it)")
	format := flag.String("format", "csv", "csv, jsonl, xes or parquet")
	survey := flag.String("survey", "", "also write a survey export of the same customers here")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "genlog: -out is required")
		os.Exit(2)
	}
	m := loggen.Seguro()
	if *model == "synthetic" {
		m = loggen.Synthetic(*activities)
	}
	loc, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		loc = time.UTC
	}
	opt := loggen.Options{Seed: *seed, Cases: *cases, From: time.Date(2026, 1, 1, 8, 0, 0, 0, loc), Days: 180,
		Devices: []string{"móvil", "móvil", "ordenador", "tableta"}, Shuffle: true}
	writers := map[string]func(io.Writer) error{
		"csv":     func(w io.Writer) error { return loggen.WriteCSV(w, m, opt, loc) },
		"jsonl":   func(w io.Writer) error { return loggen.WriteJSONL(w, m, opt, loc) },
		"xes":     func(w io.Writer) error { return loggen.WriteXES(w, m, opt, loc) },
		"parquet": func(w io.Writer) error { return loggen.WriteParquet(w, m, opt) },
	}
	wf, ok := writers[*format]
	if !ok {
		fmt.Fprintln(os.Stderr, "genlog: -format wants csv, jsonl, xes or parquet")
		os.Exit(2)
	}
	if err := write(*out, wf); err != nil {
		fmt.Fprintln(os.Stderr, "genlog:", err)
		os.Exit(1)
	}
	if *survey != "" {
		mood := loggen.Mood{"Formulario enviado": 4, "Precio mostrado": 5, "Error de pago": 1, "Sesión caducada": 2,
			"Carta de renovación con subida de prima": 3, "Llamada para resolver dudas antes de contratar": 8,
			"reparacion": 8.5, "indemnizacion": 6, "renovacion-confirmada": 8.5, "baja-poliza": 2, "Alta en la app Mi Nortia": 7.5}
		if err := write(*survey, func(w io.Writer) error { return loggen.WriteSurvey(w, m, opt, loc, 0.15, mood) }); err != nil {
			fmt.Fprintln(os.Stderr, "genlog:", err)
			os.Exit(1)
		}
	}
}

// write writes a file atomically, gzip-compressed when its name ends in .gz.
func write(path string, fn func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".genlog-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<20)
	var w io.Writer = bw
	var gz *gzip.Writer
	if strings.HasSuffix(path, ".gz") {
		gz, _ = gzip.NewWriterLevel(bw, gzip.BestCompression)
		gz.ModTime = time.Time{}
		w = gz
	}
	if err := fn(w); err != nil {
		return err
	}
	if gz != nil {
		if err := gz.Close(); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
