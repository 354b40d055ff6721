# The connector's CLI: `docker run IMAGE produce --once`, `docker run IMAGE consume`.
FROM node:24-bookworm-slim

ENV NODE_ENV=production
WORKDIR /app
RUN chown node:node /app
USER node

# Dependencies first, so that a change of the sources does not reinstall them.
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --include=dev --no-audit --no-fund

COPY --chown=node:node . .
RUN npm run build && npm prune --omit=dev && npm cache clean --force

ENTRYPOINT ["node", "--max-semi-space-size=8", "dist/cli/main.js"]
