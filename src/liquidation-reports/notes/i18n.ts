import { FlagType, Severity } from '../../audit-flags/flag-types';
import { Relationship } from '../../parties/party-vocabulary';
import { PaymentKind } from '../../payments/payment';
import { Lang } from '../report.types';

/**
 * The words of a liquidation-report note in each language. The note writer
 * decides what to say (as the plain shapes below, amounts already formatted);
 * each language here only decides how to say it.
 */

export type SharedIdentifier = 'SAME_ID_NUMBER' | 'SAME_PHONE' | 'SAME_BANK_ACCOUNT';

/** One link of a related-party path as a clause: "<subject> <predicate>". */
export interface LinkClause {
  subject: string;
  predicate: string;
  /** The subject is the previous clause's object, so English can chain it with ", who". */
  continuesFromObject: boolean;
}

export type MarketBasis =
  | { method: 'UNIT_APPRAISAL'; asOf: string | null }
  | { method: 'COMPARABLE_SALES'; count: number | null; windowDays: number | null; /** The units of the comparables used, as listed in the basis. */ units?: string[] }
  | { method: 'PROJECT_EVIDENCE'; asOf: string | null; scope: string | null }
  | { method: 'UNKNOWN' };

export interface PriceWording {
  netPrice: string;
  listPrice: string | null;
  market: {
    price: string;
    basis: MarketBasis;
    /** The net price against the market price, unsigned; null when there is no variance to tell. */
    difference: { direction: 'BELOW' | 'AT' | 'ABOVE'; amount: string; pct: string } | null;
  } | null;
}

/** A payment, with the date it was reversed if it was; a reversal of an entry not listed has no receivedOn. */
export interface PaymentEntryWording {
  amount: string;
  receivedOn: string | null;
  kind: string;
  reversedOn: string | null;
}

export interface PaymentsWording {
  asOf: string;
  /** null: nothing paid (net of reversals). */
  paid: string | null;
  /** null: nothing outstanding. */
  outstanding: string | null;
  paymentCount: number;
  entries: PaymentEntryWording[];
  entriesNotListed: number;
}

export interface HandoverWording {
  asOf: string;
  handedOverOn: string | null;
  occupied: boolean;
  buyerCount: number;
}

export type FlagOutcome =
  | { kind: 'OPEN_UNREVIEWED' }
  | { kind: 'OPEN_UNDECIDED' }
  | { kind: 'PENDING_DISMISSAL'; by: string[] }
  | { kind: 'CONFIRMED' | 'DISMISSED'; by: string[]; on: string | null; note: string }
  | { kind: 'CLEARED'; on: string | null }
  | { kind: 'UNKNOWN_STATUS'; status: string };

export interface FlagWording {
  type: string;
  severity: string;
  comments: number;
  outcome: FlagOutcome;
}

