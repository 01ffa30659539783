export * from './base.js';
import './register.js';
