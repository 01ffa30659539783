import { registerBackend } from '@framewise/core';
import { cpuBackend } from './lib/cpu-backend.js';

registerBackend(cpuBackend);
