// The query segmenter behind handles: a server that reloads its store gives
// the new engine a handle on the segmenter it has, and the dictionaries (on
// their own thread) close with the last handle.

import { describe, expect, it } from 'vitest';
import { AnalysisThread } from '../../src/analysis/analysisThread.js';
import { workerSegmenter } from '../../src/analysis/segmenter.js';

describe('a shared query segmenter', () => {
  it('keeps segmenting for the handles left open, closes its thread with the last one, and gives none after', async () => {
    const first = workerSegmenter(['刘力江']);
    const second = first.share();
    await first.close();
    // Closed twice: still one handle less, not two.
    await first.close();
    expect(await second.cut(['刘力江介绍营商环境'])).toEqual([['刘力江', '介绍', '营商', '环境']]);
    const third = second.share();
    await second.close();
    await third.teach(['郝文年']);
    expect(await third.cut(['郝文年说'])).toEqual([['郝文年', '说']]);
    await third.close();
    await expect(third.cut(['营商环境'])).rejects.toThrow(/closed/);
    // A reload that comes after the server closed it gets no handle, rather than one on a closed thread.
    expect(() => third.share()).toThrow(/last handle was closed/);
  }, 30_000);

  it('closes a thread whose dictionaries are still loading without an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      // A build with more threads than work closes the spare ones before they answer their first message.
      const thread = new AnalysisThread([]);
      await thread.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
      await expect(thread.ready).rejects.toThrow(/analysis worker closed/);
    } finally {
      process.off('unhandledRejection', record);
    }
  }, 30_000);

  it('cuts a text asked again as before, and anew once a word is taught', async () => {
    const segmenter = workerSegmenter([]);
    try {
      const texts = ['文旅康养产业园区建设', '夜市摊位二千余个'];
      const first = await segmenter.cut(texts);
      expect(first).toEqual([['文旅康养', '产业园', '区', '建设'], ['夜市', '摊位', '二千余', '个']]);
      // Remembered, and handed out as copies: changing one answer does not change the next.
      first[0]!.push('changed');
      expect(await segmenter.cut([texts[1]!, texts[0]!, texts[1]!])).toEqual([first[1], ['文旅康养', '产业园', '区', '建设'], first[1]]);
      await segmenter.teach(['康养产业园', '摊位二千']);
      expect(await segmenter.cut(texts)).toEqual([['文旅', '康养产业园', '区', '建设'], ['夜市', '摊位二千', '余个']]);
    } finally {
      await segmenter.close();
    }
  }, 30_000);
});
