// Runs the SQL of `journey mine --emit-sql --dialect duckdb` in DuckDB over a
// CSV event log, as a warehouse would, and saves each statement's result as
// NAME.csv (or NAME.parquet) in OUTDIR for `journey mine --aggregates OUTDIR`.
//
//   node bench/duckdb/aggregates.mjs QUERIES.sql LOG.csv[.gz] TIMESTAMP TIMEZONE OUTDIR [csv|parquet]
//
// The table the SQL reads is the view "eventos": the log's columns as text,
// TIMESTAMP read as a local time in TIMEZONE, and "fila", the row number
// (for --sequence fila). Prints {"seconds": ...} on stdout.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [sqlFile, log, ts, tz, outDir, format = 'csv'] = process.argv.slice(2);
const q = (s) => '"' + s.replaceAll('"', '""') + '"';
const lit = (s) => "'" + s.replaceAll("'", "''") + "'";
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const t0 = performance.now();
await con.run(`CREATE VIEW eventos AS
  SELECT * REPLACE (timezone(${lit(tz)}, ${q(ts)}::TIMESTAMP) AS ${q(ts)}), row_number() OVER () AS fila
  FROM read_csv(${lit(log)}, header = true, all_varchar = true)`);
const marker = '-- journey-aggregate: ';
const parts = readFileSync(sqlFile, 'utf8').split(marker).slice(1);
if (parts.length === 0) throw new Error(`no "${marker}NAME" statements in ${sqlFile}`);
for (const part of parts) {
  const nl = part.indexOf('\n');
  const name = part.slice(0, nl).trim();
  const stmt = part.slice(nl + 1).trim().replace(/;$/, '');
  const opts = format === 'parquet' ? '(FORMAT PARQUET)' : "(HEADER, DELIMITER ',')";
  await con.run(`COPY (${stmt}) TO ${lit(join(outDir, name + '.' + format))} ${opts}`);
}
process.stdout.write(JSON.stringify({ seconds: (performance.now() - t0) / 1000, tables: parts.length }) + '\n');
