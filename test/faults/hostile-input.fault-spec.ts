import { Pool } from 'pg';
import { describeHostileInput } from '../utils/hostile-input-suite';
import { figure, newDatabase } from './harness';

/** Two kinds of body (hostile, mutated) × this many runs each: at least 2,000 bodies per write route. */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 1000);

describeHostileInput(`${RUNS * 2} property-based hostile bodies per write route`, {
  runs: RUNS,
  database: async () => {
    const db = await newDatabase('hostile');
    const sql = new Pool({ connectionString: db.ownerUrl, max: 2 });
    return { url: db.ownerUrl, serviceUrl: db.serviceUrl, sql, drop: () => sql.end() };
  },
  done: (tally) => {
    figure('hostile bodies', 'write routes × bodies per route', `${tally.routes} × ${RUNS * 2}`);
    figure('hostile bodies', 'requests / 5xx / valid mutations accepted', `${tally.sent} / ${tally.serverErrors} / ${tally.validAccepted}`);
  },
});
