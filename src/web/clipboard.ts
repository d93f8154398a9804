// Copy buttons. The async Clipboard API needs a secure context (https or
// localhost); on a plain-http LAN address the old execCommand path still works.

import { h } from './dom.js';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { class: 'visually-hidden', readonly: true });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

export function copyButton(label: string, text: () => string): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'copy-button' }, label);
  button.addEventListener('click', async () => {
    const ok = await copyText(text());
    button.textContent = ok ? '已复制 ✓' : '复制失败';
    button.classList.toggle('copied', ok);
    const announcer = document.getElementById('announcer');
    if (announcer) announcer.textContent = ok ? `${label}：已复制` : '复制失败';
    setTimeout(() => {
      button.textContent = label;
      button.classList.remove('copied');
    }, 1800);
  });
  return button;
}
