import { ReviewDecision, SYSTEM_ENTRIES, SystemEntry } from '../../audit-flags/review/review';
import { FlagStatus } from '../../audit-flags/flag-types';
import { dec } from '../../common/money';
import { ReportPayment } from '../report.types';
import { formatAmount } from './format-amount';
import { FlagOutcome, FlagWording, LinkClause, MarketBasis, NoteWords, NOTE_WORDS, PaymentEntryWording, PaymentsWording, PriceWording } from './i18n';
import { NoteFacts, NoteFlag, NoteParty, NoteReview, NoteWriter } from './note-facts';

/** Enough paths to show how a buyer is related; the rest are counted. */
export const MAX_PATHS_WORDED = 3;
/** Enough ledger entries to show the pattern of payment; the rest are counted. */
export const MAX_PAYMENT_ENTRIES_WORDED = 5;

const COMMENT: ReviewDecision = 'COMMENT';
const CONFIRM: ReviewDecision = 'CONFIRM';
const DISMISS: ReviewDecision = 'DISMISS';
const CONDITION_CLEARED: SystemEntry = 'CONDITION_CLEARED';
const REOPENINGS: readonly string[] = ['CONDITION_RETURNED', 'REOPENED_ON_ESCALATION'] satisfies SystemEntry[];

type Money = (amount: string) => string;

/**
 * The footnote of one sale in a liquidation report (docs/api-guide.md, Liquidation reports), in one
 * paragraph: who bought, how they are related to the developer, the price
 * against the market, what was paid, whether the unit is occupied, and what
 * became of each flag. A pure function of the facts.
 */
export const writeNote: NoteWriter = (facts, lang) => {
  const words = NOTE_WORDS[lang];
  const money: Money = (amount) => formatAmount(amount, facts.currency, lang);
  return words.joinSentences([
    words.sold(
      facts.unitNo,
      facts.buyers.map((buyer) => nameOf(buyer, words)),
      facts.contractDate,
      facts.referrer === null ? null : nameOf(facts.referrer, words),
    ),
    ...relatednessSentences(facts, words),
    words.price(priceWording(facts, money)),
    words.payments(paymentsWording(facts, money)),
    words.handover({ asOf: facts.asOf, handedOverOn: facts.handedOverOn, occupied: facts.occupied, buyerCount: facts.buyers.length }),
    ...(facts.flags.length === 0 ? [words.noFlags] : facts.flags.map((flag) => words.flag(flagWording(flag)))),
  ]);
};

/** Looks up the parties a path names; an id the facts do not hold is an unnamed party, never an error. */
interface PartyNames {
  party(id: string): NoteParty | null;
  /** The name with its insider role, as a path link shows it: "Li Wei (CEO)". */
  withRole(id: string): string;
}

function nameOf(party: NoteParty | null, words: NoteWords): string {
  return party === null || party.name.trim() === '' ? words.unnamedParty : party.name;
}

function roleOf(party: NoteParty | null): string | null {
  return party === null || party.insiderRole === null ? null : party.insiderRole.replace(/_/g, ' ');
}

function partyNames(facts: NoteFacts, words: NoteWords): PartyNames {
  const party = (id: string): NoteParty | null => (Object.hasOwn(facts.parties, id) ? facts.parties[id] : null);
  return {
    party,
    withRole: (id) => words.party(nameOf(party(id), words), roleOf(party(id))),
  };
}

function relatednessSentences(facts: NoteFacts, words: NoteWords): string[] {
  if (!facts.relatedParty.isRelated) return [];
  const { paths } = facts.relatedParty;
  if (paths.length === 0) return [words.relatedWithoutPath];
  const names = partyNames(facts, words);
  const worded = paths.slice(0, MAX_PATHS_WORDED).map((path) => pathSentence(path, facts.relations, names, words));
  const notWorded = paths.length - worded.length;
  return notWorded > 0 ? [...worded, words.morePaths(notWorded)] : worded;
}

interface WordedLink {
  subjectId: string;
  objectId: string;
  subject: string;
  predicate: string;
}

