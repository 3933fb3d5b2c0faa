import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { badInput } from '../../errors.ts';
import type { Format } from '../format.ts';
import { createSbsParser } from '../positions/sbs.ts';
import { commitStage, StageWriter } from '../positions/stage.ts';

/** Record types that start a BaseStation line. */
const SBS_LINE = /^(MSG,[1-8],|(SEL|ID|AIR|STA|CLK),)/;

/**
 * SBS-1 BaseStation recordings (a capture of port 30003), plain or gzip: messages merged per
 * aircraft into positions by the same parser the live `watch` command uses. Rows read counts
 * the file's lines (every message), rows kept the positions stored.
 */
export const sbs: Format = {
  name: 'sbs',
  description: 'SBS-1 BaseStation messages (MSG,…; port 30003 recordings), plain or gzip',
  target: 'positions',
  sniff: ({ text, isDirectory }) => {
    if (isDirectory) return 0;
    const lines = text.split('\n', 20).filter((l) => l.trim() !== '');
    const sbsLines = lines.filter((l) => SBS_LINE.test(l)).length;
    return sbsLines > 0 && sbsLines >= lines.length / 2 ? 95 : 0;
  },
  async load(ctx) {
    const writer = await StageWriter.open(ctx);
    const rejected: { line: number; reason: string; raw: string }[] = [];
    const parser = createSbsParser({ fleet: ctx.fleet, onReject: (line, reason, raw) => rejected.push({ line, reason, raw }) });
    const drain = async () => {
      for (const r of rejected.splice(0)) await ctx.rejects.add(r.line, r.reason, r.raw);
    };
    try {
      const source = createReadStream(ctx.path);
      source.on('data', (chunk) => ctx.progress.advance(chunk.length));
      const input = ctx.sample.gzip ? source.pipe(createGunzip()) : source;
      source.on('error', (error) => input.destroy(error));
      try {
        for await (const chunk of input) {
          for (const u of parser.push(chunk as Buffer)) writer.add(u, u.line);
          await drain();
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) throw badInput(`corrupt or truncated gzip data (${(error as Error).message}); nothing of it was loaded`, ctx.path);
        throw error;
      }
      for (const u of parser.flush()) writer.add(u, u.line);
      await drain();
    } finally {
      writer.close();
    }
    const { kept } = await commitStage(ctx);
    return { rowsRead: parser.lines, rowsKept: kept };
  },
};
