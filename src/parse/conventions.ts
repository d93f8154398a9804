// The conventions of Chinese press-conference and interview transcripts, as
// data. The turn parser (turns.ts) is one engine that applies these tables to
// any layout; a new layout should need a row here, not a new function.
// Words are written in Simplified script: labels and names are compared
// through their Simplified form (script.ts), so Traditional text matches too.

/** Han characters, for RegExp sources with the u flag: the BMP's and the supplementary planes' (𠮷). */
export const HAN = '\\u3400-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}';

/** Titles of officials, longest first so 常务副市长 wins over 副市长 and 市长. */
export const TITLES: readonly string[] = [
  '常务副市长', '常务副省长', '常务副县长', '常务副区长', '新闻发言人', '党组书记', '主任委员', '主任秘书', '副发言人',
  '副市长', '副省长', '副县长', '副区长', '副主任', '副局长', '副厅长', '副部长', '副司长', '副处长', '副署长', '副次长',
  '副书记', '副主席', '副院长', '副校长', '副行长', '副台长', '副主委', '副秘书长', '秘书长', '发言人', '董事长', '总经理',
  '总编辑', '检察长', '负责人', '副州长', '副盟长', '副乡长', '副镇长', '执行长', '政务委员',
  '市长', '省长', '县长', '区长', '州长', '盟长', '乡长', '镇长', '主任', '局长', '厅长', '部长', '司长', '处长', '科长',
  '书记', '常委', '主席', '院长', '校长', '行长', '台长', '社长', '主编', '关长', '庭长', '队长', '总裁', '署长', '次长',
  '政委', '主委', '委员', '秘书', '提案人', '组长', '会长', '理事长', '馆长', '所长', '站长', '主任医师',
  '总工程师', '工程师', '总经济师', '总会计师', '首席经济学家', '首席科学家', '研究员', '院士', '教授',
].slice().sort((a, b) => b.length - a.length);

/**
 * Titles written before the name of a foreign or state official (外长佩恩, 首相岸田文雄, 国务卿布林肯):
 * they say who the person is, and are not part of a subject the person is.
 */
export const STATE_TITLES: readonly string[] = [
  '外长', '外交部长', '外相', '首相', '总理', '总统', '副总统', '国务卿', '主席', '副主席', '国王', '女王', '王储', '亲王',
  '大使', '特使', '部长', '国防部长', '防长', '议长', '秘书长', '发言人', '总书记', '国务委员', '副总理', '总督', '领导人',
];

/** Ranks and forms of address written after a name (张晓刚大校, 吴先生): not part of the name or the title. */
export const NAME_SUFFIXES: readonly string[] = ['大校', '上校', '中校', '少校', '少将', '中将', '上将', '先生', '女士', '同志', '博士', '教授'];

/** Verbs that follow a speaker in narration: 刘力江介绍, 廖岷说. */
export const SPEECH_VERBS: readonly string[] = [
  '介绍', '表示', '指出', '强调', '说', '称', '通报', '认为', '透露', '坦言', '回应', '解释', '谈到', '补充', '告诉记者', '宣布',
];

/**
 * A label ending in one of these is a sentence that quotes someone
 * (习近平总书记指出：, 中央经济工作会议提出：, 中国有句古话：), not a speaker.
 */
export const QUOTING_ENDINGS: readonly string[] = [
  ...SPEECH_VERBS, '提出', '写道', '规定', '明确', '要求', '古话', '俗话', '所说', '说过', '讲', '如下', '包括', '是', '为', '有',
];

/**
 * Who asks. A label equal to one of these is an anonymous asker; 追问 marks a
 * follow-up by the reporter who asked before. Names (as written) are the ones
 * the speaker gets; 问 → 记者, 問 → 記者 keeps the document's script.
 */
export const ASKER_LABELS: ReadonlyMap<string, { name: string; title: string; followUp?: boolean }> = new Map([
  ['问', { name: '记者', title: '记者' }],
  ['問', { name: '記者', title: '記者' }],
  ['记者', { name: '记者', title: '记者' }],
  ['記者', { name: '記者', title: '記者' }],
  ['有记者问', { name: '记者', title: '记者' }],
  ['有記者問', { name: '記者', title: '記者' }],
  ['追问', { name: '记者', title: '记者', followUp: true }],
  ['追問', { name: '記者', title: '記者', followUp: true }],
  ['记者追问', { name: '记者', title: '记者', followUp: true }],
  ['記者追問', { name: '記者', title: '記者', followUp: true }],
]);

