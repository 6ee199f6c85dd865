// The command line read: which command, its options and arguments. Each command takes only its
// own options; an unknown command or option is an error that names it, with a hint.

import { parseArgs } from 'node:util';

import { UsageError } from './studio.js';

const prompt = { type: 'string', short: 'p' };
const out = { type: 'string', short: 'o' };
const format = { type: 'string' };
const resolution = { type: 'string' };
const fps = { type: 'string' };
const preview = { type: 'boolean' };

/** Each command's options (besides `--help` and `--version`) and what it takes as arguments. */
const COMMANDS = {
  make: {
    options: {
      prompt,
      out,
      jobs: { type: 'string', short: 'j' },
      duration: { type: 'string', short: 'd' },
      ratio: { type: 'string', short: 'r' },
      resolution,
      format,
      fps,
      preview,
    },
    positionals: 'any',
  },
  chat: { options: { out }, positionals: 'any' },
  export: { options: { out, resolution, format, fps, preview }, positionals: 'none' },
  credits: { options: {}, positionals: 'none' },
};

const COMMON = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
};

/** The command names, for messages. */
export const commandNames = [...Object.keys(COMMANDS), 'help'];

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The one of `names` that `word` was probably meant to be, or null. */
function closest(word, names) {
  let best = null;
  for (const name of names) {
    const d = name.startsWith(word) && word.length >= 2 ? 0 : distance(word, name);
    if (d <= Math.max(1, Math.floor(name.length / 3)) && (best === null || d < best.d)) best = { name, d };
  }
  return best?.name ?? null;
}

/** The error for an option `command` does not take, with the likeliest fix. */
function unknownOption(command, token) {
  const word = token.replace(/^-+/, '').split('=')[0];
  const long = token.startsWith('--');
  const owner = Object.entries(COMMANDS).find(([, spec]) =>
    Object.entries(spec.options).some(([name, option]) => (long ? name === word : option.short === word)),
  );
  let hint;
  if (owner) {
    hint = `it is an option of i2v ${owner[0]}`;
  } else {
    const own = Object.keys({ ...COMMANDS[command].options, ...COMMON }).map((name) => `--${name}`);
    const guess = long ? closest(`--${word}`, own) : null;
    hint = guess ? `did you mean ${guess}?` : null;
  }
  return new UsageError(
    `unknown option ${token.split('=')[0]} for ${command}${hint ? ` (${hint})` : ''}; see i2v ${command} --help`,
  );
}

/** The error for a word that is not a command. */
export function unknownCommand(name) {
  const guess = closest(name, commandNames);
  return new UsageError(
    `there is no command "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}; ` +
      `the commands are ${commandNames.join(', ')} (i2v --help)`,
  );
}

/** What parseArgs threw, in this CLI's words. */
function explainParseError(command, error) {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return unknownOption(command, quoted);
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /--[\w-]+/.exec(error.message)?.[0] ?? quoted;
    if (/does not take an argument/.test(error.message)) return new UsageError(`${name} takes no value`);
    return new UsageError(`${name} needs a value (i2v ${command} --help)`);
  }
  return new UsageError(`${error.message} (i2v ${command} --help)`);
}

/**
 * Reads `argv` (without `node` and the script): `{ kind: 'version' }`, `{ kind: 'help',
 * command, exitCode }` or `{ kind: 'run', command, values, positionals }`. Throws a
 * `UsageError` that names what is wrong.
 */
export function readCommandLine(argv) {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'help', command: null, exitCode: 2 };
  if (first === '-h' || first === '--help' || first === 'help') {
    const topic = rest.find((word) => !word.startsWith('-')) ?? null;
    if (topic !== null && !commandNames.includes(topic)) throw unknownCommand(topic);
    return { kind: 'help', command: topic, exitCode: 0 };
  }
  if (first === '-V' || first === '--version') return { kind: 'version' };
  if (first.startsWith('-')) {
    throw new UsageError(`the command comes first, then its options: i2v make … ${first} … (i2v --help)`);
  }
  const spec = COMMANDS[first];
  if (!spec) throw unknownCommand(first);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { ...spec.options, ...COMMON } });
  } catch (error) {
    throw explainParseError(first, error);
  }
  const { help, version, ...values } = parsed.values;
  if (help) return { kind: 'help', command: first, exitCode: 0 };
  if (version) return { kind: 'version' };
  if (spec.positionals === 'none' && parsed.positionals.length > 0) {
    throw new UsageError(`${first} takes no arguments, not "${parsed.positionals[0]}" (i2v ${first} --help)`);
  }
  return { kind: 'run', command: first, values, positionals: parsed.positionals };
}
