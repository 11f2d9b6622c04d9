# The console as a container: Next's standalone output, run as a non-root user.
# Build: docker build -t dr-console .   Run: docker run -e DATABASE_URL=... -e DR_TARGET=cloud -p 3000:3000 dr-console

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/postinstall.mjs scripts/postinstall.mjs
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npx prisma generate && npx tsx scripts/build.ts

# The migration image for the init container (deploy/deployment.yaml): the Prisma CLI, the schema and migrations.
# docker build --target migrate -t dr-console-migrate .
FROM deps AS migrate
RUN groupadd --system --gid 1001 console && useradd --system --uid 1001 --gid console console
USER console
CMD ["npx", "prisma", "migrate", "deploy"]

FROM node:24-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 HOSTNAME=0.0.0.0
# The console process's runtime settings (lib/config/console-runtime.ts says why; its test keeps the two the same).
ENV NODE_OPTIONS="--max-semi-space-size=8" MALLOC_ARENA_MAX=2
RUN groupadd --system --gid 1001 console && useradd --system --uid 1001 --gid console console
# The standalone server with what it needs beside it, as the build leaves it (scripts/lib/build.ts): the browser's
# static files, the public folder, and the migrations (/api/health compares the applied ones with that folder; the
# migrate image applies them). `npm start`, the proofs, benchmarks and browser tests run this same folder.
COPY --from=build --chown=console:console /app/.next/standalone ./
USER console
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server.js"]