/** English role labels of bilingual transcripts, compared in lower case. */
export const ENGLISH_ROLES: ReadonlyMap<string, 'asker' | 'answer' | 'host'> = new Map([
  ['q', 'asker'],
  ['question', 'asker'],
  ['reporter', 'asker'],
  ['journalist', 'asker'],
  ['interviewer', 'asker'],
  ['a', 'answer'],
  ['answer', 'answer'],
  ['host', 'host'],
  ['moderator', 'host'],
  ['mc', 'host'],
]);

/** 会后有记者问及：, 有记者问： — an asker described in a sentence. */
export const ASKED_LABEL = /(?:问及|有记者问|记者问)$/u;

/** The answer marker: 答 is whoever the title or lead names as answering. */
export const ANSWER_LABELS: readonly string[] = ['答', '答复'];

/** Hosts: the label alone, or followed by a name (主持人 寿小丽). */
export const HOST_WORDS: readonly string[] = ['主持人', '司仪', '主持'];

/** Header keys: a line `key：value` with one of these is metadata, never speech. */
export const HEADER_KEYS: readonly string[] = [
  '时间', '地点', '来源', '类型', '分类', '版式设计', '责任编辑', '编辑', '摄影', '摄像', '日期', '主办', '承办', '作者',
  '文', '图', '图片', '题', '标题', '原标题', '发布时间', '发布单位', '字号', '浏览次数', '供稿', '校对', '审核', '监制',
  '制作', '出品', '策划', '统筹', '本期编辑',
];

/** Editors' notes inside the text (注：…, 相关链接：…): kept as notes, never a speaker nor a turn's words. */
export const NOTE_KEYS = /^(?:注|备注|附|附件|链接|相关链接|延伸阅读|提示|资料来源|数据来源)\s*[：:]/u;

/**
 * A crawler's or CMS's header block in Latin script (TITLE:⏎…⏎PUBLISHED:⏎2026-10-10⏎…⏎ARTICLE TEXT:),
 * compared in lower case: the value follows the key or stands on the next line; a body key ends the block.
 */
export const LATIN_HEADER_KEYS: ReadonlySet<string> = new Set([
  'title', 'headline', 'subtitle', 'published', 'date', 'updated', 'source', 'category', 'categories', 'tags', 'url',
  'link', 'author', 'authors', 'byline', 'language', 'id',
]);
export const LATIN_BODY_KEYS: ReadonlySet<string> = new Set(['article text', 'article', 'text', 'content', 'body']);

/** Header keys that name participants: their value feeds the roster (发布人：国防部新闻发言人张晓刚大校). */
export const ROSTER_HEADER_KEYS: ReadonlyMap<string, 'official' | 'host'> = new Map([
  ['发布人', 'official'],
  ['发言人', 'official'],
  ['出席', 'official'],
  ['出席人', 'official'],
  ['出席嘉宾', 'official'],
  ['嘉宾', 'official'],
  ['主讲人', 'official'],
  ['受访者', 'official'],
  ['主持人', 'host'],
  ['主持', 'host'],
]);

/** An outlet written without 记者 (中新社：, 鏡傳媒：, 中視新聞：). Compared in Simplified. */
export const OUTLET_SUFFIX =
  /(?:社|台|网|报|卫视|电视|广播|新闻|通讯|月刊|杂志|周刊|频道|传媒|媒体|日报|时报|晚报|视|》|融媒体中心|新闻中心)$/u;

/**
 * Lines that are not speech and never break the turn around them. Photo
 * captions end with the photographer (…答记者问。武炎洲 摄); stage directions
 * stand in brackets; `>` lines are stage and link lines of markdown transcripts.
 */
export const CAPTIONS: readonly RegExp[] = [
  // …答记者问。武炎洲 摄 / …（新华社记者 李鑫 摄）: the photographer after a full stop or a space, not 禁止拍摄.
  /(?:^|[。.！!？?\s（(])[\u3400-\u9fff]{2,4}(?:[\s、][\u3400-\u9fff]{2,4})*\s*[摄攝](?:影)?[)）]?$/u,
  /^[（(]?(?:图|圖)[为為：:]/u,
  /^[（(][^（）()]{0,30}(?:记者|記者)\s*[\u3400-\u9fff]{2,4}\s*[摄攝][)）]$/u,
];

export const STAGE_LINES: readonly RegExp[] = [
  NOTE_KEYS,
  /^[（(][^（）()]{1,40}[）)]$/u,
  /^>/u,
  // Web page leftovers made of bracketed items only: 【纠错】 【责任编辑:王頔】
  /^(?:【[^】]{1,24}】\s*)+$/u,
];

/** The first line of a news report: source, reporter, date (大西北网讯(记者 王志俭) 1月15日…). */
export const NEWS_LEAD = /^(.+?)讯\s*[(（]\s*记者\s*([^)）]+?)\s*[)）]\s*(?:(\d{1,2})月(\d{1,2})日)?/u;

