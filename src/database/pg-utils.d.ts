/** The value writer of PostgreSQL's client (`pg`), which its package does not declare: a parameter as the text it sends. */
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): string | Buffer | null | undefined;
}
