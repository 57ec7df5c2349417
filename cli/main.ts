/** The `studio` command line. Each command returns its exit code. */
import { stdio, type Out } from './io';
import { compileCommand, graphCommand, schemaCommand, templateCommand, templatesCommand, validateCommand } from './workflow-commands';

type Command = (args: string[], out: Out, env: NodeJS.ProcessEnv) => number | Promise<number>;

export const COMMANDS: Record<string, { run: Command; help: string }> = {
  start: {
    run: async (args) => (await import('./start')).start(args),
    help: 'start                             the whole product on http://localhost:3000 (PORT), data in .studio/',
  },
  demo: {
    run: async (args) => (await import('./demo')).demo(args),
    help: 'demo                              play a run end to end against a running `npm start`',
  },
  validate: { run: validateCommand, help: 'validate FILE [--json]           check a workflow definition; every problem, one a line' },
  compile: { run: compileCommand, help: 'compile FILE [-o OUT] [--context F] compile a definition to Step Functions ASL (JSONata)' },
  graph: { run: graphCommand, help: 'graph FILE [-o OUT]               a Mermaid flowchart of a workflow' },
  templates: { run: templatesCommand, help: 'templates                         list the templates' },
  template: { run: templateCommand, help: 'template NAME                     print a template\'s definition' },
  schema: { run: schemaCommand, help: 'schema [-o OUT]                   the JSON Schema of the workflow format' },
  'sfn-local': {
    run: async (args) => (await import('./sfn-local')).sfnLocal(args),
    help: 'sfn-local [--port 8083] [--data DIR] [--lambdas FILE]  serve the Step Functions API locally',
  },
  'api-token': {
    run: async (args, out, env) => (await import('./api-token')).apiTokenCommand(args, out, env),
    help: 'api-token list | create [--name N] | revoke ID  manage the API tokens of a running stack (STUDIO_URL, STUDIO_API_TOKEN)',
  },
  users: {
    run: async (args, out, env) => (await import('./users')).usersCommand(args, out, env),
    help: 'users add EMAIL --role admin|analyst [--environments sandbox,live] | list | remove EMAIL  local console users',
  },
  watchlist: {
    run: async (args, out, env) => (await import('./watchlist')).watchlistCommand(args, out, env),
    help: 'watchlist import FILE... [--format F] [--out FILE|-] [--parity]  store OFAC SDN / UN lists in the running stack for the watchlist report',
  },
};

export function usage(): string {
  return ['usage: studio <command> [options]', '', ...Object.values(COMMANDS).map((c) => `  studio ${c.help}`)].join('\n');
}

export async function main(argv: string[], out: Out = stdio, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') { out.log(usage()); return name ? 0 : 2; }
  const command = COMMANDS[name];
  if (!command) { out.error(`unknown command ${name}\n${usage()}`); return 2; }
  try {
    return await command.run(args, out, env);
  } catch (e) {
    out.error((e as Error).message);
    return 2;
  }
}
