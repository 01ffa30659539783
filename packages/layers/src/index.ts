export * from './base.js';
import './register-all.js';
