// `npm run build:web`: builds web/ into web/dist unless it is up to date (`npm start` does the same).
import { ensureWebBuilt } from '../src/web.js';

const { built, ms } = await ensureWebBuilt();
console.log(built ? `built the web app in ${ms} ms` : 'the web app is up to date');
