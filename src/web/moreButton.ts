// The "more" button under a paged list (a topic's passages, the topics, a
// speaker's statements and answered questions).

import { h } from './dom.js';

/** "More" under a list: fetches the next page into it, says how many are left. */
export function moreButton(list: HTMLElement, total: number, loaded: number, unit: string, next: (offset: number) => Promise<HTMLElement[]>): HTMLElement | null {
  if (loaded >= total) return null;
  const label = () => `显示更多（还有 ${total - loaded} ${unit}）`;
  const button = h('button', { type: 'button', class: 'more' }, label());
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const items = await next(loaded);
      list.append(...items);
      loaded += items.length;
      if (loaded >= total || items.length === 0) button.remove();
      else button.textContent = label();
    } catch {
      button.textContent = '加载失败，点此重试';
    }
    button.disabled = false;
  });
  return button;
}