function pathSentence(path: string[], relations: NoteFacts['relations'], names: PartyNames, words: NoteWords): string {
  if (path.length === 1) {
    const insider = names.party(path[0]);
    return words.insider(nameOf(insider, words), roleOf(insider));
  }
  const links: WordedLink[] = [];
  for (let i = 1; i + 1 < path.length; i += 2) links.push(wordLink(path[i - 1], path[i], path[i + 1], relations, names, words));
  const clauses: LinkClause[] = links.map((link, i) => ({
    subject: link.subject,
    predicate: link.predicate,
    continuesFromObject: i > 0 && links[i - 1].objectId === link.subjectId,
  }));
  return words.path(clauses);
}

/**
 * One step of a path, worded the way its relation is recorded: the path may
 * walk a relation backwards (from the CEO to his driver), but the note says
 * who is whose staff. Shared identifiers have no direction.
 */
function wordLink(
  fromId: string,
  label: string,
  toId: string,
  relations: NoteFacts['relations'],
  names: PartyNames,
  words: NoteWords,
): WordedLink {
  const stated = (subjectId: string, objectId: string, predicate: (object: string) => string): WordedLink => ({
    subjectId,
    objectId,
    subject: names.withRole(subjectId),
    predicate: predicate(names.withRole(objectId)),
  });
  if (Object.hasOwn(words.sharedIdentifier, label)) {
    return stated(fromId, toId, words.sharedIdentifier[label as keyof NoteWords['sharedIdentifier']]);
  }
  if (Object.hasOwn(words.relationship, label)) {
    const predicate = words.relationship[label as keyof NoteWords['relationship']];
    const recorded = (partyId: string, relatedPartyId: string) =>
      relations.some((relation) => relation.relationship === label && relation.partyId === partyId && relation.relatedPartyId === relatedPartyId);
    if (recorded(fromId, toId)) return stated(fromId, toId, predicate);
    if (recorded(toId, fromId)) return stated(toId, fromId, predicate);
  }
  return stated(fromId, toId, (object) => words.undirectedLink(object, label));
}

/** Drops the sign of a decimal string: the words say "below" or "reversed". */
function unsigned(decimal: string): string {
  return decimal.replace(/^-/, '');
}

function isZero(decimal: string): boolean {
  return dec(decimal).isZero();
}

