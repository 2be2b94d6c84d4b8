// Runs SQL over a news-etl output folder with DuckDB and prints the last statement's result as JSON:
//   {"columns": ["pub_date", "articles"], "types": ["DATE", "BIGINT"], "rows": [["2018-05-14", "3"], ...]}
// Usage: node notebooks/duck.mjs --output DIR [--sql 'SELECT ...' | < query.sql]
// The views of notebooks/sql/duckdb-views.sql (one per table, ${OUTPUT} replaced by DIR) are created first;
// a table with no Parquet file yet gets no view, and a note on stderr.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const output = arg('--output') ?? process.env.NEWS_ETL_OUTPUT;
if (!output) {
  console.error('duck.mjs: give the output folder of a news-etl run: --output DIR (or NEWS_ETL_OUTPUT)');
  process.exit(2);
}
if (!existsSync(output)) {
  console.error(`duck.mjs: cannot read tables: ${output} does not exist`);
  process.exit(3);
}
const query = arg('--sql') ?? readFileSync(0, 'utf8');

function hasParquet(dir) {
  if (!existsSync(dir)) return false;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory() ? hasParquet(p) : name.endsWith('.parquet')) return true;
  }
  return false;
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const views = readFileSync(join(here, 'sql', 'duckdb-views.sql'), 'utf8')
  .split('\n').filter((l) => l.startsWith('CREATE'));
for (const view of views) {
  const folder = view.match(/\$\{OUTPUT\}\/([^*]+)\/\*\*/)[1];
  if (!hasParquet(join(output, folder))) {
    console.error(`duck.mjs: no files under ${join(output, folder)}: no view for it`);
    continue;
  }
  await connection.run(view.replaceAll('${OUTPUT}', resolve(output).replaceAll("'", "''")));
}
const statements = query.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter((s) => s && !/^(--[^\n]*\n?)*$/.test(s));
let result = null;
for (const s of statements) {
  result = await connection.runAndReadAll(s);
}
if (result) {
  process.stdout.write(JSON.stringify({
    columns: result.columnNames(),
    types: result.columnTypes().map((t) => t.toString()),
    rows: result.getRowsJson(),
  }));
}
