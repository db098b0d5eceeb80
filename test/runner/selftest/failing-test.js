// A suite with one passing and one failing test: the runner must exit 1.
const assert = require('node:assert/strict');
const Mocha = require('mocha');

exports.run = () => {
  const mocha = new Mocha({ ui: 'bdd', color: false });
  mocha.suite.addTest(new Mocha.Test('passes', () => assert.equal(1, 1)));
  mocha.suite.addTest(new Mocha.Test('fails on purpose', () => assert.equal(1, 2)));
  return new Promise((resolve, reject) =>
    mocha.run((failures) => (failures ? reject(new Error(`${failures} failed`)) : resolve())),
  );
};
