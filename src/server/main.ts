import { EXIT, runCli } from './cli.js';

const code = await runCli(process.argv.slice(2));
if (code !== EXIT.ok) process.exit(code);
