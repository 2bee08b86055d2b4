import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { query, runRead, together } from '../../src/database/read';
import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

/**
 * Reads put together go to PostgreSQL in one round trip, their parameters
 * written in as literals: each must answer exactly as it does alone, and a
 * sale must read what its judgement rests on in a fixed, small number of them.
 */
describe('reads in one round trip (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;
  let reader: { manager: DataSource['manager'] };

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
    reader = { manager: t.app.get(DataSource).manager };
  });
  afterAll(() => t.close());

  const tricky = [
    "O'Brien \\ co; DROP TABLE sales; --", '李伟 — «quoted» "double"', '', ' leading and trailing ', 'back\\slash\\', '$1 and $$ dollars',
  ];

  it('answers each read together exactly as alone: text, arrays, nulls, dates, money, instants and JSON', async () => {
    const sql = `SELECT $1::text AS text, $2::text[] AS texts, $3::uuid[] AS ids, $4::text AS nothing, $5::date::text AS day, $6::numeric AS money,
                        $7::timestamptz AS at, $8::jsonb AS document, $9::int AS count`;
    const reads = tricky.map((text, i) => query(sql, [
      text, [text, '{braces}', 'a,b', 'NULL', null], ['00000000-0000-4000-8000-00000000000' + i], null, '2026-02-28', '12345678901.23',
      new Date(Date.UTC(2026, 5, 30, 9, 0, 0, 123)), JSON.stringify({ text, nested: [1, '2', null] }), i,
    ], (rows) => rows[0]));
    const alone = [];
    for (const read of reads) alone.push(await runRead(reader, read));
    const withOthers = await runRead(reader, together(Object.fromEntries(reads.map((read, i) => [`r${i}`, read]))));
    expect(Object.values(withOthers)).toEqual(alone);
    expect(alone[0]).toEqual({
      text: tricky[0], texts: [tricky[0], '{braces}', 'a,b', 'NULL', null], ids: ['00000000-0000-4000-8000-000000000000'], nothing: null, day: '2026-02-28',
      money: '12345678901.23', at: new Date('2026-06-30T09:00:00.123Z'), document: { text: tricky[0], nested: [1, '2', null] }, count: 0,
    });
  });

  it('records a sale in four round trips: its facts, its judgement’s, the write, the seal', async () => {
    const project = await f.project();
    const units = await f.units(project.id, 4, { unitType: '3BR', saleableArea: '100.00' });
    const ceo = await f.party({ name: 'Li Wei', insiderRole: 'CEO' });
    const driver = await f.party({ name: 'Zhang San' });
    await f.relate(driver.id, ceo.id, 'PERSONAL_STAFF');
    await f.marketPrice(project.id, { asOf: '2026-01-01', pricePerSqm: '50000.00', source: 'INDEX' });
    for (const unit of units.slice(0, 3)) await f.sale({ unitId: unit.id, netPrice: '5000000.00', contractDate: '2026-03-01', buyerPartyIds: [ceo.id] });

    const sent = jest.spyOn(Client.prototype, 'query');
    try {
      const sale = await f.sale({ unitId: units[3].id, netPrice: '1000000.00', contractDate: '2026-04-01', buyerPartyIds: [driver.id] });
      expect(sale.flags.map((flag: { type: string }) => flag.type)).toEqual(expect.arrayContaining(['RELATED_PARTY_SALE', 'BELOW_MARKET']));
      const statements = sent.mock.calls.map(([config]) => (typeof config === 'string' ? config : (config as { text: string }).text));
      // Four round trips: the facts the rules check (unit and settings, parties, listing, whether sold); everything the
      // judgement rests on (confirmed-abnormal sales, evidence, the parties' neighbourhood, appraisal, batch, comparables);
      // one statement writing the sale, its flags and audit entries; the seal of the audit chain.
      expect(statements).toHaveLength(4);
      expect(statements[0].split(';\n').map((text) => text.match(/FROM (\w+)/)![1])).toEqual(['units', 'parties', 'unnest', 'unnest']);
      expect(statements[1].split(';\n')).toHaveLength(5);
      expect(statements[1]).toContain('WITH RECURSIVE');
      expect(statements[1]).toContain('FROM sales s');
      expect(statements[2]).toMatch(/^WITH w0 AS \(INSERT INTO sales /);
      expect(statements[3]).toBe('SELECT audit_log_seal_pending()');
    } finally {
      sent.mockRestore();
    }
  });
});
