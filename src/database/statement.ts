/** One data-modifying statement (an INSERT, UPDATE or DELETE without a WITH of its own) and its parameters, `$1`… */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * A statement's text with each parameter `$n` replaced (`replace(n)`), once
 * `n` is checked to be one of its `count` parameters; `who` names the
 * statement in the error of one that is not.
 */
export function replaceParameters(sql: string, count: number, who: string, replace: (position: number) => string): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const position = Number(n);
    if (position < 1 || position > count) throw new Error(`${who} refers to $${position} of ${count} parameters`);
    return replace(position);
  });
}

/**
 * Several data-modifying statements as one: `WITH w0 AS (…), w1 AS (…) SELECT …`,
 * their parameters renumbered in order. PostgreSQL runs it as one statement —
 * one round trip, and without an explicit transaction its own: all of it
 * commits or none (a constraint refused anywhere refuses the whole). Foreign
 * keys between its parts hold, as they are checked at the end of the statement.
 */
export function composeStatements(statements: readonly Statement[]): Statement {
  if (statements.length === 0) throw new Error('nothing to write');
  const params: unknown[] = [];
  const parts = statements.map((statement, index) => {
    const offset = params.length;
    params.push(...statement.params);
    const sql = replaceParameters(statement.sql, statement.params.length, `statement ${index}`, (position) => `$${position + offset}`);
    return `w${index} AS (${sql})`;
  });
  return { sql: `WITH ${parts.join(',\n')}\nSELECT 1 AS written`, params };
}
