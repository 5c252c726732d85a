// Kansrijk on Azure, for one municipality's Microsoft 365 tenant (docs/deploy.md):
//   - a Linux App Service (Node 22 LTS) serving the API, the tabs and the bot endpoint, running as a
//     user-assigned managed identity, with its outbound traffic in a virtual network;
//   - Azure Database for PostgreSQL Flexible Server, reachable only inside that network, signing in
//     with Microsoft Entra only (no passwords): the app's identity may read and write rows, a second
//     identity owns the schema and runs the migrations;
//   - a regional (EU) Azure Bot that signs in as the app's managed identity, with its Teams channel;
//   - a Key Vault for whatever secret a setting still needs, read through Key Vault references;
//   - diagnostics to a Log Analytics workspace, and alerts.
// Every resource that holds or handles Kansrijk's data is in `location`; see "Where the data
// lives" in docs/deploy.md. Deployed by `teamsapp provision` (teamsapp.yml), or by hand:
//   az deployment group create -g <rg> -f infra/azure.bicep -p infra/azure.parameters.json ...

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name; web app and database names must be unique in Azure.')
param resourceBaseName string

// EU regions whose paired region is in the EU and where Azure Database for PostgreSQL keeps
// geo-redundant backups (https://learn.microsoft.com/azure/postgresql/overview#azure-regions).
@allowed(['westeurope', 'northeurope', 'francecentral', 'germanywestcentral', 'swedencentral'])
@description('The one EU region of every resource that holds data (the bot: see botLocation).')
param location string = 'westeurope'

@description('App Service plan SKU (B1 for one municipality; P0v3 or higher for more load).')
param appServiceSku string = 'B1'

@minValue(1)
@maxValue(3)
@description('App Service instances. Each opens up to dbPoolSize + 4 database connections.')
param appInstances int = 1

@description('PostgreSQL compute, e.g. Standard_B1ms (Burstable) or Standard_D2ds_v5 (GeneralPurpose).')
@allowed(['Standard_B1ms', 'Standard_B2s', 'Standard_B2ms', 'Standard_D2ds_v5', 'Standard_D4ds_v5'])
param postgresSkuName string = 'Standard_B1ms'

@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param postgresTier string = 'Burstable'

@allowed(['16', '17'])
param postgresVersion string = '16'

@description('Connections per instance for requests (DB_POOL_SIZE); the follow-ups add 4 of their own.')
@minValue(2)
@maxValue(100)
param dbPoolSize int = 20

@description('Days of automatic PostgreSQL backups (point-in-time restore window), 7 to 35.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 35

@description('Object id of the Entra group of database administrators (break-glass access to PostgreSQL); empty for none.')
param postgresAdminGroupObjectId string = ''

@description('Display name of that group, exactly as in Entra ID.')
param postgresAdminGroupName string = ''

@description('Client id of the Kansrijk Entra app (the SSO audience).')
param aadAppClientId string

@description('The Entra tenant of the municipality.')
param tenantId string = tenant().tenantId

@maxLength(42)
param botDisplayName string = 'Kansrijk'

@allowed(['F0', 'S1'])
@description('Teams is a standard channel: F0 carries it at no cost.')
param botServiceSku string = 'F0'

@description('Where alerts go: an IT mailbox, not a person\'s.')
param alertEmail string

@minValue(30)
@maxValue(730)
@description('Days the workspace keeps logs (App Service, PostgreSQL, bot, Key Vault).')
param logRetentionDays int = 90

@secure()
@description('App settings that must hold a secret, as { SETTING_NAME: value }: stored in Key Vault and referenced, never written as plain settings. Empty today: nothing Kansrijk runs needs one.')
param secretSettings object = {}

var webAppName = resourceBaseName
var postgresServerName = '${resourceBaseName}-pg'
var databaseName = 'kansrijk'
var appIdentityName = '${resourceBaseName}-id-app'
var migrateIdentityName = '${resourceBaseName}-id-migrate'
// Azure Bot's local data residency exists for Europe in West Europe only
// (https://learn.microsoft.com/azure/bot-service/bot-builder-concept-regionalization).
var botLocation = 'westeurope'

// User connections per server (max_connections less the 15 Azure reserves), from
// https://learn.microsoft.com/azure/postgresql/configure-maintain/concepts-limits. Burstable has no
// built-in PgBouncer, so the pool must fit these; test/deploy/infra.test.ts checks the defaults.
var postgresUserConnections = {
  Standard_B1ms: 35
  Standard_B2s: 414
  Standard_B2ms: 844
  Standard_D2ds_v5: 844
  Standard_D4ds_v5: 1703
}
// Per instance: the request pool, the follow-ups' pool; plus the migration run and an admin's session.
var neededConnections = appInstances * (dbPoolSize + 4) + 2 + 3

// ------------------------------------------------------------------------------------------------
// Identities
// ------------------------------------------------------------------------------------------------

// The app: App Service, the bot's sign-in, PostgreSQL rows, Key Vault secrets.
resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: appIdentityName
  location: location
}

