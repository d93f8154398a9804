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
});
