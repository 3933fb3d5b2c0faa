/**
 * FAA registry import: a generated MASTER.txt of 150 MB (seeded, the FAA's layout) imported by
 * owner name, against a plain readline line count of the same file. Each run happens in its own
 * child process so its peak RSS (resourceUsage().maxRSS) is its own.
 * Target (issue 4): the import streams, peak RSS under 1 GB.
 * BENCH_SCALE (default 1) scales the file size. `npx tsx bench/fleet-import.bench.ts`
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { registrationFromIcao24 } from '../src/fleet/nnumber.ts';
import { mulberry32 } from './util.ts';

const HEADER =
  'N-NUMBER,SERIAL NUMBER,MFR MDL CODE,ENG MFR MDL,YEAR MFR,TYPE REGISTRANT,NAME,STREET,STREET2,CITY,STATE,ZIP CODE,REGION,COUNTY,COUNTRY,LAST ACTION DATE,CERT ISSUE DATE,CERTIFICATION,TYPE AIRCRAFT,TYPE ENGINE,STATUS CODE,MODE S CODE,FRACT OWNER,AIR WORTH DATE,OTHER NAMES(1),OTHER NAMES(2),OTHER NAMES(3),OTHER NAMES(4),OTHER NAMES(5),EXPIRATION DATE,UNIQUE ID,KIT MFR, KIT MODEL,MODE S CODE HEX';
/** Field widths of the FAA's fixed layout (the fields are space-padded to these). */
const WIDTHS = [5, 30, 7, 5, 4, 1, 50, 33, 33, 18, 2, 10, 1, 3, 2, 8, 8, 10, 1, 2, 2, 8, 1, 8, 50, 50, 50, 50, 50, 8, 8, 30, 20, 10];
const OWNERS = ['GLOBAL CROSSING AIRLINES LLC', 'EASTERN AIRLINES LLC', 'SMITH JOHN', 'WELLS FARGO TRUST CO NA TRUSTEE', 'FLYING CLUB INC', 'DOE JANE', 'SKY HOLDINGS LLC', 'AVIATION LEASING CORP'];
/** The models the generated registrations use, in ACFTREF.txt's layout. */
const ACFTREF = [
  '\uFEFFCODE,MFR,MODEL,TYPE-ACFT,TYPE-ENG,AC-CAT,BUILD-CERT-IND,NO-ENG,NO-SEATS,AC-WEIGHT,SPEED,TC-DATA-SHEET,TC-DATA-HOLDER,',
  '1384405,BOEING                        ,767-3P6             ,5,5 ,1,0,02,261,CLASS 4,0000,A1NM           ,BOEING COMMERCIAL AIRPLANES,',
  '1384001,BOEING                        ,737-4B7             ,5,5 ,1,0,02,168,CLASS 3,0000,A16WE          ,BOEING COMMERCIAL AIRPLANES,',
  '0040004,AIRBUS                        ,A320-214            ,5,5 ,1,0,02,180,CLASS 3,0000,A28NM          ,AIRBUS SAS,',
  '0040007,AIRBUS                        ,A321-211            ,5,5 ,1,0,02,220,CLASS 3,0000,A28NM          ,AIRBUS SAS,',
  '1560101,MCDONNELL DOUGLAS             ,DC-9-83(MD-83)      ,5,5 ,1,0,02,172,CLASS 3,0000,A6WE           ,BOEING,',
  '2072738,CESSNA                        ,172N                ,4,1 ,1,0,01,4  ,CLASS 1,0105,3A12           ,TEXTRON AVIATION INC,',
].join('\r\n');
const MODELS = ['1384405', '1384001', '0040004', '0040007', '1560101', '2072738'];

async function generate(file: string, targetBytes: number): Promise<{ lines: number; owned: number }> {
  const rand = mulberry32(4);
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`\uFEFF${HEADER},\r\n`);
  let bytes = 0;
  let lines = 0;
  let owned = 0;
  let address = 0xa00001;
  while (bytes < targetBytes) {
    address += 1 + Math.floor(rand() * 3); // distinct, increasing: each a real N-number
    if (address > 0xadf7c7) address = 0xa00001 + (lines % 1000);
    const hex = address.toString(16);
    const owner = rand() < 0.002 ? OWNERS[0]! : OWNERS[1 + Math.floor(rand() * (OWNERS.length - 1))]!;
    if (owner === OWNERS[0]) owned += 1;
    const v = [registrationFromIcao24(hex).slice(1), String(Math.floor(rand() * 1e6)), MODELS[Math.floor(rand() * MODELS.length)]!, '52039', '1999', '3', owner, 'PO BOX 1', '', 'MIAMI', 'FL', '33166', '2', '086', 'US', '20240105', '20230310', '1T', '5', '5', 'V', address.toString(8), '', '20230301', '', '', '', '', '', '20300331', String(lines).padStart(8, '0'), '', '', hex.toUpperCase()];
    const line = `${v.map((x, i) => x.padEnd(WIDTHS[i]!)).join(',')},\r\n`;
    bytes += line.length;
    lines += 1;
    await write(line);
  }
  await new Promise<void>((r) => out.end(() => r()));
  return { lines, owned };
}

async function child(mode: string, master: string, acftref: string, db: string): Promise<void> {
  let start = performance.now();
  let result: unknown;
  if (mode === 'count') {
    let n = 0;
    for await (const _ of createInterface({ input: createReadStream(master, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity })) n += 1;
    result = n - 1;
  } else {
    const { Store } = await import('../src/store/store.ts');
    const { importFaa } = await import('../src/fleet/faa.ts');
    const store = await Store.open(db);
    start = performance.now(); // the import itself, not opening and migrating the database
    const s = await importFaa(store, { master, acftref, owners: ['Global Crossing Airlines'] });
    store.close();
    result = s.aircraft;
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, result }));
}

async function run(): Promise<void> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-fleet-bench-'));
  try {
    const master = path.join(dir, 'MASTER.txt');
    const acftref = path.join(dir, 'ACFTREF.txt');
    writeFileSync(acftref, ACFTREF);
    const { lines, owned } = await generate(master, 150e6 * scale);
    const mb = statSync(master).size / 1e6;
    console.log(`fleet import: generated MASTER.txt, ${mb.toFixed(0)} MB, ${lines.toLocaleString('en-US')} registrations, ${owned} of the owner imported`);
    const measure = (mode: string) => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, master, acftref, path.join(dir, 'fleet.duckdb')], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as { seconds: number; maxRssMb: number; result: number };
    };
    const base = measure('count');
    const ours = measure('import');
    if (base.result !== lines) throw new Error(`line count ${base.result} ≠ ${lines}`);
    if (ours.result !== owned) throw new Error(`imported ${ours.result} aircraft, expected ${owned}`);
    const row = (label: string, m: { seconds: number; maxRssMb: number }) =>
      console.log(`  ${label.padEnd(60)} ${m.seconds.toFixed(2).padStart(7)} s  ${(mb / m.seconds).toFixed(0).padStart(5)} MB/s  peak RSS ${m.maxRssMb.toFixed(0).padStart(5)} MB`);
    row('baseline: readline line count of the same file', base);
    row('charterwatch fleet import --faa --owner (stream, parse, check)', ours);
    const ok = ours.maxRssMb < 1024;
    console.log(`  time ratio ${(ours.seconds / base.seconds).toFixed(2)}x the line count; peak RSS ${ours.maxRssMb.toFixed(0)} MB (target < 1024 MB): ${ok ? 'PASS' : 'FAIL'}`);
    if (!ok) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(args[1]!, args[2]!, args[3]!, args[4]!);
else await run();
