import * as assert from 'node:assert/strict';
import { freeName } from '../../../src/provisioning/names';

describe('provisioning/names: freeName', () => {
  it('offers the name itself while it is free, then the first numbered one not taken', () => {
    assert.equal(freeName('WebChatPool', new Set()), 'WebChatPool');
    assert.equal(freeName('WebChatPool', new Set(['OtherPool'])), 'WebChatPool');
    assert.equal(freeName('WebChatPool', new Set(['WebChatPool'])), 'WebChatPool2');
    assert.equal(freeName('WebChatPool', new Set(['WebChatPool', 'WebChatPool2', 'WebChatPool4'])), 'WebChatPool3');
  });
});
