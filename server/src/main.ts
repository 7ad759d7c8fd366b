// Node entry of the language server (dist/server.js).
import { startServer } from './start';

startServer();