// The schema owner: an Entra administrator of PostgreSQL, used at start-up to migrate and grant.
resource migrateIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: migrateIdentityName
  location: location
}

// ------------------------------------------------------------------------------------------------
// Network: the app's outbound traffic and the database stay inside one virtual network
// ------------------------------------------------------------------------------------------------

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: '${resourceBaseName}-vnet'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: ['10.42.0.0/16']
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: '10.42.1.0/24'
          delegations: [{ name: 'app-service', properties: { serviceName: 'Microsoft.Web/serverFarms' } }]
        }
      }
      {
        name: 'postgres'
        properties: {
          addressPrefix: '10.42.2.0/24'
          delegations: [{ name: 'postgres', properties: { serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers' } }]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: '10.42.3.0/24'
        }
      }
    ]
  }
}

var appSubnetId = '${vnet.id}/subnets/app'
var postgresSubnetId = '${vnet.id}/subnets/postgres'
var endpointSubnetId = '${vnet.id}/subnets/private-endpoints'

// A VNet-integrated flexible server needs a private zone whose name ends in .postgres.database.azure.com.
resource postgresDns 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: '${postgresServerName}.private.postgres.database.azure.com'
  location: 'global'
}

resource postgresDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: postgresDns
  name: 'vnet'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: vnet.id }
  }
}

resource vaultDns 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.vaultcore.azure.net'
  location: 'global'
}

resource vaultDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: vaultDns
  name: 'vnet'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: vnet.id }
  }
}

// ------------------------------------------------------------------------------------------------
// Monitoring
// ------------------------------------------------------------------------------------------------

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: logRetentionDays
  }
}

// ------------------------------------------------------------------------------------------------
// PostgreSQL
// ------------------------------------------------------------------------------------------------

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresServerName
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresTier
  }
  properties: {
    version: postgresVersion
    // Entra sign-in only: there is no password to keep, leak or rotate.
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenantId
    }
    storage: {
      storageSizeGB: 32
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      // Copies go to the region's pair, in the EU for every allowed location. Only settable at creation.
      geoRedundantBackup: 'Enabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      delegatedSubnetResourceId: postgresSubnetId
      privateDnsZoneArmResourceId: postgresDns.id
      publicNetworkAccess: 'Disabled'
    }
  }
  dependsOn: [
    postgresDnsLink
  ]
}

// The server accepts one change at a time, hence the chain of dependsOn below.
resource migrateAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: postgres
  name: migrateIdentity.properties.principalId
  properties: {
    principalName: migrateIdentity.name
    principalType: 'ServicePrincipal'
    tenantId: tenantId
  }
}

resource dbaAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = if (!empty(postgresAdminGroupObjectId)) {
  parent: postgres
  name: empty(postgresAdminGroupObjectId) ? 'none' : postgresAdminGroupObjectId
  properties: {
    principalName: postgresAdminGroupName
    principalType: 'Group'
    tenantId: tenantId
  }
  dependsOn: [
    migrateAdmin
  ]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    dbaAdmin
  ]
}

// On by default, set explicitly so that nobody turns TLS off unnoticed.
resource requireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'require_secure_transport'
  properties: {
    value: 'on'
    source: 'user-override'
  }
  dependsOn: [
    database
  ]
}

resource postgresDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: postgres
  name: 'to-log-analytics'
  properties: {
    workspaceId: logs.id
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

// ------------------------------------------------------------------------------------------------
// Key Vault
// ------------------------------------------------------------------------------------------------

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${resourceBaseName}-kv'
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
    }
  }
}

