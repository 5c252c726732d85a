// Kansrijk on Azure: one Linux App Service (Node 22 LTS) serving the API, the tabs and the bot
// endpoint; Azure Database for PostgreSQL Flexible Server; the Azure Bot with its Teams channel.
// Deployed by `teamsapp provision` (teamsapp.yml), or by hand:
//   az deployment group create -g <rg> -f infra/azure.bicep -p infra/azure.parameters.json ...
// See docs/deploy.md.

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name; web app and database names must be unique in Azure.')
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan SKU (B1 for one municipality; P0v3 or higher for more load).')
param appServiceSku string = 'B1'

@description('PostgreSQL compute, e.g. Standard_B1ms (Burstable) or Standard_D2ds_v5 (GeneralPurpose).')
param postgresSkuName string = 'Standard_B1ms'

@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param postgresTier string = 'Burstable'

@allowed(['16', '17'])
param postgresVersion string = '16'

param postgresAdminLogin string = 'kansrijkadmin'

@secure()
@minLength(16)
@description('Password of the PostgreSQL administrator (SECRET_POSTGRES_ADMIN_PASSWORD in env/.env.<env>.user).')
param postgresAdminPassword string

@description('Days of automatic PostgreSQL backups (point-in-time restore window), 7 to 35.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 14

@description('Client id of the Kansrijk Entra app (SSO and Microsoft Graph).')
param aadAppClientId string

@secure()
param aadAppClientSecret string

@description('The Entra tenant of the municipality; the bot is single-tenant in it.')
param tenantId string

@description('Client id of the bot\'s Entra app.')
param botId string

@secure()
param botPassword string

@maxLength(42)
param botDisplayName string = 'Kansrijk'

@allowed(['F0', 'S1'])
@description('Teams is a standard channel: F0 carries it at no cost.')
param botServiceSku string = 'F0'

var webAppName = resourceBaseName
var postgresServerName = '${resourceBaseName}-pg'
var databaseName = 'kansrijk'

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/src/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresServerName
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresTier
  }
  properties: {
    version: postgresVersion
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
    storage: {
      storageSizeGB: 32
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

// 0.0.0.0–0.0.0.0 is Azure's convention for "allow Azure services", which lets the App Service
// reach the server without a virtual network. The password and TLS still protect it.
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// On by default, set explicitly so that nobody turns TLS off unnoticed. Deployed after the
// database and firewall rule because the server accepts one change at a time.
resource requireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'require_secure_transport'
  properties: {
    value: 'on'
    source: 'user-override'
  }
  dependsOn: [
    database
    allowAzureServices
  ]
}

var host = webApp.properties.defaultHostName

// The server's configuration (src/config/config.ts), set once the host name is known.
resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: {
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
    DATABASE_URL: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'
    PUBLIC_URL: 'https://${host}'
    ENTRA_CLIENT_ID: aadAppClientId
    ENTRA_CLIENT_SECRET: aadAppClientSecret
    ENTRA_APP_ID_URI: 'api://${host}/${aadAppClientId}'
    BOT_ID: botId
    BOT_PASSWORD: botPassword
    BOT_TENANT_ID: tenantId
    BOT_APP_TYPE: 'SingleTenant'
    SEED_DEMO: 'false'
  }
  dependsOn: [
    requireTls
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${resourceBaseName}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${host}/api/messages'
    msaAppId: botId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Written to env/.env.<env> by the Toolkit's arm/deploy action.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output TAB_DOMAIN string = host
output TAB_ENDPOINT string = 'https://${host}'
output POSTGRES_SERVER_FQDN string = postgres.properties.fullyQualifiedDomainName
