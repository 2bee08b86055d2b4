import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { AuditRunsService } from '../src/evaluation/audit-runs.service';
import { FlagsService } from '../src/audit-flags/flags.service';
import { Actor, Role, SYSTEM_ACTOR } from '../src/common/auth/role';
import { AppModule } from '../src/app.module';
import { InvalidConfigError, loadConfig } from '../src/config/app-config';
import { embeddedDatabaseHolder } from '../src/database/embedded-postgres';
import { ImportKind } from '../src/imports/import-kinds';
import { ImportsService } from '../src/imports/imports.service';
import { LiquidationReportsService } from '../src/liquidation-reports/liquidation-reports.service';
import { PartiesService } from '../src/parties/parties.service';
import { MarketPricesService } from '../src/pricing/market-prices.service';
import { ProjectsRepository } from '../src/projects/projects.repository';
import { ProjectsService } from '../src/projects/projects.service';
import { SalesRepository } from '../src/sales/sales.repository';
import { SalesService } from '../src/ledger/sales.service';
import { PartyRelationsService } from '../src/ledger/party-relations.service';
import { UsersService } from '../src/users/users.service';
import { shiftDate } from '../src/common/business-dates';
import { seededRandom } from './portfolio-csv';

/**
 * `npm run demo`: two projects with a few hundred units, their release
 * batches, a register of sales and a few thousand receipts, loaded through the
 * CSV import — with both cases of the product hidden among ordinary sales:
 * the CEO's driver who bought at cost and never paid (Bayview Garden), and a
 * batch priced below an earlier one in a rising market (Hillside Court).
 */
const actorOf = (role: Role): Actor => ({ id: 'demo', name: `demo loader (${role})`, role });
const money = (value: number) => (Math.round(value * 100) / 100).toFixed(2);

interface DemoUnit {
  unitNo: string;
  unitType: string;
  area: number;
  cost: number;
}

function unitsOf(prefix: string, count: number): DemoUnit[] {
  const types = [['2BR', 78], ['3BR', 96], ['3BR', 102], ['4BR', 128]] as const;
  return Array.from({ length: count }, (_, i) => {
    const [unitType, base] = types[i % types.length];
    const area = base + (i % 5) * 0.5;
    return { unitNo: `${prefix}${Math.floor(i / 8) + 1}-${String((i % 8) + 1).padStart(2, '0')}`, unitType, area, cost: area * 30000 };
  });
}

