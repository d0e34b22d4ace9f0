/**
 * Must be the first import of main.tsx. common/ builds zod schemas at module load, and zod v4
 * probes `new Function("")` when an object schema is built, to decide whether to compile fast
 * parsers. Our CSP forbids eval, so the probe is refused and reported as a CSP violation;
 * jitless mode skips the probe (see the comment on `allowsEval` in zod/v4/core/util.js).
 */
import { z } from 'zod';

z.config({ jitless: true });
