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
const engineOnly = [
  'dockerode',
  'keytar',
  '@octokit/*',
  'ws',
  'bottleneck',
  'bottleneck/*',
  'prom-client',
]
const ban = (groups, message) => ({ group: groups, message })

// What no Node-side file may import: Electron (it triggers a binary download in plain Node), the
// renderer and the Electron shell.
function nodeSideBans() {
  return [
    ban(
      ['electron', 'electron/*'],
      'Only main/electron/ may import electron: in plain Node it triggers a binary download.',
    ),
    ban(
      ['**/renderer/**', '**/main/electron/**', '../electron/*'],
      'The engine does not depend on the UI or the Electron shell.',
    ),
  ]
}

// One folder of main/ that may not import the given sibling folders.
function mainLayer(files, banned, who) {
  return [
    {
      files: [files],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              ...nodeSideBans(),
              ban(
                banned.flatMap((f) => [
                  `**/main/${f}/**`,
                  `../${f}/*`,
                  `../../${f}/*`,
                  `../../../${f}/*`,
                ]),
                `${who} may not import main/${banned.join(', main/')}.`,
              ),
            ],
          },
        ],
      },
    },
  ]
}

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
    rules: { 'no-restricted-imports': ['error', { patterns: nodeSideBans() }] },
  },
  // The engine and the composition root serve every front end, so they import none; the front
  // ends (CLI, headless host, Electron) never import each other (main/bin wires the CLI to serve).
  ...mainLayer('main/engine/**/*.ts', ['cli', 'headless', 'services', 'bin'], 'The engine'),
  ...mainLayer('main/services/**/*.ts', ['cli', 'headless', 'bin'], 'The composition root'),
  ...mainLayer('main/cli/**/*.ts', ['headless', 'bin'], 'The CLI'),
  ...mainLayer('main/headless/**/*.ts', ['cli', 'bin'], 'The headless host'),
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ban(['**/renderer/**'], 'The Electron shell reaches the UI only through the contract.'),
            ban(
              ['**/main/cli/**', '**/main/headless/**', '../cli/*', '../headless/*', '../bin/*'],
              'The Electron shell does not import another front end: take services from main/services.',
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
