// What the page shows for what the SDK reports: tools come in words from the SDK itself.

import { t } from './strings.js';

/** A reply's suggestion that only the person can accept, as a button label, or null. */
export function describeAction(action) {
  switch (action?.kind) {
    case 'upload':
      return t('actionUpload');
    case 'export':
      return t('actionExport');
    default:
      return null;
  }
}
