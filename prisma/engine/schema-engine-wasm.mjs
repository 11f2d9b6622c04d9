#!/usr/bin/env node
// Drop-in replacement for Prisma's native `schema-engine` executable, for machines where Prisma cannot
// download it (no internet except the npm registry). prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here
// only when no native engine is installed.
//
// The Prisma CLI spawns the engine in one of two ways (see SchemaEngineCLI in node_modules/prisma/build/cli.js):
//   schema-engine [--datamodels <file>]... [--datasource <json>]       JSON-RPC 2.0 server on stdin/stdout
//   schema-engine --datasource <json> cli <can-connect-to-database|create-database|drop-database>
// and `schema-engine --version`. We keep the native engine's contract: one JSON message per line on stdout,
// logs as JSON lines on stderr ({"timestamp","level","fields","target"}), exit 101 on a panic.
//
// Every RPC method is delegated to the same engine compiled to wasm (@prisma/schema-engine-wasm), which talks to
// PostgreSQL through the @prisma/adapter-pg driver adapter. Problems of that pairing handled below (the first
// three are in /work/shared/notes/toolchain.md, "Prisma 7 without downloaded engines"):
//   1. catalog columns of type "char" (oid 18) are unknown to adapter-pg: we present them as text (oid 25);
//   2. the adapter ignores the shadow database name when configured with a connectionString: we pass discrete fields;
//   3. the adapter drops the shadow database before closing its pool: we create and drop it ourselves;
//   4. the adapter splits migration scripts at every ";" (comments, $$ bodies...): we send them whole;
//   5. evaluateDataLoss/createMigration cannot make a shadow database: we fill the engine's cache first;
//   6. the wasm engine has no `cli` commands, no createDatabase, and no `print` for `migrate diff`: done here.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';

// pg-connection-string is pg's own URL parser; it is not a direct dependency, so resolve it through pg.
const { parseIntoClientConfig } = createRequire(fileURLToPath(import.meta.resolve('pg')))('pg-connection-string');

// The wasm package's directory, and the engine commit it was built from (its version is 8.1.0-2.<git hash>),
// read without instantiating the wasm, which `--version` and the `cli` commands do not need.
const WASM_DIR = path.dirname(fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg')));
const GIT_HASH = JSON.parse(fs.readFileSync(path.join(WASM_DIR, 'package.json'), 'utf8')).version.split('.').at(-1);

// ---------------------------------------------------------------------------------------------------------------
// Logging, in the native engine's format. The CLI reads stderr line by line and JSON-parses every line (for the
// `cli` subcommands it even throws on a non-JSON line), so nothing else may ever reach stderr or stdout.

const LEVELS = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, OFF: 5 };
// Like the native engine's EnvFilter, the level comes from RUST_LOG (the CLI sets RUST_LOG=info) and defaults
// to ERROR. Only the bare level directive is honoured ("info", "debug,..."), per-target directives are ignored.
const logThreshold = (() => {
  const bare = (process.env.RUST_LOG ?? '').split(',').map((d) => d.trim().toUpperCase()).filter((d) => d in LEVELS);
  return LEVELS[bare.at(-1) ?? 'ERROR'];
})();

function writeLog(entry) {
  if ((LEVELS[entry.level] ?? LEVELS.INFO) < logThreshold) return;
  process.stderr.write(JSON.stringify({ timestamp: new Date().toISOString(), ...entry }) + '\n');
}
const log = (level, fields, target = 'schema_engine') => writeLog({ level, fields, target });

// Libraries that print (pg's SSL-mode notice goes through process.emitWarning) must not break the protocol.
process.removeAllListeners('warning');
process.on('warning', (warning) => log('WARN', { message: String(warning.message ?? warning) }));
for (const method of ['log', 'info', 'warn', 'error', 'debug']) {
  console[method] = (...args) => log(method === 'error' ? 'ERROR' : 'WARN', { message: format(...args) });
}

// A Rust panic: the native engine logs it with is_panic=true and exits with 101, which the CLI reports as a panic.
function panic(message) {
  writeLog({ level: 'ERROR', fields: { is_panic: true, message, backtrace: '' }, target: 'schema_engine' });
  process.exit(101);
}

// ---------------------------------------------------------------------------------------------------------------
// Command line, as parsed by the native engine (structopt): -d/--datamodels <FILE>..., --datasource <JSON>,
// --enabled-preview-features <list>, --extension-types <JSON>, --version, and the `cli <command>` subcommand.

