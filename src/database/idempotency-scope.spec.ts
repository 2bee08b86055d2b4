import { idempotencyScope } from './write-runner';

const actor = { id: '7d3f0c1e-0000-4000-8000-000000000001', name: 'finance', role: 'finance' } as const;

describe('idempotency scope', () => {
  it('is the actor, the method and route template, and the parameters with ids lower-cased', () => {
    const saleId = '0B1C2D3E-AAAA-4BBB-8CCC-DDDDEEEEFFFF';
    expect(idempotencyScope(actor, 'POST /api/sales/{saleId}/payments', { saleId })).toBe(
      `${actor.id} POST /api/sales/{saleId}/payments saleId=${saleId.toLowerCase()}`,
    );
  });

  it('is one scope for any spelling of an id, another for another sale, route or actor', () => {
    const lower = idempotencyScope(actor, 'POST /api/sales/{saleId}/payments', { saleId: 'abcdef01-0000-4000-8000-000000000000' });
    expect(idempotencyScope(actor, 'POST /api/sales/{saleId}/payments', { saleId: 'ABCDEF01-0000-4000-8000-000000000000' })).toBe(lower);
    expect(idempotencyScope(actor, 'POST /api/sales/{saleId}/payments', { saleId: 'abcdef02-0000-4000-8000-000000000000' })).not.toBe(lower);
    expect(idempotencyScope(actor, 'POST /api/sales/{saleId}/refunds', { saleId: 'abcdef01-0000-4000-8000-000000000000' })).not.toBe(lower);
    expect(idempotencyScope({ ...actor, id: 'someone else' }, 'POST /api/sales/{saleId}/payments', { saleId: 'abcdef01-0000-4000-8000-000000000000' })).not.toBe(lower);
  });

  it('does not depend on the order parameters are given in', () => {
    expect(idempotencyScope(actor, 'POST /a/{x}/{y}', { y: 'B', x: 'A' })).toBe(idempotencyScope(actor, 'POST /a/{x}/{y}', { x: 'a', y: 'b' }));
  });
});
