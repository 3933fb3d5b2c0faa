import { Store } from './src/store/store.ts';
import { ingestPaths } from './src/ingest/ingest.ts';
const s = await Store.open(':memory:');
await ingestPaths(s, ['../shared/data/stats/cbp-nationwide-encounters-fy20-fy24-aor.csv.gz']);
console.log(await s.all("select fiscal_year, sum(count) n from encounters_effective group by all order by all"));
console.log(await s.all("select fiscal_year, month, component, sum(count) n from encounters_effective where citizenship='CN' and fiscal_year >= 2023 group by all order by all"));
