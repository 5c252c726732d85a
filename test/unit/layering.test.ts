import { lint, problemsOf, type Linted } from '../support/lint';

const restricted = (result: Linted | undefined) => problemsOf(result, '@typescript-eslint/no-restricted-imports');

describe('the layering lint rule', () => {
  let results: Map<string, Linted>;

  beforeAll(async () => {
    const cases = {
      repositoryImportsService: { filePath: 'src/actions/wrong-repository.ts', code: "import { createActionService } from './action-service';\nexport const wrong = createActionService;\n" },
      repositoryImportsHttp: { filePath: 'src/plan/wrong-repository.ts', code: "import { registerPlanRoutes } from './plan-routes';\nimport { RouteRegistry } from '../http/route';\nexport const wrong = [registerPlanRoutes, RouteRegistry];\n" },
      serviceImportsRoutes: { filePath: 'src/actions/wrong-service.ts', code: "import { registerActionRoutes } from './action-routes';\nexport const wrong = registerActionRoutes;\n" },
      serviceImportsHttpErrors: { filePath: 'src/actions/wrong-service.ts', code: "import { installErrorHandler } from '../http/error-handler';\nexport const wrong = installErrorHandler;\n" },
      serverImportsBot: { filePath: 'src/http/wrong.ts', code: "import { registerBot } from '../../bot/register-bot';\nexport const wrong = registerBot;\n" },
      tabsImportServerValue: { filePath: 'tabs/src/views/wrong-view.tsx', code: "import { createActionService } from '../../../src/actions/action-service';\nexport const wrong = createActionService;\n" },
      rightRepository: { filePath: 'src/actions/right-repository.ts', code: "import type { Db } from '../db/database';\nimport { openStatuses } from '../shared/enums';\nexport const right = (db: Db) => [db, openStatuses];\n" },
      rightService: { filePath: 'src/actions/right-service.ts', code: "import { createActionService } from './action-service';\nimport { notFound } from '../shared/errors';\nexport const right = [createActionService, notFound];\n" },
      rightMain: { filePath: 'src/main.ts', code: "import { botPlugin } from '../bot/register-bot';\nexport const right = botPlugin;\n" },
      rightTypeOnlyFromBot: { filePath: 'src/db/right.ts', code: "import type { BotUserTable } from '../../bot/data/bot-tables';\nexport type Right = BotUserTable;\n" },
      rightTabs: {
        filePath: 'tabs/src/views/right-view.tsx',
        code: "import type { ActionService } from '../../../src/actions/action-service';\nimport { sectors } from '../../../src/shared/enums';\nimport { useI18n } from '../i18n/i18n';\nexport type Right = ActionService;\nexport const right = [sectors, useI18n];\n",
      },
    };
    const linted = await lint(Object.values(cases));
    results = new Map(Object.keys(cases).map((name, i) => [name, linted[i] as Linted]));
  }, 90_000);

  test('a repository importing a service, routes or http/ fails', () => {
    expect(restricted(results.get('repositoryImportsService'))).toEqual([expect.stringContaining('A repository is SQL only')]);
    expect(restricted(results.get('repositoryImportsHttp'))).toHaveLength(2);
  });

  test('a service importing routes fails', () => {
    expect(restricted(results.get('serviceImportsRoutes'))).toEqual([expect.stringContaining('A service knows no routes')]);
  });

  test('a service importing from http/ fails (its errors are the domain\'s: src/shared/errors.ts)', () => {
    expect(restricted(results.get('serviceImportsHttpErrors'))).toEqual([expect.stringContaining('its errors come from src/shared/errors.ts')]);
  });

  test('src/ other than src/main.ts wiring bot/ in fails', () => {
    expect(restricted(results.get('serverImportsBot'))).toEqual([expect.stringContaining('Only the composition root (src/main.ts) imports bot/')]);
  });

  test('the tabs importing a server value fails', () => {
    expect(restricted(results.get('tabsImportServerValue'))).toEqual([expect.stringContaining('The tabs import only types from the server')]);
  });

  test.each(['rightRepository', 'rightService', 'rightMain', 'rightTypeOnlyFromBot', 'rightTabs'])('%s passes', (name) => {
    expect(results.get(name)?.messages).toEqual([]);
  });
});
