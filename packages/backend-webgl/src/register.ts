import { registerBackend } from '@framewise/core';
import { webglBackend } from './lib/webgl-backend.js';

registerBackend(webglBackend);
