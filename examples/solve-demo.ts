/**
 * Solves the bundled example round through the library's API and prints each
 * group with its members and their reasons.
 *
 *   npx tsx examples/solve-demo.ts [--objective affinity]
 */
import { checkSolution, readInstanceDir, solve } from '../src/index.js';

const objective = process.argv.includes('--objective') && process.argv.includes('affinity') ? 'affinity' : 'default';
const read = await readInstanceDir(new URL('./demo', import.meta.url).pathname);
if (!read.ok) {
  for (const issue of read.issues) console.error(`${issue.file}:${issue.line} [${issue.field}] ${issue.message}`);
  process.exit(2);
}
const { instance } = read;
const result = await solve(instance, { objective, seed: 1 });
if (result.status === 'invalid') {
  console.error(result.issues);
  process.exit(2);
}

const experts = new Map(instance.experts.map((e) => [e.id, e]));
for (const county of instance.counties) {
  const members = result.assignments.filter((a) => a.countyId === county.id);
  if (members.length === 0) continue;
  console.log(`\n${county.name} (${county.province}) — ${members.length} members`);
  for (const m of members) console.log(`  ${m.role.padEnd(6)} ${experts.get(m.expertId)?.name ?? m.expertId}  ${m.reason}`);
}
for (const u of result.unmatched) console.log(`\nunmatched ${u.countyId}: ${u.reasonCode} — ${u.detail}`);

const { summary } = result;
console.log(`\n${summary.status}: ${summary.matchedCounties}/${summary.totalCounties} counties, score ${summary.objective.toFixed(2)}, bound ${summary.upperBound.toFixed(2)}, gap ${(summary.gap * 100).toFixed(2)}%`);
console.log(`independent check: ${checkSolution(instance, result, { objective }).ok ? 'every hard rule holds' : 'VIOLATIONS'}`);
