/** The words of the related-party register, shared by the API, the database checks and the graph. */
export const PARTY_KINDS = ['PERSON', 'COMPANY'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** "Party X is <relationship> of related party Y", e.g. the driver is PERSONAL_STAFF of the CEO. */
export const RELATIONSHIPS = [
  'SPOUSE',
  'FAMILY',
  'PERSONAL_STAFF',
  'EMPLOYEE',
  'BUSINESS_ASSOCIATE',
  'CONTROLS',
  'NOMINEE',
  'OTHER',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** An insider's role at the developer: upper-case words joined by underscores, e.g. CEO, DIRECTOR, EMPLOYEE. */
export const INSIDER_ROLE_PATTERN = /^[A-Z][A-Z0-9_]*$/;
