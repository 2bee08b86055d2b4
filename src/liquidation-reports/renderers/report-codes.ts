import { ReviewDecision, SystemEntry } from '../../audit-flags/review/review';
import { FlagStatus, FlagType, Severity } from '../../audit-flags/flag-types';
import { ExclusionReason } from '../../evaluation/comparables';
import { Relationship } from '../../parties/party-vocabulary';
import { PaymentKind } from '../../payments/payment';
import { MarketMethod, SaleStatus } from '../../sales/sale';
import {
  EN_FLAG_TYPES,
  EN_PAYMENT_KINDS,
  EN_RELATIONSHIP_NAMES,
  EN_SEVERITIES,
  ZH_FLAG_TYPES,
  ZH_PAYMENT_KINDS,
  ZH_RELATIONSHIP_NAMES,
  ZH_SEVERITIES,
  humanise,
} from '../notes/i18n';
import { AgingBucket, Lang } from '../report.types';

/**
 * Every code a report holds (flag types, severities, statuses, decisions,
 * relationships, market methods…) as the words a reader reads, in each
 * language: the one place the spreadsheet and the PDF translate them from.
 * The notes' own words (notes/i18n.ts) are reused, never restated. The CSV is
 * read by machines and keeps the codes.
 */
export interface ReportCodeWords {
  flagTypes: Record<FlagType, string>;
  severities: Record<Severity, string>;
  flagStatuses: Record<FlagStatus, string>;
  reviewDecisions: Record<ReviewDecision | SystemEntry, string>;
  relationships: Record<Relationship, string>;
  marketMethods: Record<MarketMethod, string>;
  exclusionReasons: Record<ExclusionReason, string>;
  saleStatuses: Record<SaleStatus, string>;
  paymentKinds: Record<PaymentKind, string>;
  agingBuckets: Record<AgingBucket, string>;
}

export const REPORT_CODES: Record<Lang, ReportCodeWords> = {
  en: {
    flagTypes: EN_FLAG_TYPES,
    severities: EN_SEVERITIES,
    flagStatuses: { OPEN: 'open', CONFIRMED: 'confirmed', DISMISSED: 'dismissed', CLEARED: 'cleared' },
    reviewDecisions: {
      COMMENT: 'comment',
      CONFIRM: 'confirmed',
      DISMISS: 'dismissed',
      CONDITION_CLEARED: 'condition cleared',
      CONDITION_RETURNED: 'condition returned',
      REOPENED_ON_ESCALATION: 'reopened on escalation',
    },
    relationships: EN_RELATIONSHIP_NAMES,
    marketMethods: { UNIT_APPRAISAL: 'unit appraisal', COMPARABLE_SALES: 'comparable sales', PROJECT_EVIDENCE: 'market evidence' },
    exclusionReasons: {
      RELATED: 'related-party sale',
      CANCELLED: 'cancelled',
      CONFIRMED_ABNORMAL: 'confirmed abnormal',
      OUTLIER: 'outlier',
    },
    saleStatuses: { ACTIVE: 'active', CANCELLED: 'cancelled' },
    paymentKinds: EN_PAYMENT_KINDS,
    agingBuckets: { '0-90': '0–90 days', '91-180': '91–180 days', '181-365': '181–365 days', '>365': 'over 365 days' },
  },
  zh: {
    flagTypes: ZH_FLAG_TYPES,
    severities: ZH_SEVERITIES,
    flagStatuses: { OPEN: '未结', CONFIRMED: '已确认', DISMISSED: '已驳回', CLEARED: '已解除' },
    reviewDecisions: {
      COMMENT: '评论',
      CONFIRM: '确认',
      DISMISS: '驳回',
      CONDITION_CLEARED: '条件解除',
      CONDITION_RETURNED: '条件重现',
      REOPENED_ON_ESCALATION: '升级后重开',
    },
    relationships: ZH_RELATIONSHIP_NAMES,
    marketMethods: { UNIT_APPRAISAL: '单元评估', COMPARABLE_SALES: '可比销售', PROJECT_EVIDENCE: '市场证据' },
    exclusionReasons: {
      RELATED: '关联方交易',
      CANCELLED: '已撤销',
      CONFIRMED_ABNORMAL: '已确认异常',
      OUTLIER: '异常值',
    },
    saleStatuses: { ACTIVE: '有效', CANCELLED: '已撤销' },
    paymentKinds: ZH_PAYMENT_KINDS,
    agingBuckets: { '0-90': '0–90 天', '91-180': '91–180 天', '181-365': '181–365 天', '>365': '365 天以上' },
  },
};

export type CodeList = keyof ReportCodeWords;

/** A code as the report's words; a code the list does not know is shown as it is in Chinese and in lower-case words in English. */
export function codeWord(lang: Lang, list: CodeList, code: string): string {
  const words = REPORT_CODES[lang][list] as Readonly<Record<string, string>>;
  if (Object.hasOwn(words, code)) return words[code];
  return lang === 'en' ? humanise(code) : code;
}

/** Every code of every list: what a translated file must never print as it is. */
export function allCodes(): string[] {
  return [...new Set(Object.values(REPORT_CODES.en).flatMap((words) => Object.keys(words as Record<string, string>)))];
}

/**
 * The currency a money column is in, as its header names it: 元 in Chinese and
 * CNY in English for renminbi, HK$ for Hong Kong dollars, else the ISO code.
 */
export function currencyUnit(currency: string, lang: Lang): string {
  if (currency === 'CNY') return lang === 'zh' ? '元' : 'CNY';
  if (currency === 'HKD') return 'HK$';
  return currency;
}

/** "net price (CNY)" / "成交价（元）". */
export function withUnit(header: string, unit: string, lang: Lang): string {
  return lang === 'zh' ? `${header}（${unit}）` : `${header} (${unit})`;
}
