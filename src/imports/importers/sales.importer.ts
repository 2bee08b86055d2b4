import { Injectable } from '@nestjs/common';
import { dec } from '../../common/money';
import { auditEntry, written } from '../../database/write-runner';
import { RecordSales, SaleChecks, SaleCommand, SaleRefusal } from '../../ledger/use-cases/record-sales';
import { normaliseIdentifier, normalisePhone } from '../../parties/normalise';
import { PartiesRepository } from '../../parties/parties.repository';
import { CellProblem } from '../csv-columns';
import { Batcher, ImportContext, KindImporter, problem } from './importer';

interface SaleRow {
  unitNo: string;
  contractDate: string;
  netPrice: string;
  buyers: string[];
  buyerIdNumbers?: string[];
  buyerPhones?: string[];
  listPrice?: string;
  discountCodes?: string[];
  referrerIdNumber?: string;
  note?: string;
}

/**
 * The register of transactions: one sale a row, buyers named (and matched to
 * known parties by id number), each row held to the rules of a sale recorded
 * over the API (RecordSales). Once every row is written, the evaluation
 * engine judges all the imported sales together, as of the import's date:
 * each is priced against the market with every sale known (those of the file
 * included), and each rule — the time-based ones too — is evaluated once, so
 * an import never raises and clears the same flag in one go.
 */
@Injectable()
export class SalesImporter {
  constructor(
    private readonly parties: PartiesRepository,
    private readonly recordSales: RecordSales,
  ) {}

  async start(ctx: ImportContext): Promise<KindImporter> {
    const { tx, project } = ctx;
    const facts = await this.recordSales.projectFacts(tx, project.id);
    const checks = new SaleChecks(facts, ctx.today);

    const referrerLines = new Map<string, number[]>();
    const referrers = new Map<string, string>();
    const partyByIdNumber = new Map<string, string>();
    const imported: string[] = [];
    let partiesCreated = 0;
    const commandOf = (row: SaleRow, buyerPartyIds: string[]): SaleCommand => ({
      // A unit number of no unit of the project names no unit id either: the rules refuse it as an unknown unit.
      unitId: facts.unitByNo(row.unitNo)?.id ?? row.unitNo,
      contractDate: row.contractDate, netPrice: dec(row.netPrice), listPrice: row.listPrice ? dec(row.listPrice) : null,
      buyerPartyIds, discountCodes: row.discountCodes ?? [],
      referrerPartyId: row.referrerIdNumber ? referrers.get(normaliseIdentifier(row.referrerIdNumber)!) ?? null : null, note: row.note ?? null,
    });

    const batch = new Batcher<{ row: SaleRow; line: number }>(async (rows) => {
      const buyerIds = await this.resolveBuyers(ctx, rows.map((r) => r.row), partyByIdNumber, () => (partiesCreated += 1));
      const commands = rows.map(({ row }, i) => commandOf(row, buyerIds[i]));
      const lines = rows.map(({ row, line }) => ({ line, unitNo: row.unitNo }));
      imported.push(...tx.log(await this.recordSales.writeChecked(tx, commands, facts, { importId: ctx.importId, lines })));
    });

    return {
      check: (values, line) => {
        const row = values as unknown as SaleRow;
        const problems: CellProblem[] = [];
        if (new Set(row.buyers).size !== row.buyers.length) problems.push(problem(line, 'buyers', row.buyers.join(';'), 'names a buyer twice'));
        for (const [key, list] of [['buyerIdNumbers', row.buyerIdNumbers], ['buyerPhones', row.buyerPhones]] as const) {
          if (list && list.length !== row.buyers.length) {
            problems.push(problem(line, key, list.join(';'), `gives ${list.length} value(s) for ${row.buyers.length} buyer(s)`));
          }
        }
        if (row.referrerIdNumber) {
          const norm = normaliseIdentifier(row.referrerIdNumber) ?? '';
          referrerLines.set(norm, [...(referrerLines.get(norm) ?? []), line]);
        }
        // Buyers are matched or registered as the rows are written, and referrers resolved once every row is read: the rules see the rest.
        const refusals = checks.check(commandOf(row, []), line);
        return [...refusals.flatMap((refusal) => rowProblems(refusal, row, line)), ...problems];
      },
      finishChecks: async () => {
        const norms = [...referrerLines.keys()];
        for (let i = 0; i < norms.length; i += 5000) {
          for (const [norm, id] of await this.parties.within(tx).byIdNumbers(norms.slice(i, i + 5000))) referrers.set(norm, id);
        }
        return norms
          .filter((norm) => !referrers.has(norm))
          .flatMap((norm) => referrerLines.get(norm)!.map((line) => problem(line, 'referrerIdNumber', norm, 'no party has this id number')));
      },
      write: (values, line) => batch.add({ row: values as unknown as SaleRow, line }),
      finishWrite: async () => {
        await batch.drain();
        await tx.flush();
        const judged = await this.recordSales.judge(tx, imported);
        return { salesCreated: imported.length, partiesCreated, flagsRaised: judged.raised };
      },
    };
  }

  /** Buyers with an id number are the party that holds it (registered now if new); the others are registered as new parties. */
  private async resolveBuyers(ctx: ImportContext, rows: SaleRow[], known: Map<string, string>, onCreated: () => void): Promise<string[][]> {
    const parties = this.parties.within(ctx.tx);
    const norms = [...new Set(rows.flatMap((row) => (row.buyerIdNumbers ?? []).map((raw) => normaliseIdentifier(raw)!)))].filter((n) => n && !known.has(n));
    for (const [norm, id] of await parties.byIdNumbers(norms)) known.set(norm, id);
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
    createdIds.forEach((id, i) => {
      const { norm } = toCreate[i];
      if (norm) known.set(norm, id);
      onCreated();
    });
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