export interface NoteWords {
  joinSentences(sentences: string[]): string;
  /** "A, B and C" / "A、B和C" */
  list(items: string[]): string;
  /** A name with its insider role, if any: "Li Wei (CEO)" / "李伟（CEO）". */
  party(name: string, insiderRole: string | null): string;
  unnamedParty: string;
  sold(unitNo: string, buyers: string[], contractDate: string, referrer: string | null): string;
  /** "is <relationship> of <object>", worded the way the relation is recorded. */
  relationship: Record<Relationship, (object: string) => string>;
  sharedIdentifier: Record<SharedIdentifier, (object: string) => string>;
  /** A link whose direction is not on record, or whose label is unknown, named without a direction. */
  undirectedLink(object: string, label: string): string;
  path(clauses: LinkClause[]): string;
  insider(name: string, insiderRole: string | null): string;
  relatedWithoutPath: string;
  morePaths(count: number): string;
  price(price: PriceWording): string;
  payments(payments: PaymentsWording): string;
  handover(handover: HandoverWording): string;
  flag(flag: FlagWording): string;
  noFlags: string;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function wordFor(words: Readonly<Record<string, string>>, code: string, fallback: string): string {
  return Object.hasOwn(words, code) ? words[code] : fallback;
}

/** Codes such as FINANCE_DIRECTOR or CONDITION_X as words, for codes a word list does not know. */
export function humanise(code: string): string {
  return code.toLowerCase().replace(/_/g, ' ');
}

export const EN_RELATIONSHIP_NAMES: Record<Relationship, string> = {
  SPOUSE: 'spouse',
  FAMILY: 'family',
  PERSONAL_STAFF: 'personal staff',
  EMPLOYEE: 'employee',
  BUSINESS_ASSOCIATE: 'business associate',
  CONTROLS: 'control',
  NOMINEE: 'nominee',
  OTHER: 'other',
};

export const EN_FLAG_TYPES: Record<FlagType, string> = {
  RELATED_PARTY_SALE: 'related-party sale',
  BELOW_MARKET: 'below market',
  AT_OR_BELOW_COST: 'at or below cost',
  EXCESS_DISCOUNT: 'discount beyond the published ones',
  RELATED_REFERRER: 'introduced by a related party',
  MISSING_DEPOSIT: 'no deposit within the due period',
  UNPAID_POSSESSION: 'handed over unpaid',
  PRICE_BELOW_EARLIER_BATCH: 'priced below an earlier batch',
};

export const EN_SEVERITIES: Record<Severity, string> = { HIGH: 'high', MEDIUM: 'medium', LOW: 'low' };

export const EN_PAYMENT_KINDS: Record<PaymentKind, string> = {
  DEPOSIT: 'deposit',
  INSTALLMENT: 'instalment',
  MORTGAGE: 'mortgage loan',
  BALANCE: 'balance',
};

function enSentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function enList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function enMarketBasis(basis: MarketBasis): string | null {
  switch (basis.method) {
    case 'UNIT_APPRAISAL':
      return `estimated from the unit's own appraisal${basis.asOf === null ? '' : ` of ${basis.asOf}`}`;
    case 'COMPARABLE_SALES': {
      const sales = basis.count === null ? 'comparable sales' : plural(basis.count, 'comparable sale', 'comparable sales');
      const units = basis.units === undefined || basis.units.length === 0 ? '' : ` (units ${enList(basis.units)})`;
      return `estimated from ${sales}${basis.windowDays === null ? '' : ` within ${plural(basis.windowDays, 'day', 'days')}`}${units}`;
    }
    case 'PROJECT_EVIDENCE': {
      const scope = basis.scope === 'UNIT_TYPE' ? ' for the unit type' : basis.scope === 'PROJECT' ? ' for the project' : '';
      return `estimated from market evidence${scope}${basis.asOf === null ? '' : ` dated ${basis.asOf}`}`;
    }
    case 'UNKNOWN':
      return null;
  }
}

function enPrice({ netPrice, listPrice, market }: PriceWording): string {
  const againstList = listPrice === null ? '' : `, against a list price of ${listPrice}`;
  if (market === null) {
    return `${enSentence(`The net price was ${netPrice}${againstList}`)} No market evidence was available to compare the price with.`;
  }
  const basis = enMarketBasis(market.basis);
  const marketPrice = `the market price of ${market.price}${basis === null ? '' : `, ${basis}`}`;
  const subject = `The net price of ${netPrice}${againstList === '' ? '' : `${againstList},`}`;
  const { difference } = market;
  if (difference === null) return enSentence(`${subject} compares with ${marketPrice}`);
  if (difference.direction === 'AT') return enSentence(`${subject} was at ${marketPrice}`);
  const side = difference.direction === 'BELOW' ? 'below' : 'above';
  return enSentence(`${subject} was ${difference.amount} (${difference.pct}%) ${side} ${marketPrice}`);
}

function enPaymentEntry({ amount, receivedOn, kind, reversedOn }: PaymentEntryWording): string {
  return [
    receivedOn === null ? amount : `${amount} on ${receivedOn}`,
    wordFor(EN_PAYMENT_KINDS, kind, humanise(kind)),
    ...(reversedOn === null ? [] : [`reversed on ${reversedOn}`]),
  ].join(', ');
}

function enPayments(payments: PaymentsWording): string {
  const { asOf, paid, outstanding, entries } = payments;
  if (paid === null && entries.length === 0) return enSentence(`Nothing had been paid by ${asOf}`);
  const listed = [...entries.map(enPaymentEntry), ...(payments.entriesNotListed > 0 ? [`and ${payments.entriesNotListed} more`] : [])];
  const details = listed.length === 0 ? '' : ` (${listed.join('; ')})`;
  const balance = outstanding === null ? ', settling the price in full' : `, leaving ${outstanding} outstanding`;
  if (paid === null) return enSentence(`Net of reversals, nothing had been paid by ${asOf}${details}${balance}`);
  const count = payments.paymentCount === 0 ? '' : ` in ${plural(payments.paymentCount, 'payment', 'payments')}`;
  return enSentence(`${paid} had been paid by ${asOf}${count}${details}${balance}`);
}

function enHandover({ asOf, handedOverOn, occupied, buyerCount }: HandoverWording): string {
  const occupant = buyerCount > 1 ? 'the buyers occupy' : 'the buyer occupies';
  if (handedOverOn === null) {
    return enSentence(`The unit had not been handed over by ${asOf}${occupied ? `, yet ${occupant} it` : ''}`);
  }
  return enSentence(`The keys were handed over on ${handedOverOn}${occupied ? ` and ${occupant} the unit` : '; the unit is not occupied'}`);
}

function enBy(names: string[]): string {
  return names.length === 0 ? '' : ` by ${enList(names)}`;
}

function enDecision(verb: string, by: string[], on: string | null, note: string): string {
  return `was ${verb}${enBy(by)}${on === null ? '' : ` on ${on}`}${note === '' ? '' : `: "${note}"`}`;
}

function enFlagOutcome(outcome: FlagOutcome): string {
  switch (outcome.kind) {
    case 'OPEN_UNREVIEWED':
      return 'is open, not yet reviewed';
    case 'OPEN_UNDECIDED':
      return 'is open, not yet decided';
    case 'PENDING_DISMISSAL':
      return `was dismissed once${enBy(outcome.by)}, awaiting a second auditor`;
    case 'CONFIRMED':
      return enDecision('confirmed', outcome.by, outcome.on, outcome.note);
    case 'DISMISSED':
      return enDecision('dismissed', outcome.by, outcome.on, outcome.note);
    case 'CLEARED':
      return `was cleared${outcome.on === null ? '' : ` on ${outcome.on}`} when the condition no longer held`;
    case 'UNKNOWN_STATUS':
      return `is ${humanise(outcome.status)}`;
  }
}

const EN: NoteWords = {
  joinSentences: (sentences) => sentences.join(' '),
  list: enList,
  party: (name, insiderRole) => (insiderRole === null ? name : `${name} (${insiderRole})`),
  unnamedParty: 'an unnamed party',
  sold: (unitNo, buyers, contractDate, referrer) =>
    enSentence(
      `Unit ${unitNo} was sold${buyers.length === 0 ? '' : ` to ${enList(buyers)}`} on ${contractDate}` +
        (referrer === null ? '' : `, introduced by ${referrer}`),
    ),
  relationship: {
    SPOUSE: (object) => `is the spouse of ${object}`,
    FAMILY: (object) => `is a family member of ${object}`,
    PERSONAL_STAFF: (object) => `is personal staff of ${object}`,
    EMPLOYEE: (object) => `is an employee of ${object}`,
    BUSINESS_ASSOCIATE: (object) => `is a business associate of ${object}`,
    CONTROLS: (object) => `controls ${object}`,
    NOMINEE: (object) => `is a nominee of ${object}`,
    OTHER: (object) => `is related to ${object}`,
  },
  sharedIdentifier: {
    SAME_ID_NUMBER: (object) => `shares an ID number with ${object}`,
    SAME_PHONE: (object) => `shares a phone number with ${object}`,
    SAME_BANK_ACCOUNT: (object) => `shares a bank account with ${object}`,
  },
  undirectedLink: (object, label) =>
    `is linked to ${object} by a relation recorded as "${wordFor(EN_RELATIONSHIP_NAMES, label, humanise(label))}"`,
  path: (clauses) =>
    enSentence(
      clauses
        .map((clause, i) =>
          i === 0
            ? `${clause.subject} ${clause.predicate}`
            : clause.continuesFromObject
              ? `, who ${clause.predicate}`
              : `, and ${clause.subject} ${clause.predicate}`,
        )
        .join(''),
    ),
  insider: (name, insiderRole) => enSentence(`${name} is an insider of the developer${insiderRole === null ? '' : ` (${insiderRole})`}`),
  relatedWithoutPath: 'The sale was found to be a related-party sale, with no recorded link to explain it.',
  morePaths: (count) => enSentence(`There ${count === 1 ? 'is 1 more link' : `are ${count} more links`} to insiders of the developer`),
  price: enPrice,
  payments: enPayments,
  handover: enHandover,
  flag: ({ type, severity, comments, outcome }) => {
    const details = [wordFor(EN_SEVERITIES, severity, humanise(severity)), ...(comments > 0 ? [plural(comments, 'comment', 'comments')] : [])];
    return enSentence(`The "${wordFor(EN_FLAG_TYPES, type, humanise(type))}" flag (${details.join(', ')}) ${enFlagOutcome(outcome)}`);
  },
  noFlags: 'No flag had been raised on the sale.',
};

export const ZH_RELATIONSHIP_NAMES: Record<Relationship, string> = {
  SPOUSE: '配偶',
  FAMILY: '亲属',
  PERSONAL_STAFF: '私人雇员',
  EMPLOYEE: '雇员',
  BUSINESS_ASSOCIATE: '业务伙伴',
  CONTROLS: '控制人',
  NOMINEE: '代持人',
  OTHER: '关联方',
};

export const ZH_FLAG_TYPES: Record<FlagType, string> = {
  RELATED_PARTY_SALE: '关联方交易',
  BELOW_MARKET: '低于市场价',
  AT_OR_BELOW_COST: '不高于成本价',
  EXCESS_DISCOUNT: '超出公布折扣',
  RELATED_REFERRER: '关联方介绍',
  MISSING_DEPOSIT: '未按期支付定金',
  UNPAID_POSSESSION: '未付清即交付',
  PRICE_BELOW_EARLIER_BATCH: '价格低于前期批次',
};

export const ZH_SEVERITIES: Record<Severity, string> = { HIGH: '高', MEDIUM: '中', LOW: '低' };

export const ZH_PAYMENT_KINDS: Record<PaymentKind, string> = {
  DEPOSIT: '定金',
  INSTALLMENT: '分期款',
  MORTGAGE: '按揭款',
  BALANCE: '尾款',
};

function zhSentence(text: string): string {
  return `${text}。`;
}

function zhList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
}

