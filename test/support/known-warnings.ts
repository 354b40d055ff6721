/**
 * Loaded into every test process by test/run.ts (NODE_OPTIONS=--require): the same warning filter as the
 * CLI's (core/node-warnings.ts), so a test that drives kafkajs directly does not print its harmless one.
 */
import { printWarningsExceptKnownHarmless } from '../../core/node-warnings';

printWarningsExceptKnownHarmless();
