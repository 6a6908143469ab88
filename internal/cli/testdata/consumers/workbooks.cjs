// Reads each workbook named on the command line with exceljs and with
// SheetJS (the npm package xlsx) and prints, as JSON, what each library
// sees: the sheet names, the document properties and every sheet's cells
// as text, row by row. A library that cannot open a workbook gives
// {"error": message} for it. Run by internal/cli's TestWorkbookConsumers.
const ExcelJS = require('exceljs');
const XLSX = require('xlsx');

async function readExcelJS(path) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheets = {};
  for (const ws of wb.worksheets) {
    const rows = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => { cells[c - 1] = cell.text; });
      rows[n - 1] = Array.from(cells, (v) => v ?? '');
    });
    sheets[ws.name] = Array.from(rows, (r) => r ?? []);
  }
  return {
    names: wb.worksheets.map((ws) => ws.name),
    title: wb.title, subject: wb.subject, keywords: wb.keywords, creator: wb.creator,
    created: wb.created ? wb.created.toISOString() : null,
    sheets,
  };
}

function readSheetJS(path) {
  const wb = XLSX.readFile(path);
  const sheets = {};
  for (const name of wb.SheetNames) {
    sheets[name] = XLSX.utils.sheet_to_json(wb.Sheets[name], { header: 1, raw: false, defval: '', blankrows: true });
  }
  const p = wb.Props || {};
  return {
    names: wb.SheetNames,
    title: p.Title, subject: p.Subject, keywords: p.Keywords, creator: p.Author,
    created: p.CreatedDate ? new Date(p.CreatedDate).toISOString() : null,
    sheets,
  };
}

(async () => {
  const out = {};
  for (const path of process.argv.slice(2)) {
    const r = {};
    try { r.exceljs = await readExcelJS(path); } catch (e) { r.exceljs = { error: String(e && e.stack || e) }; }
    try { r.sheetjs = readSheetJS(path); } catch (e) { r.sheetjs = { error: String(e && e.message || e) }; }
    out[path] = r;
  }
  process.stdout.write(JSON.stringify(out));
})();
