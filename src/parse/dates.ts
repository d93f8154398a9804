export function isoDate(year: number, month: number, day: number): string | null {
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && year >= 1900 && year <= 2999)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The year of an event whose lead gives only month and day (`1月15日`), from
 * the years the text itself mentions. A briefing early in the year reviews the
 * year before and plans the next (…2023年底… 2024年，我市将…): when the most
 * mentioned year's successor is mentioned too and the month is in the first
 * quarter, the event is in that successor year.
 */
export function inferYear(text: string, month: number): number | null {
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/(?<!\d)((?:19|20)\d{2})(?=年)/gu)) {
    const y = Number(m[1]);
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  let best = 0;
  let bestCount = 0;
  for (const [y, c] of counts) {
    if (c > bestCount || (c === bestCount && y > best)) {
      best = y;
      bestCount = c;
    }
  }
  return month <= 3 && counts.has(best + 1) ? best + 1 : best;
}

const PROVINCES = [
  '北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽', '福建', '江西',
  '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州', '云南', '西藏', '陕西', '甘肃',
  '青海', '宁夏', '新疆',
];

/** The province a city-level text is set in: the one it names most often as 〈省名〉省 or 〈省名〉 alone. */
export function inferProvince(text: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const p of PROVINCES) {
    const c = text.split(p).length - 1;
    if (c > bestCount) {
      best = p;
      bestCount = c;
    }
  }
  return best;
}
