import { Initial1795441625301 } from './1795441625301-Initial';

/** Every migration, in order, as classes (the API is bundled, so no globs). */
export const MIGRATIONS: Function[] = [Initial1795441625301];
