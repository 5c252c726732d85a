import { ConfigError, loadConfig } from '../../src/config/config';

describe('config', () => {
  test('defaults run the app locally in dev mode on the embedded database', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.auth.mode).toBe('dev');
    expect(config.database.url).toBeUndefined();
    expect(config.seedDemo).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.auth)).toBe(true);
  });

  test('bad values fail fast, naming every bad variable', () => {
    try {
      loadConfig({ PORT: 'abc', AUTH_MODE: 'magic', DATABASE_URL: 'not a url' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/AUTH_MODE/);
      expect(problems).toMatch(/DATABASE_URL/);
    }
  });

  test('production refuses dev sign-in and needs Entra, bot and database settings', () => {
    const attempt = () => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['AUTH_MODE', 'BOT_ID', 'BOT_TENANT_ID', 'DATABASE_URL', 'PUBLIC_URL']) expect(problems).toContain(name);
    }
  });

  test('a complete production configuration loads', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db.example.org:5432/kansrijk?sslmode=require',
      PUBLIC_URL: 'https://kansrijk.example.org',
      ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111',
      ENTRA_APP_ID_URI: 'api://kansrijk.example.org/11111111-1111-4111-8111-111111111111',
      BOT_ID: '22222222-2222-4222-8222-222222222222',
      BOT_PASSWORD: 'secret',
      BOT_TENANT_ID: '33333333-3333-4333-8333-333333333333',
    });
    expect(config.auth.mode).toBe('entra');
    expect(config.seedDemo).toBe(false);
  });
});
