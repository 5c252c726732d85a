import { lint, problemsOf, type Linted } from '../support/lint';

const view = (jsx: string) =>
  `import { Spinner } from '@fluentui/react-components';\nexport function View({ label }: { label: string }) {\n  return ${jsx};\n}\n`;

describe('the tabs lint rule for spinners', () => {
  let results: Linted[];

  beforeAll(async () => {
    results = await lint([
      { filePath: 'tabs/src/views/wrong-view.tsx', code: view('<Spinner size="tiny" />') },
      { filePath: 'tabs/src/views/right-view.tsx', code: view('<Spinner size="tiny" label={label} />') },
      { filePath: 'tabs/src/views/right-aria-view.tsx', code: view('<Spinner aria-label={label} />') },
      { filePath: 'tabs/src/views/nested-view.tsx', code: view('<Spinner size="tiny" icon={<Spinner label={label} />} />') },
    ]);
  }, 90_000);

  test('a Spinner without a label fails (axe: aria-progressbar-name)', () => {
    expect(problemsOf(results[0], 'no-restricted-syntax')).toEqual([expect.stringContaining('Give every Spinner a label')]);
    // A label on some other element inside its props is not its own.
    expect(problemsOf(results[3], 'no-restricted-syntax')).toEqual([expect.stringContaining('Give every Spinner a label')]);
  });

  test('a Spinner with a label or an aria-label passes', () => {
    expect(results[1]?.messages).toEqual([]);
    expect(results[2]?.messages).toEqual([]);
  });
});
