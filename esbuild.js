// Bundles the extension into dist/extension.js: one file, so the .vsix ships no node_modules.
//   node esbuild.js               development build with source maps
//   node esbuild.js --production  minified, no source maps (what `npm run package` ships)
//   node esbuild.js --watch       rebuilds on change
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints one line per build so `--watch` output shows when a rebuild finished or failed. */
const reportPlugin = {
  name: 'report',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        const where = location ? `${location.file}:${location.line}:${location.column}` : '';
        console.error(`✘ ${where} ${text}`);
      }
      console.log(`[esbuild] ${result.errors.length ? 'build failed' : 'build finished'}`);
    });
  },
};

async function main() {
  const context = await esbuild.context({
    entryPoints: ['src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: 'dist/extension.js',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [reportPlugin],
  });
  if (watch) {
    await context.watch();
    return;
  }
  await context.rebuild();
  await context.dispose();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
