// Run as a child process by save-signals.spec.ts. A SIGTERM reaches the process during a
// save's last step: Node takes it at once but hands it to JavaScript only on the next turn
// of the event loop, after the save has ended. The process must still end by that signal.
import fs from 'node:fs';
import { beginSave, endSave, type SaveInFlight } from '../save-signals.js';

const save: SaveInFlight = { id: 'last-step', temps: [], interrupted: undefined };
beginSave(fs, save);
process.kill(process.pid, 'SIGTERM');
endSave(save);
setTimeout(() => {
  process.stdout.write('still running\n');
  process.exit(0);
}, 2000);
