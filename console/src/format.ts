import { Lang } from './i18n';

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');

/** Money is a decimal string from the API: formatted as a string (no float), with separators and the currency. */
export function money(amount: string | null | undefined, currency: string, lang: Lang): string {
  if (amount === null || amount === undefined) return '—';
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 })
    .format(amount as unknown as number);
}

/** A decimal string with separators and two places, no currency (per-m² figures in tables that name the currency). */
export function decimal(amount: string | null | undefined, lang: Lang): string {
  if (amount === null || amount === undefined) return '—';
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount as unknown as number);
}

export function percent(pct: string | null | undefined, lang: Lang): string {
  if (pct === null || pct === undefined) return '—';
  return `${decimal(pct, lang)}%`;
}

/** An instant shown in the project's time zone: `2026-07-01 00:30 GMT+8`, the zone named in full on hover. */
export function dateTime(at: string | null | undefined, timeZone: string, lang: Lang): string {
  if (!at) return '—';
  const parts = new Intl.DateTimeFormat(locale(lang), {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset',
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}

/** Business dates (YYYY-MM-DD) are dates in the project's calendar already: shown as they are. */
export function date(value: string | null | undefined): string {
  return value ?? '—';
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}
