import type { HttpBindings } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { UnknownServiceError } from "@/lib/catalogue/catalogue";
import type { AzureSandbox } from "../azure/start-azure";
import { serverResourceId } from "../azure/state";
import type { Faults, OperationCounters, StandIn } from "../faults";
import { damageRows, deleteServerAsPortal, DisasterRefusedError, dropTable, type DisasterRecord } from "./disasters";
import type { SandboxEndpoints } from "./endpoints";

/**
 * The sandbox's control API (HTTP on 127.0.0.1, JSON): what tests, the CLI and the sandbox page use to
 * cause disasters, switch faults on and off, read operation counters and reset everything. Documented in
 * sandbox/README.md.
 */

export interface ControlAppOptions {
  azure: AzureSandbox;
  faults: Faults;
  counters: OperationCounters;
  endpoints: () => SandboxEndpoints | undefined;
  reset: () => Promise<void>;
}

const STAND_INS = ["arm", "github", "kubernetes", "services"] as const satisfies readonly StandIn[];

const target = z.object({ service: z.string().default("aytq"), environment: z.enum(["test", "preprod", "production"]) });
const deleteServerBody = target.extend({ deletedAt: z.iso.datetime({ offset: true }).optional(), caller: z.string().min(1).optional() });
const tableBody = target.extend({ table: z.string().regex(/^[a-z_][a-z0-9_]*$/, "a table name such as teachers") });
const rowsBody = tableBody.extend({ count: z.number().int().min(1).max(10_000).default(5) });
const counted = z.object({ count: z.number().int().min(0) });
const faultSettings = z
  .object({
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    tooManyRequests: counted.extend({ retryAfterSeconds: z.number().int().min(0).max(600).default(1) }).optional(),
    serverError: counted.optional(),
    connectionReset: counted.optional(),
    asyncOperationFails: counted.optional(),
    asyncOperationHangs: counted.optional(),
    pathPattern: z
      .string()
      .refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, "a valid regular expression")
      .optional(),
  })
  .strict();

type Ctx = Context<{ Bindings: HttpBindings }>;

function problem(c: Ctx, status: 400 | 404 | 409 | 500, code: string, message: string, details?: unknown): Response {
  return c.json({ error: { code, message, ...(details ? { details } : {}) } }, status);
}

async function body<T extends z.ZodType>(c: Ctx, schema: T): Promise<z.infer<T>> {
  let raw: unknown = {};
  const text = await c.req.text();
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new BadInput("The body is not valid JSON.");
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new BadInput("The body is not valid.", z.treeifyError(parsed.error));
  return parsed.data;
}

class BadInput extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "BadInput";
  }
}

