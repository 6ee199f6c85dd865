// Loads the native addon that scripts/build-node.sh puts beside this file.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const file = `./i2v-node.${process.platform}-${process.arch}.node`;

let addon;
try {
  addon = require(file);
} catch (error) {
  throw new Error(
    `@i2v/node: the native addon ${file} could not be loaded (build it with scripts/build-node.sh): ${error.message}`,
    { cause: error },
  );
}

export const { NativeClient, SseParser, routeIntent, parseDraft, diffDrafts, translateGui,
  checkExportOptions } = addon;
