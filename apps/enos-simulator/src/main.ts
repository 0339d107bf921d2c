#!/usr/bin/env node
// `npm run simulator`: the EnOS simulator as a process, configured by ENOS_SIM_* (see README.md).
import { runCli } from './cli';

void runCli({
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  exit: (code) => process.exit(code),
  onSignal: (signal, handler) => process.once(signal, handler),
});
