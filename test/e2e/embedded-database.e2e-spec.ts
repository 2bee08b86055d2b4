import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startService } from '../utils/service-process';

/** With no DATABASE_URL the service runs on PGlite in DATA_DIR: it starts, migrates, serves writes and keeps them. */
describe('embedded default database (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts, migrates, prints a first admin token once, and keeps data across restarts', async () => {
    const first = await startService({ DATA_DIR: dataDir });
    const token = /Admin token \(shown once\): (\S+)/.exec(first.output())?.[1];
    expect(token).toBeDefined();
    await request(first.baseUrl).get('/health').expect(200);
    const created = await request(first.baseUrl)
      .post('/api/projects')
      .set('Authorization', `Bearer ${token}`)
      .send({ code: 'EMB-1', name: 'Embedded', currency: 'CNY' })
      .expect(201);
    // Nest closes the app (and PGlite) on SIGTERM, then re-raises the signal.
    expect(await first.stop()).toBe('SIGTERM');

    const second = await startService({ DATA_DIR: dataDir });
    try {
      expect(second.output()).not.toContain('Admin token');
      const again = await request(second.baseUrl)
        .get(`/api/projects/${created.body.id}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(again.body.code).toBe('EMB-1');
      const verify = await request(second.baseUrl).get('/api/audit-log/verify').set('Authorization', `Bearer ${token}`).expect(200);
      expect(verify.body).toEqual({ ok: true, entries: 2 });
    } finally {
      await second.stop();
    }
  });

  it('refuses to start on a bad variable, naming it', async () => {
    await expect(startService({ DATA_DIR: dataDir, PORT: 'eighty' })).rejects.toThrow(/PORT/);
  });
});
