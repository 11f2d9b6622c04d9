import { handlers } from "@/lib/auth/auth";

/** Auth.js's endpoints: Microsoft Entra ID's sign-in redirect and callback (/api/auth/callback/microsoft-entra-id). */
export const { GET, POST } = handlers;
export const dynamic = "force-dynamic";
