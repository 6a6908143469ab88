// Runs Mermaid itself (the mermaid package that @mermaid-js/mermaid-cli
// installs, in headless Chromium through the cli's puppeteer) on user-journey
// diagrams and prints, as JSON, what Mermaid makes of each: whether it
// parses, and the title, accessible title and description, and tasks
// (section, name, score, actors) of its journey database. Reads a JSON array
// of diagram texts on standard input. Run by the consumer tests of
// journey/importer/mermaid; CHROMIUM names the browser (/usr/bin/chromium).
const fs = require('fs');
const puppeteer = require('puppeteer');

(async () => {
  const inputs = JSON.parse(fs.readFileSync(0, 'utf8'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
    headless: true,
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><meta charset="utf-8"><body></body>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    const results = await page.evaluate(async (inputs) => {
      mermaid.initialize({ startOnLoad: false });
      const out = [];
      let n = 0;
      for (const text of inputs) {
        const r = {};
        try {
          await mermaid.parse(text);
          const db = (await mermaid.mermaidAPI.getDiagramFromText(text)).db;
          r.ok = true;
          r.accTitle = db.getAccTitle();
          r.accDescr = db.getAccDescription();
          r.tasks = db.getTasks().map((t) => ({ section: t.section, task: t.task, score: String(t.score), people: t.people }));
          // render parses again, with the front matter's title, and draws.
          try {
            const { svg } = await mermaid.render('d' + n++, text);
            r.rendered = true;
            if (/<script|\son[a-z]+\s*=|javascript:/i.test(svg)) r.unsafe = true;
          } catch (e) {
            r.renderError = String((e && e.message) || e).split('\n')[0];
          }
          r.title = db.getDiagramTitle();
        } catch (e) {
          r.ok = false;
          r.error = String((e && e.message) || e).split('\n').slice(0, 3).join(' ');
        }
        out.push(r);
      }
      return out;
    }, inputs);
    process.stdout.write(JSON.stringify({ version: require('mermaid/package.json').version, results }));
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
