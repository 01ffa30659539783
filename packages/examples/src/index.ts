export {
  MOVING_SQUARES_CLASSES,
  MOVING_SQUARES_RECIPE,
  movingSquares,
  movingSquaresClassifier,
} from './moving-squares.js';
export type {
  MovingSquares,
  MovingSquaresClassifierOptions,
  MovingSquaresOptions,
} from './moving-squares.js';
