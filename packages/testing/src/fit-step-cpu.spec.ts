import { describeFitStep } from './testing/fit-step/describe-fit-step.test-helpers.js';

// tfjs' pure-JS cpu engine against itself: every weight must come out identical.
describeFitStep('tfjs:cpu');
