// The enumerated headings officials structure their answers with:
//   一是牵紧重大项目牛鼻子。…        → 牵紧重大项目牛鼻子
//   领导带头招商方面，…              → 领导带头招商
//   第一，坚持…。 / （一）…。        → the clause up to the first full stop
// Only a heading that opens the paragraph counts; enumerations inside a
// paragraph (…一是企业办事更省时。二是…) are part of its text.

const NUMERAL = '[一二三四五六七八九十]+';
const PATTERNS: RegExp[] = [
  new RegExp(`^${NUMERAL}是([^。！？；;]{2,40}?)[。！？；;]`, 'u'),
  /^([^，,。；;：:]{2,20}?)方面[，,]/u,
  new RegExp(`^[（(]${NUMERAL}[）)]([^。！？；;]{2,40}?)[。！？；;]`, 'u'),
  new RegExp(`^第${NUMERAL}[，,、]([^。！？；;，,]{2,30}?)[。！？；;]`, 'u'),
];

export function enumeratedHeading(body: string): string | null {
  for (const re of PATTERNS) {
    const m = re.exec(body);
    if (m) return m[1]!.trim();
  }
  return null;
}
