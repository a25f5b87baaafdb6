/** The server package's one public entry, for tests, benchmarks and embedders. */
export { startServer } from './server.ts';
export type { ServerConfig, RunningServer } from './server.ts';
export { createApp } from './app.ts';
export type { AppDeps } from './app.ts';
export { SqliteStore } from './storage/SqliteStore.ts';
export { PostgresStore } from './storage/PostgresStore.ts';
export type { PostgresStoreOptions } from './storage/PostgresStore.ts';
export { migratePostgres, POSTGRES_MIGRATIONS, SchemaTooNewError } from './storage/postgresMigrations.ts';
export { EmailTakenError } from './storage/Store.ts';
export type { ThrottleBucket, ThrottleStore, ThrottleTake } from './storage/ThrottleStore.ts';
export type {
  Store,
  DocumentStore,
  AccountStore,
  MemberStore,
  CommentStore,
  LastOwnerRefusal,
  MapRecord,
  StoredDoc,
  StoredUpdate,
  UpdateEntry,
} from './storage/Store.ts';
export { RoomManager } from './collab/RoomManager.ts';
export { consoleLogger, silentLogger } from './logger.ts';
export type { Logger } from './logger.ts';
export type { Clock } from './clock.ts';
export { issueApiToken } from './auth/apiTokens.ts';
export { createMapServices } from './mapServices.ts';
export type { MapServices, MapServicesOptions } from './mapServices.ts';
export { checkpointText } from './history/MapHistory.ts';
export type { MapHistory } from './history/MapHistory.ts';
