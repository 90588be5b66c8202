// custom-elements.json (npm run build): every element under components/, read from
// the classes' JSDoc (@fires, @csspart, @cssprop, @slot) and Lit decorators.
export default {
  globs: ['components/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
};
