/**
 * The first ```bash block of a README section, as written: the section starts
 * at the `## <heading>` line and ends at the next heading of level 1 or 2
 * outside a code block (a `# comment` inside one is no heading).
 */
export function readmeBashBlock(readme: string, heading: string): string {
  const lines = readme.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) throw new Error(`README has no section "## ${heading}"`);
  let block: string[] | null = null;
  for (const line of lines.slice(start + 1)) {
    if (block) {
      if (line.trim() === '```') return block.join('\n') + '\n';
      block.push(line);
    } else if (line.trim() === '```bash') {
      block = [];
    } else if (/^#{1,2} /.test(line)) {
      break;
    }
  }
  throw new Error(block ? `section "## ${heading}": the bash block is not closed` : `section "## ${heading}" has no bash block`);
}
