/**
 * Child process of `npm run bench`: the production build when the sources changed. Run apart so that `next build`'s
 * output goes to standard error, and standard output stays the figures.
 */
import { ensureProductionBuild } from "../../test/proofs/support/production-build";

ensureProductionBuild({ log: (m) => console.error(m) }).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
