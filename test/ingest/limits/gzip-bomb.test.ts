import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDb, tempDir, tarWith } from '../../helpers.ts';
import { runCliMeasured, writeGzipBomb } from './helpers.ts';

describe('a gzip file that unpacks to far more than it holds', () => {
  it('is refused with the limit named, by a process that stays under 500 MB (a readsb trace: 1 MB of gzip, 1 GiB unpacked)', async () => {
    const file = path.join(tempDir(), 'trace_full_a960a9.json');
    const size = writeGzipBomb(file, '{"icao":"a960a9","timestamp":1719932400,"trace":[', 1024);
    assert.ok(size < 2_000_000, `the bomb is small on disk (${size} bytes)`);
    const run = await runCliMeasured(['--db', tempDb(), 'ingest', '--all', file]);
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr.trim(),
      `charterwatch: ${file}: gzip data unpacks to more than 128 MiB, the limit for a file read whole; CHARTERWATCH_MAX_UNPACKED_MB raises it (in MiB); nothing of it was loaded`,
    );
    console.log(`peak RSS ${run.peakMb.toFixed(0)} MB`);
    assert.ok(run.peakMb < 500, `peak RSS ${run.peakMb.toFixed(0)} MB`);
  });

  it('is refused at a lowered limit too: a statistics table read whole (ICE removals) with CHARTERWATCH_MAX_UNPACKED_MB=8', async () => {
    const file = path.join(tempDir(), 'ice-removals.csv.gz');
    writeGzipBomb(file, 'CountryOfCitizenship,2017,2018\nMEXICO,1,2\n', 64, '\n');
    const run = await runCliMeasured(['--db', tempDb(), 'ingest', file], { CHARTERWATCH_MAX_UNPACKED_MB: '8' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /ice-removals\.csv\.gz: gzip data unpacks to more than 8 MiB, the limit for a file read whole; CHARTERWATCH_MAX_UNPACKED_MB raises it/);
    console.log(`peak RSS ${run.peakMb.toFixed(0)} MB`);
    assert.ok(run.peakMb < 500, `peak RSS ${run.peakMb.toFixed(0)} MB`);
  });
});


describe('a gzip member of an OpenSky archive that unpacks far past its size', () => {
  it('is refused at 256 MiB (100 times its size, at least 256 MiB), instead of being written out whole', async () => {
    const dir = tempDir();
    const member = path.join(dir, 'member.gz');
    const header = 'time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact\n';
    const size = writeGzipBomb(member, header, 300, '\n');
    const archive = path.join(dir, 'states_2024-07-02.tar');
    writeFileSync(archive, tarWith('states_2024-07-02-12.csv.gz', readFileSync(member)));
    const run = await runCli(['--db', tempDb(), 'ingest', '--all', archive]);
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr.trim(),
      `charterwatch: ${archive}: states_2024-07-02-12.csv.gz in the archive: gzip data unpacks to more than 256 MiB, the limit for ${(size / 1024).toFixed(1)} KiB of it (100 times its size, 256 MiB at least; CHARTERWATCH_MAX_GZIP_RATIO raises the ratio); nothing of it was loaded`,
    );
  });
});

/** A ZIP archive of `members` (deflated, no checksums): its directory declares each member's unpacked size. */
function zipOf(members: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of members) {
    const packed = deflateRawSync(data, { level: 9 });
    const crc = 0; // not checked by the size check this serves
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, Buffer.from(name), packed);
    central.push(dir, Buffer.from(name));
    offset += 30 + name.length + packed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

describe('an .xlsx workbook whose sheet unpacks past the limit of a file read whole', () => {
  it('is refused from its directory before the workbook reader inflates it', async () => {
    const file = path.join(tempDir(), 'khsm.xlsx');
    writeFileSync(file, zipOf([['[Content_Types].xml', Buffer.from('<Types/>')], ['xl/worksheets/sheet1.xml', Buffer.alloc(200 * 1024 * 1024, ' ')]]));
    const run = await runCli(['--db', tempDb(), 'ingest', file]);
    assert.equal(run.code, 1);
    assert.equal(run.stderr.trim(), `charterwatch: ${file}: the workbook unpacks to 200 MiB, more than the 128 MiB a file read whole may hold; CHARTERWATCH_MAX_UNPACKED_MB raises it (in MiB); nothing of it was loaded`);
  });
});
