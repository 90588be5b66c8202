// The page's main-thread tasks, traced by DevTools, with the CPU time of each: on a
// shared machine the OS parks the page now and then, so a task's wall-clock time grows
// with the load, while its CPU time (the trace's `tdur`) is the work itself. Given to
// bench pages by bench/browser.mjs (`mainThread: true`) as two functions:
//   await __mainThreadStart()          starts a trace (resolves once tracing runs)
//   await __mainThreadStop()           stops it: { tasks, cpuMs, longest: { wallMs, cpuMs }, long: [{ wallMs, cpuMs }] }
// `long` lists the tasks of 50 ms or more (wall, as the Long Tasks API counts them) or
// of 50 ms or more CPU; `cpuMs` sums every task's CPU time.

/**
 * A thread's top-level tasks, each as { ts, end, wallMs, cpuMs }. The microtask checkpoint of
 * a `scheduler.yield()` continuation or a `scheduler.postTask` callback is traced just AFTER
 * its `ThreadControllerImpl::RunTask` event, not inside it: the work that follows such a yield
 * (a widget's render) would count in no task. A checkpoint that begins within 1 ms of a task's
 * end, outside any task, is that task's; one further away, a task of its own (a module's import
 * resolved). The Long Tasks API misses these too (bench/RESULTS.md, "Long tasks at 1M (h14task)").
 */
export function threadTasks(events, thread) {
  const own = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === thread);
  const runs = own.filter((e) => e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  // A task run inside another (a nested run loop) is already in its parent's time.
  const top = [];
  for (const e of runs) {
    const end = e.ts + (e.dur ?? 0);
    if (!top.length || e.ts >= top[top.length - 1].end) top.push({ ts: e.ts, end, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 });
  }
  const checkpoints = own.filter((e) => e.name === 'BlinkScheduler_PerformMicrotaskCheckpoint').sort((a, b) => a.ts - b.ts);
  const alone = [];
  let i = 0;
  for (const c of checkpoints) {
    while (i + 1 < top.length && top[i + 1].ts <= c.ts) i++;
    const t = top[i];
    if (t && c.ts >= t.ts && c.ts < t.end) continue;
    if (t && c.ts >= t.end && c.ts - t.end <= 1000) {
      t.end = c.ts + (c.dur ?? 0);
      t.wallMs = (t.end - t.ts) / 1000;
      t.cpuMs += (c.tdur ?? 0) / 1000;
    } else alone.push({ ts: c.ts, end: c.ts + (c.dur ?? 0), wallMs: (c.dur ?? 0) / 1000, cpuMs: (c.tdur ?? 0) / 1000 });
  }
  return [...top, ...alone].sort((a, b) => a.ts - b.ts);
}

/** Top-level tasks of the busiest renderer main thread, each as { ts, end, wallMs, cpuMs }. */
function rendererTasks(events) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  let busiest = [];
  for (const [thread, name] of names) {
    if (name !== 'CrRendererMain') continue;
    const tasks = threadTasks(events, thread);
    if (tasks.reduce((a, t) => a + t.cpuMs, 0) > busiest.reduce((a, t) => a + t.cpuMs, 0)) busiest = tasks;
  }
  return busiest;
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
