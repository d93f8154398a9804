import pg from 'pg';
const c = new pg.Client({ connectionString: process.argv[2] }); await c.connect();
const time = async (label, f) => { const ts = []; for (let i = 0; i < 7; i++) { const t0 = performance.now(); await f(); ts.push(performance.now() - t0); } ts.sort((a,b)=>a-b); console.log(label, ts[3].toFixed(1)); };
for (const terms of [['的'], ['中国'], ['发展', '合作']]) {
  console.log(terms.join(' '));
  await time('arrays', async () => {
    const { rows } = await c.query(`SELECT array_agg(array_position($1::text[], term)) AS js, array_agg(doc_key) AS keys, array_agg(n) AS ns, array_agg(slot) AS slots FROM huayu_postings WHERE term = ANY($1::text[])`, [terms]);
    return rows[0].keys.length;
  });
  await time('bytea', async () => {
    const { rows } = await c.query(`SELECT string_agg(int4send(doc_key) || int2send(n::smallint) || int2send((slot * 64 + array_position($1::text[], term))::smallint), ''::bytea) AS b FROM huayu_postings WHERE term = ANY($1::text[])`, [terms]);
    const b = rows[0].b; let s = 0; for (let i = 0; i < b.length; i += 8) s += b.readInt32BE(i) + b.readInt16BE(i + 4) + b.readInt16BE(i + 6); return s;
  });
  await time('count only', async () => (await c.query(`SELECT count(*) FROM huayu_postings WHERE term = ANY($1::text[])`, [terms])).rows);
}
await c.end();
