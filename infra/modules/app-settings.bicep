// The web app's application settings, merged rather than replaced (a sites/config 'appsettings'
// resource replaces the whole set on every deployment). azure.bicep passes the settings as they are
// now (list() is evaluated when this module deploys, after the web app exists), and
// union() lets later objects win:
//   defaults  tunables (pool size, log level, rate limits …): applied only while absent, so a value
//             an admin changed in the portal survives `teamsapp provision`;
//   current   everything already set, the admin's own settings included;
//   enforced  facts of the infrastructure (host names, identities, database roles): always this
//             template's, since a stale value would break the app.

param webAppName string

@description('The settings as they are now: list(\'<web app id>/config/appsettings\', ...).properties')
param currentSettings object

param defaults object

param enforced object

resource webApp 'Microsoft.Web/sites@2023-12-01' existing = {
  name: webAppName
}

resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: union(defaults, currentSettings, enforced)
}
