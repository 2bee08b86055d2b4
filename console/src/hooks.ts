import { useEffect, useState } from 'preact/hooks';
import { api, Page, Project } from './api';

export interface Loaded<T> { data: T | null; error: Error | null; loading: boolean; reload: () => void }

/** Loads with `load` whenever a dependency changes; a later answer replaces an earlier one, never the reverse. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: Error | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: Error) => current && setState({ data: null, error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}

let projectsOnce: Promise<Project[]> | null = null;
/** Every project (the console lists them in filters and resolves currencies and time zones from them). */
export function useProjects(): Project[] {
  const [projects, setProjects] = useState<Project[]>([]);
  useEffect(() => {
    projectsOnce ??= api.get<Page<Project>>('/api/projects', { limit: 1000 }).then((page) => page.items);
    projectsOnce.then(setProjects, () => { projectsOnce = null; });
  }, []);
  return projects;
}

export function forgetProjects(): void {
  projectsOnce = null;
}
