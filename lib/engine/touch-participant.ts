import type { Actor } from "../audit/actor";
import type { Prisma } from "../generated/prisma/client";

/** Records that someone took part in an incident (first and latest action). */
export async function touchParticipant(tx: Prisma.TransactionClient, options: { incidentId: string; actor: Actor }): Promise<void> {
  const now = new Date();
  await tx.incidentParticipant.upsert({
    where: { incidentId_actorId: { incidentId: options.incidentId, actorId: options.actor.id } },
    create: { incidentId: options.incidentId, actorId: options.actor.id, actorName: options.actor.name, role: options.actor.role, firstActionAt: now, lastActionAt: now },
    update: { actorName: options.actor.name, role: options.actor.role, lastActionAt: now },
  });
}
