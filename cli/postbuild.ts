/** Makes the compiled CLI executable, so `npm link` and package `bin` work. */
import { chmodSync } from 'node:fs';
import path from 'node:path';

chmodSync(path.join(__dirname, 'main.js'), 0o755);
