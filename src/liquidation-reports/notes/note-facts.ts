import { Lang, ReportPayment } from '../report.types';

/** A party as the notes name it: its name, and its role if it is an insider of the developer. */
export interface NoteParty {
  id: string;
  name: string;
  insiderRole: string | null;
}

export interface NoteReview {
  decision: string;
  note: string;
  reviewerName: string;
  /** ISO timestamp */
  at: string;
}

export interface NoteFlag {
  type: string;
  severity: string;
  status: string;
  pendingDismissal: boolean;
  reviews: NoteReview[];
}

/** Everything a note may say about one sale, as plain data (docs/api-guide.md, Liquidation reports). */
export interface NoteFacts {
  saleId: string;
  unitNo: string;
  currency: string;
  asOf: string;
  buyers: NoteParty[];
  referrer: NoteParty | null;
  relatedParty: { isRelated: boolean; paths: string[][] };
  /** Every party named in the paths, by id. */
  parties: Record<string, NoteParty>;
  /** The recorded relations between those parties ("partyId is relationship of relatedPartyId"), to word each link the right way round. */
  relations: Array<{ partyId: string; relatedPartyId: string; relationship: string }>;
  contractDate: string;
  listPrice: string | null;
  netPrice: string;
  market: { price: string; pricePerSqm: string; method: string; basis: Record<string, unknown> } | null;
  variance: { amount: string; pct: string } | null;
  /** Entries received on or before asOf (reversals negative, with reversalOf). */
  payments: ReportPayment[];
  paid: string;
  outstanding: string;
  handedOverOn: string | null;
  occupied: boolean;
  flags: NoteFlag[];
}

export type NoteWriter = (facts: NoteFacts, lang: Lang) => string;
