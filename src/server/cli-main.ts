// The pulso-serve program (bin/pulso-serve.mjs runs it): reads the command line, serves,
// prints where, and stops cleanly on Ctrl-C or SIGTERM. A command line it cannot serve
// exits 2 with the reason and the usage; a failure to start (a port in use) exits 1.
import { isPublic, parseServeArgs, serve, USAGE, UsageError } from './cli.js';
import type { Serving } from './cli.js';
import { openSource } from './cli-sources.js';

export async function main(argv: readonly string[]): Promise<number> {
  let serving: Serving;
  try {
    const options = parseServeArgs(argv);
    if (options === 'help') {
      console.log(USAGE);
      return 0;
    }
    if (options.source.kind === 'demo') console.log(`pulso-serve: generating the demo health plan (${options.source.customers} customers)…`);
    serving = await serve(options, openSource);
    if (isPublic(options.host)) console.warn(`pulso-serve: listening on ${options.host}, beyond this machine, with no authorization: anyone who reaches it reads every aggregate. Put it behind your own gateway, or embed createHandler with authorize.`);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`pulso-serve: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`pulso-serve: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  // The line a script or test waits for: the API's address.
  console.log(`pulso-serve: serving ${serving.source.id} at ${serving.url}`);
  await new Promise<void>((ok) => {
    process.once('SIGINT', ok);
    process.once('SIGTERM', ok);
  });
  await serving.close();
  return 0;
}
