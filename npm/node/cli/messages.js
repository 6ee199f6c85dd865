// The CLI's own lines in the person's language: English, or Chinese for a person whose locale is
// Chinese or who types Chinese. The agent's replies and the SDK's errors come in their own
// languages; the help text is English.

/** What the agent reads besides English, and so what the CLI speaks: a person typing Han
 * script without kana (which would be Japanese) is taken to be writing Chinese. */
const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Whether `text` is written in Chinese. */
export function isChinese(text) {
  return typeof text === 'string' && HAN.test(text) && !KANA.test(text);
}

/**
 * The primary language of the person's locale (`zh`, `en`, `ja` …), read as the SDK reads it:
 * the first of `LC_ALL`, `LC_MESSAGES`, `LANG` and `Intl` that names one (`C` and `POSIX` name
 * none); null when none does.
 */
export function localeLanguage(env = process.env) {
  const candidates = [env.LC_ALL, env.LC_MESSAGES, env.LANG, Intl.DateTimeFormat().resolvedOptions().locale];
  for (const locale of candidates) {
    const primary = (locale ?? '').trim().split(/[._@-]/)[0].toLowerCase();
    if (/^[a-z]{2,3}$/.test(primary)) return primary;
  }
  return null;
}

/** The CLI's language for a run: `zh` when the locale or the text typed is Chinese, else `en`. */
export function cliLanguage(typed = '', env = process.env) {
  return localeLanguage(env) === 'zh' || isChinese(typed) ? 'zh' : 'en';
}

/**
 * The session language to ask for when the person types Chinese in a locale that is not
 * Chinese (the SDK otherwise takes the locale's); undefined leaves the SDK's choice.
 */
export function sessionLanguage(typed = '', env = process.env) {
  return isChinese(typed) && localeLanguage(env) !== 'zh' ? 'zh-CN' : undefined;
}

const plural = (n, one, many) => (n === 1 ? one : many);

const EN = {
  uploading: ({ n }) => `uploading ${n} ${plural(n, 'file', 'files')}`,
  stored: ({ n }) => `${n} stored`,
  waiting: () => 'waiting',
  connecting: () => 'connecting',
  writing: () => 'the agent is making it',
  rendering: () => 'rendering',
  queued: () => 'waiting for its turn to render',
  downloading: () => 'downloading',
  done: () => 'done',
  failed: ({ reason }) => `failed: ${reason}`,
  batchStart: ({ n, jobs }) => `making ${n} ${plural(n, 'video', 'videos')}, ${jobs} at a time`,
  batchEnd: ({ made, n }) => `${made} of ${n} videos made`,
  claim: ({ url }) => `edit it online: ${url}`,
  poster: ({ url }) => `poster: ${url}`,
  hintExport: () => '  → to render the video: i2v export --out video.mp4',
  hintUpload: () => '  → add files: i2v chat "add these" photo1.jpg photo2.jpg',
  stillWorking: ({ s }) => `  … still working (${s} s)`,
  connectionLost: () => '  … the connection dropped; checking the project for the result',
  sessionReplaced: () => '  the old session had expired: this is a new project',
  uploaded: ({ names }) => `  uploaded ${names}`,
  nothingYet: () => 'nothing generated yet',
  noVideo: () => 'the agent made no video from the prompt',
  credits: ({ available, frozen, total }) =>
    `credits: ${available} available${frozen ? `, ${frozen} reserved` : ''} (${total} in all)`,
  resuming: ({ id }) => `picking up render ${id}, started earlier for this project`,
  madeEarlier: ({ id }) => `the project is as render ${id} made it: fetching that video`,
  resumeFailed: ({ id, reason }) => `render ${id} from earlier cannot be fetched (${reason}); rendering again`,
  detached: ({ id, again }) => `stopped waiting: render ${id} goes on; \`${again}\` picks it up`,
  cancelled: () => 'cancelled',
  stopped: ({ again }) => `cancelled: a local studio stops with i2v, and its render with it; \`${again}\` renders again`,
  sizeNote: ({ asked, size }) => `note: ${asked} was asked for; the video is ${size}`,
  noProject: () => 'there is no project yet: start one with `i2v make` or `i2v chat`',
  empty: ({ file }) => `${file} is empty (0 bytes)`,
  missing: ({ file }) => `cannot read ${file}: no such file`,
  folder: ({ file }) => `${file} is a folder, not a file`,
  unreadable: ({ file, reason }) => `cannot read ${file}: ${reason}`,
  contentRefused: ({ file, formats }) =>
    `${file} was refused: by its content it is not a picture, video or audio file of a type the ` +
    `backend takes, whatever its name says (accepted: ${formats})`,
  oneOf: ({ files }) => `one of ${files}`,
  tooLarge: ({ file, size, max }) => `${file} is too large (${size}; the most is ${max})`,
  noFolder: ({ out, dir }) => `${out}: there is no folder ${dir}`,
  notFolder: ({ out, dir }) => `${out}: ${dir} is a file, not a folder`,
  notWritable: ({ out, dir, reason }) => `${out}: cannot write in ${dir} (${reason})`,
  wrongExtension: ({ out, format }) => `${out}: the video is ${format}; end the name with .${format}`,
  batchIsFile: ({ out }) => `${out} is a file: a batch writes its videos into a folder`,
  sameOut: ({ a, b, out }) => `jobs ${a} and ${b} would both write ${out}`,
};

