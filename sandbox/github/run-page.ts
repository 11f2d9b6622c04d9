import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { RunRecord } from "./runs/run-record";

/** The page behind a run's html_url: status, inputs, the job's steps, the step summary and the log. */
export function renderRunPage(run: RunRecord): HtmlEscapedString | Promise<HtmlEscapedString> {
  const state = run.status === "completed" ? (run.conclusion ?? "") : run.status;
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${run.workflow.name} #${run.runNumber} · ${run.owner}/${run.repo} (sandbox)</title>
    <meta http-equiv="refresh" content="${run.status === "completed" ? "600" : "3"}" />
    <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}pre{background:#f6f8fa;padding:1rem;overflow:auto;font-size:.8rem}td,th{padding:.2rem .6rem;text-align:left}</style>
  </head>
  <body>
    <p>${run.owner}/${run.repo} · sandbox GitHub</p>
    <h1>${run.workflow.name} #${run.runNumber}: ${state}</h1>
    <p>Triggered by ${run.actor} (${run.event}) on ${run.headBranch} at ${run.createdAt} (UTC)</p>
    <h2>Inputs</h2>
    <table>${Object.entries(run.inputs).map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}</table>
    <h2>Job: ${run.job.name} (${run.job.status === "completed" ? run.job.conclusion : run.job.status})</h2>
    <ol>${run.job.steps.map((s) => html`<li>${s.name}: ${s.status === "completed" ? s.conclusion : s.status}</li>`)}</ol>
    <h2>Summary</h2>
    <pre>${run.summary.join("\n")}</pre>
    <h2>Log</h2>
    <pre>${run.log.join("\n")}</pre>
  </body>
</html>`;
}
