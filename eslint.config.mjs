// Lint = correctness rules + the layering rule (VS Code's `code-layering`): folders are runtime
// layers, and a layer may not import one it cannot run in.
import tseslint from 'typescript-eslint'

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'stream',
  'util',
  'events',
]
const engineOnly = ['dockerode', 'keytar', '@octokit/*', 'ws', 'bottleneck', 'bottleneck/*']
const ban = (groups, message) => ({ group: groups, message })

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'test-results/**',
      'playwright-report/**',
      'bin/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // keytar's findCredentials crashes the process on a locked keyring (docs/platform-notes.md).
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='findCredentials']",
          message: 'findCredentials crashes on a locked keyring; never call it.',
        },
      ],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ban(
              [...nodeBuiltins, ...engineOnly, 'electron', 'react', 'react-dom', 'zustand'],
              'common/ is pure TypeScript shared by every process: no Node, Electron, React or adapters.',
            ),
            ban(
              [
                '../main/*',
                '../renderer/*',
                '../preload/*',
                '**/main/**',
                '**/renderer/**',
                '**/preload/**',
              ],
              'common/ may not import a higher layer.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ban(
              [...nodeBuiltins, ...engineOnly, 'electron'],
              'The renderer runs sandboxed in a browser: no Node, Electron or engine adapters.',
            ),
            ban(
              ['**/main/**', '**/preload/**'],
              'The renderer talks to the engine only through the contract client.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ban(
              ['electron', 'electron/*'],
              'Only main/electron/ may import electron: in plain Node it triggers a binary download.',
            ),
            ban(
              ['**/renderer/**', '**/main/electron/**'],
              'The engine does not depend on the UI or the Electron shell.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ban(
              [...nodeBuiltins, ...engineOnly],
              "The preload runs sandboxed: Electron's renderer APIs and common/ only.",
            ),
            ban(['**/main/**', '**/renderer/**'], 'The preload only bridges the contract.'),
          ],
        },
      ],
    },
  },
)
