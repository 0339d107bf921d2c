# syntax=docker/dockerfile:1
# The enos-ota service image: the package `npm run package` writes (dist/ota-service), installed with
# `npm ci --omit=dev` and run on Node.js 24 as a non-root user. deploy/test checks this file and
# rehearses the runtime stage on every `npm test`. Secrets are never build arguments: mount them as
# files and point ENOS_APP_SECRET_FILE and OTA_API_KEYS_FILE at them (README, "Deploy").

# --- build: the whole workspace, then the service package -------------------------------------------
FROM node:24.22.3-bookworm AS build
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
WORKDIR /workspace
# Manifests first, so the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY apps/ota-service/package.json apps/ota-service/
COPY apps/enos-simulator/package.json apps/enos-simulator/
COPY libs/ota-contract/package.json libs/ota-contract/
COPY libs/ota-api-client/package.json libs/ota-api-client/
COPY libs/enos-gateway-protocol/package.json libs/enos-gateway-protocol/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run package

# --- runtime: the package alone on a slim Node.js 24 ------------------------------------------------
FROM node:24.22.3-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
# Owned by root and read-only for the service's user: the process cannot change its own code.
COPY --from=build /workspace/dist/ota-service/ ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# The image's `node` user, by number so that Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The V8 flags of tools/scripts/service-node-flags.json: memory under load near 120 MiB.
CMD ["node", "--max-semi-space-size=8", "--max-old-space-size=192", "main.js"]
