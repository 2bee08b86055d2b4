import { ROLES, Role } from '../../src/common/auth/role';

export const ANY: readonly Role[] = ROLES;

/**
 * Every route of the service and the roles allowed on it ('public': no token needed). The test fails when
 * a route exists that is not listed here, so a new route cannot go unchecked.
 */
export const ROUTES: Record<string, readonly Role[] | 'public'> = {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'POST /api/users': ['admin'],
  'GET /api/users': ['admin'],
  'POST /api/projects': ['admin'],
  'GET /api/projects': ANY,
  'GET /api/projects/{id}': ANY,
  'PATCH /api/projects/{id}/settings': ['admin'],
  'POST /api/projects/{projectId}/units': ['admin'],
  'GET /api/projects/{projectId}/units': ANY,
  'POST /api/projects/{projectId}/price-lists': ['admin'],
  'GET /api/projects/{projectId}/price-lists': ANY,
  'GET /api/projects/{projectId}/price-lists/{priceListId}': ANY,
  'POST /api/projects/{projectId}/market-prices': ['admin', 'auditor'],
  'GET /api/projects/{projectId}/market-prices': ANY,
  'POST /api/parties': ['clerk', 'auditor', 'admin'],
  'GET /api/parties': ANY,
  'GET /api/parties/{id}': ANY,
  'POST /api/parties/{id}/relations': ['auditor', 'admin'],
  'GET /api/parties/{id}/relations': ANY,
  'POST /api/sales': ['clerk'],
  'GET /api/sales': ANY,
  'GET /api/sales/{id}': ANY,
  'POST /api/sales/{id}/handover': ['clerk'],
  'POST /api/sales/{id}/cancellation': ['clerk'],
  'POST /api/sales/{saleId}/payments': ['finance'],
  'POST /api/sales/{saleId}/payments/{paymentId}/reversal': ['finance'],
  'POST /api/sales/{saleId}/refunds': ['finance'],
  'POST /api/projects/{projectId}/audit-runs': ['auditor'],
  'GET /api/audit-flags': ANY,
  'GET /api/audit-flags/{id}': ANY,
  'POST /api/audit-flags/{id}/reviews': ['auditor'],
  'POST /api/audit-flags/reviews': ['auditor'],
  'POST /api/projects/{projectId}/liquidation-reports': ['auditor'],
  'GET /api/projects/{projectId}/liquidation-reports': ANY,
  'GET /api/projects/{projectId}/liquidation-reports/{reportId}': ANY,
  'GET /api/portfolio/summary': ANY,
  'POST /api/projects/{projectId}/imports': ['admin', 'clerk', 'finance'],
  'GET /api/projects/{projectId}/imports': ANY,
  'GET /api/imports/{id}': ANY,
  'GET /api/audit-log': ['auditor', 'admin'],
  'GET /api/audit-log/head': ['auditor', 'admin'],
  'GET /api/audit-log/verify': ['auditor', 'admin'],
};
