#!/usr/bin/env node
// Runs VS Code's own server (from the npm package code-server, see setup-host.sh) with this
// extension loaded under development, in one of two ways:
//
//   --tests FILE   headless: Debian's Chromium opens the workbench, the extension host loads FILE
//                  (a module exporting run(): Promise<void>) and the process exits with the result.
//   --host-may-die with --tests: an extension host that dies is not a failure; the window is
//                  reopened, which runs the test entry in a new host (crash-recovery tests).
//   --screenshot F with --tests: saves a PNG of the workbench when the host prints
//                  `[screenshot]` (the README's picture is taken this way).
//   --serve        for people: prints a URL that opens VS Code in any browser, runs until Ctrl+C.
//
// Exit codes with --tests: 0 passed; 1 a test failed, run() rejected or the test module threw;
// 3 timeout; 4 the server or browser could not start; N the extension host died with code N
// (5 when it died by a signal). The last line is always `vscode: N passed, M failed`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { format, parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    tests: { type: 'string' },
    serve: { type: 'boolean', default: false },
    extension: { type: 'string', default: process.cwd() },
    server: { type: 'string', default: process.env.VSCODE_SERVER_DIR ?? '' },
    workspace: { type: 'string' },
    settings: { type: 'string', default: process.env.HOST_TEST_SETTINGS ?? '{}' },
    env: { type: 'string', multiple: true, default: [] },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    timeout: { type: 'string', default: process.env.HOST_TEST_TIMEOUT_MS ?? '600000' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    verbose: { type: 'boolean', default: !!process.env.HOST_TEST_VERBOSE },
    screenshot: { type: 'string' },
    'host-may-die': { type: 'boolean', default: false },
  },
});

const extensionPath = realpathSync(path.resolve(args.extension));
const serverDir = path.resolve(
  args.server ||
    path.join(extensionPath, '.vscode-test/code-server/node_modules/code-server/lib/vscode'),
);
const started = Date.now();
const say = (...parts) =>
  console.log(`[host +${((Date.now() - started) / 1000).toFixed(1)}s]`, ...parts);

// Lines an offline workbench always prints (no marketplace, no service worker); they hide real
// trouble when shown, so they are dropped unless --verbose.
const EXPECTED_NOISE = new RegExp(
  [
    'open-vsx\\.org',
    'ENOTFOUND',
    'marketplace',
    'Service Worker',
    'Creating a socket',
    'connection token',
    'ChatSessionStore',
    'additional builtin extensions',
    'Extension host agent',
  ].join('|'),
);

if (!existsSync(path.join(serverDir, 'out/server-main.js'))) {
  console.error(`[host] no VS Code server in ${serverDir}: run test/runner/setup-host.sh first`);
  process.exit(4);
}
if (!args.serve && !args.tests) {
  console.error('[host] say --tests FILE or --serve');
  process.exit(4);
}

const scratch = mkdtempSync(path.join(tmpdir(), 'vertopal-host-'));
const workspace = path.resolve(args.workspace ?? path.join(scratch, 'workspace'));
mkdirSync(workspace, { recursive: true });
const tally = { passed: 0, failed: 0 };
let server;
let browser;
let hostExit;
let ending = false;

async function end(code, why) {
  if (ending) return;
  ending = true;
  if (why) say(why);
  await browser?.close().catch(() => {});
  await stopServer();
  rmSync(scratch, { recursive: true, force: true });
  if (!args.serve) {
    // A failed run never reads as "0 failed", whatever mocha managed to print before it ended.
    const failed = code === 0 ? tally.failed : Math.max(1, tally.failed);
    console.log(`vscode: ${tally.passed} passed, ${failed} failed`);
  }
  say(`exit code ${code}`);
  process.exit(code);
}

