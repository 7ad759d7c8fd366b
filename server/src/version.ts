import { version } from '../../package.json';

/** The package's version, inlined by the bundler. */
export const VERSION: string = version;
