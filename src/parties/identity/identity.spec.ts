import { addressForms, compareAddresses } from './addresses';
import { hkidCheckCharacter, prcCheckCharacter, readIdNumber } from './id-numbers';
import { compareNames, nameForms } from './names';
import { phonesAgree, readPhone } from './phones';

describe('PRC resident id numbers', () => {
  // GB 11643-1999's own example, and numbers made valid with the standard's check character.
  it.each([
    ['11010519491231002X', '11010519491231002X'],
    ['11010519491231002x', '11010519491231002X'],
    ['110105 19491231 002X', '11010519491231002X'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
    ['440305198506121034', '440305198506121034'],
  ])('accepts %s as %s', (raw, normalised) => {
    expect(readIdNumber(raw)).toEqual({ kind: 'PRC_RESIDENT', normalised });
  });

  it('works out the check character by ISO 7064 MOD 11-2', () => {
    expect(prcCheckCharacter('11010519491231002')).toBe('X');
    expect(prcCheckCharacter('44030519850612103')).toBe('4');
  });

  it('refuses a wrong check character, and a birth date that is no date, naming both', () => {
    expect(readIdNumber('110105194912310021')).toEqual({
      kind: 'PRC_RESIDENT', normalised: '110105194912310021', problem: 'not a valid PRC resident id number: its check character should be X, not 1',
    });
    expect(readIdNumber('110105194902300025').problem).toMatch(/its birth date 19490230 is not a date/);
  });

  it('reads a first-generation 15-digit number as its 18-digit form', () => {
    expect(readIdNumber('110105491231002')).toEqual({ kind: 'PRC_RESIDENT', normalised: '11010519491231002X' });
  });
});

describe('Hong Kong identity card numbers', () => {
  it.each([
    ['A123456(3)', 'A1234563'],
    ['a123456 (3)', 'A1234563'],
    ['C668668(9)', 'C6686689'],
    ['AB987654(3)', 'AB9876543'],
  ])('reads %s', (raw, normalised) => {
    const read = readIdNumber(raw);
    expect(read.kind).toBe('HKID');
    expect(read.normalised).toBe(normalised);
    expect(read.problem).toBeUndefined();
  });

  it('works out the check character, A for ten', () => {
    expect(hkidCheckCharacter('A', '123456')).toBe('3');
    expect(hkidCheckCharacter('C', '668668')).toBe('9');
    expect(hkidCheckCharacter('AB', '987654')).toBe('3');
    expect(hkidCheckCharacter('G', '123456')).toBe('A');
  });

  it('refuses a wrong check character', () => {
    expect(readIdNumber('A123456(4)').problem).toBe('not a valid Hong Kong identity card number: its check character should be 3, not 4');
  });

  it('keeps other numbers as letters and digits, unchecked', () => {
    expect(readIdNumber('E 1234 5678')).toEqual({ kind: 'OTHER', normalised: 'E12345678' });
    expect(readIdNumber('91440300-MA5DXXXX-1')).toEqual({ kind: 'OTHER', normalised: '91440300MA5DXXXX1' });
  });
});

describe('phones', () => {
  it.each([
    ['+852 9123 4567', 'HK', '+85291234567', true],
    ['9123 4567', 'HK', '+85291234567', false],
    ['(+852) 9123-4567', 'CN', '+85291234567', true],
    ['00852 91234567', 'CN', '+85291234567', true],
    ['138 0000 0001', 'CN', '+8613800000001', false],
    ['+86 138-0000-0001', 'HK', '+8613800000001', true],
    ['０１０－６２３４５６７８', 'CN', '+861062345678', false],
  ] as const)('reads %s in %s as %s', (raw, region, e164, withCountryCode) => {
    expect(readPhone(raw, region)).toMatchObject({ e164, withCountryCode });
  });

  it('knows a Hong Kong number written without its code is the same as with it, even read as a mainland one', () => {
    const local = readPhone('9123 4567', 'CN')!;
    expect(local).toMatchObject({ e164: '+8691234567', national: '91234567', withCountryCode: false });
    expect(phonesAgree(local, readPhone('+852 9123 4567')!)).toBe('SAME_LOCAL');
    expect(phonesAgree(readPhone('9123 4567', 'HK')!, readPhone('+852 9123 4567')!)).toBe('SAME');
  });

  it('does not take two countries’ numbers with the same digits for one', () => {
    expect(phonesAgree(readPhone('+852 9123 4567')!, readPhone('+65 9123 4567')!)).toBeNull();
    expect(phonesAgree(readPhone('+8613800000001')!, readPhone('+8613800000002')!)).toBeNull();
  });

  it('names the problem of a number that is no number of its region', () => {
    expect(readPhone('12345', 'HK')).toMatchObject({ e164: null, national: '12345', problem: expect.stringMatching(/^is not a valid phone number in HK/) });
    expect(readPhone('+852 1234', 'CN')).toMatchObject({ e164: null, problem: 'is not a valid phone number' });
  });

  it('gives null for text with no digits', () => {
    expect(readPhone(' - ')).toBeNull();
  });
});

describe('names', () => {
  it('reads traditional and simplified characters as one name', () => {
    expect(compareNames(nameForms('王建國'), nameForms('王建国'))).toEqual({ score: 1, how: 'SAME_CHARACTERS' });
    expect(compareNames(nameForms('陳大文'), nameForms('陈大文'))).toEqual({ score: 1, how: 'SAME_CHARACTERS' });
    expect(compareNames(nameForms('黃志明'), nameForms('黄志明'))).toEqual({ score: 1, how: 'SAME_CHARACTERS' });
  });

  it('folds full-width letters and spacing', () => {
    expect(compareNames(nameForms('ＷＡＮＧ  Jianguo'), nameForms('wang jianguo'))).toEqual({ score: 1, how: 'SAME_NAME' });
  });

  it.each(['Wang Jianguo', 'WANG Jianguo', 'Jianguo Wang', 'Wang Jian Guo', 'Wáng Jiànguó'])('reads %s as the pinyin of 王建国', (latin) => {
    expect(compareNames(nameForms(latin), nameForms('王建國'))).toEqual({ score: 0.9, how: 'SAME_PINYIN' });
  });

  it('reads polyphonic surnames as surnames', () => {
    expect(nameForms('单田芳').keys).toEqual(['shantianfang']);
    expect(nameForms('曾国藩').keys).toEqual(['zengguofan']);
    expect(nameForms('欧阳修').keys).toEqual(['ouyangxiu']);
    expect(compareNames(nameForms('Shan Tianfang'), nameForms('单田芳'))?.how).toBe('SAME_PINYIN');
  });

  it('gives blocking initials, surname first', () => {
    expect(nameForms('王建国').initials).toBe('wjg');
    expect(nameForms('Wang Jianguo').initials).toBe('wj');
  });

  it('scores a different given name as only similar, and an unrelated name low or not at all', () => {
    const brother = compareNames(nameForms('王建军'), nameForms('王建国'))!;
    expect(brother.how).toBe('SIMILAR');
    expect(brother.score).toBeLessThan(0.6);
    expect(compareNames(nameForms('李小龙'), nameForms('王建国'))).toBeNull();
  });
});

describe('addresses', () => {
  it('reads one flat written with and without 市/区, in traditional characters and with full-width digits as one address', () => {
    const insider = addressForms('深圳南山区科技园路1号3栋1201室');
    expect(compareAddresses(insider, addressForms('深圳市南山區科技園路1號3棟1201室'))).toBe(1);
    expect(compareAddresses(insider, addressForms('广东省深圳市 南山区 科技园路１号 ３幢 １２０１'))).toBeGreaterThanOrEqual(0.9);
  });

  it('scores another flat of the same building well below one address', () => {
    const score = compareAddresses(addressForms('深圳南山区科技园路1号3栋1201室'), addressForms('深圳南山区科技园路1号3栋1202室'));
    expect(score).toBeLessThan(0.5);
    expect(score).toBeGreaterThan(0);
  });

  it('scores an address elsewhere near nothing', () => {
    expect(compareAddresses(addressForms('深圳南山区科技园路1号3栋1201室'), addressForms('上海市浦东新区世纪大道100号'))).toBeLessThan(0.2);
  });

  it('reads English addresses by their words and numbers', () => {
    expect(compareAddresses(addressForms('Flat 12A, Block 3, Bayview Garden'), addressForms('Rm 12A Blk 3 Bayview Garden'))).toBe(1);
  });
});
