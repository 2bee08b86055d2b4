import { PAYMENT_KINDS, PaymentKind } from '../payments/payment';
import { CellParser, ColumnSpec, cell } from './csv-columns';

export const IMPORT_KINDS = ['units', 'price-list', 'sales', 'payments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A discount as a price-list file gives it; whether it stacks and who may have it come from columns of their own. */
export interface ImportedDiscount {
  code: string;
  percent: string;
  description: string;
}

/** "CODE:percent[:description]" — e.g. "EARLY:2.00:early bird". */
const discount: CellParser<ImportedDiscount> = (raw) => {
  const [code, percent, ...description] = raw.split(':');
  if (!code || code.length > 40) return { ok: false, reason: 'must be CODE:percent[:description], the code 1-40 characters' };
  const parsed = cell.percentBelow100()(percent ?? '');
  if (!parsed.ok) return { ok: false, reason: `percent ${parsed.reason}` };
  const text = description.join(':').trim() || code;
  return text.length > 500 ? { ok: false, reason: 'description is longer than 500 characters' } : { ok: true, value: { code, percent: parsed.value, description: text } };
};

const PAYMENT_KIND_ALIASES: Record<string, PaymentKind> = {
  定金: 'DEPOSIT', 订金: 'DEPOSIT', 首付: 'DEPOSIT', 分期: 'INSTALLMENT', 分期款: 'INSTALLMENT', 按揭: 'MORTGAGE', 按揭款: 'MORTGAGE', 尾款: 'BALANCE',
};

const unitNo: ColumnSpec = { key: 'unitNo', headers: ['unitNo', 'unit no', 'unit', '房号', '房号编码'], required: true, parse: cell.text(40) };

/**
 * The columns each kind of file may have. Headers are matched ignoring case,
 * spaces, "_" and "-", in English or with the usual Chinese names.
 */
export const IMPORT_COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  units: [
    unitNo,
    { key: 'building', headers: ['building', '楼栋', '栋号'], required: false, parse: cell.text(40) },
    { key: 'floor', headers: ['floor', '楼层'], required: false, parse: cell.integer(-10, 300) },
    { key: 'unitType', headers: ['unitType', 'type', '户型'], required: true, parse: cell.text(40) },
    { key: 'saleableArea', headers: ['saleableArea', 'area', '面积', '建筑面积'], required: true, parse: cell.area() },
    { key: 'costPrice', headers: ['costPrice', 'cost', '成本价'], required: false, parse: cell.money() },
  ],
  'price-list': [
    { key: 'batchNo', headers: ['batchNo', 'batch', '批次'], required: true, parse: cell.text(40) },
    { key: 'issuedOn', headers: ['issuedOn', 'issued', '推出日期', '加推日期'], required: true, parse: cell.date() },
    unitNo,
    { key: 'listPrice', headers: ['listPrice', 'price', '表价', '标价'], required: true, parse: cell.money() },
    { key: 'discounts', headers: ['discounts', '折扣'], required: false, parse: cell.list(discount, 50) },
    { key: 'stackableDiscounts', headers: ['stackableDiscounts', 'stackable', '可叠加折扣'], required: false, parse: cell.list(cell.text(40), 50) },
    { key: 'staffDiscounts', headers: ['staffDiscounts', 'staff', '员工折扣', '内部折扣'], required: false, parse: cell.list(cell.text(40), 50) },
  ],
  sales: [
    unitNo,
    { key: 'contractDate', headers: ['contractDate', 'contract date', '签约日期'], required: true, parse: cell.date() },
    { key: 'netPrice', headers: ['netPrice', 'net price', '成交价', '成交总价'], required: true, parse: cell.money() },
    { key: 'buyers', headers: ['buyer', 'buyers', 'buyerName', '买方', '买受人'], required: true, parse: cell.list(cell.text(200), 10) },
    { key: 'buyerIdNumbers', headers: ['buyerIdNumber', 'idNumber', '证件号码', '身份证号'], required: false, parse: cell.list(cell.text(64), 10) },
    { key: 'buyerPhones', headers: ['buyerPhone', 'phone', '电话', '联系电话'], required: false, parse: cell.list(cell.text(40), 10) },
    { key: 'listPrice', headers: ['listPrice', 'list price', '表价'], required: false, parse: cell.money() },
    { key: 'discountCodes', headers: ['discountCodes', 'discounts', '折扣代码'], required: false, parse: cell.list(cell.text(40), 20) },
    { key: 'referrerIdNumber', headers: ['referrerIdNumber', '介绍人证件号码'], required: false, parse: cell.text(64) },
    { key: 'note', headers: ['note', '备注'], required: false, parse: cell.text(1000) },
  ],
  payments: [
    unitNo,
    { key: 'receivedOn', headers: ['receivedOn', 'received on', 'date', '收款日期'], required: true, parse: cell.date() },
    { key: 'amount', headers: ['amount', '金额', '收款金额'], required: true, parse: cell.money() },
    { key: 'kind', headers: ['kind', 'payment kind', '款项类型', '款项'], required: false, parse: cell.oneOf(PAYMENT_KINDS, PAYMENT_KIND_ALIASES) },
    { key: 'reference', headers: ['reference', '票据号', '收据号'], required: false, parse: cell.text(200) },
  ],
};
