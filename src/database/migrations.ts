import { Foundation1764489600000 } from '../../migrations/1764489600000-Foundation';

/** Every migration, in order. A new file in migrations/ is added here too. */
export const MIGRATIONS = [Foundation1764489600000];
