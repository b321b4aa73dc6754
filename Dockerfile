# syntax=docker/dockerfile:1
# The microlend image: one image, three commands (API, worker, CLI). Build: docker build -t microlend .
#   API     node dist/src/main.js            (the default)
#   worker  node dist/src/worker.js
#   CLI     node bin/microlend db migrate    (the chart's migration Job), or any other command
# Production refuses to boot without DATABASE_URL, JWT_SECRET, MASTER_KEY and APP_DATABASE_URL
# (or APP_DB_PASSWORD): see src/config/config.ts and helm/microlend/values.yaml.
ARG NODE_IMAGE=node:24-bookworm-slim

# 1. Compile TypeScript and build the console (needs the dev dependencies: typescript, @types/*, vite).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY schema ./schema
COPY src ./src
COPY migrations ./migrations
RUN npm run build:prod && npm run console:build

# 2. Production dependencies only, in a clean tree.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. The runtime: compiled output, production node_modules, tenants, and a non-root user. Every file
#    belongs to root and is read-only for the app, which writes nothing at run time (only /tmp).
FROM ${NODE_IMAGE} AS runtime
RUN groupadd --system --gid 10001 microlend \
 && useradd --system --uid 10001 --gid microlend --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin microlend
WORKDIR /app
ENV NODE_ENV=production \
    MICROLEND_USE_DIST=1 \
    NODE_OPTIONS=--enable-source-maps \
    PORT=4000
COPY package.json package-lock.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY tenants ./tenants
# Numeric, so Kubernetes can check runAsNonRoot against the image.
USER 10001:10001
EXPOSE 4000
# No curl in the slim image: node asks /healthz itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
