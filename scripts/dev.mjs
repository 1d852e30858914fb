// `npm run dev`: the API (restarted on change) and Vite's dev server for the web app (hot reload),
// which proxies /graphql, /files and /auth to the API. Ctrl-C stops both.
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', 'src/main.ts'], { stdio: 'inherit', env: { ...process.env, DEMO_RENDER: process.env.DEMO_RENDER ?? 'false' } }),
  spawn('npx', ['vite', 'web', '--port', process.env.WEB_PORT ?? '5173'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode ??= code ?? 0;
  });
