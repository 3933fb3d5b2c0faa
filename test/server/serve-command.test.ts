import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, tempDb } from '../helpers.ts';

describe('charterwatch serve', () => {
  it('refuses a port out of range with exit code 2', async () => {
    const r = await runCli(['serve', '--port', '99999', '--db', tempDb()]);
    assert.deepEqual([r.code, r.stderr.trim()], [2, 'charterwatch: --port expects a number from 0 to 65535, got "99999"']);
  });

  it('refuses a token shorter than 16 characters', async () => {
    const r = await runCli(['serve', '--token', 'short', '--db', tempDb()]);
    assert.deepEqual([r.code, r.stderr.trim()], [2, 'charterwatch: --token must be at least 16 characters']);
  });

  it('refuses an --allowed-host that is not a host name', async () => {
    const r = await runCli(['serve', '--allowed-host', 'ok.example', '--allowed-host', 'http://evil/', '--db', tempDb()]);
    assert.deepEqual([r.code, r.stderr.trim()], [2, 'charterwatch: --allowed-host expects a host name or address, optionally with :PORT, got "http://evil/"']);
  });
});
