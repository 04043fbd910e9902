# syntax=docker/dockerfile:1
# The production image: the compiled API, worker and admin (`npm run build`) on Node 24 LTS with production
# dependencies only, run as an unprivileged user. One image, three commands (see docker-compose.yml):
#   node dist/server/apps/api/src/main.js      the API, which also serves the admin and public site
#   node dist/server/apps/worker/src/main.js   the worker
#   node dist/server/tools/db.js migrate       migrations (a one-shot service); `setup` also seeds reference data

ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# Build stage: everything, including devDependencies and the compilers for argon2's native module.
FROM ${NODE_IMAGE} AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /src
ENV NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Production dependencies only, compiled for the runtime's Node.
FROM build AS prod-deps
WORKDIR /deps
RUN cp /src/package.json /src/package-lock.json . && npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    ADMIN_DIST_DIR=/app/dist/apps/admin \
    STORAGE_DIR=/data/storage \
    SECRETS_FILE=/data/secrets/.secrets.env \
    PORT=3000
WORKDIR /app
COPY --from=prod-deps --chown=root:root /deps/node_modules ./node_modules
COPY --from=build --chown=root:root /src/package.json ./package.json
COPY --from=build --chown=root:root /src/dist ./dist
RUN mkdir -p /data/storage /data/secrets && chown -R node:node /data
USER node
EXPOSE 3000 3001
# Node is PID 1 only through the init the orchestrator provides (compose: init: true); both apps drain on SIGTERM.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/server/apps/api/src/main.js"]
