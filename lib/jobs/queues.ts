/** Queue names, in one place. */
export const OPERATION_TICK_QUEUE = "dr-operation-tick";

export interface OperationTickJob {
  operationId: string;
}
