import { Injectable } from '@nestjs/common';
import { dec } from '../../common/money';
import { auditEntry, written } from '../../database/write-runner';
import { ImportFacts, RecordSales, SaleChecks, SaleCommand, SaleRefusal } from '../../ledger/use-cases/record-sales';
import { normaliseIdentifier, normalisePhone } from '../../parties/normalise';
import { PartiesRepository } from '../../parties/parties.repository';
import { CellProblem } from '../csv-columns';
import { StagedSaleRows, SaleRow } from '../staged-sale-rows';
import { ImportContext, KindImporter, MAX_ERRORS, problem } from './importer';

/**
 * Rows are checked, and judged and written, this many at a time: what the
 * service holds of a file is one chunk of it. Judged in the chunks an audit
 * run judges a project's sales in (EvaluationEngine's slices), in the same
 * order, a sale is judged alike either way.
 */
const CHUNK = 2000;

/**
 * The register of transactions: one sale a row, buyers named (and matched to
 * known parties by id number), each row held to the rules of a sale recorded
 * over the API (RecordSales). Rows are staged in the import's transaction as
 * they are read (StagedSaleRows) and checked a chunk at a time against the
 * facts the chunk names, so memory stays flat whatever the file or project
 * size. Then the chunks are judged and written in contract-date order, each
 * judged by the evaluation engine as of the import's date before it is
 * written, as the API's sale is: priced against the market with every sale
 * known, the file's rows not written yet included, and each rule — the
 * time-based ones too — evaluated once, so an import never raises and clears
 * the same flag in one go, and no sale is written twice.
 */
@Injectable()
export class SalesImporter {
  constructor(
    private readonly parties: PartiesRepository,
    private readonly recordSales: RecordSales,
  ) {}

  async start(ctx: ImportContext): Promise<KindImporter> {
    const { tx, project } = ctx;
    const staged = await StagedSaleRows.create(tx);
    let held: Array<{ line: number; row: SaleRow; problems: CellProblem[] }> = [];
    let rows = 0;
    let partiesCreated = 0;
    let flagsRaised = 0;
    const commandOf = (facts: ImportFacts, row: SaleRow, buyerPartyIds: string[], referrers: Map<string, string>): SaleCommand => ({
      // A unit number of no unit of the project names no unit id either: the rules refuse it as an unknown unit.
      unitId: facts.unitByNo(row.unitNo)?.id ?? row.unitNo,
      contractDate: row.contractDate, netPrice: dec(row.netPrice), listPrice: row.listPrice ? dec(row.listPrice) : null,
      buyerPartyIds, discountCodes: row.discountCodes ?? [],
      referrerPartyId: row.referrerIdNumber ? referrers.get(normaliseIdentifier(row.referrerIdNumber)!) ?? null : null, note: row.note ?? null,
    });

    /** The held rows staged, and checked by the rules against what the file staged so far and the facts they name. */
    const checkHeld = async (): Promise<CellProblem[]> => {
      const chunk = held;
      held = [];
      if (chunk.length === 0) return [];
      await staged.add(chunk.map(({ line, row }) => ({ line, row, referrerNorm: row.referrerIdNumber ? normaliseIdentifier(row.referrerIdNumber) ?? '' : null })));
      const unitNos = [...new Set(chunk.map(({ row }) => row.unitNo))];
      const facts = await this.recordSales.importFacts(tx, project.id, chunk.map(({ row }) => row), { check: await staged.firstLines(unitNos) });
      const checks = new SaleChecks(facts, ctx.today);
      // Buyers are matched or registered as the rows are written, and referrers resolved once every row is read: the rules see the rest.
      return chunk.flatMap(({ line, row, problems }) => [
        ...checks.check(commandOf(facts, row, [], new Map()), line).flatMap((refusal) => rowProblems(refusal, row, line)),
        ...problems,
      ]);
    };

    return {
      check: async (values, line) => {
        const row = values as unknown as SaleRow;
        const problems: CellProblem[] = [];
        if (new Set(row.buyers).size !== row.buyers.length) problems.push(problem(line, 'buyers', row.buyers.join(';'), 'names a buyer twice'));
        for (const [key, list] of [['buyerIdNumbers', row.buyerIdNumbers], ['buyerPhones', row.buyerPhones]] as const) {
          if (list && list.length !== row.buyers.length) {
            problems.push(problem(line, key, list.join(';'), `gives ${list.length} value(s) for ${row.buyers.length} buyer(s)`));
          }
        }
        held.push({ line, row, problems });
        rows += 1;
        return held.length >= CHUNK ? checkHeld() : [];
      },
      endOfRows: checkHeld,
      finishChecks: async () =>
        (await staged.unknownReferrers(MAX_ERRORS)).map(({ line, referrerNorm }) => problem(line, 'referrerIdNumber', referrerNorm, 'no party has this id number')),
      writeStaged: async (done) => {
        for await (const chunk of staged.inContractOrder(CHUNK)) {
          const buyerIds = await this.resolveBuyers(ctx, chunk.map(({ row }) => row), () => (partiesCreated += 1));
          const referrerNorms = [...new Set(chunk.flatMap(({ row }) => (row.referrerIdNumber ? [normaliseIdentifier(row.referrerIdNumber)!] : [])))];
          const referrers = await this.parties.within(tx).byIdNumbers(referrerNorms);
          const facts = await this.recordSales.importFacts(tx, project.id, chunk.map(({ row }) => row), 'write');
          const commands = chunk.map(({ row }, i) => commandOf(facts, row, buyerIds[i], referrers));
          const lines = chunk.map(({ row, line, saleId }) => ({ line, unitNo: row.unitNo, saleId }));
          flagsRaised += tx.log(
            await this.recordSales.recordChecked(tx, project, commands, facts, { importId: ctx.importId, lines }, staged.pendingFrom(project.id, chunk[0])),
          );
          await done(chunk.length);
        }
      },
      finishWrite: async () => ({ salesCreated: rows, partiesCreated, flagsRaised }),
    };
  }

