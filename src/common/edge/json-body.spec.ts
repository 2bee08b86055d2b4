import { DomainError, ErrorCode } from '../errors/domain-error';
import { MAX_JSON_DEPTH, jsonDepthExceeds, parseJsonBody } from './json-body';

const codeOf = (text: string | Buffer): ErrorCode | 'ok' => {
  try {
    parseJsonBody(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));
    return 'ok';
  } catch (error) {
    return (error as DomainError).code;
  }
};

describe('jsonDepthExceeds', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonDepthExceeds(`${'['.repeat(32)}${']'.repeat(32)}`, 32)).toBe(false);
    expect(jsonDepthExceeds(`${'['.repeat(33)}${']'.repeat(33)}`, 32)).toBe(true);
    expect(jsonDepthExceeds(JSON.stringify({ a: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' }), 2)).toBe(false);
    expect(jsonDepthExceeds('{"a":"\\"[[[[","b":[[1]]}', 3)).toBe(false);
  });

  it('reads a body nested 1,000,000 deep without recursion', () => {
    expect(jsonDepthExceeds('['.repeat(1_000_000), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('parseJsonBody', () => {
  it.each([
    ['a plain object', '{"a":[1,{"b":"c"}]}', 'ok'],
    ['an emoji (a surrogate pair)', '{"a":"\\ud83c\\udf33 🌳"}', 'ok'],
    ['an empty body', '', 'ok'],
    ['a lone surrogate', '{"a":"\\udc00"}', ErrorCode.MALFORMED_BODY],
    ['a NUL character', '{"a":"\\u0000"}', ErrorCode.MALFORMED_BODY],
    ['a NUL in a key', '{"\\u0000":1}', ErrorCode.MALFORMED_BODY],
    ['a __proto__ key', '{"__proto__":{}}', ErrorCode.MALFORMED_BODY],
    ['a nested constructor key', '{"a":[{"constructor":1}]}', ErrorCode.MALFORMED_BODY],
    ['a valueOf key', '{"valueOf":1}', ErrorCode.MALFORMED_BODY],
    ['nesting past the limit', `${'['.repeat(40)}${']'.repeat(40)}`, ErrorCode.MALFORMED_BODY],
    ['broken JSON', '{"a":', ErrorCode.MALFORMED_JSON],
    ['a bare string', '"a"', ErrorCode.MALFORMED_JSON],
  ])('%s → %s', (_, text, expected) => expect(codeOf(text)).toBe(expected));

  it('refuses bytes that are not UTF-8', () => {
    expect(codeOf(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]))).toBe(ErrorCode.MALFORMED_BODY);
  });

  it('names where the bad value is', () => {
    expect(() => parseJsonBody(Buffer.from('{"settings":{"x":["ok","\\u0000"]}}'))).toThrow('settings.x[1] contains a NUL character');
  });
});
