// Reads each JUnit report named on the command line with junit2json (npm)
// and prints, as JSON, what it sees: the totals, and per suite its name,
// counts and properties, and per test case its name, class and outcome
// (failure, skipped or passed) with the outcome's message and text. Run by
// internal/cli's TestJUnitConsumer; JOURNEY_NODE_MODULES is the folder
// that holds junit2json.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const pkg = join(process.env.JOURNEY_NODE_MODULES, 'junit2json', 'package.json');
const meta = JSON.parse(await readFile(pkg, 'utf8'));
const entry = join(process.env.JOURNEY_NODE_MODULES, 'junit2json', meta.exports['.'].default);
const { parse } = await import(pathToFileURL(entry).href);

const out = {};
for (const path of process.argv.slice(2)) {
  const r = await parse(await readFile(path, 'utf8'));
  out[path] = {
    tests: r.tests, failures: r.failures, errors: r.errors,
    suites: (r.testsuite ?? []).map((s) => ({
      name: s.name, file: s.file, tests: s.tests, failures: s.failures, skipped: s.skipped,
      properties: Object.fromEntries((s.properties ?? []).map((p) => [p.name, String(p.value)])),
      cases: (s.testcase ?? []).map((c) => {
        const f = c.failure?.[0], k = c.skipped?.[0];
        return {
          name: c.name, classname: c.classname,
          outcome: f ? 'failure' : k ? 'skipped' : 'passed',
          message: (f ?? k)?.message ?? '', type: f?.type ?? '', text: f?.inner ?? '',
          out: (c['system-out'] ?? []).join('\n'),
        };
      }),
    })),
  };
}
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
