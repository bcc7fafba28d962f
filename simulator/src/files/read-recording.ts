import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { CsvRecordingParser, type RecordingChunk } from './csv-parser.js';
import { chunksToRecordings } from './join-chunks.js';
import { type Recording, RecordingFormatError } from './recording.js';

export type { RecordingChunk } from './csv-parser.js';

/** True when the file starts with the gzip magic bytes (the extension is not trusted). */
async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * Streams a recording file (plain or gzipped CSV in the common format) as chunks of parsed rows,
 * in file order, with bounded memory. Throws `RecordingFormatError` (file and line) on malformed
 * input and names the file on I/O or gzip errors.
 */
export async function* readRecordingChunks(
  path: string,
  options: { chunkSize?: number } = {},
): AsyncGenerator<RecordingChunk> {
  const parser = new CsvRecordingParser(path, options.chunkSize ?? 8192);
  const gz = await isGzip(path).catch((error: Error) => {
    throw new Error(`${path}: ${error.message}`, { cause: error });
  });
  const file = createReadStream(path);
  const stream = gz ? file.pipe(createGunzip()) : file;
  if (gz) file.on('error', (e) => stream.destroy(e));
  stream.setEncoding('utf8');
  try {
    for await (const text of stream) yield* parser.push(text as string);
  } catch (error) {
    if (error instanceof RecordingFormatError) throw error;
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  } finally {
    stream.destroy();
    file.destroy();
  }
  yield* parser.end();
}

/** Reads a whole file: one recording per subject, in order of first appearance. */
export async function readRecordings(path: string): Promise<Recording[]> {
  const chunks: RecordingChunk[] = [];
  for await (const c of readRecordingChunks(path, { chunkSize: 16384 })) chunks.push(c);
  return chunksToRecordings(chunks);
}

/**
 * Reads a file holding exactly one subject's recording (the usual case, e.g. UCI HAPT).
 * Fails when the file has no rows or several subjects (use `readRecordings` for those).
 */
export async function readRecording(path: string): Promise<Recording> {
  const recordings = await readRecordings(path);
  if (recordings.length !== 1) {
    const what = recordings.length === 0 ? 'no samples' : `${recordings.length} subjects`;
    throw new RecordingFormatError(path, 1, `expected one subject's recording, the file has ${what}`);
  }
  return recordings[0] as Recording;
}
