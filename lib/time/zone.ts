/** UK local time: GMT in winter, BST (UTC+1) in summer. Every time a person reads is shown in it beside UTC. */
export const UK_ZONE = "Europe/London";
/** en-GB makes luxon name the UK offsets "GMT" and "BST" (en-US would say "GMT+1"). */
export const UK_LOCALE = "en-GB";