  /** Buyers with an id number are the party that holds it (registered now if new); the others are registered as new parties. */
  private async resolveBuyers(ctx: ImportContext, rows: SaleRow[], onCreated: () => void): Promise<string[][]> {
    const parties = this.parties.within(ctx.tx);
    const norms = [...new Set(rows.flatMap((row) => (row.buyerIdNumbers ?? []).map((raw) => normaliseIdentifier(raw)!)))].filter((n) => n);
    // Parties registered by earlier chunks of the file are found here too: they are in this same transaction.
    const known = await parties.byIdNumbers(norms);
    const at = ctx.tx.clock.now();
    const toCreate: Array<{ norm: string | null; party: Parameters<PartiesRepository['insertMany']>[0][number] }> = [];
    const pending = new Map<string, number>();
    const slots = rows.map((row) =>
      row.buyers.map((name, i) => {
        const rawId = row.buyerIdNumbers?.[i] ?? null;
        const norm = rawId ? normaliseIdentifier(rawId) : null;
        if (norm && known.has(norm)) return { id: known.get(norm)! };
        if (norm && pending.has(norm)) return { index: pending.get(norm)! };
        const rawPhone = row.buyerPhones?.[i] ?? null;
        toCreate.push({
          norm,
          party: {
            kind: 'PERSON', name, idNumber: rawId, idNumberNorm: norm, phone: rawPhone, phoneNorm: normalisePhone(rawPhone), address: null,
            bankAccount: null, bankAccountNorm: null, insiderRole: null, createdAt: at,
          },
        });
        if (norm) pending.set(norm, toCreate.length - 1);
        return { index: toCreate.length - 1 };
      }),
    );
    const createdIds = await parties.insertMany(toCreate.map((c) => c.party));
    createdIds.forEach(() => onCreated());
    if (createdIds.length > 0) {
      ctx.tx.log(written(createdIds, auditEntry('parties.imported', 'import', ctx.importId, {
        parties: createdIds.map((id, i) => ({ partyId: id, name: toCreate[i].party.name, idNumber: toCreate[i].party.idNumber, phone: toCreate[i].party.phone })),
      })));
    }
    return slots.map((row) => row.map((slot) => ('id' in slot ? slot.id! : createdIds[slot.index!])));
  }
}

/** A refusal of the sale rules as the row errors of an import. */
function rowProblems(refusal: SaleRefusal, row: SaleRow, line: number): CellProblem[] {
  switch (refusal.reason) {
    case 'unknown-unit':
      return [problem(line, 'unitNo', row.unitNo, 'no such unit in this project')];
    case 'unit-sold':
      return [problem(line, 'unitNo', row.unitNo, 'already has an active sale')];
    case 'unit-sold-earlier-in-batch':
      return [problem(line, 'unitNo', row.unitNo, `is sold again on line ${refusal.earlier}`)];
    case 'contract-in-future':
      return [problem(line, 'contractDate', row.contractDate, 'is after today')];
    case 'unknown-parties':
      return refusal.problems.map((p) => problem(line, p.field, null, p.problem));
    case 'no-price-list':
      return [problem(line, 'discountCodes', row.discountCodes!.join(';'), 'no price list priced this unit by the contract date')];
    case 'unpublished-discounts':
      return refusal.codes.map(({ code }) => problem(line, 'discountCodes', code, `is not published in batch ${refusal.batchNo}`));
  }
}
