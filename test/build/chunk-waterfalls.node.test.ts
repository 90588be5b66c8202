// The build's check that no chunk loaded on first use waits for a second fetch of its own
// imports (scripts/chunk-waterfalls.mjs): the Arrow codec and the fetching code once did.
import { expect } from 'chai';
// @ts-expect-error: a build script in plain JavaScript, without declarations
import { chunkWaterfalls } from '../../scripts/chunk-waterfalls.mjs';

const bundle = (codecLoader: string) => [
  { path: 'dist/pulso.js', code: 'import{a}from"./pulso/shared-A.js";import"./pulso/early.js";' },
  { path: 'dist/pulso/shared-A.js', code: `export const a=1;${codecLoader}` },
  { path: 'dist/pulso/early.js', code: '' },
  { path: 'dist/pulso/codec.js', code: 'import{a}from"./shared-A.js";import{b}from"./shared-B.js";export const c=a+b;' },
  { path: 'dist/pulso/shared-B.js', code: 'export const b=2;' },
];

describe('chunkWaterfalls (scripts/build.mjs)', () => {
  it('reports a lazily loaded chunk whose import is fetched only after it arrives', () => {
    expect(chunkWaterfalls(bundle('const l=()=>import("./codec.js");'), 'dist/pulso.js')).to.deep.equal([
      'dist/pulso/codec.js (loaded by dist/pulso/shared-A.js) imports dist/pulso/shared-B.js, fetched only after it',
    ]);
  });

  it('accepts the import asked for beside the chunk, and what pulso.js loads with itself', () => {
    expect(chunkWaterfalls(bundle('const l=()=>Promise.all([import("./codec.js"),import("./shared-B.js")]);'), 'dist/pulso.js')).to.deep.equal([]);
  });

  it('leaves a chunk it is told to alone', () => {
    expect(chunkWaterfalls(bundle('const l=()=>import("./codec.js");'), 'dist/pulso.js', (c: string) => c.endsWith('/codec.js'))).to.deep.equal([]);
  });
});
