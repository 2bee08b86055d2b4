import { GraphParty, GraphRelation, PartyGraph, findRelatedPartyPaths } from './related-party-graph';

function party(id: string, fields: Partial<Omit<GraphParty, 'id'>> = {}): GraphParty {
  return { id, insiderRole: null, idNumberNorm: null, phoneNorm: null, bankAccountNorm: null, ...fields };
}

function relation(partyId: string, relationship: string, relatedPartyId: string): GraphRelation {
  return { partyId, relatedPartyId, relationship };
}

function graph(parties: GraphParty[], relations: GraphRelation[] = []): PartyGraph {
  return { parties, relations };
}

const DEFAULT_MAX_HOPS = 2;

describe('findRelatedPartyPaths', () => {
  describe("the driver's flat (the two cases in the README)", () => {
    const world = graph(
      [party('ceo', { insiderRole: 'CEO' }), party('driver'), party('stranger')],
      [relation('driver', 'PERSONAL_STAFF', 'ceo')],
    );

    it("finds the CEO's driver related by one PERSONAL_STAFF hop", () => {
      expect(findRelatedPartyPaths('driver', world, DEFAULT_MAX_HOPS)).toEqual({
        isRelated: true,
        paths: [['driver', 'PERSONAL_STAFF', 'ceo']],
      });
    });

    it('finds the CEO related as an insider, with a path of just the CEO', () => {
      expect(findRelatedPartyPaths('ceo', world, DEFAULT_MAX_HOPS)).toEqual({ isRelated: true, paths: [['ceo']] });
    });

    it('finds an unrelated party not related', () => {
      expect(findRelatedPartyPaths('stranger', world, DEFAULT_MAX_HOPS)).toEqual({ isRelated: false, paths: [] });
    });
  });

  describe('chains of relations', () => {
    // son --FAMILY--> driver --PERSONAL_STAFF--> ceo, and friend --BUSINESS_ASSOCIATE--> son
    const world = graph(
      [party('ceo', { insiderRole: 'CEO' }), party('driver'), party('son'), party('friend')],
      [
        relation('driver', 'PERSONAL_STAFF', 'ceo'),
        relation('son', 'FAMILY', 'driver'),
        relation('friend', 'BUSINESS_ASSOCIATE', 'son'),
      ],
    );

    it('finds the driver’s son related by 2 hops with the default maxHops 2', () => {
      expect(findRelatedPartyPaths('son', world, DEFAULT_MAX_HOPS)).toEqual({
        isRelated: true,
        paths: [['son', 'FAMILY', 'driver', 'PERSONAL_STAFF', 'ceo']],
      });
    });

    it('finds the son’s business associate, 3 hops away, not related with the default maxHops 2', () => {
      expect(findRelatedPartyPaths('friend', world, DEFAULT_MAX_HOPS)).toEqual({ isRelated: false, paths: [] });
    });

    it('finds the same business associate related when the project allows 3 hops', () => {
      expect(findRelatedPartyPaths('friend', world, 3)).toEqual({
        isRelated: true,
        paths: [['friend', 'BUSINESS_ASSOCIATE', 'son', 'FAMILY', 'driver', 'PERSONAL_STAFF', 'ceo']],
      });
    });

    it('follows a relation in the reverse direction (the CEO controls the buying company)', () => {
      const controlled = graph([party('ceo', { insiderRole: 'CEO' }), party('company')], [relation('ceo', 'CONTROLS', 'company')]);
      expect(findRelatedPartyPaths('company', controlled, DEFAULT_MAX_HOPS)).toEqual({
        isRelated: true,
        paths: [['company', 'CONTROLS', 'ceo']],
      });
    });

    it('with maxHops 0 only an insider or a shared attribute with an insider counts', () => {
      expect(findRelatedPartyPaths('driver', world, 0)).toEqual({ isRelated: false, paths: [] });
    });
  });

  describe('shared identifiers', () => {
    it('finds a buyer sharing a phone with an insider related', () => {
      const world = graph([
        party('director', { insiderRole: 'DIRECTOR', phoneNorm: '+8613800000001' }),
        party('buyer', { phoneNorm: '+8613800000001' }),
      ]);
      expect(findRelatedPartyPaths('buyer', world, DEFAULT_MAX_HOPS)).toEqual({
        isRelated: true,
        paths: [['buyer', 'SAME_PHONE', 'director']],
      });
    });

    it('finds a buyer sharing a bank account with the CEO’s driver related through the driver', () => {
      const world = graph(
        [party('ceo', { insiderRole: 'CEO' }), party('driver', { bankAccountNorm: '6222021234567890' }), party('buyer', { bankAccountNorm: '6222021234567890' })],
        [relation('driver', 'PERSONAL_STAFF', 'ceo')],
      );
      expect(findRelatedPartyPaths('buyer', world, DEFAULT_MAX_HOPS)).toEqual({
        isRelated: true,
        paths: [['buyer', 'SAME_BANK_ACCOUNT', 'driver', 'PERSONAL_STAFF', 'ceo']],
      });
    });

    it('does not count the shared-identifier link as one of the maxHops relations', () => {
      const world = graph(
        [party('ceo', { insiderRole: 'CEO' }), party('driver'), party('son', { idNumberNorm: '11010119900307123X' }), party('nominee', { idNumberNorm: '11010119900307123X' })],
        [relation('driver', 'PERSONAL_STAFF', 'ceo'), relation('son', 'FAMILY', 'driver')],
      );
      expect(findRelatedPartyPaths('nominee', world, DEFAULT_MAX_HOPS)).toEqual({
        isRelated: true,
        paths: [['nominee', 'SAME_ID_NUMBER', 'son', 'FAMILY', 'driver', 'PERSONAL_STAFF', 'ceo']],
      });
    });

    it('follows a shared identifier only as the first link', () => {
      // buyer --FAMILY--> cousin, and the cousin shares a phone with the CEO: the buyer is not joined to an insider.
      const world = graph(
        [party('ceo', { insiderRole: 'CEO', phoneNorm: '+8613800000001' }), party('cousin', { phoneNorm: '+8613800000001' }), party('buyer')],
        [relation('buyer', 'FAMILY', 'cousin')],
      );
      expect(findRelatedPartyPaths('buyer', world, DEFAULT_MAX_HOPS)).toEqual({ isRelated: false, paths: [] });
      expect(findRelatedPartyPaths('cousin', world, DEFAULT_MAX_HOPS).paths).toEqual([['cousin', 'SAME_PHONE', 'ceo']]);
    });

    it('lists each shared identifier as its own path', () => {
      const world = graph([
        party('ceo', { insiderRole: 'CEO', phoneNorm: '+8613800000001', bankAccountNorm: '6222' }),
        party('buyer', { phoneNorm: '+8613800000001', bankAccountNorm: '6222' }),
      ]);
      expect(findRelatedPartyPaths('buyer', world, DEFAULT_MAX_HOPS).paths).toEqual([
        ['buyer', 'SAME_BANK_ACCOUNT', 'ceo'],
        ['buyer', 'SAME_PHONE', 'ceo'],
      ]);
    });

    it('ignores identifiers that are absent on both sides', () => {
      const world = graph([party('ceo', { insiderRole: 'CEO' }), party('buyer')]);
      expect(findRelatedPartyPaths('buyer', world, DEFAULT_MAX_HOPS).isRelated).toBe(false);
    });
  });

  describe('shape of the answer', () => {
    it('is not fooled by cycles and lists every shortest path once', () => {
      // a, b and c know one another; b and c both work for the CEO.
      const world = graph(
        [party('ceo', { insiderRole: 'CEO' }), party('a'), party('b'), party('c')],
        [
          relation('a', 'FAMILY', 'b'),
          relation('b', 'FAMILY', 'c'),
          relation('c', 'FAMILY', 'a'),
          relation('b', 'PERSONAL_STAFF', 'ceo'),
          relation('c', 'EMPLOYEE', 'ceo'),
        ],
      );
      expect(findRelatedPartyPaths('a', world, 6)).toEqual({
        isRelated: true,
        paths: [
          ['a', 'FAMILY', 'b', 'PERSONAL_STAFF', 'ceo'],
          ['a', 'FAMILY', 'c', 'EMPLOYEE', 'ceo'],
        ],
      });
    });

    it('ends a path at the first insider it meets', () => {
      const world = graph(
        [party('chair', { insiderRole: 'CHAIRMAN' }), party('ceo', { insiderRole: 'CEO' }), party('driver')],
        [relation('driver', 'PERSONAL_STAFF', 'ceo'), relation('ceo', 'FAMILY', 'chair')],
      );
      expect(findRelatedPartyPaths('driver', world, DEFAULT_MAX_HOPS).paths).toEqual([['driver', 'PERSONAL_STAFF', 'ceo']]);
    });

    it('explains the way to each insider, nearest first', () => {
      const world = graph(
        [party('ceo', { insiderRole: 'CEO' }), party('cfo', { insiderRole: 'CFO' }), party('driver'), party('buyer')],
        [relation('buyer', 'SPOUSE', 'cfo'), relation('buyer', 'FAMILY', 'driver'), relation('driver', 'PERSONAL_STAFF', 'ceo')],
      );
      expect(findRelatedPartyPaths('buyer', world, DEFAULT_MAX_HOPS).paths).toEqual([
        ['buyer', 'SPOUSE', 'cfo'],
        ['buyer', 'FAMILY', 'driver', 'PERSONAL_STAFF', 'ceo'],
      ]);
    });

    it('answers the same whatever the order of its input', () => {
      const parties = [party('ceo', { insiderRole: 'CEO' }), party('x', { phoneNorm: '1' }), party('y'), party('z'), party('buyer', { phoneNorm: '1' })];
      const relations = [relation('x', 'FAMILY', 'ceo'), relation('buyer', 'FAMILY', 'y'), relation('y', 'OTHER', 'ceo'), relation('z', 'NOMINEE', 'buyer')];
      const forwards = findRelatedPartyPaths('buyer', graph(parties, relations), DEFAULT_MAX_HOPS);
      const backwards = findRelatedPartyPaths('buyer', graph([...parties].reverse(), [...relations].reverse()), DEFAULT_MAX_HOPS);
      expect(backwards).toEqual(forwards);
      expect(forwards.paths).toEqual([
        ['buyer', 'FAMILY', 'y', 'OTHER', 'ceo'],
        ['buyer', 'SAME_PHONE', 'x', 'FAMILY', 'ceo'],
      ]);
    });

    it('caps the number of paths', () => {
      const staff = Array.from({ length: 30 }, (_, i) => party(`staff-${String(i).padStart(2, '0')}`));
      const world = graph(
        [party('ceo', { insiderRole: 'CEO' }), party('buyer'), ...staff],
        staff.flatMap((member) => [relation('buyer', 'FAMILY', member.id), relation(member.id, 'EMPLOYEE', 'ceo')]),
      );
      const finding = findRelatedPartyPaths('buyer', world, DEFAULT_MAX_HOPS, 20);
      expect(finding.isRelated).toBe(true);
      expect(finding.paths).toHaveLength(20);
      expect(finding.paths[0]).toEqual(['buyer', 'FAMILY', 'staff-00', 'EMPLOYEE', 'ceo']);
    });

    it('finds a party missing from the graph not related', () => {
      expect(findRelatedPartyPaths('nobody', graph([party('ceo', { insiderRole: 'CEO' })]), DEFAULT_MAX_HOPS)).toEqual({
        isRelated: false,
        paths: [],
      });
    });

    it('refuses a negative or fractional maxHops', () => {
      expect(() => findRelatedPartyPaths('a', graph([party('a')]), -1)).toThrow(RangeError);
      expect(() => findRelatedPartyPaths('a', graph([party('a')]), 1.5)).toThrow(RangeError);
    });
  });
});
