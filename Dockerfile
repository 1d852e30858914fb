FROM node:20-bookworm-slim
WORKDIR /app
# ffmpeg (libass with HarfBuzz) and espeak-ng render; Noto covers the scripts narration is written in
# (Devanagari, Bengali, Tamil, Telugu, Arabic, Hebrew, CJK, …), Symbola symbols; fontconfig's fc-list
# checks coverage at start-up. Emoji come from the npm package @expo-google-fonts/noto-emoji.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg espeak-ng fontconfig fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-symbola \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY . .
# The web app, built into the image (npm start would build it at the first start otherwise).
RUN npm run build:web
EXPOSE 4000
CMD ["npx", "tsx", "src/main.ts"]
