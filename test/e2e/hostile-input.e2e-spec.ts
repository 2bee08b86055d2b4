import { describeHostileInput } from '../utils/hostile-input-suite';

/** Runs per write route and kind of body; the fault suite runs many more on its own cluster. */
describeHostileInput('hostile input on every write route (e2e)', { runs: Number(process.env.HOSTILE_RUNS ?? 200) });