function zhMarketBasis(basis: MarketBasis): string | null {
  switch (basis.method) {
    case 'UNIT_APPRAISAL':
      return `依据该单元${basis.asOf === null ? '' : ` ${basis.asOf} `}的评估估算`;
    case 'COMPARABLE_SALES':
      return `依据${basis.windowDays === null ? '' : ` ${basis.windowDays} 天内`}${basis.count === null ? '' : ` ${basis.count} 宗`}可比销售${basis.units === undefined || basis.units.length === 0 ? '' : `（${basis.units.join('、')}）`}估算`;
    case 'PROJECT_EVIDENCE': {
      const scope = basis.scope === 'UNIT_TYPE' ? '该户型' : basis.scope === 'PROJECT' ? '本项目' : '';
      return `依据${scope}${basis.asOf === null ? '' : ` ${basis.asOf} `}的市场证据估算`;
    }
    case 'UNKNOWN':
      return null;
  }
}

function zhPrice({ netPrice, listPrice, market }: PriceWording): string {
  const subject = `净价${netPrice}${listPrice === null ? '' : `（标价${listPrice}）`}`;
  if (market === null) return `${zhSentence(subject)}没有可用于比较价格的市场证据。`;
  const basis = zhMarketBasis(market.basis);
  const basisClause = basis === null ? '' : `；市场价${basis}`;
  const { difference } = market;
  if (difference === null) return zhSentence(`${subject}，市场价为${market.price}${basisClause}`);
  if (difference.direction === 'AT') return zhSentence(`${subject}，与市场价${market.price}持平${basisClause}`);
  const side = difference.direction === 'BELOW' ? '低于' : '高于';
  return zhSentence(`${subject}，${side}市场价${market.price}，差额${difference.amount}（${difference.pct}%）${basisClause}`);
}

