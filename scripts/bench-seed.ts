import { Client } from 'pg';
import { defaultTimeZoneFor } from '../src/projects/time-zone';

export interface SeededProject {
  projectId: string;
  sales: number;
}

/**
 * A realistic project written straight into PostgreSQL with set-based SQL
 * (seeding is not what is measured): units of four types over several
 * buildings, one sale per unit spread over two years, buyers with phones and
 * ids, a few insiders and their staff among the buyers, a deposit and
 * instalments, handovers, and three price lists.
 */
export async function seedProject(sql: Client, code: string, units: number): Promise<SeededProject> {
  const [{ id: projectId }] = (
    await sql.query(
      `INSERT INTO projects (code, name, currency, time_zone, city, settings, created_at) VALUES ($1, $2, 'CNY', $3, 'Shenzhen', '{}', now()) RETURNING id`,
      [code, `Bench ${code}`, defaultTimeZoneFor('CNY')],
    )
  ).rows;
  await sql.query(
    `INSERT INTO units (project_id, unit_no, building, floor, unit_type, saleable_area, cost_price, created_at)
     SELECT $1, 'U-' || n, ((n % 20) + 1)::text, (n % 40) + 1, (ARRAY['1BR','2BR','3BR','4BR'])[(n % 4) + 1],
            60 + (n % 4) * 20 + (n % 7), (60 + (n % 4) * 20 + (n % 7)) * 30000, now()
     FROM generate_series(1, $2) n`,
    [projectId, units],
  );
  await sql.query(
    `INSERT INTO parties (kind, name, id_number, id_number_norm, phone, phone_norm, insider_role, created_at)
     SELECT 'PERSON', 'Buyer ' || $2 || '-' || n, 'ID' || $2 || n, 'ID' || upper($2) || n, '138' || lpad(n::text, 8, '0'),
            '+86138' || lpad(n::text, 8, '0'), CASE WHEN n % 2000 = 0 THEN 'DIRECTOR' END, now()
     FROM generate_series(1, $1) n`,
    [units, code],
  );
  // Every 500th buyer is on the personal staff of an insider.
  await sql.query(
    `INSERT INTO party_relations (party_id, related_party_id, relationship, created_at)
     SELECT staff.id, boss.id, 'PERSONAL_STAFF', now()
     FROM parties staff JOIN parties boss ON boss.name = 'Buyer ' || $1 || '-' || ((split_part(staff.name, '-', 2)::int / 2000 + 1) * 2000)
     WHERE staff.name LIKE 'Buyer ' || $1 || '-%' AND split_part(staff.name, '-', 2)::int % 500 = 250`,
    [code],
  );
  await sql.query(
    `INSERT INTO sales (project_id, unit_id, unit_type, saleable_area, contract_date, list_price, net_price, created_at, created_by, evaluated_at)
     SELECT u.project_id, u.id, u.unit_type, u.saleable_area, date '2024-01-01' + (n % 730)::int,
            round(u.saleable_area * (42000 + (n % 50) * 100), 2),
            round(u.saleable_area * (40000 + (n % 50) * 100) * CASE WHEN n % 97 = 0 THEN 0.7 ELSE 1 END, 2), now(), 'bench', now()
     FROM (SELECT u.*, row_number() OVER (ORDER BY u.unit_no) AS n FROM units u WHERE u.project_id = $1) u`,
    [projectId],
  );
  await sql.query(
    `INSERT INTO sale_buyers (sale_id, party_id, position)
     SELECT s.id, p.id, 0
     FROM (SELECT s.id, row_number() OVER (ORDER BY s.id) AS n FROM sales s WHERE s.project_id = $1) s
     JOIN parties p ON p.name = 'Buyer ' || $2 || '-' || s.n`,
    [projectId, code],
  );
  // A deposit and five instalments on most sales (about 55,000 entries for 10,000 sales); one sale in 13 pays nothing.
  await sql.query(
    `INSERT INTO payments (sale_id, amount, received_on, kind, created_at, created_by)
     SELECT s.id, round(s.net_price * CASE WHEN k = 0 THEN 0.1 ELSE 0.15 END, 2), s.contract_date + 3 + k * 30,
            CASE WHEN k = 0 THEN 'DEPOSIT' ELSE 'INSTALLMENT' END, now(), 'bench'
     FROM sales s CROSS JOIN generate_series(0, 5) k
     WHERE s.project_id = $1 AND (hashtext(s.id::text) % 13) <> 0`,
    [projectId],
  );
  await sql.query(
    `INSERT INTO handovers (sale_id, handed_over_on, occupied, created_at, created_by)
     SELECT id, contract_date + 90, (hashtext(id::text) % 3) = 0, now(), 'bench' FROM sales
     WHERE project_id = $1 AND (hashtext(id::text) % 4) = 0`,
    [projectId],
  );
  for (const [batch, issuedOn, perSqm] of [['B1', '2024-01-01', 42000], ['B2', '2024-09-01', 44000], ['B3', '2025-05-01', 43000]] as const) {
    const [{ id: listId }] = (
      await sql.query(
        `INSERT INTO price_lists (project_id, batch_no, issued_on, created_at) VALUES ($1, $2, $3, now()) RETURNING id`,
        [projectId, batch, issuedOn],
      )
    ).rows;
    await sql.query(`INSERT INTO price_list_discounts (price_list_id, code, description, percent) VALUES ($1, 'FULL', 'full payment', 3)`, [listId]);
    await sql.query(
      `INSERT INTO price_list_items (price_list_id, unit_id, list_price)
       SELECT $1, id, round(saleable_area * $3, 2) FROM units WHERE project_id = $2`,
      [listId, projectId, perSqm],
    );
  }
  await sql.query(
    `INSERT INTO market_prices (project_id, as_of, price_per_sqm, source, created_at)
     VALUES ($1, '2024-01-01', 40000, 'INDEX', now()), ($1, '2025-01-01', 44000, 'INDEX', now())`,
    [projectId],
  );
  await sql.query('ANALYZE');
  const [{ count }] = (await sql.query('SELECT count(*)::int AS count FROM sales WHERE project_id = $1', [projectId])).rows;
  return { projectId, sales: count };
}