resource vaultEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: '${resourceBaseName}-kv-pe'
  location: location
  properties: {
    subnet: { id: endpointSubnetId }
    privateLinkServiceConnections: [
      {
        name: 'vault'
        properties: {
          privateLinkServiceId: vault.id
          groupIds: ['vault']
        }
      }
    ]
  }
}

resource vaultEndpointDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: vaultEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [{ name: 'vault', properties: { privateDnsZoneId: vaultDns.id } }]
  }
}

// Secrets are written through Azure Resource Manager, which the vault's network rules do not block.
resource secrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for name in objectKeys(secretSettings): {
    parent: vault
    name: toLower(replace(name, '_', '-'))
    properties: {
      value: secretSettings[name]
    }
  }
]

// Key Vault Secrets User: read secret values, nothing else, on this vault only.
var keyVaultSecretsUser = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource appReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, appIdentity.id, keyVaultSecretsUser)
  properties: {
    roleDefinitionId: keyVaultSecretsUser
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: vault
  name: 'to-log-analytics'
  properties: {
    workspaceId: logs.id
    logs: [{ categoryGroup: 'audit', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

// ------------------------------------------------------------------------------------------------
// App Service
// ------------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: appInstances
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${appIdentity.id}': {}
      '${migrateIdentity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: appIdentity.id
    virtualNetworkSubnetId: appSubnetId
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/src/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // All outbound traffic through the virtual network: the database and vault resolve privately.
      vnetRouteAllEnabled: true
    }
  }
}

// FTP is not how Kansrijk is deployed; the Toolkit's ZIP deploy uses the SCM endpoint.
resource noFtp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource webAppLogs 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'logs'
  properties: {
    applicationLogs: { fileSystem: { level: 'Information' } }
    httpLogs: { fileSystem: { enabled: true, retentionInDays: 7, retentionInMb: 35 } }
  }
}

resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: webApp
  name: 'to-log-analytics'
  properties: {
    workspaceId: logs.id
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

var host = webApp.properties.defaultHostName
var postgresHost = '${postgresServerName}.postgres.database.azure.com'

// The server's configuration (src/config/config.ts), merged into what is set (modules/app-settings.bicep).
module appSettings 'modules/app-settings.bicep' = {
  name: 'kansrijk-app-settings'
  params: {
    webAppName: webApp.name
    currentSettings: list('${webApp.id}/config/appsettings', '2023-12-01').properties
    defaults: {
      DB_POOL_SIZE: string(dbPoolSize)
      LOG_LEVEL: 'info'
      JOBS_ENABLED: 'true'
    }
    enforced: union(
      {
        NODE_ENV: 'production'
        PORT: '8080'
        WEBSITES_PORT: '8080'
        // The server binds to loopback by default; App Service reaches the container from outside it.
        HOST: '0.0.0.0'
        // Exactly one proxy (App Service's front end) stands before the app and nothing else reaches
        // it, so the last X-Forwarded-For entry is the client: for the logs and the per-IP rate limit.
        TRUST_PROXY: '1'
        SCM_DO_BUILD_DURING_DEPLOYMENT: 'false' // the deploy step uploads a built tree
        AUTH_MODE: 'entra'
        PUBLIC_URL: 'https://${host}'
        ENTRA_CLIENT_ID: aadAppClientId
        ENTRA_APP_ID_URI: 'api://${host}/${aadAppClientId}'
        // The bot signs in as the app's managed identity: no bot password exists.
        BOT_ID: appIdentity.properties.clientId
        BOT_TENANT_ID: tenantId
        BOT_APP_TYPE: 'UserAssignedMSI'
        SEED_DEMO: 'false'
        DATABASE_AUTH: 'entra'
        DATABASE_URL: 'postgres://${uriComponent(appIdentity.name)}@${postgresHost}:5432/${databaseName}?sslmode=verify-full'
        DATABASE_ENTRA_CLIENT_ID: appIdentity.properties.clientId
        DATABASE_MIGRATION_URL: 'postgres://${uriComponent(migrateIdentity.name)}@${postgresHost}:5432/${databaseName}?sslmode=verify-full'
        DATABASE_MIGRATION_ENTRA_CLIENT_ID: migrateIdentity.properties.clientId
        DATABASE_APP_ROLE: appIdentity.name
        DATABASE_APP_ROLE_ENTRA_OBJECT_ID: appIdentity.properties.principalId
      },
      toObject(objectKeys(secretSettings), (name) => name, (name) => '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${toLower(replace(name, '_', '-'))})')
    )
  }
  dependsOn: [
    requireTls
    appReadsSecrets
    secrets
  ]
}

// ------------------------------------------------------------------------------------------------
// Bot
// ------------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${resourceBaseName}-bot'
  location: botLocation
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${host}/api/messages'
    msaAppId: appIdentity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: appIdentity.id
    msaAppTenantId: tenantId
    disableLocalAuth: true
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: botLocation
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

resource botDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: bot
  name: 'to-log-analytics'
  properties: {
    workspaceId: logs.id
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

// ------------------------------------------------------------------------------------------------
// Alerts (action groups and metric alert rules are global resources; they hold the alert mailbox only)
// ------------------------------------------------------------------------------------------------

resource alertGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${resourceBaseName}-alerts'
  location: 'global'
  properties: {
    groupShortName: 'kansrijk'
    enabled: true
    emailReceivers: [{ name: 'it', emailAddress: alertEmail, useCommonAlertSchema: true }]
  }
}

var alerts = [
  {
    name: 'app-unhealthy'
    description: 'Instances fail /healthz (the database does not answer, or the app does not start).'
    scope: webApp.id
    metric: 'HealthCheckStatus'
    operator: 'LessThan'
    threshold: 100
    aggregation: 'Average'
    severity: 1
    dimensions: []
  }
  {
    name: 'app-5xx'
    description: 'The API answers server errors.'
    scope: webApp.id
    metric: 'Http5xx'
    operator: 'GreaterThan'
    threshold: 10
    aggregation: 'Total'
    severity: 2
    dimensions: []
  }
  {
    name: 'postgres-down'
    description: 'PostgreSQL does not answer.'
    scope: postgres.id
    metric: 'is_db_alive'
    operator: 'LessThan'
    threshold: 1
    aggregation: 'Minimum'
    severity: 0
    dimensions: []
  }
  {
    name: 'postgres-storage'
    description: 'PostgreSQL storage above 80 % (read-only at 95 %).'
    scope: postgres.id
    metric: 'storage_percent'
    operator: 'GreaterThan'
    threshold: 80
    aggregation: 'Maximum'
    severity: 2
    dimensions: []
  }
  {
    name: 'postgres-connections'
    description: 'Connections near the server limit: raise the tier or lower DB_POOL_SIZE.'
    scope: postgres.id
    metric: 'active_connections'
    operator: 'GreaterThan'
    threshold: postgresUserConnections[postgresSkuName] * 80 / 100
    aggregation: 'Maximum'
    severity: 2
    dimensions: []
  }
  {
    name: 'bot-errors'
    description: 'The Bot Service answers Teams with server errors (the messaging endpoint fails).'
    scope: bot.id
    metric: 'RequestsTraffic'
    operator: 'GreaterThan'
    threshold: 5
    aggregation: 'Count'
    severity: 2
    dimensions: [{ name: 'StatusCodeClass', operator: 'Include', values: ['5xx'] }]
  }
]

resource metricAlerts 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for alert in alerts: {
    name: '${resourceBaseName}-${alert.name}'
    location: 'global'
    properties: {
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [alert.scope]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
        allOf: [
          {
            criterionType: 'StaticThresholdCriterion'
            name: alert.metric
            metricName: alert.metric
            operator: alert.operator
            threshold: alert.threshold
            timeAggregation: alert.aggregation
            dimensions: alert.dimensions
          }
        ]
      }
      actions: [{ actionGroupId: alertGroup.id }]
    }
  }
]

// Written to env/.env.<env> by the Toolkit's arm/deploy action.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output TAB_DOMAIN string = host
output TAB_ENDPOINT string = 'https://${host}'
// The Teams manifest's bot id: the managed identity the bot signs in as.
output BOT_ID string = appIdentity.properties.clientId
output POSTGRES_SERVER_FQDN string = postgresHost
output POSTGRES_CONNECTIONS_NEEDED int = neededConnections
output POSTGRES_CONNECTIONS_AVAILABLE int = postgresUserConnections[postgresSkuName]
