/**
 * The tables whose rows are never changed once written: triggers refuse
 * UPDATE, DELETE and TRUNCATE on them, and the service's role holds only
 * SELECT and INSERT there. A new append-only table is added here, gets its
 * triggers and its grant in its own migration; test/e2e/database-privileges
 * checks this list against the triggers and the grants in the database.
 */
export const APPEND_ONLY_TABLES = [
  'audit_log',
  'price_lists',
  'price_list_discounts',
  'price_list_items',
  'market_prices',
  'sale_buyers',
  'payments',
  'handovers',
  'flag_reviews',
  'liquidation_reports',
  'refunds',
] as const;

/**
 * Tables that are never deleted from nor truncated, whose rows change only as
 * their guard trigger allows (a sale's evaluation and cancellation, a flag's
 * review status): the service may UPDATE them, never DELETE.
 */
export const GUARDED_TABLES = ['sales', 'audit_flags'] as const;

/** The group role holding the service's grants; the login role the service connects as is a member of it. */
export const SERVICE_ROLE = 'ledger_service';
