// `npm run test:mangled`: the unit tests on code whose internal property names are shortened as
// the published build shortens them (scripts/mangle.ts). A name that is not chango's alone (a
// built-in's property, a public field, a name spelt as a string) breaks a test here, where the
// source-level run cannot see it.
import { transform } from 'esbuild';
import { defineConfig, mergeConfig } from 'vitest/config';
import { mangleOptions } from './scripts/mangle.js';
import base from './vitest.config.js';

const options = mangleOptions();

export default mergeConfig(
  base,
  defineConfig({
    plugins: [
      {
        name: 'mangle-props',
        enforce: 'pre',
        async transform(code, id) {
          if (!/\/(src|test)\/.*\.ts$/.test(id) || id.includes('/node_modules/')) return null;
          const r = await transform(code, {
            loader: 'ts',
            format: 'esm',
            target: 'es2022',
            sourcemap: true,
            sourcefile: id,
            ...options,
          });
          return { code: r.code, map: r.map };
        },
      },
    ],
  }),
);
