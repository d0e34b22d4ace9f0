/** Cases per property: a short run inside `npm test`, 1,000 or more with `npm run fuzz`. */
export const FUZZ_RUNS = Number(process.env.NEWSROOM_FUZZ_RUNS ?? 100);
