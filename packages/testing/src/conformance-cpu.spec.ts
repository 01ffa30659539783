import { describeConformance } from './jest.js';

// tfjs' pure-JS cpu engine against itself: the tolerance is 0, every value must be identical.
describeConformance('tfjs:cpu');