function priceWording(facts: NoteFacts, money: Money): PriceWording {
  const { market, variance } = facts;
  return {
    netPrice: money(facts.netPrice),
    listPrice: facts.listPrice === null ? null : money(facts.listPrice),
    market:
      market === null
        ? null
        : {
            price: money(market.price),
            basis: marketBasis(market.method, market.basis),
            difference:
              variance === null
                ? null
                : {
                    direction: isZero(variance.amount) ? 'AT' : dec(variance.amount).isNegative() ? 'BELOW' : 'ABOVE',
                    amount: money(unsigned(variance.amount)),
                    pct: unsigned(variance.pct),
                  },
          },
  };
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function countOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/** The unit numbers of the comparables a basis lists (none from a basis stored before they were listed). */
function comparableUnits(comparables: unknown): string[] {
  if (!Array.isArray(comparables)) return [];
  return comparables.flatMap((line) => (typeof line === 'object' && line !== null && typeof (line as { unitNo?: unknown }).unitNo === 'string' ? [(line as { unitNo: string }).unitNo] : []));
}

/** The basis is stored as loose JSON (src/sales/market-price.ts): read only what is there. */
function marketBasis(method: string, basis: Record<string, unknown>): MarketBasis {
  switch (method) {
    case 'UNIT_APPRAISAL':
      return { method, asOf: textOrNull(basis.asOf) };
    case 'COMPARABLE_SALES':
      return { method, count: countOrNull(basis.count), windowDays: countOrNull(basis.windowDays), units: comparableUnits(basis.comparables) };
    case 'PROJECT_EVIDENCE':
      return { method, asOf: textOrNull(basis.asOf), scope: textOrNull(basis.scope) };
    default:
      return { method: 'UNKNOWN' };
  }
}

/** Payments in ledger order, each reversal told with the payment it undid. */
function paymentsWording(facts: NoteFacts, money: Money): PaymentsWording {
  const payments = facts.payments.filter((entry) => entry.reversalOf === null);
  const paymentIds = new Set(payments.map((payment) => payment.id));
  const reversedOn = new Map<string, string>();
  for (const entry of facts.payments) {
    if (entry.reversalOf !== null && !reversedOn.has(entry.reversalOf)) reversedOn.set(entry.reversalOf, entry.receivedOn);
  }
  // A reversal is told with the payment it undid, unless that payment is not among the entries.
  const told = facts.payments.filter((entry) => entry.reversalOf === null || !paymentIds.has(entry.reversalOf));
  const entries = told.slice(0, MAX_PAYMENT_ENTRIES_WORDED).map((entry: ReportPayment): PaymentEntryWording =>
    entry.reversalOf === null
      ? { amount: money(entry.amount), receivedOn: entry.receivedOn, kind: entry.kind, reversedOn: reversedOn.get(entry.id) ?? null }
      : { amount: money(unsigned(entry.amount)), receivedOn: null, kind: entry.kind, reversedOn: entry.receivedOn },
  );
  return {
    asOf: facts.asOf,
    paid: isZero(facts.paid) ? null : money(facts.paid),
    outstanding: isZero(facts.outstanding) ? null : money(facts.outstanding),
    paymentCount: payments.length,
    entries,
    entriesNotListed: Math.max(0, told.length - MAX_PAYMENT_ENTRIES_WORDED),
  };
}

function dateOf(review: NoteReview): string {
  return review.at.slice(0, 10);
}

function distinct(names: string[]): string[] {
  return [...new Set(names)];
}

/** A flag's status, with who decided it, when, and why, read from its review history (in order). */
function flagWording(flag: NoteFlag): FlagWording {
  const lastReopened = Math.max(-1, ...flag.reviews.map((review, index) => (REOPENINGS.includes(review.decision) ? index : -1)));
  const sinceReopened = flag.reviews.slice(lastReopened + 1);
  const humanReviews = flag.reviews.filter((review) => !(SYSTEM_ENTRIES as readonly string[]).includes(review.decision));
  const lastOf = (decision: string) => sinceReopened.filter((review) => review.decision === decision).at(-1) ?? null;
  const dismissals = sinceReopened.filter((review) => review.decision === DISMISS);
  const dismissedBy = distinct(dismissals.map((review) => review.reviewerName));

  let outcome: FlagOutcome;
  switch (flag.status as FlagStatus) {
    case 'OPEN':
      if (flag.pendingDismissal) outcome = { kind: 'PENDING_DISMISSAL', by: dismissedBy };
      else outcome = { kind: humanReviews.length === 0 ? 'OPEN_UNREVIEWED' : 'OPEN_UNDECIDED' };
      break;
    case 'CONFIRMED': {
      const confirmation = lastOf(CONFIRM);
      outcome = confirmation === null
        ? { kind: 'CONFIRMED', by: [], on: null, note: '' }
        : { kind: 'CONFIRMED', by: [confirmation.reviewerName], on: dateOf(confirmation), note: confirmation.note.trim() };
      break;
    }
    case 'DISMISSED': {
      const last = dismissals.at(-1) ?? null;
      outcome = { kind: 'DISMISSED', by: dismissedBy, on: last === null ? null : dateOf(last), note: last === null ? '' : last.note.trim() };
      break;
    }
    case 'CLEARED': {
      const clearance = lastOf(CONDITION_CLEARED);
      outcome = { kind: 'CLEARED', on: clearance === null ? null : dateOf(clearance) };
      break;
    }
    default:
      outcome = { kind: 'UNKNOWN_STATUS', status: flag.status };
  }
  return {
    type: flag.type,
    severity: flag.severity,
    comments: humanReviews.filter((review) => review.decision === COMMENT).length,
    outcome,
  };
}