function parseArgs(argv) {
  const args = { datamodels: [], datasource: {}, cli: null, version: false };
  for (let i = 0; i < argv.length; i++) {
    let [flag, value] = argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i]];
    const next = () => value ?? argv[++i];
    if (flag === '-d' || flag === '--datamodels') {
      args.datamodels.push(next());
      while (value === undefined && argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') && argv[i + 1] !== 'cli') {
        args.datamodels.push(argv[++i]); // structopt also accepts `--datamodels a b c`
      }
    } else if (flag === '--datasource') args.datasource = JSON.parse(next());
    // Preview features and extension types only matter to features the wasm engine does not take from the CLI.
    else if (flag === '--enabled-preview-features' || flag === '--extension-types') next();
    else if (flag === '-V' || flag === '--version') args.version = true;
    else if (flag === 'cli') args.cli = argv[++i] ?? '';
    else throw new Error(`Unexpected argument: ${argv[i]}`);
  }
  return args;
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL connection settings.

// Trap 2: discrete fields (host, port, user, password, database, ssl...) instead of { connectionString }, so that a
// copy of the config with another `database` really points at that database.
function pgConfig(url) {
  if (!url) throw new Error('No datasource URL: set datasource.url in prisma.config.ts.');
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('This wasm schema engine supports PostgreSQL only (a postgres:// or postgresql:// URL).');
  }
  const { schema, ...config } = parseIntoClientConfig(url);
  // Prisma's `?schema=` parameter: the native engine sets the search path to it, so that hand-written migration
  // SQL lands in that schema too; the adapter is told about it through its `schema` option.
  if (schema) config.options = `${config.options ?? ''} -c search_path="${schema}"`.trim();
  // Trap 1: see CharAsTextClient.
  return { config: { ...config, Client: CharAsTextClient }, schema };
}

// Trap 1: Postgres catalog columns of type "char" (oid 18, e.g. pg_class.relkind) are not in adapter-pg's type map,
// and the engine fails with "Column type 'char' could not be deserialized from the database". Their values are
// one-character strings, so we relabel the columns as text (oid 25) before the adapter looks at the fields.
// The adapter reads fields from Pool#query (callback form) and from PoolClient#query (promise form).
const CHAR_OID = 18;
const TEXT_OID = 25;
function charAsText(result) {
  for (const { fields } of [result].flat()) {
    for (const field of fields ?? []) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
  return result;
}
class CharAsTextClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === 'function') [values, callback] = [undefined, values];
    if (typeof callback === 'function') {
      return super.query(config, values, (error, result) => callback(error, result && charAsText(result)));
    }
    const pending = super.query(config, values);
    return typeof pending?.then === 'function' ? pending.then(charAsText) : pending;
  }
}

const quoteIdent = (name) => `"${String(name).replaceAll('"', '""')}"`;

// Run statements on one short-lived connection (CREATE/DROP DATABASE cannot run in a transaction or a pool that
// might still hold a session on the target).
async function withClient(config, work) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

// Like the native engine, create and drop databases from the `postgres` maintenance database (or template1).
async function withMaintenanceClient(config, work) {
  try {
    return await withClient({ ...config, database: 'postgres' }, work);
  } catch (error) {
    if (error.code !== '3D000') throw error;
    return withClient({ ...config, database: 'template1' }, work);
  }
}

