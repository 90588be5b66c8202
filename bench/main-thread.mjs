// The page's main-thread tasks, traced by DevTools, with the CPU time of each: on a
// shared machine the OS parks the page now and then, so a task's wall-clock time grows
// with the load, while its CPU time (the trace's `tdur`) is the work itself. Given to
// bench pages by bench/browser.mjs (`mainThread: true`) as two functions:
//   await __mainThreadStart()          starts a trace (resolves once tracing runs)
//   await __mainThreadStop()           stops it: { tasks, cpuMs, longest: { wallMs, cpuMs }, long: [{ wallMs, cpuMs }] }
// `long` lists the tasks of 50 ms or more (wall, as the Long Tasks API counts them) or
// of 50 ms or more CPU; `cpuMs` sums every task's CPU time.

/** Top-level tasks of the busiest renderer main thread, each as { ts, wallMs, cpuMs }. */
function rendererTasks(events) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask') continue;
    const key = `${e.pid}:${e.tid}`;
    if (names.get(key) !== 'CrRendererMain') continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push({ ts: e.ts, end: e.ts + (e.dur ?? 0), wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 });
  }
  let busiest = [];
  for (const tasks of byThread.values())
    if (tasks.reduce((a, t) => a + t.cpuMs, 0) > busiest.reduce((a, t) => a + t.cpuMs, 0)) busiest = tasks;
  // A task run inside another (a nested run loop) is already in its parent's time.
  busiest.sort((a, b) => a.ts - b.ts);
  const top = [];
  for (const t of busiest) if (!top.length || t.ts >= top[top.length - 1].end) top.push(t);
  return top;
}

export function summarize(events) {
  const tasks = rendererTasks(events);
  const longest = { wallMs: 0, cpuMs: 0 };
  for (const t of tasks) {
    longest.wallMs = Math.max(longest.wallMs, t.wallMs);
    longest.cpuMs = Math.max(longest.cpuMs, t.cpuMs);
  }
  return {
    tasks: tasks.length,
    cpuMs: tasks.reduce((a, t) => a + t.cpuMs, 0),
    longest,
    long: tasks.filter((t) => t.wallMs >= 50 || t.cpuMs >= 50).map(({ wallMs, cpuMs }) => ({ wallMs, cpuMs })),
  };
}

/** Gives the page `__mainThreadStart` and `__mainThreadStop` (see the header). */
export async function exposeMainThread(tab) {
  await tab.exposeFunction('__mainThreadStart', async () => {
    await tab.tracing.start({ categories: ['toplevel'] });
  });
  await tab.exposeFunction('__mainThreadStop', async () => {
    const buffer = await tab.tracing.stop();
    return summarize(JSON.parse(Buffer.from(buffer).toString('utf8')).traceEvents);
  });
}
