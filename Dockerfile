# syntax=docker/dockerfile:1
# srm-bot: one small image for every deployment. Build: docker build -t srm-bot .
# Run:   docker run -p 3978:3978 -v srm-data:/data --env-file .env srm-bot

ARG NODE_VERSION=20.19

# --- build: all dependencies, compile TypeScript to dist/ ------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
COPY bench ./bench
RUN npx tsc -p tsconfig.build.json

# --- deps: production dependencies only ----------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# --- runtime: no compilers, no dev dependencies, not root ------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# MALLOC_ARENA_MAX=2: glibc's per-thread malloc arenas otherwise keep growing RSS under load with no growth of
# the JS heap (bench/RESULTS.md, "Memory over mixed requests").
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    HOST=0.0.0.0 \
    PORT=3978 \
    LOG_FORMAT=json \
    SQLITE_PATH=/data/srm-bot.db
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
# The playground's card renderer is a browser bundle from a dev dependency: copy just that package.
COPY --from=build /app/node_modules/adaptivecards ./node_modules/adaptivecards
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY data ./data
COPY intents ./intents
COPY src/playground/public ./src/playground/public
# /data holds the SQLite file (one replica); with DATABASE_URL (PostgreSQL) nothing is written there.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: stop accepting, finish in-flight requests and quiz posts, close the store, exit 0 (within 10 s).
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/index.js"]
