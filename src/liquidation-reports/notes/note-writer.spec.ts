import { NoteFacts, NoteFlag, NoteParty, NoteReview } from './note-facts';
import { writeNote } from './note-writer';

const DRIVER: NoteParty = { id: 'driver', name: 'Zhang San', insiderRole: null };
const CEO: NoteParty = { id: 'ceo', name: 'Li Wei', insiderRole: 'CEO' };
const DRIVER_ZH: NoteParty = { ...DRIVER, name: '张三' };
const CEO_ZH: NoteParty = { ...CEO, name: '李伟' };
const SISTER: NoteParty = { id: 'sister', name: 'Li Na', insiderRole: null };

function openFlag(type: string, fields: Partial<NoteFlag> = {}): NoteFlag {
  return { type, severity: 'HIGH', status: 'OPEN', pendingDismissal: false, reviews: [], ...fields };
}

function review(decision: string, reviewerName: string, at: string, note = ''): NoteReview {
  return { decision, reviewerName, at, note };
}

/** The driver's flat (the two cases in the README): the CEO's driver buys at cost, 1,000,000 under comparable sales, pays nothing, moves in. */
function driversFlat(fields: Partial<NoteFacts> = {}): NoteFacts {
  return {
    saleId: 'sale-1',
    unitNo: '2-1801',
    currency: 'CNY',
    asOf: '2026-06-30',
    buyers: [DRIVER],
    referrer: null,
    relatedParty: { isRelated: true, paths: [['driver', 'PERSONAL_STAFF', 'ceo']] },
    parties: { driver: DRIVER, ceo: CEO },
    relations: [{ partyId: 'driver', relatedPartyId: 'ceo', relationship: 'PERSONAL_STAFF' }],
    contractDate: '2026-03-02',
    listPrice: null,
    netPrice: '3000000.00',
    market: {
      price: '4000000.00',
      pricePerSqm: '47058.82',
      method: 'COMPARABLE_SALES',
      basis: { count: 4, windowDays: 90, from: '2025-12-02', to: '2026-05-31', saleIds: ['a', 'b', 'c', 'd'] },
    },
    variance: { amount: '-1000000.00', pct: '-25.00' },
    payments: [],
    paid: '0.00',
    outstanding: '3000000.00',
    handedOverOn: '2026-03-20',
    occupied: true,
    flags: [
      openFlag('RELATED_PARTY_SALE', { severity: 'MEDIUM' }),
      openFlag('BELOW_MARKET'),
      openFlag('AT_OR_BELOW_COST'),
      openFlag('MISSING_DEPOSIT'),
      openFlag('UNPAID_POSSESSION'),
    ],
    ...fields,
  };
}

function driversFlatInChinese(fields: Partial<NoteFacts> = {}): NoteFacts {
  return driversFlat({ buyers: [DRIVER_ZH], parties: { driver: DRIVER_ZH, ceo: CEO_ZH }, ...fields });
}

