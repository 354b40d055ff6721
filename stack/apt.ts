/** Installs missing Debian packages with apt-get (as root), for the servers and tools the project runs. */
import { StackError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { RunCommand } from './command';

export async function installDebianPackages({
  packages,
  purpose,
  run,
  logger,
}: {
  readonly packages: readonly string[];
  /** What needs them, for the messages: "the FTP server", "the browser test". */
  readonly purpose: string;
  readonly run: RunCommand;
  readonly logger: Logger;
}): Promise<void> {
  if (packages.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new StackError(`${purpose} needs the Debian packages ${packages.join(', ')}: install them as root`);
  }
  logger.info('installing Debian packages (apt-get)', { purpose, packages });
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { env });
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env });
}
