// Mines a CSV event log with DuckDB, as a reference for `journey mine`:
// the directly-follows edges (count, cases) and the variants (cases), by
// the same rules (each case ordered by timestamp, ties in file order).
// Prints JSON {"seconds": ..., "edges": [...], "variants": [...]} on stdout.
//
//   node bench/duckdb/mine.mjs LOG.csv[.gz] CASE ACTIVITY TIMESTAMP
import { DuckDBInstance } from '@duckdb/node-api';

const [file, c, a, t] = process.argv.slice(2);
const q = (s) => '"' + s.replaceAll('"', '""') + '"';
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const t0 = performance.now();
await con.run(`CREATE TEMP TABLE o AS
  SELECT ${q(c)}::VARCHAR AS c, ${q(a)}::VARCHAR AS a, ${q(t)}::TIMESTAMP AS t, row_number() OVER () AS seq
  FROM read_csv('${file.replaceAll("'", "''")}', header = true, all_varchar = true)`);
const edges = await con.runAndReadAll(`
  WITH n AS (SELECT c, a, lead(a) OVER w AS b FROM o WINDOW w AS (PARTITION BY c ORDER BY t, seq))
  SELECT a AS "from", b AS "to", count(*)::BIGINT AS count, count(DISTINCT c)::BIGINT AS cases
  FROM n WHERE b IS NOT NULL GROUP BY a, b ORDER BY count DESC, "from", "to"`);
const variants = await con.runAndReadAll(`
  SELECT p AS path, count(*)::BIGINT AS cases FROM (
    SELECT c, string_agg(a, ' > ' ORDER BY t, seq) AS p FROM o GROUP BY c)
  GROUP BY p ORDER BY cases DESC, path`);
const seconds = (performance.now() - t0) / 1000;
const rows = (r) => r.getRowObjectsJS().map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
process.stdout.write(JSON.stringify({ seconds, edges: rows(edges), variants: rows(variants) }) + '\n');
