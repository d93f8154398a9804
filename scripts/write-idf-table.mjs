// Part of `npm run build`, after tsc: writes jieba's IDF table as the arrays
// every huayu process opens as they are (dist/jieba-idf.bin, ~10 ms), where
// reading jieba's idf.utf8 took each 0.25 s (src/analysis/idfTable.ts).

import { IDF_TABLE_FILE, writeIdfTable } from '../dist/src/analysis/segment.js';

if (writeIdfTable()) console.log(`build: wrote ${IDF_TABLE_FILE}`);
