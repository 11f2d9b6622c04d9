import { getBoss } from "./boss";
import { OPERATION_TICK_QUEUE, type OperationTickJob } from "./queues";

/**
 * Asks a worker to take the next step of an operation (send, poll or verify), now or after `delaySeconds`.
 * At most one tick is queued per operation (queue policy `short` + singletonKey): a second request while one is
 * queued is dropped, which is what we want.
 */
export async function enqueueOperationTick(options: { operationId: string; delaySeconds?: number }): Promise<void> {
  const boss = await getBoss();
  const data: OperationTickJob = { operationId: options.operationId };
  const delay = options.delaySeconds ?? 0;
  await boss.send(OPERATION_TICK_QUEUE, data, {
    singletonKey: options.operationId,
    ...(delay > 0 ? { startAfter: new Date(Date.now() + delay * 1000) } : {}),
  });
}