function zhPaymentEntry({ amount, receivedOn, kind, reversedOn }: PaymentEntryWording): string {
  const received = `${receivedOn === null ? '' : `${receivedOn} `}${wordFor(ZH_PAYMENT_KINDS, kind, kind)}${amount}`;
  return reversedOn === null ? received : `${received}，已于 ${reversedOn} 冲销`;
}

function zhPayments(payments: PaymentsWording): string {
  const { asOf, paid, outstanding, entries } = payments;
  if (paid === null && entries.length === 0) return zhSentence(`截至 ${asOf} 尚未收到任何付款`);
  const listed = [...entries.map(zhPaymentEntry), ...(payments.entriesNotListed > 0 ? [`另有 ${payments.entriesNotListed} 笔`] : [])];
  const details = listed.length === 0 ? '' : `（${listed.join('；')}）`;
  const balance = outstanding === null ? '，已全部付清' : `，尚欠${outstanding}`;
  if (paid === null) return zhSentence(`截至 ${asOf}，扣除冲销后实收为零${details}${balance}`);
  const count = payments.paymentCount === 0 ? '' : ` ${payments.paymentCount} 笔付款，`;
  return zhSentence(`截至 ${asOf} 已收到${count}合计${paid}${details}${balance}`);
}

function zhHandover({ asOf, handedOverOn, occupied }: HandoverWording): string {
  if (handedOverOn === null) return zhSentence(`截至 ${asOf} 单元尚未交付${occupied ? '，但买方已入住' : ''}`);
  return zhSentence(`钥匙已于 ${handedOverOn} 交付，${occupied ? '买方已入住' : '单元无人入住'}`);
}

