// Character bigrams of compact normalized text: the path for phrases and
// quotes. Word tokens miss most substrings (a substring segments differently
// alone than in its sentence); bigrams of the same characters do not.

export function bigrams(compactText: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 2 <= compactText.length; i++) out.add(compactText.slice(i, i + 2));
  return [...out];
}
