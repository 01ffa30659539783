export {
  activationChangesShape,
  activationNames,
  fusedActivation,
  getActivation,
  normaliseActivation,
} from './lib/activations.js';
export type {
  ActivationIdentifier,
  FusedActivation,
  NormaliseActivationOptions,
} from './lib/activations.js';
export { at, entry, required, singletonOrArray } from './lib/checked.js';
export {
  BackendMismatchError,
  BackendUnavailableError,
  ConfigError,
  DisposedError,
  DuplicateRegistrationError,
  FramewiseError,
  InternalError,
  ShapeError,
  StreamError,
  UnknownLayerError,
} from './lib/errors.js';
export { getInitializer, serializeInitializer } from './lib/initializers.js';
export type {
  Initializer,
  InitializerIdentifier,
  SerializedInitializer,
} from './lib/initializers.js';
export { input, InputLayer, inputLayerPlugin } from './lib/input-layer.js';
export type { InputOptions } from './lib/input-layer.js';
export { checkInputSpec } from './lib/input-spec.js';
export type { InputSpec } from './lib/input-spec.js';
export { fromKerasConfig, toKerasConfig } from './lib/keras-config.js';
export { assertLayer, computesOwnMask, isShapeList, Layer } from './lib/layer.js';
export type {
  CallOptions,
  LayerClass,
  LayerOptions,
  Masks,
  Shapes,
  StepLayout,
  StreamStepResult,
  StreamSupport,
  Tensors,
  WeightExtras,
} from './lib/layer.js';
export { LayerVariable } from './lib/layer-variable.js';
export { withWeightGuard } from './lib/weight-guard.js';
export type { WeightGuard } from './lib/weight-guard.js';
export { Model, model } from './lib/model.js';
export type { ModelOptions, PredictOptions } from './lib/model.js';
export { resetNames } from './lib/names.js';
export { Node } from './lib/node.js';
export {
  deserializeLayer,
  getLayerPlugin,
  registeredLayers,
  registerLayer,
  serializeLayer,
  unregisterLayer,
} from './lib/registry.js';
export type { LayerPlugin, SerializedLayer } from './lib/registry.js';
export { Sequential, sequential } from './lib/sequential.js';
export type { SequentialOptions } from './lib/sequential.js';
export { checkShape, formatShape, shapesCompatible, sizeOf } from './lib/shape.js';
export type { Shape } from './lib/shape.js';
export { isSymbolic, SymbolicTensor } from './lib/symbolic-tensor.js';
export { TimeDistributed, timeDistributed } from './lib/time-distributed/time-distributed.js';
export type {
  TimeDistributedOptions,
  TimeDistributedStrategy,
} from './lib/time-distributed/time-distributed.js';
import './lib/register-core.js';
export type { BackendAdapter, BackendProbe } from './lib/backends/adapter.js';
export {
  findBackend,
  registerBackend,
  registeredBackends,
  unregisterBackend,
} from './lib/backends/registry.js';
export { probeBackends, useBackend } from './lib/backends/use-backend.js';
export type { BackendChoice, UseBackendOptions } from './lib/backends/use-backend.js';
export {
  findOptionalPackage,
  firstLine,
  loadOptionalPackage,
  optionalPackageSources,
} from './lib/backends/optional-package.js';
export type { InstalledPackage, OptionalPackageSource } from './lib/backends/optional-package.js';
export { isJsonObject } from './lib/serialization/keras-json.js';
export type {
  JsonObject,
  KerasInbound,
  KerasLayerJSON,
  KerasModelJSON,
} from './lib/serialization/keras-json.js';
export { modelFromJSON } from './lib/serialization/model-from-json.js';
export { getModelIO, registerModelIO } from './lib/serialization/model-io.js';
export type { ModelIO, ModelSaveFormat, ModelSaveOptions } from './lib/serialization/model-io.js';
export { WRITER_VERSION } from './lib/serialization/model-to-json.js';
export { EarlyStopping, History } from './lib/training/callbacks.js';
export type { Callback, EarlyStoppingOptions, TrainingParams } from './lib/training/callbacks.js';
export type { CompileOptions, CompiledOutput, CompiledTraining } from './lib/training/compile.js';
export { seededRandom } from './lib/seeded-random.js';
export { shuffledIndices } from './lib/training/data.js';
export type { TensorData } from './lib/training/data.js';
export type { EvaluateOptions } from './lib/training/evaluate.js';
export type { FitOptions } from './lib/training/fit.js';
export type { Logs } from './lib/training/logs.js';
export {
  binaryCrossentropy,
  categoricalCrossentropy,
  getLoss,
  lossNames,
  meanAbsoluteError,
  meanSquaredError,
  sparseCategoricalCrossentropy,
} from './lib/training/losses.js';
export type { CrossentropyOptions, Loss, LossIdentifier, LossKind } from './lib/training/losses.js';
export {
  accuracyFor,
  binaryAccuracy,
  categoricalAccuracy,
  getMetric,
  meanAbsoluteErrorMetric,
  meanSquaredErrorMetric,
  metricNames,
  sparseCategoricalAccuracy,
} from './lib/training/metrics.js';
export type { Metric, MetricIdentifier } from './lib/training/metrics.js';
export { getOptimizer, optimizerNames } from './lib/training/optimizers.js';
export type { OptimizerIdentifier } from './lib/training/optimizers.js';
export { ProgressBar } from './lib/training/progress-bar.js';
export type {
  ProgressBarOptions,
  ProgressStream,
  ProgressValues,
} from './lib/training/progress-bar.js';
export type { TrainOnBatchOptions } from './lib/training/train-step.js';
export {
  constraints,
  getConstraint,
  serializeConstraint,
} from './lib/weight-training/constraints.js';
export type {
  Constraint,
  ConstraintIdentifier,
  ConstraintOption,
  SerializedConstraint,
} from './lib/weight-training/constraints.js';
export {
  getRegularizer,
  regularizers,
  serializeRegularizer,
} from './lib/weight-training/regularizers.js';
export type { TfjsSerializable } from './lib/weight-training/keras-object.js';
export { recordActivityLoss } from './lib/weight-training/penalties.js';
export type {
  Regularizer,
  RegularizerIdentifier,
  RegularizerOption,
  SerializedRegularizer,
} from './lib/weight-training/regularizers.js';
