# Build stage: compile TypeScript and the native sqlite driver, then drop dev dependencies.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# --ignore-scripts skips the root postinstall (the example app is not part of the image); the sqlite driver is built explicitly.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY plugins plugins
COPY routes routes
RUN npm run build && npm prune --omit=dev

# Runtime stage: only what runs, as the unprivileged `node` user.
FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=5000 SQLITE_PATH=/data/therapybot.db
# V8 sizes its heap from the memory it sees, not the container's limit: capped, it collects garbage
# before the limit instead of being OOM-killed. The same cap as `npm start` and the Deployment.
ENV NODE_OPTIONS=--max-old-space-size=512
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 5000
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node directly (not npm start) so that SIGTERM reaches the server and it drains gracefully.
CMD ["node", "dist/src/server.js"]
