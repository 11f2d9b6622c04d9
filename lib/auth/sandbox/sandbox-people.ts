import type { Role } from "../roles";

/**
 * The people the sandbox's sign-in page offers: one per role, and a second incident lead so that a production
 * change can be requested by one lead and approved by another. Only ever created in sandbox mode.
 */
export const SANDBOX_PEOPLE: readonly { email: string; name: string; role: Role }[] = [
  { email: "vera.viewer@sandbox.dr-console.local", name: "Vera Viewer", role: "viewer" },
  { email: "rhys.responder@sandbox.dr-console.local", name: "Rhys Responder", role: "responder" },
  { email: "lena.lead@sandbox.dr-console.local", name: "Lena Lead", role: "lead" },
  { email: "lewis.lead@sandbox.dr-console.local", name: "Lewis Lead", role: "lead" },
  { email: "ada.admin@sandbox.dr-console.local", name: "Ada Admin", role: "admin" },
];