describe('writeNote', () => {
  describe("the driver's flat (the two cases in the README)", () => {
    it('tells the whole story in English: who, how related, price, nothing paid, occupied, flags open', () => {
      const note = writeNote(driversFlat(), 'en');
      expect(note).toContain('Zhang San');
      expect(note).toContain('personal staff of Li Wei (CEO)');
      expect(note).toContain('below the market price');
      expect(note).toContain('Nothing had been paid');
      expect(note).toContain('occupies the unit');
      expect(note).toBe(
        'Unit 2-1801 was sold to Zhang San on 2026-03-02. ' +
          'Zhang San is personal staff of Li Wei (CEO). ' +
          'The net price of CNY 3,000,000.00 was CNY 1,000,000.00 (25.00%) below the market price of CNY 4,000,000.00, ' +
          'estimated from 4 comparable sales within 90 days. ' +
          'Nothing had been paid by 2026-06-30. ' +
          'The keys were handed over on 2026-03-20 and the buyer occupies the unit. ' +
          'The "related-party sale" flag (medium) is open, not yet reviewed. ' +
          'The "below market" flag (high) is open, not yet reviewed. ' +
          'The "at or below cost" flag (high) is open, not yet reviewed. ' +
          'The "no deposit within the due period" flag (high) is open, not yet reviewed. ' +
          'The "handed over unpaid" flag (high) is open, not yet reviewed.',
      );
    });

    it('tells the same story in Chinese, with full-width punctuation and no spaces between sentences', () => {
      const note = writeNote(driversFlatInChinese(), 'zh');
      expect(note).toContain('张三');
      expect(note).toContain('李伟');
      expect(note).toContain('私人雇员');
      expect(note).toContain('人民币 3,000,000.00 元');
      expect(note).toBe(
        '2-1801 单元于 2026-03-02 售予张三。' +
          '张三是李伟（CEO）的私人雇员。' +
          '净价人民币 3,000,000.00 元，低于市场价人民币 4,000,000.00 元，差额人民币 1,000,000.00 元（25.00%）；' +
          '市场价依据 90 天内 4 宗可比销售估算。' +
          '截至 2026-06-30 尚未收到任何付款。' +
          '钥匙已于 2026-03-20 交付，买方已入住。' +
          '“关联方交易”标记（中）未处理，尚未审阅。' +
          '“低于市场价”标记（高）未处理，尚未审阅。' +
          '“不高于成本价”标记（高）未处理，尚未审阅。' +
          '“未按期支付定金”标记（高）未处理，尚未审阅。' +
          '“未付清即交付”标记（高）未处理，尚未审阅。',
      );
    });
  });

  describe('who bought', () => {
    it('joins several buyers and names the referrer', () => {
      const facts = driversFlat({
        buyers: [DRIVER, SISTER, { id: 'x', name: 'Wang Wu', insiderRole: null }],
        referrer: { id: 'ref', name: 'Chen Jing', insiderRole: null },
      });
      expect(writeNote(facts, 'en')).toContain('Unit 2-1801 was sold to Zhang San, Li Na and Wang Wu on 2026-03-02, introduced by Chen Jing.');
      expect(writeNote(facts, 'en')).toContain('the buyers occupy the unit');
    });

    it('joins buyers with 、 and 和 in Chinese and names the referrer', () => {
      const facts = driversFlatInChinese({
        buyers: [DRIVER_ZH, { ...SISTER, name: '李娜' }, { id: 'x', name: '王五', insiderRole: null }],
        referrer: { id: 'ref', name: '陈静', insiderRole: null },
      });
      expect(writeNote(facts, 'zh')).toContain('2-1801 单元于 2026-03-02 售予张三、李娜和王五，由陈静介绍。');
    });
  });

  describe('how they are related', () => {
    it('words a relation walked backwards the right way round: the CEO is the spouse of the buyer', () => {
      const facts = driversFlat({
        buyers: [SISTER],
        relatedParty: { isRelated: true, paths: [['sister', 'SPOUSE', 'ceo']] },
        parties: { sister: SISTER, ceo: CEO },
        relations: [{ partyId: 'ceo', relatedPartyId: 'sister', relationship: 'SPOUSE' }],
      });
      expect(writeNote(facts, 'en')).toContain('Li Wei (CEO) is the spouse of Li Na.');
      expect(writeNote(facts, 'zh')).toContain('Li Wei（CEO）是Li Na的配偶。');
    });

    it('words a company controlled by the CEO as "the CEO controls it", not the other way round', () => {
      const company: NoteParty = { id: 'co', name: 'Harbour Holdings Ltd', insiderRole: null };
      const facts = driversFlat({
        buyers: [company],
        relatedParty: { isRelated: true, paths: [['co', 'CONTROLS', 'ceo']] },
        parties: { co: company, ceo: CEO },
        relations: [{ partyId: 'ceo', relatedPartyId: 'co', relationship: 'CONTROLS' }],
      });
      expect(writeNote(facts, 'en')).toContain('Li Wei (CEO) controls Harbour Holdings Ltd.');
      expect(writeNote(facts, 'zh')).toContain('Li Wei（CEO）控制Harbour Holdings Ltd。');
    });

    it('chains a two-hop path in one sentence: the driver is family of the CEO\'s personal staff', () => {
      const staff: NoteParty = { id: 'staff', name: 'Wang Wu', insiderRole: null };
      const facts = driversFlat({
        relatedParty: { isRelated: true, paths: [['driver', 'FAMILY', 'staff', 'PERSONAL_STAFF', 'ceo']] },
        parties: { driver: DRIVER, staff, ceo: CEO },
        relations: [
          { partyId: 'driver', relatedPartyId: 'staff', relationship: 'FAMILY' },
          { partyId: 'staff', relatedPartyId: 'ceo', relationship: 'PERSONAL_STAFF' },
        ],
      });
      expect(writeNote(facts, 'en')).toContain('Zhang San is a family member of Wang Wu, who is personal staff of Li Wei (CEO).');
      expect(writeNote(facts, 'zh')).toContain('Zhang San是Wang Wu的亲属；Wang Wu是Li Wei（CEO）的私人雇员。');
    });

    it('names the subject again when the second hop of a path is recorded the other way round', () => {
      const company: NoteParty = { id: 'co', name: 'Harbour Holdings Ltd', insiderRole: null };
      const facts = driversFlat({
        relatedParty: { isRelated: true, paths: [['driver', 'EMPLOYEE', 'co', 'CONTROLS', 'ceo']] },
        parties: { driver: DRIVER, co: company, ceo: CEO },
        relations: [
          { partyId: 'driver', relatedPartyId: 'co', relationship: 'EMPLOYEE' },
          { partyId: 'ceo', relatedPartyId: 'co', relationship: 'CONTROLS' },
        ],
      });
      expect(writeNote(facts, 'en')).toContain('Zhang San is an employee of Harbour Holdings Ltd, and Li Wei (CEO) controls Harbour Holdings Ltd.');
    });

    it('words a shared phone number in both languages', () => {
      const facts = driversFlatInChinese({ relatedParty: { isRelated: true, paths: [['driver', 'SAME_PHONE', 'ceo']] }, relations: [] });
      expect(writeNote(facts, 'zh')).toContain('张三与李伟（CEO）使用同一电话号码。');
      expect(writeNote(driversFlat({ relatedParty: { isRelated: true, paths: [['driver', 'SAME_PHONE', 'ceo']] }, relations: [] }), 'en')).toContain(
        'Zhang San shares a phone number with Li Wei (CEO).',
      );
    });

    it('says an insider buyer is an insider of the developer, with the role', () => {
      const facts = driversFlat({ buyers: [CEO], relatedParty: { isRelated: true, paths: [['ceo']] }, parties: { ceo: CEO }, relations: [] });
      expect(writeNote(facts, 'en')).toContain('Li Wei is an insider of the developer (CEO).');
      const zh = driversFlatInChinese({ buyers: [CEO_ZH], relatedParty: { isRelated: true, paths: [['ceo']] }, parties: { ceo: CEO_ZH }, relations: [] });
      expect(writeNote(zh, 'zh')).toContain('李伟是开发商的内部人员（CEO）。');
    });

    it('writes "an unnamed party" for an id the facts do not name, and does not crash', () => {
      const facts = driversFlat({
        relatedParty: { isRelated: true, paths: [['driver', 'FAMILY', 'ghost', 'PERSONAL_STAFF', 'ceo']] },
        relations: [
          { partyId: 'driver', relatedPartyId: 'ghost', relationship: 'FAMILY' },
          { partyId: 'ghost', relatedPartyId: 'ceo', relationship: 'PERSONAL_STAFF' },
        ],
      });
      expect(writeNote(facts, 'en')).toContain('Zhang San is a family member of an unnamed party, who is personal staff of Li Wei (CEO).');
      expect(writeNote(driversFlatInChinese({ ...facts, parties: { driver: DRIVER_ZH, ceo: CEO_ZH } }), 'zh')).toContain('张三是未具名方的亲属；未具名方是李伟（CEO）的私人雇员。');
    });

    it('capitalises an unnamed party that opens a sentence', () => {
      const facts = driversFlat({ relatedParty: { isRelated: true, paths: [['ghost', 'SAME_BANK_ACCOUNT', 'ceo']] }, relations: [] });
      expect(writeNote(facts, 'en')).toContain('An unnamed party shares a bank account with Li Wei (CEO).');
    });

    it('names a link without a direction when its relation is not among the facts', () => {
      const facts = driversFlat({ relations: [] });
      expect(writeNote(facts, 'en')).toContain('Zhang San is linked to Li Wei (CEO) by a relation recorded as "personal staff".');
      expect(writeNote(driversFlatInChinese({ relations: [] }), 'zh')).toContain('张三与李伟（CEO）存在“私人雇员”关系。');
    });

    it('words at most three paths and counts the rest', () => {
      const paths = ['a', 'b', 'c', 'd', 'e'].map((id) => [id, 'SAME_PHONE', 'ceo']);
      const facts = driversFlat({ relatedParty: { isRelated: true, paths }, relations: [] });
      const note = writeNote(facts, 'en');
      expect(note.match(/shares a phone number/g)).toHaveLength(3);
      expect(note).toContain('There are 2 more links to insiders of the developer.');
      expect(writeNote(facts, 'zh')).toContain('另有 2 条与开发商内部人员的关联路径未列出。');
    });

    it('still says the sale is related when no path explains it', () => {
      expect(writeNote(driversFlat({ relatedParty: { isRelated: true, paths: [] } }), 'en')).toContain(
        'The sale was found to be a related-party sale, with no recorded link to explain it.',
      );
    });

    it('says nothing about relations for an arm\'s-length buyer', () => {
      const note = writeNote(driversFlat({ relatedParty: { isRelated: false, paths: [] } }), 'en');
      expect(note).not.toContain('Li Wei');
      expect(note).not.toContain('insider');
    });
  });

  describe('the price against the market', () => {
    it('gives the list price and a price above a unit appraisal', () => {
      const facts = driversFlat({
        listPrice: '3200000.00',
        netPrice: '4400000.00',
        market: { price: '4000000.00', pricePerSqm: '47058.82', method: 'UNIT_APPRAISAL', basis: { evidenceId: 'e1', asOf: '2026-01-15', scope: 'UNIT' } },
        variance: { amount: '400000.00', pct: '10.00' },
      });
      expect(writeNote(facts, 'en')).toContain(
        'The net price of CNY 4,400,000.00, against a list price of CNY 3,200,000.00, was CNY 400,000.00 (10.00%) above the market price of CNY 4,000,000.00, estimated from the unit\'s own appraisal of 2026-01-15.',
      );
      expect(writeNote(facts, 'zh')).toContain(
        '净价人民币 4,400,000.00 元（标价人民币 3,200,000.00 元），高于市场价人民币 4,000,000.00 元，差额人民币 400,000.00 元（10.00%）；市场价依据该单元 2026-01-15 的评估估算。',
      );
    });

    it('says a price equal to project evidence for the unit type was at the market price', () => {
      const facts = driversFlat({
        netPrice: '4000000.00',
        market: { price: '4000000.00', pricePerSqm: '47058.82', method: 'PROJECT_EVIDENCE', basis: { evidenceId: 'e2', asOf: '2026-01-01', scope: 'UNIT_TYPE' } },
        variance: { amount: '0.00', pct: '0.00' },
      });
      expect(writeNote(facts, 'en')).toContain(
        'The net price of CNY 4,000,000.00 was at the market price of CNY 4,000,000.00, estimated from market evidence for the unit type dated 2026-01-01.',
      );
      expect(writeNote(facts, 'zh')).toContain('与市场价人民币 4,000,000.00 元持平；市场价依据该户型 2026-01-01 的市场证据估算。');
    });

    it('names whole-project evidence as such', () => {
      const facts = driversFlat({
        market: { price: '4000000.00', pricePerSqm: '47058.82', method: 'PROJECT_EVIDENCE', basis: { asOf: '2025-12-31', scope: 'PROJECT' } },
      });
      expect(writeNote(facts, 'en')).toContain('estimated from market evidence for the project dated 2025-12-31.');
    });

    it('says when there was no market evidence to compare with', () => {
      const facts = driversFlat({ listPrice: '3200000.00', market: null, variance: null });
      expect(writeNote(facts, 'en')).toContain(
        'The net price was CNY 3,000,000.00, against a list price of CNY 3,200,000.00. No market evidence was available to compare the price with.',
      );
      expect(writeNote(facts, 'zh')).toContain('没有可用于比较价格的市场证据。');
    });
  });

  describe('what was paid', () => {
    const deposit = { id: 'p1', amount: '100000.00', receivedOn: '2026-03-02', kind: 'DEPOSIT', reversalOf: null };
    const depositReversed = { id: 'p2', amount: '-100000.00', receivedOn: '2026-03-05', kind: 'DEPOSIT', reversalOf: 'p1' };
    const instalment = { id: 'p3', amount: '300000.00', receivedOn: '2026-04-01', kind: 'INSTALLMENT', reversalOf: null };

    it('lists payments with the reversal named as such, and what is left outstanding', () => {
      const facts = driversFlat({ payments: [deposit, depositReversed, instalment], paid: '300000.00', outstanding: '2700000.00' });
      expect(writeNote(facts, 'en')).toContain(
        'CNY 300,000.00 had been paid by 2026-06-30 in 2 payments (CNY 100,000.00 on 2026-03-02, deposit, reversed on 2026-03-05; CNY 300,000.00 on 2026-04-01, instalment), leaving CNY 2,700,000.00 outstanding.',
      );
      expect(writeNote(facts, 'zh')).toContain(
        '截至 2026-06-30 已收到 2 笔付款，合计人民币 300,000.00 元（2026-03-02 定金人民币 100,000.00 元，已于 2026-03-05 冲销；2026-04-01 分期款人民币 300,000.00 元），尚欠人民币 2,700,000.00 元。',
      );
    });

    it('says nothing was paid net of reversals when the only payment was reversed', () => {
      const facts = driversFlat({ payments: [deposit, depositReversed] });
      expect(writeNote(facts, 'en')).toContain(
        'Net of reversals, nothing had been paid by 2026-06-30 (CNY 100,000.00 on 2026-03-02, deposit, reversed on 2026-03-05), leaving CNY 3,000,000.00 outstanding.',
      );
    });

    it('says a price paid in full was settled', () => {
      const facts = driversFlat({ payments: [{ ...instalment, amount: '3000000.00', kind: 'BALANCE' }], paid: '3000000.00', outstanding: '0.00' });
      expect(writeNote(facts, 'en')).toContain('CNY 3,000,000.00 had been paid by 2026-06-30 in 1 payment (CNY 3,000,000.00 on 2026-04-01, balance), settling the price in full.');
      expect(writeNote(facts, 'zh')).toContain('，已全部付清。');
    });

    it('lists five entries and counts the rest', () => {
      const payments = Array.from({ length: 7 }, (_, i) => ({ ...instalment, id: `p${i}`, amount: '10000.00', receivedOn: `2026-04-0${i + 1}` }));
      const note = writeNote(driversFlat({ payments, paid: '70000.00', outstanding: '2930000.00' }), 'en');
      expect(note).toContain('in 7 payments (');
      expect(note).toContain('CNY 10,000.00 on 2026-04-05, instalment; and 2 more), leaving');
      expect(note).not.toContain('2026-04-06');
    });
  });

  describe('handover and occupancy', () => {
    it('says the unit was handed over but is not occupied', () => {
      expect(writeNote(driversFlat({ occupied: false }), 'en')).toContain('The keys were handed over on 2026-03-20; the unit is not occupied.');
      expect(writeNote(driversFlat({ occupied: false }), 'zh')).toContain('钥匙已于 2026-03-20 交付，单元无人入住。');
    });

    it('says the unit had not been handed over', () => {
      expect(writeNote(driversFlat({ handedOverOn: null, occupied: false }), 'en')).toContain('The unit had not been handed over by 2026-06-30.');
      expect(writeNote(driversFlat({ handedOverOn: null, occupied: false }), 'zh')).toContain('截至 2026-06-30 单元尚未交付。');
    });
  });

  describe('flags and their review outcome', () => {
    function flagNote(flag: NoteFlag, lang: 'en' | 'zh' = 'en'): string {
      return writeNote(driversFlat({ flags: [flag] }), lang);
    }

    it('says an open flag nobody has reviewed is open, not yet reviewed', () => {
      expect(flagNote(openFlag('RELATED_PARTY_SALE', { severity: 'MEDIUM' }))).toContain('The "related-party sale" flag (medium) is open, not yet reviewed.');
    });

    it('counts comments on an open flag and says it is not yet decided', () => {
      const flag = openFlag('BELOW_MARKET', { reviews: [review('COMMENT', 'Chen Jing', '2026-04-01T09:00:00.000Z', 'asked sales for the file')] });
      expect(flagNote(flag)).toContain('The "below market" flag (high, 1 comment) is open, not yet decided.');
      expect(flagNote(flag, 'zh')).toContain('“低于市场价”标记（高，1 条评论）未处理，尚未作出决定。');
    });

    it('says a HIGH flag dismissed once awaits a second auditor', () => {
      const flag = openFlag('UNPAID_POSSESSION', { pendingDismissal: true, reviews: [review('DISMISS', 'Chen Jing', '2026-04-01T09:00:00.000Z', 'keys given for fitting-out only')] });
      expect(flagNote(flag)).toContain('The "handed over unpaid" flag (high) was dismissed once by Chen Jing, awaiting a second auditor.');
      expect(flagNote(flag, 'zh')).toContain('“未付清即交付”标记（高）已由Chen Jing驳回一次，等待第二名审计员复核。');
    });

    it('says who confirmed a flag, when, and why', () => {
      const flag = openFlag('BELOW_MARKET', {
        status: 'CONFIRMED',
        reviews: [
          review('COMMENT', 'Chen Jing', '2026-04-01T09:00:00.000Z', 'asked sales for the file'),
          review('CONFIRM', 'Chen Jing', '2026-04-02T23:30:00.000Z', 'price set by the CEO personally'),
        ],
      });
      expect(flagNote(flag)).toContain('The "below market" flag (high, 1 comment) was confirmed by Chen Jing on 2026-04-02: "price set by the CEO personally".');
      expect(flagNote(flag, 'zh')).toContain('已由Chen Jing于 2026-04-02 确认：“price set by the CEO personally”。');
    });

    it('names both auditors who dismissed a HIGH flag, with the date and note of the second', () => {
      const flag = openFlag('MISSING_DEPOSIT', {
        status: 'DISMISSED',
        reviews: [
          review('DISMISS', 'Chen Jing', '2026-04-01T09:00:00.000Z', 'deposit paid in cash'),
          review('DISMISS', 'Zhou Min', '2026-04-03T10:00:00.000Z', 'cash receipt seen'),
        ],
      });
      expect(flagNote(flag)).toContain('The "no deposit within the due period" flag (high) was dismissed by Chen Jing and Zhou Min on 2026-04-03: "cash receipt seen".');
      expect(flagNote(flag, 'zh')).toContain('“未按期支付定金”标记（高）已由Chen Jing和Zhou Min于 2026-04-03 驳回：“cash receipt seen”。');
    });

    it('says a flag was cleared when its condition no longer held, and not that anyone reviewed it', () => {
      const flag = openFlag('UNPAID_POSSESSION', {
        status: 'CLEARED',
        reviews: [review('CONDITION_CLEARED', 'system', '2026-05-10T00:00:00.000Z', 'balance paid')],
      });
      expect(flagNote(flag)).toContain('The "handed over unpaid" flag (high) was cleared on 2026-05-10 when the condition no longer held.');
      expect(flagNote(flag, 'zh')).toContain('“未付清即交付”标记（高）已于 2026-05-10 因条件不再成立而解除。');
    });

    it('counts only the dismissals since a cleared flag returned', () => {
      const flag = openFlag('UNPAID_POSSESSION', {
        pendingDismissal: true,
        reviews: [
          review('DISMISS', 'Chen Jing', '2026-04-01T09:00:00.000Z', 'first look'),
          review('CONDITION_CLEARED', 'system', '2026-04-10T00:00:00.000Z', 'paid'),
          review('CONDITION_RETURNED', 'system', '2026-04-20T00:00:00.000Z', 'payment reversed'),
          review('DISMISS', 'Zhou Min', '2026-04-21T09:00:00.000Z', 'second look'),
        ],
      });
      expect(flagNote(flag)).toContain('was dismissed once by Zhou Min, awaiting a second auditor.');
    });

    it('says so when a sale carries no flag', () => {
      expect(writeNote(driversFlat({ flags: [] }), 'en')).toMatch(/No flag had been raised on the sale\.$/);
      expect(writeNote(driversFlat({ flags: [] }), 'zh')).toMatch(/该交易未产生任何标记。$/);
    });

    it('says an open flag with only system entries is not yet reviewed', () => {
      const flag = openFlag('UNPAID_POSSESSION', {
        reviews: [
          review('CONDITION_CLEARED', 'system', '2026-04-10T00:00:00.000Z', 'paid'),
          review('CONDITION_RETURNED', 'system', '2026-04-20T00:00:00.000Z', 'payment reversed'),
        ],
      });
      expect(flagNote(flag)).toContain('is open, not yet reviewed.');
    });
  });
});

describe('the comparables a market price rests on', () => {
  it('names the units of the comparable sales used, in both languages', () => {
    const facts = driversFlat();
    const comparables = [{ unitNo: 'F-1' }, { unitNo: 'F-2' }, { unitNo: 'F-3' }, { unitNo: 'F-5' }];
    const withUnits = { ...facts, market: { ...facts.market!, basis: { ...facts.market!.basis, comparables } } };

    expect(writeNote(withUnits, 'en')).toContain('estimated from 4 comparable sales within 90 days (units F-1, F-2, F-3 and F-5)');
    expect(writeNote(withUnits, 'zh')).toContain('依据 90 天内 4 宗可比销售（F-1、F-2、F-3、F-5）估算');
  });
});
