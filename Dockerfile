# One image for the API, the worker and the admin (the command picks which).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund
COPY . .
ENV NX_DAEMON=false NX_NO_CLOUD=true
EXPOSE 3000 4200
CMD ["npm", "run", "api"]
