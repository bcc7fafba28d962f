import { basename } from 'node:path';
import { isTopicId } from '@haltung/protocol';

/** Turns any text into a valid topic id: lower case, [a-z0-9_-], ≤ 64 chars, alphanumeric start. */
export function toDeviceId(text: string): string {
  let id = text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+/, '')
    .slice(0, 64)
    .replace(/[-_]+$/, '');
  if (id.length === 0) id = 'device';
  if (!isTopicId(id)) throw new Error(`cannot make a device id from "${text}"`);
  return id;
}

/** Device id for a file's recording: the file name, plus the subject when a file holds several. */
export function deviceIdFor(path: string, subject: string, subjectsInFile: number): string {
  const name = basename(path)
    .replace(/\.gz$/, '')
    .replace(/\.csv$/, '');
  return toDeviceId(subjectsInFile > 1 ? `${name}-${subject}` : name);
}
