// Topics of a passage: the enumerated heading it opens (一是牵紧重大项目牛鼻子。
// → 牵紧重大项目牛鼻子), its TF-IDF keywords, and for an answer the keywords
// of the question that prompted it.

import type { PassageAnalysis } from '../analysis/analyzePassage.js';
import type { TranscriptDocument } from '../parse/types.js';

export function assignTopics(doc: TranscriptDocument, analyses: PassageAnalysis[]): string[][] {
  return doc.passages.map((p, i) => {
    if (p.kind === 'heading' || p.kind === 'note') return [];
    const topics: string[] = [];
    if (p.heading) topics.push(p.heading);
    topics.push(...(analyses[i]?.keywords ?? []));
    if (p.kind === 'answer' && p.exchange !== null) {
      const q = doc.exchanges[p.exchange]!.question;
      topics.push(...(analyses[q - 1]?.keywords ?? []));
    }
    return [...new Set(topics)];
  });
}
