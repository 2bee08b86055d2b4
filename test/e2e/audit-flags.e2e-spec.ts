import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

type Flag = { id: string; type: string; severity: string; status: string; pendingDismissal: boolean; evidence: Record<string, unknown>; reviews?: Array<{ decision: string; note: string; reviewerName: string }> };

describe('audit flags: when rules run, clearing, and review (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;
  let projectId: string;
  let unitSeq = 0;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
    projectId = (await f.project()).id;
  });
  afterAll(() => t.close());

  async function unit(extra: Record<string, unknown> = {}) {
    unitSeq += 1;
    return f.unit(projectId, { unitNo: `F-${unitSeq}`, ...extra });
  }

  async function flagsOf(saleId: string): Promise<Flag[]> {
    return (await t.admin.get(`/api/audit-flags?saleId=${saleId}`).expect(200)).body.items;
  }

  async function flag(saleId: string, type: string): Promise<Flag> {
    const found = (await flagsOf(saleId)).find((candidate) => candidate.type === type);
    if (!found) throw new Error(`no ${type} flag on sale ${saleId}`);
    return (await t.admin.get(`/api/audit-flags/${found.id}`).expect(200)).body;
  }

  /** An audit run as of a date, or as of today (the only kind that changes the live register). */
  async function auditRun(asOf?: string) {
    return (await f.as.auditor.post(`/api/projects/${projectId}/audit-runs`).send(asOf ? { asOf } : {}).expect(201)).body;
  }

  describe('MISSING_DEPOSIT, judged as of the audit run’s date', () => {
    it('does not fire on the due date, fires the day after, and stays when the deposit comes late', async () => {
      t.clock.set('2026-03-01T09:00:00Z');
      const sale = await f.sale({ unitId: (await unit()).id, contractDate: '2026-03-01', netPrice: '1000000.00' });
      for (const day of ['2026-03-07', '2026-03-08']) {
        t.clock.set(`${day}T09:00:00Z`);
        await auditRun();
      }
      expect((await flagsOf(sale.id)).map((x) => x.type)).toEqual([]);
      t.clock.set('2026-03-09T09:00:00Z');
      const run = await auditRun();
      expect(run.flagsRaised).toBe(1);
      expect(await flag(sale.id, 'MISSING_DEPOSIT')).toMatchObject({ severity: 'MEDIUM', status: 'OPEN', evidence: { dueDate: '2026-03-08' } });
      t.clock.set('2026-03-10T09:00:00Z');
      await f.pay(sale.id, '100000.00', '2026-03-10');
      expect((await flag(sale.id, 'MISSING_DEPOSIT')).status).toBe('OPEN');
      t.clock.set('2026-06-30T09:00:00Z');
    });

    it('answers an audit run as of a past date with what it would change, and changes nothing', async () => {
      t.clock.set('2026-05-01T09:00:00Z');
      const sale = await f.sale({ unitId: (await unit()).id, contractDate: '2026-05-01', netPrice: '1000000.00' });
      await f.as.clerk.post(`/api/sales/${sale.id}/handover`).send({ handedOverOn: '2026-05-01', occupied: true }).expect(200);
      t.clock.set('2026-05-05T09:00:00Z');
      await f.pay(sale.id, '1000000.00', '2026-05-05', 'BALANCE');
      t.clock.set('2026-06-30T09:00:00Z');
      const before = await flag(sale.id, 'UNPAID_POSSESSION');
      expect(before.status).toBe('CLEARED');
      const past = await auditRun('2026-05-03');
      expect(past).toMatchObject({ asOf: '2026-05-03', liveRegisterChanged: false, flagsReopened: 1 });
      expect(await flag(sale.id, 'UNPAID_POSSESSION')).toEqual(before);
      expect(await auditRun()).toMatchObject({ liveRegisterChanged: true, flagsReopened: 0 });
    });

    it('is prevented by a deposit on the due date', async () => {
      t.clock.set('2026-04-01T09:00:00Z');
      const sale = await f.sale({ unitId: (await unit()).id, contractDate: '2026-04-01', netPrice: '1000000.00' });
      t.clock.set('2026-04-08T09:00:00Z');
      await f.pay(sale.id, '100000.00', '2026-04-08');
      t.clock.set('2026-06-30T09:00:00Z');
      await auditRun('2026-06-30');
      expect(await flagsOf(sale.id)).toEqual([]);
    });
  });

  describe('UNPAID_POSSESSION', () => {
    it('clears with a system entry when the balance is paid, and reopens the same flag when a payment is reversed', async () => {
      const sale = await f.sale({ unitId: (await unit()).id, contractDate: '2026-06-25', netPrice: '1000000.00' });
      await f.pay(sale.id, '100000.00', '2026-06-25');
      await f.as.clerk.post(`/api/sales/${sale.id}/handover`).send({ handedOverOn: '2026-06-28', occupied: true }).expect(200);
      const raised = await flag(sale.id, 'UNPAID_POSSESSION');
      expect(raised).toMatchObject({ severity: 'HIGH', status: 'OPEN', evidence: { outstanding: '900000.00', occupied: true } });

      const balance = await f.pay(sale.id, '900000.00', '2026-06-29', 'BALANCE');
      const cleared = await flag(sale.id, 'UNPAID_POSSESSION');
      expect(cleared).toMatchObject({ id: raised.id, status: 'CLEARED' });
      expect(cleared.reviews?.map((r) => r.decision)).toEqual(['CONDITION_CLEARED']);

      await f.as.finance.post(`/api/sales/${sale.id}/payments/${balance.id}/reversal`).send({ reversedOn: '2026-06-30', reason: 'bounced' }).expect(201);
      const reopened = await flag(sale.id, 'UNPAID_POSSESSION');
      expect(reopened).toMatchObject({ id: raised.id, status: 'OPEN', evidence: { outstanding: '900000.00' } });
      expect(reopened.reviews?.map((r) => r.decision)).toEqual(['CONDITION_CLEARED', 'CONDITION_RETURNED']);
      const { rows } = await t.db.sql.query(`SELECT count(*)::int AS n FROM audit_flags WHERE sale_id = $1 AND type = 'UNPAID_POSSESSION'`, [sale.id]);
      expect(rows[0].n).toBe(1);
    });
  });

  describe('related parties', () => {
    it('flags a sale whose referrer is related as RELATED_REFERRER, without making it a related-party sale', async () => {
      const director = await f.party({ name: 'Director Chen', insiderRole: 'DIRECTOR' });
      const cousin = await f.party({ name: 'Cousin Chen' });
      await f.relate(cousin.id, director.id, 'FAMILY');
      const u = await unit({ costPrice: '2000000.00' });
      const sale = await f.sale({ unitId: u.id, contractDate: '2026-06-29', netPrice: '2000000.00', referrerPartyId: cousin.id });
      expect(sale.relatedParty).toMatchObject({ isRelated: false, paths: [] });
      expect(sale.referrer).toMatchObject({ partyId: cousin.id, isRelated: true, paths: [[cousin.id, 'FAMILY', director.id]] });
      expect(Object.fromEntries(sale.flags.map((x: Flag) => [x.type, x.severity]))).toEqual({ RELATED_REFERRER: 'MEDIUM', AT_OR_BELOW_COST: 'MEDIUM' });
      const referrerFlag = await flag(sale.id, 'RELATED_REFERRER');
      expect(referrerFlag.evidence).toMatchObject({
        referrerPartyId: cousin.id,
        parties: { [cousin.id]: { name: 'Cousin Chen', insiderRole: null }, [director.id]: { name: 'Director Chen', insiderRole: 'DIRECTOR' } },
      });
    });

    it('finds a relation at 4 hops only where the project allows 4', async () => {
      const ceo = await f.party({ name: 'CEO Sun', insiderRole: 'CEO' });
      const [a, b, c, d] = [await f.party({ name: 'A' }), await f.party({ name: 'B' }), await f.party({ name: 'C' }), await f.party({ name: 'D' })];
      await f.relate(a.id, ceo.id, 'SPOUSE');
      await f.relate(b.id, a.id, 'FAMILY');
      await f.relate(c.id, b.id, 'BUSINESS_ASSOCIATE');
      await f.relate(d.id, c.id, 'CONTROLS');
      const threeHops = (await f.project()).id;
      const fourHops = (await f.project({ relatedPartyMaxHops: 4 })).id;
      const atThree = await f.sale({ unitId: (await f.unit(threeHops, { unitNo: 'H-0' })).id, buyerPartyIds: [c.id], contractDate: '2026-06-29', netPrice: '1.00' });
      const inThree = await f.sale({ unitId: (await f.unit(threeHops, { unitNo: 'H-1' })).id, buyerPartyIds: [d.id], contractDate: '2026-06-29', netPrice: '1.00' });
      const inFour = await f.sale({ unitId: (await f.unit(fourHops, { unitNo: 'H-1' })).id, buyerPartyIds: [d.id], contractDate: '2026-06-29', netPrice: '1.00' });
      expect(atThree.relatedParty.paths).toEqual([[c.id, 'BUSINESS_ASSOCIATE', b.id, 'FAMILY', a.id, 'SPOUSE', ceo.id]]);
      expect(inThree.relatedParty.isRelated).toBe(false);
      expect(inFour.relatedParty.paths).toEqual([[d.id, 'CONTROLS', c.id, 'BUSINESS_ASSOCIATE', b.id, 'FAMILY', a.id, 'SPOUSE', ceo.id]]);
    });

    it('catches at once, without an audit run, a relation recorded after the sale', async () => {
      const ceo = await f.party({ name: 'CEO Qian', insiderRole: 'CEO' });
      const nominee = await f.party({ name: 'Nominee Ltd', kind: 'COMPANY' });
      const sale = await f.sale({ unitId: (await unit()).id, buyerPartyIds: [nominee.id], contractDate: '2026-06-29', netPrice: '1000000.00' });
      await f.pay(sale.id, '1000000.00', '2026-06-29', 'BALANCE');
      expect(sale.flags).toEqual([]);
      await f.relate(nominee.id, ceo.id, 'NOMINEE');
      expect((await flag(sale.id, 'RELATED_PARTY_SALE')).status).toBe('OPEN');
      const view = (await t.admin.get(`/api/sales/${sale.id}`).expect(200)).body;
      expect(view.relatedParty).toMatchObject({ isRelated: true, paths: [[nominee.id, 'NOMINEE', ceo.id]] });
    });
  });

  describe('BELOW_MARKET', () => {
    it('is revealed on an audit run by comparable sales recorded later', async () => {
      const project = (await f.project()).id;
      const units = await f.units(project, 4, { unitType: 'LOFT', saleableArea: '50.00' }, 'L');
      const early = await f.sale({ unitId: units[0].id, contractDate: '2026-05-01', netPrice: '1000000.00' });
      await f.pay(early.id, '1000000.00', '2026-05-01', 'BALANCE');
      expect(early.market).toBeNull();
      for (const u of units.slice(1)) {
        const s = await f.sale({ unitId: u.id, contractDate: '2026-05-10', netPrice: '1500000.00' });
        await f.pay(s.id, '1500000.00', '2026-05-10', 'BALANCE');
      }
      const run = (await f.as.auditor.post(`/api/projects/${project}/audit-runs`).send({}).expect(201)).body;
      expect(run).toMatchObject({ flagsRaised: 1 });
      const below = (await t.admin.get(`/api/audit-flags?saleId=${early.id}&type=BELOW_MARKET`).expect(200)).body.items[0];
      expect(below).toMatchObject({ type: 'BELOW_MARKET', severity: 'HIGH', evidence: { marketPrice: '1500000.00', shortfallPct: '33.33' } });
    });
  });

  describe('review', () => {
    let highFlag: Flag;
    let mediumFlag: Flag;

    beforeAll(async () => {
      const u = await unit({ costPrice: '5000000.00' });
      const sale = await f.sale({ unitId: u.id, contractDate: '2026-06-29', netPrice: '1000000.00' });
      await f.pay(sale.id, '100000.00', '2026-06-29');
      await f.as.clerk.post(`/api/sales/${sale.id}/handover`).send({ handedOverOn: '2026-06-30' }).expect(200);
      highFlag = await flag(sale.id, 'UNPAID_POSSESSION');
      mediumFlag = await flag(sale.id, 'AT_OR_BELOW_COST');
      expect([highFlag.severity, mediumFlag.severity]).toEqual(['HIGH', 'MEDIUM']);
    });

    const review = (agent: 'auditor' | 'auditor2', id: string, decision: string, note = 'looked at it') =>
      f.as[agent].post(`/api/audit-flags/${id}/reviews`).send({ decision, note });

    it('needs two different auditors to dismiss a HIGH flag', async () => {
      const first = await review('auditor', highFlag.id, 'DISMISS', 'keys released against a bank guarantee').expect(201);
      expect(first.body).toMatchObject({ status: 'OPEN', pendingDismissal: true });
      const same = await review('auditor', highFlag.id, 'DISMISS', 'again').expect(409);
      expect(same.body.message).toContain('two different auditors');
      const second = await review('auditor2', highFlag.id, 'DISMISS', 'guarantee seen').expect(201);
      expect(second.body).toMatchObject({ status: 'DISMISSED', pendingDismissal: false });
      expect(second.body.reviews.map((r: { decision: string; reviewerName: string }) => `${r.decision} ${r.reviewerName}`)).toEqual([
        'DISMISS Wang Fang', 'DISMISS Zhao Min',
      ]);
    });

    it('dismisses a MEDIUM flag with one decision', async () => {
      const done = await review('auditor', mediumFlag.id, 'DISMISS', 'cost price was provisional').expect(201);
      expect(done.body).toMatchObject({ status: 'DISMISSED', pendingDismissal: false });
    });

    it('refuses decisions on closed flags, but keeps comments, in order', async () => {
      await review('auditor', mediumFlag.id, 'CONFIRM').expect(409);
      await review('auditor2', mediumFlag.id, 'DISMISS').expect(409);
      const comment = await review('auditor2', mediumFlag.id, 'COMMENT', 'agree with the dismissal').expect(201);
      expect(comment.body.reviews.map((r: { decision: string }) => r.decision)).toEqual(['DISMISS', 'COMMENT']);
    });

    it('confirms an open flag', async () => {
      const sale = await f.sale({ unitId: (await unit({ costPrice: '9.00' })).id, contractDate: '2026-06-30', netPrice: '9.00' });
      const target = await flag(sale.id, 'AT_OR_BELOW_COST');
      const confirmed = await review('auditor', target.id, 'CONFIRM', 'sold at cost to a staff member').expect(201);
      expect(confirmed.body.status).toBe('CONFIRMED');
      expect((await t.admin.get(`/api/audit-flags?projectId=${projectId}&status=CONFIRMED`).expect(200)).body.items.map((x: Flag) => x.id)).toContain(target.id);
    });

    it.each([
      ['no note', { decision: 'COMMENT' }, 400],
      ['a blank note', { decision: 'COMMENT', note: '   ' }, 400],
      ['an unknown decision', { decision: 'APPROVE', note: 'x' }, 400],
    ])('refuses %s', async (_, body, status) => {
      const before = await f.count('flag_reviews');
      await f.as.auditor.post(`/api/audit-flags/${highFlag.id}/reviews`).send(body).expect(status);
      expect(await f.count('flag_reviews')).toBe(before);
    });

    it('is for auditors only, and answers 404 for an unknown flag', async () => {
      await f.as.clerk.post(`/api/audit-flags/${highFlag.id}/reviews`).send({ decision: 'COMMENT', note: 'x' }).expect(403);
      await f.as.admin.post(`/api/audit-flags/${highFlag.id}/reviews`).send({ decision: 'COMMENT', note: 'x' }).expect(403);
      await review('auditor', '00000000-0000-4000-8000-000000000000', 'COMMENT').expect(404);
    });

    it('refuses a deletion or an edit of a review in the database itself', async () => {
      await expect(t.db.sql.query('DELETE FROM flag_reviews')).rejects.toThrow(/append-only/);
      await expect(t.db.sql.query('DELETE FROM audit_flags')).rejects.toThrow(/never deleted/);
      await expect(t.db.sql.query(`UPDATE audit_flags SET status = 'CLEARED' WHERE id = $1`, [mediumFlag.id])).rejects.toThrow(/keeps its decision/);
    });
  });

  it('refuses an audit run of an unknown project, in the future, or with a malformed date', async () => {
    await f.as.auditor.post('/api/projects/00000000-0000-4000-8000-000000000000/audit-runs').send({}).expect(404);
    await f.as.auditor.post(`/api/projects/${projectId}/audit-runs`).send({ asOf: '2026-07-01' }).expect(422);
    await f.as.auditor.post(`/api/projects/${projectId}/audit-runs`).send({ asOf: '2026-13-01' }).expect(400);
  });
});
