// Package eventlog reads event logs (customer id, activity, timestamp, ...)
// for process mining: CSV (and TSV, semicolon- or pipe-separated), JSON
// Lines, XES (IEEE 1849) and Parquet, plain or gzip-compressed (Parquet
// excepted: it compresses inside).
//
// # Order
//
// Read delivers events in file order, in batches. It does not sort: ordering
// each case by time (keeping file order for equal timestamps, which changes
// variant counts) is the caller's job. Event.Row says where each event came
// from: the 1-based line where its record starts for CSV (the header is
// line 1) and JSON Lines, the line of its <event> tag for XES, the 1-based
// row for Parquet.
//
// # Columns
//
// Each field is found by the name Columns gives it (exactly, else ignoring
// case), or by the first of these defaults the header has (exactly, then
// ignoring case, then ignoring case, spaces, '_', '-' and '.'):
//
//	case       case:concept:name, case_id, caseid, case, customer_id, customer,
//	           cliente_id, id_cliente, cliente, client_id, user_id
//	activity   concept:name, activity, activity_name, event, event_name, evento, actividad
//	timestamp  time:timestamp, timestamp, complete_timestamp, time, datetime,
//	           event_time, fecha_hora, fecha, date, ts
//	channel    channel, canal
//	resource   org:resource, resource, owner, department, recurso, departamento
//	device     device, dispositivo
//	lifecycle  lifecycle:transition, lifecycle
//
// Case, activity and timestamp are required: a log without one of them is a
// usage error (*Error with Usage set) that lists the header and offers a
// did-you-mean, as is a named column that is not there. A row whose case,
// activity or timestamp is empty or bad is a bad row: it is left out,
// counted in Stats.BadCount, and the first Options.MaxBadRows are listed in
// Stats.Bad (with Options.Strict the first one is an error). Rows whose
// width differs from the header's are read when they hold every mapped
// column, and reported in Stats.Warnings; so are duplicate column names (the
// first is used). The keys of JSON Lines play the part of the header: the
// union of the keys of the first lines.
//
// In XES, the case id is the trace's concept:name (or the trace attribute
// Columns.Case names); the event's concept:name is the activity, and
// time:timestamp, lifecycle:transition and org:resource are read from the
// event. Trace attributes fill the event fields and Attrs that the event
// lacks. Nested attributes, lists and containers, <global>, <extension> and
// <classifier> are skipped.
//
// # Timestamps
//
// Without Options.TimestampFormat, a timestamp is one of:
//
//   - ISO 8601 / RFC 3339: 2024-05-01T10:30:00Z, 2024-05-01T10:30:00.123+02:00,
//     2024-05-01 10:30:00, 2024-05-01 10:30, with '/' instead of '-' too
//     (2024/05/01 10:30:00.250), and an optional zone: Z, UTC, ±HH, ±HHMM, ±HH:MM;
//   - a date alone: 2024-05-01 (midnight);
//   - a Unix time: digits with an optional fraction, whose unit is decided by
//     magnitude: below 1e11 seconds (up to the year 5138), below 1e14
//     milliseconds, below 1e17 microseconds, else nanoseconds. So a compact
//     date such as 20240501 is read as seconds: give a format for those.
//
// Options.TimestampFormat takes a Go layout (2006-01-02 15:04:05), strftime
// codes (%d/%m/%Y %H:%M:%S; %f after '.' or ',' for fractions), or unix,
// unix_ms, unix_us, unix_ns. A time without an offset is in
// Options.Location (UTC when nil). Years must lie between 1678 and 2261
// (what Unix nanoseconds hold). Parquet timestamps may also be INT64
// TIMESTAMP (millis, micros, nanos), INT64 or DOUBLE Unix times (by
// magnitude), INT32 DATE or INT96.
//
// # Filters
//
// With Options.Lifecycle "complete" (the default), events whose lifecycle
// is set and is not "complete" are skipped; "all" keeps every event.
// Options.Since and Until keep Since <= Time < Until. Skipped events count
// in Stats.Skipped; Stats.Rows = Events + Skipped + BadCount.
//
// # Errors
//
// Errors are *Error, formatted file:line:col: message. A truncated or
// corrupt gzip stream is an error that says how far reading got, never a
// silent end; so is XML that is not well-formed (with line and column), a
// Parquet column of the wrong type, an empty log, and UTF-16 text. A
// cancelled context stops reading at the next batch.
//
// # Speed
//
// CSV and JSON Lines are cut into chunks that GOMAXPROCS workers parse at
// once (Options.Workers); repeated values (case ids, activities, channels,
// resources) are interned per worker so that they share memory. XES and
// Parquet are read on one goroutine. See the benchmarks in bench_test.go.
package eventlog