function zhBy(names: string[]): string {
  return names.length === 0 ? '' : `由${zhList(names)}`;
}

function zhDecision(verb: string, by: string[], on: string | null, note: string): string {
  return `已${zhBy(by)}${on === null ? '' : `于 ${on} `}${verb}${note === '' ? '' : `：“${note}”`}`;
}

function zhFlagOutcome(outcome: FlagOutcome): string {
  switch (outcome.kind) {
    case 'OPEN_UNREVIEWED':
      return '未处理，尚未审阅';
    case 'OPEN_UNDECIDED':
      return '未处理，尚未作出决定';
    case 'PENDING_DISMISSAL':
      return `已${zhBy(outcome.by)}驳回一次，等待第二名审计员复核`;
    case 'CONFIRMED':
      return zhDecision('确认', outcome.by, outcome.on, outcome.note);
    case 'DISMISSED':
      return zhDecision('驳回', outcome.by, outcome.on, outcome.note);
    case 'CLEARED':
      return `已${outcome.on === null ? '' : `于 ${outcome.on} `}因条件不再成立而解除`;
    case 'UNKNOWN_STATUS':
      return `状态为 ${outcome.status}`;
  }
}

const ZH: NoteWords = {
  joinSentences: (sentences) => sentences.join(''),
  list: zhList,
  party: (name, insiderRole) => (insiderRole === null ? name : `${name}（${insiderRole}）`),
  unnamedParty: '未具名方',
  sold: (unitNo, buyers, contractDate, referrer) =>
    zhSentence(
      `${unitNo} 单元于 ${contractDate} ${buyers.length === 0 ? '售出' : `售予${zhList(buyers)}`}` +
        (referrer === null ? '' : `，由${referrer}介绍`),
    ),
  relationship: {
    SPOUSE: (object) => `是${object}的配偶`,
    FAMILY: (object) => `是${object}的亲属`,
    PERSONAL_STAFF: (object) => `是${object}的私人雇员`,
    EMPLOYEE: (object) => `是${object}的雇员`,
    BUSINESS_ASSOCIATE: (object) => `是${object}的业务伙伴`,
    CONTROLS: (object) => `控制${object}`,
    NOMINEE: (object) => `是${object}的代持人`,
    OTHER: (object) => `是${object}的关联方`,
  },
  sharedIdentifier: {
    SAME_ID_NUMBER: (object) => `与${object}使用同一身份证件号码`,
    SAME_PHONE: (object) => `与${object}使用同一电话号码`,
    SAME_BANK_ACCOUNT: (object) => `与${object}使用同一银行账户`,
  },
  undirectedLink: (object, label) => `与${object}存在“${wordFor(ZH_RELATIONSHIP_NAMES, label, label)}”关系`,
  path: (clauses) => zhSentence(clauses.map((clause) => `${clause.subject}${clause.predicate}`).join('；')),
  insider: (name, insiderRole) => zhSentence(`${name}是开发商的内部人员${insiderRole === null ? '' : `（${insiderRole}）`}`),
  relatedWithoutPath: '该交易被认定为关联方交易，但没有记录可说明的关联路径。',
  morePaths: (count) => zhSentence(`另有 ${count} 条与开发商内部人员的关联路径未列出`),
  price: zhPrice,
  payments: zhPayments,
  handover: zhHandover,
  flag: ({ type, severity, comments, outcome }) => {
    const details = [wordFor(ZH_SEVERITIES, severity, severity), ...(comments > 0 ? [`${comments} 条评论`] : [])];
    return zhSentence(`“${wordFor(ZH_FLAG_TYPES, type, type)}”标记（${details.join('，')}）${zhFlagOutcome(outcome)}`);
  },
  noFlags: '该交易未产生任何标记。',
};

export const NOTE_WORDS: Record<Lang, NoteWords> = { en: EN, zh: ZH };