async function stopServer() {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  try {
    process.kill(-server.pid, 'SIGTERM'); // the whole group: the extension host is a grandchild
  } catch {
    return;
  }
  const killer = setTimeout(() => {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, 3000);
  await exited;
  clearTimeout(killer);
}

function writeUserSettings() {
  const dir = path.join(scratch, 'user-data/User');
  mkdirSync(dir, { recursive: true });
  const quiet = {
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
  };
  const settings = { ...quiet, ...JSON.parse(args.settings) };
  writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

function startServer() {
  writeUserSettings();
  mkdirSync(path.join(scratch, 'tmp'));
  const extraEnv = Object.fromEntries(args.env.map((pair) => pair.split(/=(.*)/s).slice(0, 2)));
  server = spawn(
    process.execPath,
    [
      path.join(serverDir, 'out/server-main.js'),
      ...['--host', args.host, '--port', args.port],
      '--without-connection-token',
      '--accept-server-license-terms',
      ...['--telemetry-level', 'off'],
      '--disable-workspace-trust',
      ...['--server-data-dir', path.join(scratch, 'server-data')],
      ...['--user-data-dir', path.join(scratch, 'user-data')],
      ...['--extensions-dir', path.join(scratch, 'extensions')],
    ],
    {
      detached: true, // own process group, so end() can stop every child it starts
      stdio: ['ignore', 'pipe', 'pipe'],
      // Built-in extensions leave sockets in TMPDIR; keep them inside the scratch folder.
      env: { ...process.env, ...extraEnv, TMPDIR: path.join(scratch, 'tmp') },
    },
  );
  server.on('exit', (code, signal) => {
    if (!ending) end(4, `the VS Code server exited early (${code ?? signal})`);
  });
  return new Promise((resolve) => {
    let seen = '';
    const onOutput = (chunk) => {
      const text = chunk.toString();
      seen += text;
      for (const line of text.split('\n').filter((l) => l.trim())) {
        const worthShowing = /Extension Host Process exited|error|fail/i.test(line);
        if (args.verbose || (worthShowing && !EXPECTED_NOISE.test(line))) {
          console.log(`[server] ${line}`);
        }
      }
      watchForHostExit(text);
      const port = seen.match(/Extension host agent listening on (\d+)/);
      if (port) resolve(Number(port[1]));
    };
    server.stdout.on('data', onOutput);
    server.stderr.on('data', onOutput);
  });
}

// The workbench may report success even when the extension host crashed (process.exit in a test,
// a native fault), so the server's own line about the host's exit is the final word.
function watchForHostExit(text) {
  const match = text.match(/Extension Host Process exited with code: (\w+), signal: (\w+)/);
  if (!match) return;
  const code = match[1] === 'null' ? null : Number(match[1]);
  if (args['host-may-die'] && code !== 0) {
    // As a person would after a crash: reopen the window, which starts a new extension host
    // that runs the test entry again.
    say(`the extension host died (${match[0]}); reopening the window`);
    page?.reload().catch((error) => end(4, `could not reopen the window: ${error.message}`));
    return;
  }
  hostExit = { code, signal: match[2] === 'null' ? null : match[2] };
  if (code !== 0 && !args.serve && !args['host-may-die']) {
    setTimeout(() => end(code || 5, `the extension host died: ${match[0]}`), 10_000).unref();
  }
}

function workbenchUrl(port, testsFile) {
  const authority = `${args.host === '0.0.0.0' ? '127.0.0.1' : args.host}:${port}`;
  const remote = (file) =>
    `vscode-remote://${authority}${file.split(path.sep).map(encodeURIComponent).join('/')}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['skipWelcome', 'true'],
  ];
  if (testsFile) payload.push(['extensionTestsPath', remote(testsFile)]);
  const query = new URLSearchParams({ folder: workspace, payload: JSON.stringify(payload) });
  return `http://${authority}/?${query}`;
}

let page;

function relayHostLog(type, parts) {
  const text = format(...(Array.isArray(parts) ? parts : [parts]));
  if (args.screenshot && text.trim() === '[screenshot]') {
    page.screenshot({ path: args.screenshot }).then(() => say(`saved ${args.screenshot}`));
    return;
  }
  const passing = text.match(/^\s*(\d+) passing\b/);
  const failing = text.match(/^\s*(\d+) failing\b/);
  if (passing) tally.passed += Number(passing[1]);
  if (failing) tally.failed += Number(failing[1]);
  if (!args.verbose && EXPECTED_NOISE.test(text)) return;
  (type === 'error' ? console.error : console.log)(text);
}

async function runTests(port) {
  const testsFile = path.resolve(args.tests);
  const require = createRequire(path.join(extensionPath, 'package.json'));
  const { chromium } = require('playwright-core');
  try {
    browser = await chromium.launch({
      executablePath: args.chromium,
      headless: true,
      // Without the background-networking flags Chromium keeps dialling Google on a closed network.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  } catch (error) {
    return end(4, `Chromium did not start: ${error.message}`);
  }
  const viewport = { width: 1280, height: 760 };
  page = await (await browser.newContext({ viewport })).newPage();
  if (args.verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
  await page.exposeFunction('codeAutomationLog', relayHostLog);
  await page.exposeFunction('codeAutomationExit', async (code) => {
    // Give the server a moment to log the extension host's own exit, which may overrule `code`.
    for (let i = 0; i < 20 && !hostExit; i++) await new Promise((r) => setTimeout(r, 100));
    let result = Number(code) || 0;
    if (result === 0 && hostExit && hostExit.code !== 0) result = hostExit.code || 5;
    await end(result, `tests finished (workbench ${code}, host ${JSON.stringify(hostExit)})`);
  });
  await page.goto(workbenchUrl(port, testsFile)).catch((e) => end(4, `no workbench: ${e.message}`));
}

process.on('SIGINT', () => end(args.serve ? 0 : 130, 'interrupted'));
process.on('SIGTERM', () => end(args.serve ? 0 : 143, 'terminated'));

const version = JSON.parse(readFileSync(path.join(serverDir, 'product.json'), 'utf8')).version;
const port = await startServer();
say(`VS Code ${version} server on ${args.host}:${port}`);
if (args.serve) {
  say(`workspace: ${workspace}`);
  console.log(`\n  Open VS Code with the extension loaded:\n\n  ${workbenchUrl(port)}\n`);
  console.log('  Press Ctrl+C to stop.\n');
} else {
  setTimeout(() => end(3, `timed out after ${args.timeout} ms`), Number(args.timeout)).unref();
  await runTests(port);
}
