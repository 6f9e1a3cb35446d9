import * as assert from 'node:assert/strict';
import { decodeText, encodeText } from '../../../src/inject/files';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const BOM = [0xef, 0xbb, 0xbf];

describe('inject/files', () => {
  it("decodes UTF-8 with or without a BOM, keeping the text's own line breaks", () => {
    assert.deepEqual(decodeText(bytes('a\nb')), { text: 'a\nb', bom: false, eol: '\n' });
    assert.deepEqual(decodeText(bytes(BOM, 'a\r\nb\n')), { text: 'a\r\nb\n', bom: true, eol: '\r\n' });
    assert.deepEqual(decodeText(bytes('')), { text: '', bom: false, eol: '\n' });
    assert.deepEqual(decodeText(bytes(BOM)), { text: '', bom: true, eol: '\n' });
    assert.equal(decodeText(bytes('région 🤖\n'))?.text, 'région 🤖\n');
  });

  it('round-trips every byte of an unchanged text: BOM, CRLF, mixed line breaks, a second BOM, no final newline', () => {
    for (const file of [bytes('plain'), bytes(BOM, 'x\r\ny\r\n'), bytes('a\r\nb\nc\rd'), bytes(BOM, BOM, 'doubled'), bytes('é€🤖\u2028'), bytes('')]) {
      const decoded = decodeText(file);
      assert.ok(decoded, file.toString('hex'));
      assert.deepEqual(Buffer.from(encodeText(decoded)), file);
    }
  });

  it('writes an edited text back with its BOM', () => {
    const decoded = decodeText(bytes(BOM, 'a = "YOUR_REGION"\r\n'))!;
    assert.deepEqual(Buffer.from(encodeText({ ...decoded, text: decoded.text.replace('YOUR_REGION', 'us-east-1') })), bytes(BOM, 'a = "us-east-1"\r\n'));
  });

  it('calls binary a file with a NUL byte in its first 8 KB, or one that is not UTF-8', () => {
    assert.equal(decodeText(bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0x00])), undefined);
    assert.equal(decodeText(bytes('x'.repeat(8191), [0])), undefined);
    assert.equal(decodeText(bytes('caf', [0xe9], '\n')), undefined, 'Latin-1 é');
    assert.equal(decodeText(bytes([0xff, 0xfe], 'a')), undefined, 'UTF-16 BOM');
    assert.equal(decodeText(bytes('x'.repeat(8192), [0]))?.text.length, 8193, 'a NUL after the first 8 KB does not make it binary');
  });
});
