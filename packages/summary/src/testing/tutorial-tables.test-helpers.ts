/**
 * Keras 2.2's summaries of the two models of the tutorial "[Keras] Understanding and using
 * TimeDistributed", as Keras printed them (rows padded to 65 columns).
 */

// Keras 2.2's recorded output for the tutorial's Conv2D model, trailing spaces included.
export const TUTORIAL_CONV2D = [
  '_________________________________________________________________',
  'Layer (type)                 Output Shape              Param #   ',
  '=================================================================',
  'input_1 (InputLayer)         (None, 12, 32, 32, 3)     0         ',
  '_________________________________________________________________',
  'time_distributed_1 (TimeDist (None, 12, 32, 32, 32)    896       ',
  '=================================================================',
  'Total params: 896',
  'Trainable params: 896',
  'Non-trainable params: 0',
  '_________________________________________________________________',
];

// The tutorial's Dense model, by the same rules (90 = 8×10 + 10).
export const TUTORIAL_DENSE = [
  '_________________________________________________________________',
  'Layer (type)                 Output Shape              Param #   ',
  '=================================================================',
  'input_1 (InputLayer)         (None, 12, 8)             0         ',
  '_________________________________________________________________',
  'time_distributed_1 (TimeDist (None, 12, 10)            90        ',
  '=================================================================',
  'Total params: 90',
  'Trainable params: 90',
  'Non-trainable params: 0',
  '_________________________________________________________________',
];
