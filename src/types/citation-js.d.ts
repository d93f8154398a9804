// citation-js ships no type declarations: the parts huayu uses.

declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    data: Array<Record<string, unknown>>;
    format(format: string, options?: Record<string, unknown>): string;
  }
  export const plugins: {
    config: { get(plugin: string): { format: Record<string, unknown> } };
    output: { format(name: string, data: unknown, options?: Record<string, unknown>): unknown };
    dict: { get(name: string): unknown };
  };
}

declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';

declare module '@citation-js/plugin-bibtex/lib/output/bibtex.js' {
  /** The plugin's own writer of mapped entries (not re-exported by the plugin's index). */
  export function format(entries: unknown[], dict: unknown): string;
}
