/**
 * writeCacheFile: the chunks land in order, however many (the lint cache writes three per
 * journey, past what one writev takes), the old file is replaced, and no temporary file
 * is left beside it.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCacheFile } from '../src/load/cache-file-write.ts';
import { writeRepo } from './helpers/repo.ts';

describe('writeCacheFile', () => {
  it('writes thousands of chunks of every size in order, over the old file, leaving nothing else', () => {
    // A temporary folder that the helper removes after the tests.
    const folder = writeRepo({});
    const file = join(folder, 'lint.cache');
    writeFileSync(file, 'the old cache, longer than nothing');
    // Sizes from 0 to 4 kB, each chunk filled with its own index: a chunk out of place shows.
    const chunks = Array.from({ length: 2500 }, (_, index) => new Uint8Array((index * 37) % 4096).fill(index % 251));
    writeCacheFile(file, chunks);
    expect(readFileSync(file).equals(Buffer.concat(chunks))).toBe(true);
    expect(readdirSync(folder)).toEqual(['lint.cache']);
  });

  it('makes the folder, with a .gitignore when asked, and writes a file that was not there', () => {
    const folder = join(writeRepo({}), 'cache', 'journeys');
    writeCacheFile(join(folder, 'grades'), [Buffer.from('one'), Buffer.from(''), Buffer.from('two')], { gitignoreTitle: 'Written by a test' });
    expect(readFileSync(join(folder, 'grades'), 'utf8')).toBe('onetwo');
    expect(readFileSync(join(folder, '.gitignore'), 'utf8')).toBe('# Written by a test\n*\n');
  });
});
