import { ApiProperty } from '@nestjs/swagger';
import { PaymentEntryView } from '../../payments/dto/payment.dto';
import { SALE_STATUSES, SaleStatus } from '../../sales/sale';

export class BuyerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class MarketView {
  @ApiProperty({ example: '4000000.00' }) price: string;
  @ApiProperty({ example: '44692.74' }) pricePerSqm: string;
  @ApiProperty({ enum: ['UNIT_APPRAISAL', 'COMPARABLE_SALES', 'PROJECT_EVIDENCE'] }) method: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the evidence used: an evidence id; or the comparables used and left out, the window, the median and the outlier threshold',
  })
  basis: Record<string, unknown>;
}

export class VarianceView {
  @ApiProperty({ example: '-1000000.00', description: 'netPrice − market price; negative is below market' }) amount: string;
  @ApiProperty({ example: '-25.00', description: 'amount over market price × 100' }) pct: string;
}

export class SaleFlagView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BELOW_MARKET' }) type: string;
  @ApiProperty({ example: 'HIGH' }) severity: string;
  @ApiProperty({ example: 'OPEN' }) status: string;
}

export class PathPartyView {
  @ApiProperty({ example: 'Zhang San' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'CEO', description: 'set for an insider of the developer' }) insiderRole: string | null;
}

export class RelatedPartyFindingView {
  @ApiProperty() isRelated: boolean;
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } }, example: [['<driver id>', 'PERSONAL_STAFF', '<CEO id>']] })
  paths: string[][];
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/PathPartyView' },
    description: 'every party on the paths, by id: name and insider role',
  })
  parties: Record<string, PathPartyView>;
}

export class ReferrerFindingView extends RelatedPartyFindingView {
  @ApiProperty({ format: 'uuid' }) partyId: string;
}

export class DiscountUseView {
  @ApiProperty({ example: 'EARLY-BIRD' }) code: string;
  @ApiProperty({ example: '2.00' }) percent: string;
  @ApiProperty() stackable: boolean;
  @ApiProperty({ enum: ['ALL', 'STAFF'] }) eligibility: string;
  @ApiProperty({ description: 'counts towards the deepest discount these buyers could get' }) counted: boolean;
  @ApiProperty({ enum: ['STACKS', 'LARGEST_NON_STACKABLE', 'SMALLER_NON_STACKABLE', 'STAFF_ONLY'] }) why: string;
}

export class SaleDiscountsView {
  @ApiProperty({ format: 'uuid' }) priceListId: string;
  @ApiProperty({ example: 'B1' }) batchNo: string;
  @ApiProperty({ description: 'a buyer is an insider or related to one, so STAFF discounts are open' }) buyerIsStaff: boolean;
  @ApiProperty({ example: '6.91', description: '1 − Π(1 − pᵢ) over the discounts counted, × 100' }) combinedPct: string;
  @ApiProperty({ type: [DiscountUseView] }) discounts: DiscountUseView[];
}

export class DepositEntryView {
  @ApiProperty({ format: 'uuid' }) paymentId: string;
  @ApiProperty({ example: '2026-05-20' }) receivedOn: string;
  @ApiProperty({ example: 'DEPOSIT' }) kind: string;
  @ApiProperty({ example: '200000.00' }) amount: string;
  @ApiProperty({ nullable: true, type: String, description: 'when it was reversed; a reversed payment is no deposit' }) reversedOn: string | null;
}

export class DepositView {
  @ApiProperty({ example: '2026-05-25', description: 'contract date + depositDueDays' }) dueDate: string;
  @ApiProperty({ example: '5.00' }) minDepositPct: string;
  @ApiProperty({ example: '150000.00', description: 'netPrice × minDepositPct / 100' }) requiredDeposit: string;
  @ApiProperty({ example: '200000.00', description: 'payments received by the due date, net of their reversals' }) paidByDueDate: string;
  @ApiProperty({ type: [DepositEntryView] }) paymentsByDueDate: DepositEntryView[];
}

export class RefundView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '100000.00' }) amount: string;
  @ApiProperty({ example: '2026-06-15', description: 'the day the money went back to the buyer' }) paidOn: string;
  @ApiProperty({ nullable: true, type: String, example: 'ICBC transfer 2026-0615-0042' }) reference: string | null;
}

export class SaleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitNo: string;
  @ApiProperty({ type: [BuyerView] }) buyers: BuyerView[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) referrerPartyId: string | null;
  @ApiProperty({ example: '2026-05-18' }) contractDate: string;
  @ApiProperty({ enum: SALE_STATUSES }) status: SaleStatus;
  @ApiProperty({ nullable: true, type: String }) cancelledOn: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ nullable: true, type: String, example: '4200000.00' }) listPrice: string | null;
  @ApiProperty({ example: '3000000.00' }) netPrice: string;
  @ApiProperty({ nullable: true, type: String, example: '28.57', description: '(list − net) / list × 100' }) discountPct: string | null;
  @ApiProperty({ type: [String] }) discountCodes: string[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) priceListId: string | null;
  @ApiProperty({
    type: MarketView,
    nullable: true,
    description: 'for COMPARABLE_SALES, basis.comparables lists the sales used and basis.excluded those left out, with why',
  })
  market: MarketView | null;
  @ApiProperty({ type: VarianceView, nullable: true }) variance: VarianceView | null;
  @ApiProperty({ example: '300000.00', description: 'payments net of reversals' }) paid: string;
  @ApiProperty({ example: '2700000.00', description: 'netPrice − paid' }) outstanding: string;
  @ApiProperty({ example: '50000.00', description: 'of a cancelled sale, what the developer keeps of what was paid; 0.00 for an active sale' })
  forfeited: string;
  @ApiProperty({ example: '100000.00', description: 'the refunds paid to the buyer of a cancelled sale; 0.00 for an active sale' }) refunded: string;
  @ApiProperty({ example: '50000.00', description: 'of a cancelled sale, paid − forfeited − refunded: what is still owed back; 0.00 for an active sale' })
  refundOwed: string;
  @ApiProperty({ type: [RefundView], description: 'the refunds of a cancelled sale, in the order paid; empty for an active sale' }) refunds: RefundView[];
  @ApiProperty({ nullable: true, type: String }) handedOverOn: string | null;
  @ApiProperty() occupied: boolean;
  @ApiProperty({ nullable: true, type: String, example: '3000000.00', description: 'the unit’s cost price, when known' }) costPrice: string | null;
  @ApiProperty({ type: RelatedPartyFindingView, description: 'whether a buyer is related to the developer' }) relatedParty: RelatedPartyFindingView;
  @ApiProperty({ type: ReferrerFindingView, nullable: true, description: 'the referrer, and whether it is related (it never makes the sale related)' })
  referrer: ReferrerFindingView | null;
  @ApiProperty({ type: SaleDiscountsView, nullable: true, description: 'the discounts these buyers could get under the batch that priced the unit' })
  discounts: SaleDiscountsView | null;
  @ApiProperty({ type: DepositView, nullable: true, description: 'the payments up to the deposit due date, against the minimum deposit' })
  deposit: DepositView | null;
  @ApiProperty({ type: [PaymentEntryView] }) payments: PaymentEntryView[];
  @ApiProperty({ type: [SaleFlagView] }) flags: SaleFlagView[];
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'when the market price and related-party finding were last evaluated' }) evaluatedAt: string;
}
