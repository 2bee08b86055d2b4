import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

type FlagItem = { id: string; saleId: string; type: string; severity: string; status: string; pendingDismissal: boolean; raisedAt: string };

/**
 * The review queue: what an auditor's console asks of the API — counts per
 * severity, sorting and paging on the server, "awaiting my second signature",
 * and decisions on several flags at once, each one a decision of its own.
 */
describe('the review queue (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;
  let projectId: string;
  let highFlags: FlagItem[];
  let mediumFlags: FlagItem[];

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
    projectId = (await f.project()).id;
    // Three sales under cost, handed over unpaid: each has a HIGH (UNPAID_POSSESSION) and a MEDIUM (AT_OR_BELOW_COST) flag.
    for (let n = 1; n <= 3; n += 1) {
      const unit = await f.unit(projectId, { unitNo: `Q-${n}`, costPrice: '5000000.00' });
      const sale = await f.sale({ unitId: unit.id, contractDate: '2026-06-29', netPrice: '1000000.00' });
      await f.pay(sale.id, '100000.00', '2026-06-29');
      await f.as.clerk.post(`/api/sales/${sale.id}/handover`).send({ handedOverOn: '2026-06-30' }).expect(200);
    }
    const all: FlagItem[] = (await t.admin.get(`/api/audit-flags?projectId=${projectId}&status=OPEN`).expect(200)).body.items;
    highFlags = all.filter((flag) => flag.type === 'UNPAID_POSSESSION');
    mediumFlags = all.filter((flag) => flag.type === 'AT_OR_BELOW_COST');
    expect(highFlags.map((flag) => flag.severity)).toEqual(['HIGH', 'HIGH', 'HIGH']);
    expect(mediumFlags.map((flag) => flag.severity)).toEqual(['MEDIUM', 'MEDIUM', 'MEDIUM']);
  });
  afterAll(() => t.close());

  const queue = (agent: 'auditor' | 'auditor2', query: string) => f.as[agent].get(`/api/audit-flags?projectId=${projectId}&${query}`).expect(200);

  it('counts the flags of each severity among those the filter matches, whatever the severity asked', async () => {
    const open = (await queue('auditor', 'status=OPEN')).body;
    expect(open.countsBySeverity).toMatchObject({ HIGH: 3, MEDIUM: 3 });
    const high = (await queue('auditor', 'status=OPEN&severity=HIGH')).body;
    expect(high.total).toBe(3);
    expect(high.countsBySeverity).toEqual(open.countsBySeverity);
    expect(high.items.every((flag: FlagItem) => flag.severity === 'HIGH')).toBe(true);
  });

  it('sorts on the server (a leading "-" descending; severity LOW < MEDIUM < HIGH) and pages the sorted list', async () => {
    const bySeverity = (await queue('auditor', 'status=OPEN&sort=-severity&limit=100')).body.items as FlagItem[];
    const rank = { LOW: 0, MEDIUM: 1, HIGH: 2 } as Record<string, number>;
    const ranks = bySeverity.map((flag) => rank[flag.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(bySeverity[0].severity).toBe('HIGH');
    const pages = [
      ...(await queue('auditor', 'status=OPEN&sort=-severity&limit=2&offset=0')).body.items,
      ...(await queue('auditor', 'status=OPEN&sort=-severity&limit=2&offset=2')).body.items,
      ...(await queue('auditor', 'status=OPEN&sort=-severity&limit=2&offset=4')).body.items,
    ].map((flag: FlagItem) => flag.id);
    expect(pages).toEqual(bySeverity.slice(0, 6).map((flag) => flag.id));
    await f.as.auditor.get('/api/audit-flags?sort=price').expect(400);
    await f.as.auditor.get('/api/audit-flags?awaitingSecondDismissal=yes').expect(400);
    await f.as.auditor.get('/api/audit-flags?excludeFirstDismissedBy=someone').expect(400);
  });

  it('shows a HIGH flag dismissed once as awaiting a second signature to everyone but its first signer', async () => {
    const [first] = highFlags;
    await f.as.auditor.post(`/api/audit-flags/${first.id}/reviews`).send({ decision: 'DISMISS', note: 'bank guarantee seen' }).expect(201);
    const mine = (await queue('auditor', 'awaitingSecondDismissal=true&excludeFirstDismissedBy=me')).body;
    const theirs = (await queue('auditor2', 'awaitingSecondDismissal=true&excludeFirstDismissedBy=me')).body;
    expect(mine.items.map((flag: FlagItem) => flag.id)).toEqual([]);
    expect(theirs.items.map((flag: FlagItem) => flag.id)).toEqual([first.id]);
    expect(theirs.countsBySeverity).toEqual({ HIGH: 1, MEDIUM: 0, LOW: 0 });
    const others = (await queue('auditor', 'status=OPEN&awaitingSecondDismissal=false')).body.items.map((flag: FlagItem) => flag.id);
    expect(others).not.toContain(first.id);
    expect(others).toHaveLength(5);
  });

  it('takes decisions on several flags at once, each its own review under the four-eyes rule, and refuses each one on its own', async () => {
    const [first, second] = highFlags;
    const entriesBefore = (await t.db.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'flag.reviewed'`)).rows[0].n;
    const unknown = '0b1c2d3e-aaaa-4bbb-8ccc-000000000000';
    // The first signer of `first` cannot sign it again; a second auditor can.
    const own = await f.as.auditor.post('/api/audit-flags/reviews').send({
      reviews: [
        { flagId: first.id, decision: 'DISMISS', note: 'again' },
        { flagId: mediumFlags[0].id, decision: 'CONFIRM', note: 'sold under cost to a stranger: refer' },
        { flagId: unknown, decision: 'COMMENT', note: 'no such flag' },
      ],
    }).expect(200);
    expect(own.body).toMatchObject({ accepted: 1, refused: 2 });
    expect(own.body.results.map((r: { flagId: string; accepted: boolean; error?: { statusCode: number; error: string } }) => [r.flagId, r.accepted, r.error?.statusCode, r.error?.error])).toEqual([
      [first.id, false, 409, 'CONFLICT'],
      [mediumFlags[0].id, true, undefined, undefined],
      [unknown, false, 404, 'NOT_FOUND'],
    ]);
    expect(own.body.results[1].flag).toMatchObject({ id: mediumFlags[0].id, status: 'CONFIRMED' });

    const other = await f.as.auditor2.post('/api/audit-flags/reviews').send({
      reviews: [
        { flagId: first.id, decision: 'DISMISS', note: 'guarantee confirmed with the bank' },
        { flagId: second.id, decision: 'DISMISS', note: 'first signature' },
      ],
    }).expect(200);
    expect(other.body.results.map((r: { flag: { status: string; pendingDismissal: boolean } }) => [r.flag.status, r.flag.pendingDismissal])).toEqual([
      ['DISMISSED', false],
      ['OPEN', true],
    ]);
    const entriesAfter = (await t.db.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'flag.reviewed'`)).rows[0].n;
    expect(entriesAfter - entriesBefore).toBe(3);
  });

  it('refuses a malformed batch whole, and any role but the auditor', async () => {
    const before = (await t.db.sql.query('SELECT count(*)::int AS n FROM flag_reviews')).rows[0].n;
    const bad = [
      { reviews: [] },
      { reviews: [[]] },
      { reviews: 'all' },
      { reviews: [{ flagId: 'not-a-uuid', decision: 'COMMENT', note: 'x' }] },
      { reviews: [{ flagId: highFlags[2].id, decision: 'COMMENT', note: '' }] },
      { reviews: [{ flagId: highFlags[2].id, decision: 'APPROVE', note: 'x' }] },
      { reviews: Array.from({ length: 201 }, () => ({ flagId: highFlags[2].id, decision: 'COMMENT', note: 'x' })) },
      { reviews: [{ flagId: highFlags[2].id, decision: 'COMMENT', note: 'x', extra: true }] },
      { decisions: [] },
    ];
    for (const body of bad) {
      const answer = await f.as.auditor.post('/api/audit-flags/reviews').send(body);
      expect({ body: JSON.stringify(body).slice(0, 80), status: answer.status }).toEqual({ body: JSON.stringify(body).slice(0, 80), status: 400 });
    }
    await f.as.clerk.post('/api/audit-flags/reviews').send({ reviews: [{ flagId: highFlags[2].id, decision: 'COMMENT', note: 'x' }] }).expect(403);
    expect((await t.db.sql.query('SELECT count(*)::int AS n FROM flag_reviews')).rows[0].n).toBe(before);
  });
});