// Turn a pg/socket error into the native engine's user-facing error (the CLI branches on P1003, for example).
function userFacingError(error, config = {}) {
  const at = `\`${config.host ?? 'localhost'}:${config.port ?? 5432}\``;
  switch (error?.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ECONNRESET':
      return { code: 'P1001', message: `Can't reach database server at ${at}\n\nPlease make sure your database server is running at ${at}.` };
    case 'ETIMEDOUT':
      return { code: 'P1002', message: `The database server at ${at} was reached but timed out.\n\nPlease try again.\n\nPlease make sure your database server is running at ${at}.` };
    case '28P01':
    case '28000':
      return { code: 'P1000', message: `Authentication failed against database server, the provided database credentials for \`${config.user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at ${at}.` };
    case '3D000':
      return { code: 'P1003', message: `Database \`${config.database}\` does not exist on the database server at ${at}.` };
    case '42P04':
      return { code: 'P1009', message: `Database \`${config.database}\` already exists on the database server at ${at}` };
    case '42501':
      return { code: 'P1010', message: `User \`${config.user}\` was denied access on the database \`${config.database}\`` };
    default:
      return { code: null, message: String(error?.message ?? error) };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// `schema-engine cli <command>`: done directly with pg, the wasm engine has no equivalent. Exit 0 on success;
// on failure, exit 1 after an ERROR line with target schema_engine::logger carrying error_code and message.

async function runCliCommand(command, url) {
  // The CLI skips the first stderr line of a `cli` run: the native engine's start-up line.
  log('INFO', { message: 'Starting schema engine CLI', git_hash: GIT_HASH });
  let config = {};
  try {
    ({ config } = pgConfig(url));
    const database = quoteIdent(config.database);
    if (command === 'can-connect-to-database') {
      await withClient(config, (client) => client.query('SELECT 1'));
      log('INFO', { message: 'Connection successful' });
    } else if (command === 'create-database') {
      await withMaintenanceClient(config, (client) => client.query(`CREATE DATABASE ${database}`));
      log('INFO', { message: `Database '${config.database}' was successfully created.` });
    } else if (command === 'drop-database') {
      await withMaintenanceClient(config, (client) => client.query(`DROP DATABASE ${database}`));
      log('INFO', { message: 'The database was successfully dropped.' });
    } else {
      throw new Error(`Unknown cli command: ${command}`);
    }
    process.exit(0);
  } catch (error) {
    const { code, message } = userFacingError(error, config);
    log('ERROR', { is_panic: false, error_code: code ?? '', message }, 'schema_engine::logger');
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The wasm engine.

async function loadWasmEngine() {
  // The package's entry does `import * as wasm from "./schema_engine_bg.wasm"`, which plain Node cannot import:
  // instantiate the module ourselves against its JS glue, as its entry would.
  globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: panic };
  const bytes = fs.readFileSync(path.join(WASM_DIR, 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': wasmBindings });
  wasmBindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return wasmBindings.SchemaEngine;
}

// adapter-pg's executeScript splits the script on every ";" and runs the pieces one by one, which breaks any
// migration with a semicolon in a comment, a string or a function body ($$ ... $$). The native engine sends the
// whole script as one simple-protocol query, where PostgreSQL parses the statements itself: do the same.
function runScriptsWhole(adapter) {
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      adapter.onError(error); // adapter-pg's own conversion into a driver adapter error (it throws)
    }
  };
  return adapter;
}

const connectAdapter = async (config, options) => runScriptsWhole(await new PrismaPg(config, options).connect());

// adapter-pg's factory, with whole scripts (above) and the shadow database handled by us (trap 3). The engine
// calls connectToShadowDb() in `migrate dev` & co. and dispose()s the returned adapter when done.
class PgFactory extends PrismaPg {
  constructor(config, options, shadowDatabaseUrl) {
    super(config, options);
    this.shadowDatabaseUrl = shadowDatabaseUrl;
  }

  async connect() {
    return runScriptsWhole(await super.connect());
  }

  async connectToShadowDb() {
    if (this.shadowDatabaseUrl) {
      // A shadow database given in prisma.config.ts: like the native engine, use it as is after emptying it.
      const { config, schema = 'public' } = pgConfig(this.shadowDatabaseUrl);
      await withClient(config, (client) =>
        client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE; CREATE SCHEMA ${quoteIdent(schema)}`),
      );
      return connectAdapter(config, schema === 'public' ? undefined : { schema });
    }
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await withClient(this.config, (client) => client.query(`CREATE DATABASE ${quoteIdent(database)}`));
    const adapter = await connectAdapter({ ...this.config, database }, this.options);
    const closePool = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await closePool(); // first close every connection to the shadow database...
      await withClient(this.config, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}`));
    };
    return adapter;
  }
}

// The native engine's JSON-RPC error shapes (code 4466, details in `data`).
function rpcError(error) {
  const data = error.code
    ? { is_panic: false, message: error.message, meta: error.meta ?? null, error_code: error.code }
    : { is_panic: false, message: String(error?.message ?? error), backtrace: null };
  return { code: 4466, message: 'An error happened. Check the data field for details.', data };
}

async function runRpcServer({ datamodels, datasource }) {
  // Like the native engine, read the schema files once at start-up (a missing file is a panic there too).
  let schemaFiles;
  try {
    schemaFiles = datamodels.length ? datamodels.map((file) => [file, fs.readFileSync(file, 'utf8')]) : undefined;
  } catch (error) {
    panic(`Error opening datamodel file: ${error.message}`);
  }
  const SchemaEngine = await loadWasmEngine();
  log('INFO', { message: 'Starting schema engine RPC server', git_hash: GIT_HASH });

  // The wasm engine connects when it is created, the native one on first use (so that, for example, the CLI can
  // still ask it for things before the database exists): create it on the first request that needs it.
  let engine = null;
  async function getEngine() {
    if (engine) return engine;
    const { config, schema } = pgConfig(datasource.url);
    const factory = new PgFactory(config, schema ? { schema } : undefined, datasource.shadowDatabaseUrl);
    try {
      engine = await SchemaEngine.new({ datamodels: schemaFiles }, forwardLog, bindMigrationAwareSqlAdapterFactory(factory));
      return engine;
    } catch (error) {
      // Its connection errors carry no Prisma error code (P1001, P1003...): connect with pg to find the code.
      const known = await withClient(config, (client) => client.query('SELECT 1')).then(
        () => null,
        (pgError) => userFacingError(pgError, config),
      );
      throw known?.code ? Object.assign(new Error(known.message), { code: known.code }) : error;
    }
  }

  // The wasm engine logs the native engine's JSON lines, minus the timestamp.
  function forwardLog(line) {
    try {
      writeLog(JSON.parse(line));
    } catch {
      log('INFO', { message: String(line) });
    }
  }

  // Requests from the engine to the CLI (only `print`) and their pending answers.
  let nextOwnId = 1;
  const pendingAnswers = new Map();
  const send = (message) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...message }) + '\n');
  const askCli = (method, params) =>
    new Promise((resolve) => {
      const id = `schema-engine-wasm-${nextOwnId++}`;
      pendingAnswers.set(id, resolve);
      send({ id, method, params });
    });

  const methods = {
    // RPC names that differ from the wasm method names, or that the wasm engine does not have.
    getDatabaseVersion: async (params) => (await getEngine()).version(params),
    createDatabase: async ({ datasource: target } = {}) => {
      const { config } = pgConfig(target?.tag === 'ConnectionString' ? target.url : datasource.url);
      try {
        await withMaintenanceClient(config, (client) => client.query(`CREATE DATABASE ${quoteIdent(config.database)}`));
      } catch (error) {
        const { code, message } = userFacingError(error, config);
        throw Object.assign(new Error(message), code ? { code } : {});
      }
      return { databaseName: config.database };
    },
    // The native engine prints `migrate diff` output through a `print` request to the CLI; the wasm engine
    // returns it instead, so print it the native way (the CLI only captures it for --output that way).
    diff: async (params) => {
      const result = await (await getEngine()).diff(params);
      if (result.stdout) await askCli('print', { content: result.stdout.replace(/\n$/, '') });
      return { ...result, stdout: null };
    },
  };
  // evaluateDataLoss and createMigration need the schema that the migration history produces. The wasm engine
  // computes it on a shadow database only in diagnoseMigrationHistory/devDiagnostic (for the migrations applied
  // at that moment) and caches it per list of migrations; the two methods read that cache but cannot make a
  // shadow database themselves ("PostgreSQL shadow DB must be provided through an external factory"). In
  // `migrate dev` with not-yet-applied migrations in the folder, the CLI applies them after devDiagnostic, so the
  // cache misses. Fill it for the current list (now all applied) and try again.
  const needsHistorySchema = (name) => async (params) => {
    const engine = await getEngine();
    try {
      return await engine[name](params);
    } catch (error) {
      if (!/shadow DB must be provided through an external factory/.test(error?.message)) throw error;
      const { migrationsList, filters } = params;
      await engine.diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true });
      return engine[name](params);
    }
  };
  methods.evaluateDataLoss = needsHistorySchema('evaluateDataLoss');
  methods.createMigration = needsHistorySchema('createMigration');

  const wasmMethods = ['applyMigrations', 'dbExecute', 'debugPanic', 'devDiagnostic', 'diagnoseMigrationHistory',
    'ensureConnectionValidity', 'introspect', 'introspectSql', 'markMigrationApplied', 'markMigrationRolledBack',
    'reset', 'schemaPush'];
  for (const name of wasmMethods) methods[name] = async (params) => (await getEngine())[name](params);

  async function handleRequest({ id, method, params }) {
    if (!Object.hasOwn(methods, method)) {
      return send({ id, error: { code: -32601, message: 'Method not found' } });
    }
    try {
      // Methods without a result (reset, dbExecute...) must still answer `"result": null`, or the CLI complains.
      send({ id, result: (await methods[method](params)) ?? null });
    } catch (error) {
      send({ id, error: rpcError(error) });
    }
  }

  // One request at a time: the wasm engine is a single `&mut self` and rejects re-entrant calls.
  let queue = Promise.resolve();
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return send({ id: null, error: { code: -32700, message: 'Parse error' } });
    }
    if (message.method === undefined) {
      // An answer to one of our own requests.
      pendingAnswers.get(message.id)?.(message.result);
      pendingAnswers.delete(message.id);
    } else if (message.id !== undefined) {
      queue = queue.then(() => handleRequest(message));
    } // else: a notification, nothing to answer.
  });

  // The CLI ends stdin when it is done (and sends SIGTERM right after). Finish the request in flight, then exit:
  // the adapter's pg pools would otherwise keep the process alive.
  const shutdown = () => {
    const deadline = setTimeout(() => process.exit(0), 4000); // the native engine's graceful-shutdown timeout
    queue.finally(() => {
      clearTimeout(deadline);
      process.exit(0);
    });
  };
  lines.on('close', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

// ---------------------------------------------------------------------------------------------------------------

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  log('ERROR', { message: error.message });
  process.exit(1);
}

if (args.version) {
  process.stdout.write(`schema-engine-wasm ${GIT_HASH}\n`);
} else if (args.cli !== null) {
  await runCliCommand(args.cli, args.datasource.url);
} else {
  await runRpcServer(args);
}
