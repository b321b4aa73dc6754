import { PlatformFoundation1764300000000 } from './1764300000000-platform-foundation';

/** Every migration, in order. Listed explicitly so the same list runs from ts (dev, tests) and js (image). */
export const migrations = [PlatformFoundation1764300000000];
