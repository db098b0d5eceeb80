import assert from 'node:assert/strict';
import { isConnector, parseConnector, shortConnector } from '../../../src/tasks/connectorInput';

const ID = '3f2b9c1e-8a7d-4e6f-9b0a-1c2d3e4f5a6b';
const OTHER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('parseConnector', () => {
  const connector = (text: string) => {
    const parsed = parseConnector(text);
    return parsed.ok ? parsed.connector : `problem: ${parsed.problem}`;
  };

  it('accepts a bare connector, trimmed', () => {
    assert.equal(connector(`  ${ID}\n`), ID);
  });

  it('finds the one connector in a CLI line', () => {
    assert.equal(connector(`Convert task ${ID} is running (3 s)`), ID);
  });

  it('takes entity.id from a pasted reply that names several ids', () => {
    const reply = JSON.stringify({ entity: { id: ID }, result: { output: { connector: OTHER } } });
    assert.equal(connector(reply), ID);
  });

  it('counts the same id twice as one', () => {
    assert.equal(connector(`${ID} ${ID.toUpperCase()}`), ID);
  });

  it('refuses text with two different connectors and no JSON to choose by', () => {
    assert.match(connector(`${ID} then ${OTHER}`), /Found 2 different connectors/);
  });

  it('explains empty input, input without an id, and oversized input', () => {
    assert.match(connector('   '), /Enter a connector/);
    assert.match(connector('not an id'), /No connector found/);
    assert.match(connector('x'.repeat(200_000)), /too long/);
  });

  it('ignores control characters around an id', () => {
    assert.equal(connector(`\u001b[32m${ID}\u001b[0m`), ID);
  });
});

describe('isConnector / shortConnector', () => {
  it('accepts exactly one id and nothing more', () => {
    assert.equal(isConnector(ID), true);
    assert.equal(isConnector(` ${ID}`), false);
    assert.equal(isConnector(`${ID}x`), false);
  });

  it('shortens to the first block', () => {
    assert.equal(shortConnector(ID), '3f2b9c1e…');
    assert.equal(shortConnector('short'), 'short');
  });
});