/** A wire dateline: 新华社北京8月20日电, 本报北京1月15日电 (记者 …). */
export const DATELINE = /^(.{1,12}?)(?:[\u4e00-\u9fff]{2,8})?(\d{1,2})月(\d{1,2})日电/u;

/** A narrative opening: dated, or telling that a briefing took place. */
export const NARRATIVE_OPENING = /^(?:\d{1,2}月\d{1,2}日|近日|日前|今天|今日|昨天|昨日|记者.{0,6}(?:日|从))/u;
export const TELLS_OF_BRIEFING = /举行|召开|回答了?记者|答记者问|记者提问|接受.{0,12}采访|发布消息|发布会上|记者会上|就.{1,40}(?:发布|介绍|答问)/u;

/** A byline as a field, at the start or the end: 记者：方亚东、侯文坤 (names only, no sentence). */
export const BYLINE_FIELD = /^(?:记者|文|撰稿)\s*[：:]\s*([\u3400-\u9fff]{2,4}(?:[\s、，,]+[\u3400-\u9fff]{2,4}){0,5})$/u;

/** A byline alone on its line: 新华社记者, 新华社记者 张三 李四, 本报记者 王某. */
export const BYLINE = /^(.{2,14}?)记者(?:\s+([\u3400-\u9fff]{2,4}(?:[\s、][\u3400-\u9fff]{2,4})*))?$/u;

/** A newspaper's imprint: 《 人民日报 》（ 2026年07月14日 02 版）. */
export const IMPRINT = /^《\s*([^》]{2,20}?)\s*》\s*[（(]\s*\d{4}年\d{1,2}月\d{1,2}日\s*[\dA-Za-z]*\s*版\s*[）)]$/u;

/** (责任编辑:郑文) */
export const EDITOR = /^(?:【[^】]{1,24}】\s*)*[(（【]\s*责任编辑\s*[:：]\s*([^)）】]+?)\s*[)）】]$/u;

/** 张掖市融媒体中心记者现场提问: announces the outlet of the next 记者： question. */
export const ASKER_ANNOUNCEMENT = /^(.+?)记者(?:现场)?提问$/u;

/** A page timestamp under the title: 2021-11-01 19:57, or a date alone. */
export const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/u;

/** A markdown heading of level 1 or 2 on the first line (`# 2016-11-16 …記者茶敘`): the title of a transcript kept as markdown. */
export const MARKDOWN_TITLE = /^#{1,2}\s+(\S.*)$/u;

/** A subtitle: ——访商务部党组书记、部长王文涛 / ——国家发展改革委、商务部有关负责人就…答记者问. */
export const SUBTITLE = /^(?:——|--|－－|—)\s*(.+)$/u;

/** Who presides (the title's 发言人汪文斌主持…) and who answers (…就…答记者问, ——访…). */
export const PRESIDES = /主持/u;
export const ANSWERS = /(?:就.{0,80}?)?(?:答记者问|答问|回答了?记者(?:的)?提问|接受.{0,12}采访|进行了?解读|作出解读|解读|发表谈话|答媒体问)/u;
export const INTERVIEW = /^(?:专)?访/u;
/** A title naming only a body's short name as answering: 全总就规划答记者问. */
export const TITLE_BODY_ANSWERS = /^(?:\d{4}-\d{2}-\d{2}\s+)?([\u3400-\u9fff]{2,12}?)就.{1,80}答(?:记者)?问/u;
/** A title that makes the text one official's statement when it has no labels: …负责人就…进行解读. */
export const SOLE_STATEMENT = /解读|发表谈话/u;

/**
 * Layout profiles: conventions a source adds on top of the general rules,
 * matched on the title line or the lead. They name the event and the
 * publishing body; they never decide who speaks.
 */
export interface LayoutProfile {
  format: 'mfa-briefing' | 'city-briefing';
  /** Tested on the first line. */
  first: RegExp;
  source?: string;
  /** The event for citations, from the title. */
  event?: (title: string) => string;
  /** Who 答 is when neither title nor lead names anyone. */
  answerer?: { name: string; title: string; org: string };
}

export const PROFILES: readonly LayoutProfile[] = [
  {
    format: 'mfa-briefing',
    first: /外交部.*?(?:发言人|例行记者会|答记者问)/u,
    source: '外交部',
    event: (title) => (/答记者问/u.test(title) ? '外交部发言人答记者问' : '外交部例行记者会'),
    answerer: { name: '外交部发言人', title: '发言人', org: '外交部' },
  },
  { format: 'city-briefing', first: NEWS_LEAD },
];
