/** `npm run build`: the production build, always (npm start builds only when the sources changed). */
import { buildIfNeeded } from "./lib/build";

buildIfNeeded({ force: true, log: console.log }).then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