function csv(dir: string, name: string, header: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${[header, ...lines].join('\n')}\n`);
  return path;
}

async function importCsv(app: INestApplicationContext, projectId: string, kind: ImportKind, path: string, role: Role): Promise<Record<string, number>> {
  const imports = app.get(ImportsService);
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  const started = await imports.start(actorOf(role), projectId, kind, { path, sha256, filename: path.split('/').pop()! });
  const done = await imports.settle(started.id, 600_000);
  if (done.state !== 'SUCCEEDED') throw new Error(`${kind} import ${done.state}: ${JSON.stringify(done.errors.slice(0, 5))} ${done.failure ?? ''}`);
  return done.result ?? {};
}

interface SaleLine {
  unitNo: string;
  contractDate: string;
  netPrice: number;
}

function salesCsvLines(sales: Array<SaleLine & { buyer: string; idNumber: string; phone: string }>): string[] {
  return sales.map((s) => `${s.unitNo},${s.contractDate},${money(s.netPrice)},${s.buyer},${s.idNumber},${s.phone}`);
}

/** Deposits within days, instalments or a mortgage after; some sales recent enough to be still paying. */
function paymentLines(sales: SaleLine[], today: string, random: () => number): string[] {
  const lines: string[] = [];
  for (const sale of sales) {
    // In whole cents, so that the parts never add up to more than the price.
    const price = Math.round(sale.netPrice * 100);
    const parts = [Math.floor(price * 0.2), ...Array.from({ length: 4 }, () => Math.floor(price * 0.1))];
    const on = shiftDate(sale.contractDate, 1 + Math.floor(random() * 5));
    if (on > today) continue;
    lines.push(`${sale.unitNo},${on},${money(parts[0] / 100)},DEPOSIT,DEP-${sale.unitNo}`);
    for (let k = 1; k <= 4; k += 1) {
      const when = shiftDate(sale.contractDate, 30 * k + 3);
      if (when <= today) lines.push(`${sale.unitNo},${when},${money(parts[k] / 100)},INSTALLMENT,INS-${sale.unitNo}-${k}`);
    }
    const mortgageOn = shiftDate(sale.contractDate, 160);
    const rest = price - parts.reduce((a, b) => a + b, 0);
    if (mortgageOn <= today && random() < 0.9) lines.push(`${sale.unitNo},${mortgageOn},${money(rest / 100)},MORTGAGE,MTG-${sale.unitNo}`);
  }
  return lines;
}

async function bayview(app: INestApplicationContext, dir: string, today: string): Promise<string> {
  const random = seededRandom(2026);
  const project = await app.get(ProjectsService).create(actorOf('admin'), { code: 'DEMO-BAY', name: 'Bayview Garden 海景花园', currency: 'CNY', city: 'Shenzhen' });
  const units = unitsOf('B', 320);
  await importCsv(app, project.id, 'units', csv(dir, 'bay-units.csv', 'unitNo,building,floor,unitType,saleableArea,costPrice',
    units.map((u, i) => `${u.unitNo},${Math.floor(i / 64) + 1},${Math.floor((i % 64) / 8) + 1},${u.unitType},${u.area.toFixed(2)},${money(u.cost)}`)), 'admin');
  await importCsv(app, project.id, 'price-list', csv(dir, 'bay-prices.csv', 'batchNo,issuedOn,unitNo,listPrice,discounts',
    units.map((u, i) => `B1,2025-03-01,${u.unitNo},${money(u.area * 42000)},${i === 0 ? 'EARLY:2.00:signed within 7 days;FULL:3.00:full payment' : ''}`)), 'admin');
  await app.get(MarketPricesService).record(actorOf('admin'), project.id, { asOf: '2025-02-15', pricePerSqm: '40000.00', source: 'APPRAISAL', reference: 'valuer report 2025-07' });

  const parties = app.get(PartiesService);
  const ceo = await parties.create(actorOf('admin'), { kind: 'PERSON', name: '李伟', insiderRole: 'CEO', phone: '+86 138-0000-0001' });
  const driver = await parties.create(actorOf('admin'), { kind: 'PERSON', name: '张三', idNumber: '110101198503151234', phone: '139 0000 0077' });
  await app.get(PartyRelationsService).relate(actorOf('admin'), driver.id, { relatedPartyId: ceo.id, relationship: 'PERSONAL_STAFF', note: 'the CEO’s driver' });

  const driverUnit = units[150];
  const sold = units.slice(0, 290).filter((u) => u !== driverUnit);
  const sales = sold.map((u, i) => ({
    unitNo: u.unitNo,
    contractDate: shiftDate('2025-03-05', Math.floor((i / sold.length) * 540)),
    netPrice: Math.round(u.area * 42000 * (0.975 + random() * 0.035) * 100) / 100,
    buyer: `Buyer ${i + 1}`,
    idNumber: `4403${String(19800101 + i).padStart(8, '0')}${String(1000 + i)}`,
    phone: `137${String(10000000 + i * 7)}`,
  }));
  const driverSale = { unitNo: driverUnit.unitNo, contractDate: '2025-10-20', netPrice: driverUnit.cost, buyer: '张三', idNumber: '110101198503151234', phone: '139 0000 0077' };
  const register = [...sales.slice(0, 160), driverSale, ...sales.slice(160)];
  await importCsv(app, project.id, 'sales', csv(dir, 'bay-sales.csv', 'unitNo,contractDate,netPrice,buyer,buyerIdNumber,buyerPhone', salesCsvLines(register)), 'clerk');
  await importCsv(app, project.id, 'payments', csv(dir, 'bay-payments.csv', 'unitNo,receivedOn,amount,kind,reference', paymentLines(sales, today, random)), 'finance');

  const [driverSaleRecord] = (await app.get(SalesRepository).list({ projectId: project.id, buyerPartyId: driver.id }, 1, 0)).items;
  const driverSaleId = driverSaleRecord.id;
  await app.get(SalesService).handover(actorOf('clerk'), driverSaleId, { handedOverOn: '2025-11-15', occupied: true });
  return project.id;
}

async function hillside(app: INestApplicationContext, dir: string, today: string): Promise<string> {
  const random = seededRandom(2027);
  const project = await app.get(ProjectsService).create(actorOf('admin'), { code: 'DEMO-HILL', name: 'Hillside Court', currency: 'CNY', city: 'Guangzhou' });
  const units = unitsOf('H', 240);
  await importCsv(app, project.id, 'units', csv(dir, 'hill-units.csv', 'unitNo,unitType,saleableArea,costPrice',
    units.map((u) => `${u.unitNo},${u.unitType},${u.area.toFixed(2)},${money(u.cost * 0.9)}`)), 'admin');
  // The second batch, eight months later, is priced below the first while the market rose 12%.
  const [first, second] = [units.slice(0, 120), units.slice(120)];
  await importCsv(app, project.id, 'price-list', csv(dir, 'hill-prices.csv', 'batchNo,issuedOn,unitNo,listPrice,discounts', [
    ...first.map((u, i) => `一期,2025-01-15,${u.unitNo},${money(u.area * 38000)},${i === 0 ? 'EARLY:2.00:launch offer' : ''}`),
    ...second.map((u, i) => `二期加推,2025-09-15,${u.unitNo},${money(u.area * 36500)},${i === 0 ? 'EARLY:2.00:launch offer' : ''}`),
  ]), 'admin');
  const evidence = app.get(MarketPricesService);
  await evidence.record(actorOf('admin'), project.id, { asOf: '2025-01-10', pricePerSqm: '35000.00', source: 'INDEX', reference: 'city index' });
  await evidence.record(actorOf('admin'), project.id, { asOf: '2025-09-01', pricePerSqm: '39200.00', source: 'INDEX', reference: 'city index' });
  const sales = units.slice(0, 200).map((u, i) => ({
    unitNo: u.unitNo,
    contractDate: i < 120 ? shiftDate('2025-01-20', Math.floor(i * 1.8)) : shiftDate('2025-09-20', Math.floor((i - 120) * 3)),
    netPrice: Math.round(u.area * (i < 120 ? 38000 : 36500) * (0.97 + random() * 0.03) * 100) / 100,
    buyer: `Client ${i + 1}`,
    idNumber: `4401${String(19700101 + i).padStart(8, '0')}${String(2000 + i)}`,
    phone: `136${String(20000000 + i * 11)}`,
  }));
  await importCsv(app, project.id, 'sales', csv(dir, 'hill-sales.csv', 'unitNo,contractDate,netPrice,buyer,buyerIdNumber,buyerPhone', salesCsvLines(sales)), 'clerk');
  await importCsv(app, project.id, 'payments', csv(dir, 'hill-payments.csv', 'unitNo,receivedOn,amount,kind,reference', paymentLines(sales, today, random)), 'finance');
  return project.id;
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  const config = loadConfig();
  const holder = config.DATABASE_URL ? null : embeddedDatabaseHolder(config.DATA_DIR);
  if (holder !== null) {
    throw new DemoRefused(
      `The data folder ${resolve(config.DATA_DIR)} is in use by a running service (process ${holder}). ` +
        'Stop it first (the demo loads into the same embedded database), or set DATA_DIR to another folder or DATABASE_URL to a server.',
    );
  }
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  try {
    if (await app.get(ProjectsRepository).findByCode('DEMO-BAY')) {
      process.stdout.write('The demo data is already loaded (project DEMO-BAY exists).\n');
      return;
    }
    const today = new Date().toISOString().slice(0, 10);
    const dir = mkdtempSync(join(tmpdir(), 'ledger-demo-'));
    const started = Date.now();
    const bay = await bayview(app, dir, today);
    const hill = await hillside(app, dir, today);
    const auditor = actorOf('auditor');
    for (const projectId of [bay, hill]) await app.get(AuditRunsService).run(auditor, projectId, today);
    const batchFlags = (await app.get(FlagsService).list(auditor, { projectId: hill, type: 'PRICE_BELOW_EARLIER_BATCH', limit: 10, offset: 0 })).items;
    const report = await app.get(LiquidationReportsService).generate(auditor, bay, today);

    const users = app.get(UsersService);
    const tokens: string[] = [];
    for (const [name, role] of [['Demo auditor 王芳', 'auditor'], ['Demo sales office', 'clerk'], ['Demo finance', 'finance']] as const) {
      tokens.push(`  ${role.padEnd(8)} ${(await users.create(SYSTEM_ACTOR, { name, role })).token}`);
    }
    const driverNote = report.notes.find((note) => note.text.includes('张三'));
    process.stdout.write(
      [
        `Demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: projects DEMO-BAY (${bay}) and DEMO-HILL (${hill}).`,
        `Bayview liquidation report ${report.id} as of ${today}: receivables ${report.summary.receivables} CNY, ` +
          `related-party receivables ${report.summary.relatedPartyReceivables}, open flags ${report.summary.openFlags.total} ` +
          `${JSON.stringify(report.summary.openFlags.byType)}.`,
        driverNote ? `Note ${driverNote.number}: ${driverNote.text}` : 'No note names the driver (unexpected).',
        ...batchFlags.map((flag) => {
          const evidence = flag.evidence as { batchNo: string; unitType: string; averageNetPricePerSqm: string; earlierBatch: { batchNo: string; averageNetPricePerSqm: string }; marketChange: { changePct: string } | null };
          return `Hillside ${flag.type} ${flag.severity}: batch ${evidence.batchNo} ${evidence.unitType} at ${evidence.averageNetPricePerSqm}/m² ` +
            `below ${evidence.earlierBatch.batchNo} at ${evidence.earlierBatch.averageNetPricePerSqm}/m², market ${evidence.marketChange ? `+${evidence.marketChange.changePct}%` : 'unknown'}.`;
        }),
        'Tokens for the demo users (shown once):',
        ...tokens,
        `Try: curl -s "http://localhost:3000/api/audit-flags?projectId=${hill}&type=PRICE_BELOW_EARLIER_BATCH" -H "Authorization: Bearer <auditor token>"`,
        `     curl -s "http://localhost:3000/api/projects/${bay}/liquidation-reports/${report.id}?format=pdf&lang=zh" -H "Authorization: Bearer <auditor token>" -o report.pdf`,
        '',
      ].join('\n'),
    );
  } finally {
    await app.close();
  }
}

/** A refusal the user can act on: said in one line, without a stack. */
class DemoRefused extends Error {}

main().catch((error) => {
  const known = error instanceof DemoRefused || error instanceof InvalidConfigError;
  process.stderr.write(known ? `${error.message}\n` : `demo failed: ${process.env.DEBUG ? error?.stack ?? error : error?.message ?? error}\n`);
  process.exit(known ? 2 : 1);
});
