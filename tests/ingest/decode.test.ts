import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeTranscript } from '../../src/ingest/decode.js';

const TEXT = '2021年11月1日外交部发言人汪文斌主持例行记者会\n法新社记者：你对此有何评论？\n汪文斌：中方坚决反对。\n';
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeTranscript', () => {
  it('reads UTF-8', () => {
    expect(decodeTranscript(utf8(TEXT), 'a.txt')).toEqual({ text: TEXT, encoding: 'utf-8', warnings: [] });
  });

  it('keeps a UTF-8 BOM in the text, so offsets count it as in the stored file', () => {
    const d = decodeTranscript(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(TEXT)]), 'bom.txt');
    expect(d.text).toBe('\ufeff' + TEXT);
  });

  it('keeps CRLF and CR line ends as they are', () => {
    expect(decodeTranscript(utf8(TEXT.replace(/\n/gu, '\r\n')), 'crlf.txt').text).toBe(TEXT.replace(/\n/gu, '\r\n'));
    expect(decodeTranscript(utf8(TEXT.replace(/\n/gu, '\r')), 'cr.txt').text).toBe(TEXT.replace(/\n/gu, '\r'));
  });

  it('detects GBK / GB18030 and decodes it, with a warning', () => {
    const d = decodeTranscript(iconv.encode(TEXT, 'gbk'), 'gbk.txt');
    expect(d).toMatchObject({ text: TEXT, encoding: 'gb18030' });
    expect(d.warnings[0]).toMatch(/GB18030/u);
  });

  it('reads UTF-16 with a byte order mark', () => {
    expect(decodeTranscript(iconv.encode(TEXT, 'utf-16le', { addBOM: true }), 'u16.txt')).toMatchObject({ text: '\ufeff' + TEXT, encoding: 'utf-16le' });
  });

  it('refuses text that is neither UTF-8 nor Chinese in GB18030, naming the file (ENCODING_UNSUPPORTED)', () => {
    const latin1 = iconv.encode('Président de la République, déclaration à la presse, été 2024.', 'latin1');
    expect(() => decodeTranscript(latin1, 'fr.txt')).toThrow(expect.objectContaining({ code: 'ENCODING_UNSUPPORTED', message: expect.stringContaining('fr.txt') }));
  });

  it('refuses binary data (FILE_BINARY)', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(() => decodeTranscript(png, 'x.txt')).toThrow(expect.objectContaining({ code: 'FILE_BINARY' }));
  });

  it('refuses an empty or blank file (FILE_EMPTY)', () => {
    expect(() => decodeTranscript(new Uint8Array(0), 'e.txt')).toThrow(expect.objectContaining({ code: 'FILE_EMPTY' }));
    expect(() => decodeTranscript(utf8(' \n\u3000\r\n'), 'e.txt')).toThrow(expect.objectContaining({ code: 'FILE_EMPTY' }));
  });

  it('refuses a file over the size limit, naming the limit and the setting that raises it (FILE_TOO_LARGE)', () => {
    expect(() => decodeTranscript(new Uint8Array(3 * 1024 * 1024).fill(0x41), 'big.txt', { maxBytes: 2 * 1024 * 1024 })).toThrow(
      expect.objectContaining({ code: 'FILE_TOO_LARGE', message: expect.stringMatching(/2 MB.*HUAYU_MAX_FILE_MB/u) }),
    );
  });

  it('turns HTML saved from a page into text: tags stripped, entities decoded, one paragraph per line', () => {
    const html = '<!DOCTYPE html><html><head><title>t</title><style>p{}</style></head><body><h1>2021年11月1日外交部发言人汪文斌主持例行记者会</h1><p>法新社记者：&ldquo;一个中国&rdquo;原则&amp;立场？</p><p>汪文斌：<b>中方</b>坚决反对。<img src="x.png"></p><script>alert(1)</script></body></html>';
    const d = decodeTranscript(utf8(html), 'page.html');
    expect(d.text.split('\n').filter(Boolean)).toEqual(['2021年11月1日外交部发言人汪文斌主持例行记者会', '法新社记者：“一个中国”原则&立场？', '汪文斌：中方坚决反对。']);
    expect(d.warnings[0]).toMatch(/HTML/u);
  });
});
