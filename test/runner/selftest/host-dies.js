// The extension host process exits mid-run: the runner must exit with that code (7).
exports.run = () => {
  setTimeout(() => process.exit(7), 100);
  return new Promise(() => {});
};