export function createControlApp(options: ControlAppOptions): Hono<{ Bindings: HttpBindings }> {
  const { azure, faults, counters } = options;
  const app = new Hono<{ Bindings: HttpBindings }>();
  const disasters: DisasterRecord[] = [];

  app.onError((error, c) => {
    if (error instanceof BadInput) return problem(c, 400, "BadInput", error.message, error.details);
    if (error instanceof DisasterRefusedError) return problem(c, error.status, "Refused", error.message);
    if (error instanceof UnknownServiceError) return problem(c, 404, "UnknownService", error.message);
    return problem(c, 500, "InternalError", error instanceof Error ? error.message : String(error));
  });

  app.get("/", (c) =>
    c.json({
      description: "DR console sandbox control API. See sandbox/README.md.",
      routes: [
        "GET /endpoints",
        "GET /state",
        "GET /servers/:name/database-url",
        "POST /disasters/delete-server {environment, service?, deletedAt?, caller?}",
        "POST /disasters/drop-table {environment, service?, table}",
        "POST /disasters/corrupt-rows {environment, service?, table, count?}",
        "POST /disasters/delete-rows {environment, service?, table, count?}",
        "GET /disasters",
        "GET /faults",
        "PUT /faults/:standIn {latencyMs?, tooManyRequests?, serverError?, connectionReset?, asyncOperationFails?, asyncOperationHangs?, pathPattern?}",
        "DELETE /faults/:standIn",
        "DELETE /faults",
        "GET /counters",
        "DELETE /counters",
        "POST /reset",
      ],
    }),
  );

  app.get("/endpoints", (c) => {
    const endpoints = options.endpoints();
    return endpoints ? c.json(endpoints) : problem(c, 404, "NotReady", "The sandbox is still starting.");
  });

  app.get("/state", (c) => {
    const data = azure.state.data;
    return c.json({
      servers: data.servers.map((s) => ({
        name: s.name,
        resourceId: serverResourceId(s),
        state: s.state,
        createMode: s.createMode,
        createdAt: s.createdAt,
        environment: s.environment ?? null,
        pointInTimeUTC: s.pointInTimeUTC ?? null,
      })),
      dropped: data.dropped.map((d) => ({ name: d.server.name, resourceId: serverResourceId(d.server), deletedAt: d.deletedAt })),
      operations: data.operations.map((o) => ({ id: o.id, kind: o.kind, server: o.serverName, status: o.status, startTime: o.startTime, endTime: o.endTime ?? null, outcome: o.outcome, error: o.error ?? null })),
      diagnosticSettings: data.diagnosticSettings.map((d) => ({ resourceId: d.resourceId, name: d.name })),
      disasters,
    });
  });

  app.get("/servers/:name/database-url", async (c) => {
    const url = await azure.serverDatabaseUrl(c.req.param("name"));
    return url ? c.json({ url }) : problem(c, 404, "NotAvailable", `Server ${c.req.param("name")} does not exist or is not Ready.`);
  });

  app.post("/disasters/delete-server", async (c) => {
    const input = await body(c, deleteServerBody);
    const record = await deleteServerAsPortal({ azure, service: input.service, environment: input.environment, deletedAt: input.deletedAt ? new Date(input.deletedAt) : undefined, caller: input.caller });
    disasters.push(record);
    return c.json(record, 202);
  });

  app.post("/disasters/drop-table", async (c) => {
    const input = await body(c, tableBody);
    const record = await dropTable({ azure, ...input });
    disasters.push(record);
    return c.json(record);
  });

  app.post("/disasters/corrupt-rows", async (c) => {
    const input = await body(c, rowsBody);
    const record = await damageRows({ azure, ...input, corrupt: true });
    disasters.push(record);
    return c.json(record);
  });

  app.post("/disasters/delete-rows", async (c) => {
    const input = await body(c, rowsBody);
    const record = await damageRows({ azure, ...input, corrupt: false });
    disasters.push(record);
    return c.json(record);
  });

  app.get("/disasters", (c) => c.json({ value: disasters }));

  const standIn = (c: Ctx): StandIn => {
    const name = c.req.param("standIn");
    if (!(STAND_INS as readonly string[]).includes(name ?? "")) throw new BadInput(`Unknown stand-in "${name}": one of ${STAND_INS.join(", ")}.`);
    return name as StandIn;
  };

  app.get("/faults", (c) => c.json(faults.all()));
  app.put("/faults/:standIn", async (c) => {
    const which = standIn(c);
    faults.set(which, await body(c, faultSettings));
    return c.json({ [which]: faults.get(which) });
  });
  app.delete("/faults/:standIn", (c) => {
    faults.clear(standIn(c));
    return c.body(null, 204);
  });
  app.delete("/faults", (c) => {
    faults.clear();
    return c.body(null, 204);
  });

  app.get("/counters", (c) => c.json(counters.all()));
  app.delete("/counters", (c) => {
    counters.reset();
    return c.body(null, 204);
  });

  app.post("/reset", async (c) => {
    await options.reset();
    disasters.length = 0;
    return c.json({ reset: true, at: new Date().toISOString() });
  });

  return app;
}
