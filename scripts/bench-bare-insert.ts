/**
 * The one statement of the bare endpoint and of the stack floor: the sale row
 * into `bare_sales`, the unit's project, type and area taken from `units` as the
 * service copies them. $1 unit id, $2 contract date, $3 list price, $4 net
 * price, $5 discount codes, $6 referrer, $7 note.
 */
export const BARE_SALE_INSERT = `
  INSERT INTO bare_sales (project_id, unit_id, unit_type, saleable_area, contract_date, list_price, net_price, price_list_id,
    discount_codes, referrer_party_id, note, created_at, created_by, related_party, related_paths,
    market_price, market_price_per_sqm, market_method, market_basis, evaluated_at)
  SELECT u.project_id, u.id, u.unit_type, u.saleable_area, $2, $3, $4, NULL, $5, $6, $7, now(), 'bare', false, '[]', NULL, NULL, NULL, NULL, now()
  FROM units u WHERE u.id = $1
  RETURNING id`;
