// run() never settles: the runner must give up at --timeout and exit 3.
exports.run = () => new Promise(() => {});