const ZH = {
  uploading: ({ n }) => `正在上传 ${n} 个文件`,
  stored: ({ n }) => `已保存 ${n} 个`,
  waiting: () => '排队中',
  connecting: () => '正在连接',
  writing: () => '智能体正在制作',
  rendering: () => '正在渲染',
  queued: () => '排队等待渲染',
  downloading: () => '正在下载',
  done: () => '完成',
  failed: ({ reason }) => `失败：${reason}`,
  batchStart: ({ n, jobs }) => `制作 ${n} 个视频，同时做 ${jobs} 个`,
  batchEnd: ({ made, n }) => `${n} 个视频做好了 ${made} 个`,
  claim: ({ url }) => `在网页上继续编辑：${url}`,
  poster: ({ url }) => `封面图：${url}`,
  hintExport: () => '  → 渲染视频：i2v export --out video.mp4',
  hintUpload: () => '  → 添加文件：i2v chat "加上这些" photo1.jpg photo2.jpg',
  stillWorking: ({ s }) => `  … 仍在处理（${s} 秒）`,
  connectionLost: () => '  … 连接断开了，正在从项目里查看结果',
  sessionReplaced: () => '  原来的会话已过期：这是一个新项目',
  uploaded: ({ names }) => `  已上传 ${names}`,
  nothingYet: () => '还没有生成任何内容',
  noVideo: () => '智能体没有根据这段描述做出视频',
  credits: ({ available, frozen, total }) => `积分：可用 ${available}${frozen ? `，预留 ${frozen}` : ''}（共 ${total}）`,
  resuming: ({ id }) => `继续之前为这个项目开始的渲染 ${id}`,
  madeEarlier: ({ id }) => `项目和渲染 ${id} 做出的视频一样：直接取回那个视频`,
  resumeFailed: ({ id, reason }) => `之前的渲染 ${id} 取不回来（${reason}），重新渲染`,
  detached: ({ id, again }) => `不再等待：渲染 ${id} 仍在进行，运行 \`${again}\` 接着取回`,
  cancelled: () => '已取消',
  stopped: ({ again }) => `已取消：本地 studio 随 i2v 一起停止，渲染也随之停止；运行 \`${again}\` 重新渲染`,
  sizeNote: ({ asked, size }) => `注意：要求的是 ${asked}，视频是 ${size}`,
  noProject: () => '还没有项目：先用 `i2v make` 或 `i2v chat` 开始一个',
  empty: ({ file }) => `${file} 是空文件（0 字节）`,
  missing: ({ file }) => `读不到 ${file}：没有这个文件`,
  folder: ({ file }) => `${file} 是文件夹，不是文件`,
  unreadable: ({ file, reason }) => `读不到 ${file}：${reason}`,
  contentRefused: ({ file, formats }) =>
    `${file} 被拒绝：按内容看，它不是后端接受的图片、视频或音频，与文件名无关（接受：${formats}）`,
  oneOf: ({ files }) => `${files} 中的一个`,
  tooLarge: ({ file, size, max }) => `${file} 太大（${size}，最多 ${max}）`,
  noFolder: ({ out, dir }) => `${out}：文件夹 ${dir} 不存在`,
  notFolder: ({ out, dir }) => `${out}：${dir} 是文件，不是文件夹`,
  notWritable: ({ out, dir, reason }) => `${out}：无法写入 ${dir}（${reason}）`,
  wrongExtension: ({ out, format }) => `${out}：视频是 ${format} 格式，文件名请以 .${format} 结尾`,
  batchIsFile: ({ out }) => `${out} 是文件：批量制作要把视频写进一个文件夹`,
  sameOut: ({ a, b, out }) => `任务 ${a} 和 ${b} 都会写入 ${out}`,
};

let table = EN;

/** Chooses the language of every later `say`: `zh` or `en`. */
export function useLanguage(language) {
  table = language === 'zh' ? ZH : EN;
}

/** The line `key` in the chosen language, with `params` filled in. */
export function say(key, params = {}) {
  return (table[key] ?? EN[key])(params);
}
