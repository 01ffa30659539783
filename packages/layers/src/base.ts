export { Conv2D, conv2d, conv2dPlugin } from './conv2d/conv2d.js';
export type { Conv2DOptions } from './conv2d/conv2d.js';
export { Dense, dense, densePlugin } from './dense/dense.js';
export type { DenseOptions } from './dense/dense.js';
export type { InitializerOption, KernelSettings } from './common/options.js';
export type { Padding, Triple } from './common/conv-arithmetic.js';
export {
  AveragePooling1D,
  averagePooling1d,
  averagePooling1dPlugin,
} from './average-pooling1d/average-pooling1d.js';
export type { AveragePooling1DOptions } from './average-pooling1d/average-pooling1d.js';
export {
  AveragePooling2D,
  averagePooling2d,
  averagePooling2dPlugin,
} from './average-pooling2d/average-pooling2d.js';
export type { AveragePooling2DOptions } from './average-pooling2d/average-pooling2d.js';
export {
  AdditiveAttention,
  additiveAttention,
  additiveAttentionPlugin,
} from './additive-attention/additive-attention.js';
export type { AdditiveAttentionOptions } from './additive-attention/additive-attention.js';
export { Attention, attention, attentionPlugin } from './attention/attention.js';
export type { AttentionOptions } from './attention/attention.js';
export { DenseAttention } from './common/dense-attention.js';
export type { DenseAttentionOptions } from './common/dense-attention.js';
export {
  MultiHeadAttention,
  multiHeadAttention,
  multiHeadAttentionPlugin,
} from './multi-head-attention/multi-head-attention.js';
export type { MultiHeadAttentionOptions } from './multi-head-attention/multi-head-attention.js';
export {
  BatchNormalization,
  batchNormalization,
  batchNormalizationPlugin,
} from './batch-normalization/batch-normalization.js';
export type { BatchNormalizationOptions } from './batch-normalization/batch-normalization.js';
export { BaseConv } from './common/conv-base.js';
export type { BaseConvOptions, ConvGeometry, ConvPadding } from './common/conv-base.js';
export { GlobalPooling } from './common/global-pooling-base.js';
export type { GlobalPoolingOptions } from './common/global-pooling-base.js';
export { ImageSizeLayer } from './common/image-size-base.js';
export type { ImageSizeOptions } from './common/image-size-base.js';
export { Pooling } from './common/pooling-base.js';
export type {
  Pooling1DOptions,
  Pooling2DOptions,
  Pooling3DOptions,
  PoolMode,
  PoolRank,
} from './common/pooling-base.js';
export type { DataFormat } from './common/spatial-options.js';
export { Conv1D, conv1d, conv1dPlugin } from './conv1d/conv1d.js';
export type { Conv1DOptions } from './conv1d/conv1d.js';
export {
  Conv2DTranspose,
  conv2dTranspose,
  conv2dTransposePlugin,
} from './conv2d-transpose/conv2d-transpose.js';
export type { Conv2DTransposeOptions } from './conv2d-transpose/conv2d-transpose.js';
export { ConvLSTM1D, convLstm1d, convLstm1dPlugin } from './conv-lstm1d/conv-lstm1d.js';
export type { ConvLSTM1DOptions } from './conv-lstm1d/conv-lstm1d.js';
export { ConvLSTM2D, convLstm2d, convLstm2dPlugin } from './conv-lstm2d/conv-lstm2d.js';
export type { ConvLSTM2DOptions } from './conv-lstm2d/conv-lstm2d.js';
export { ConvLSTMBase } from './common/recurrent/conv-lstm-base.js';
export type { ConvLSTMOptions } from './common/recurrent/conv-lstm-options.js';
export {
  GlobalAveragePooling1D,
  globalAveragePooling1d,
  globalAveragePooling1dPlugin,
} from './global-average-pooling1d/global-average-pooling1d.js';
export type { GlobalAveragePooling1DOptions } from './global-average-pooling1d/global-average-pooling1d.js';
export {
  GlobalAveragePooling2D,
  globalAveragePooling2d,
  globalAveragePooling2dPlugin,
} from './global-average-pooling2d/global-average-pooling2d.js';
export type { GlobalAveragePooling2DOptions } from './global-average-pooling2d/global-average-pooling2d.js';
export {
  GlobalMaxPooling1D,
  globalMaxPooling1d,
  globalMaxPooling1dPlugin,
} from './global-max-pooling1d/global-max-pooling1d.js';
export type { GlobalMaxPooling1DOptions } from './global-max-pooling1d/global-max-pooling1d.js';
export {
  GlobalMaxPooling2D,
  globalMaxPooling2d,
  globalMaxPooling2dPlugin,
} from './global-max-pooling2d/global-max-pooling2d.js';
export type { GlobalMaxPooling2DOptions } from './global-max-pooling2d/global-max-pooling2d.js';
export { MaxPooling1D, maxPooling1d, maxPooling1dPlugin } from './max-pooling1d/max-pooling1d.js';
export type { MaxPooling1DOptions } from './max-pooling1d/max-pooling1d.js';
export { MaxPooling2D, maxPooling2d, maxPooling2dPlugin } from './max-pooling2d/max-pooling2d.js';
export type { MaxPooling2DOptions } from './max-pooling2d/max-pooling2d.js';
export { UpSampling2D, upSampling2d, upSampling2dPlugin } from './up-sampling2d/up-sampling2d.js';
export type { Interpolation, UpSampling2DOptions } from './up-sampling2d/up-sampling2d.js';
export {
  ZeroPadding2D,
  zeroPadding2d,
  zeroPadding2dPlugin,
} from './zero-padding2d/zero-padding2d.js';
export type { Padding2D, ZeroPadding2DOptions } from './zero-padding2d/zero-padding2d.js';
export { PadCrop } from './common/pad-crop-base.js';
export type { PadCropMode, PadCropOptions } from './common/pad-crop-base.js';
export type { AxisPair } from './common/axis-pairs.js';
export { RepeatUpSampling } from './common/up-sampling-base.js';
export type { RepeatUpSamplingOptions } from './common/up-sampling-base.js';
export { MaxPooling3D, maxPooling3d, maxPooling3dPlugin } from './max-pooling3d/max-pooling3d.js';
export type { MaxPooling3DOptions } from './max-pooling3d/max-pooling3d.js';
export {
  AveragePooling3D,
  averagePooling3d,
  averagePooling3dPlugin,
} from './average-pooling3d/average-pooling3d.js';
export type { AveragePooling3DOptions } from './average-pooling3d/average-pooling3d.js';
export {
  GlobalMaxPooling3D,
  globalMaxPooling3d,
  globalMaxPooling3dPlugin,
} from './global-max-pooling3d/global-max-pooling3d.js';
export type { GlobalMaxPooling3DOptions } from './global-max-pooling3d/global-max-pooling3d.js';
export {
  GlobalAveragePooling3D,
  globalAveragePooling3d,
  globalAveragePooling3dPlugin,
} from './global-average-pooling3d/global-average-pooling3d.js';
export type { GlobalAveragePooling3DOptions } from './global-average-pooling3d/global-average-pooling3d.js';
export {
  ZeroPadding1D,
  zeroPadding1d,
  zeroPadding1dPlugin,
} from './zero-padding1d/zero-padding1d.js';
export type { Padding1D, ZeroPadding1DOptions } from './zero-padding1d/zero-padding1d.js';
export {
  ZeroPadding3D,
  zeroPadding3d,
  zeroPadding3dPlugin,
} from './zero-padding3d/zero-padding3d.js';
export type { Padding3D, ZeroPadding3DOptions } from './zero-padding3d/zero-padding3d.js';
export { Cropping1D, cropping1d, cropping1dPlugin } from './cropping1d/cropping1d.js';
export type { Cropping1DOptions, Cropping1DValue } from './cropping1d/cropping1d.js';
export { Cropping2D, cropping2d, cropping2dPlugin } from './cropping2d/cropping2d.js';
export type { Cropping2DOptions, Cropping2DValue } from './cropping2d/cropping2d.js';
export { Cropping3D, cropping3d, cropping3dPlugin } from './cropping3d/cropping3d.js';
export type { Cropping3DOptions, Cropping3DValue } from './cropping3d/cropping3d.js';
export { UpSampling1D, upSampling1d, upSampling1dPlugin } from './up-sampling1d/up-sampling1d.js';
export type { UpSampling1DOptions } from './up-sampling1d/up-sampling1d.js';
export { UpSampling3D, upSampling3d, upSampling3dPlugin } from './up-sampling3d/up-sampling3d.js';
export type { UpSampling3DOptions } from './up-sampling3d/up-sampling3d.js';
export { RepeatVector, repeatVector, repeatVectorPlugin } from './repeat-vector/repeat-vector.js';
export type { RepeatVectorOptions } from './repeat-vector/repeat-vector.js';
export { Permute, permute, permutePlugin } from './permute/permute.js';
export type { PermuteOptions } from './permute/permute.js';
export { Activation, activation, activationPlugin } from './activation/activation.js';
export type { ActivationOptions } from './activation/activation.js';
export { Add, add, addPlugin } from './add/add.js';
export type { AddOptions } from './add/add.js';
export { Merge } from './common/merge.js';
export { Concatenate, concatenate, concatenatePlugin } from './concatenate/concatenate.js';
export type { ConcatenateOptions } from './concatenate/concatenate.js';
export { Average, average, averagePlugin } from './average/average.js';
export type { AverageOptions } from './average/average.js';
export { Dot, dot, dotPlugin } from './dot/dot.js';
export type { DotOptions } from './dot/dot.js';
export { Maximum, maximum, maximumPlugin } from './maximum/maximum.js';
export type { MaximumOptions } from './maximum/maximum.js';
export { Minimum, minimum, minimumPlugin } from './minimum/minimum.js';
export type { MinimumOptions } from './minimum/minimum.js';
export { Subtract, subtract, subtractPlugin } from './subtract/subtract.js';
export type { SubtractOptions } from './subtract/subtract.js';
export { CenterCrop, centerCrop, centerCropPlugin } from './center-crop/center-crop.js';
export type { CenterCropOptions } from './center-crop/center-crop.js';
export {
  Normalization,
  normalization,
  normalizationPlugin,
} from './normalization/normalization.js';
export type { NestedNumbers, NormalizationOptions } from './normalization/normalization.js';
export { Rescaling, rescaling, rescalingPlugin } from './rescaling/rescaling.js';
export type { RescalingOptions } from './rescaling/rescaling.js';
export { Resizing, resizing, resizingPlugin } from './resizing/resizing.js';
export type { ResizingOptions } from './resizing/resizing.js';
export type { ResizeInterpolation } from './common/image-resize.js';
export { Dropout, dropout, dropoutPlugin } from './dropout/dropout.js';
export type { DropoutOptions } from './dropout/dropout.js';
export { Embedding, embedding, embeddingPlugin } from './embedding/embedding.js';
export type { EmbeddingOptions } from './embedding/embedding.js';
export { Flatten, flatten, flattenPlugin } from './flatten/flatten.js';
export type { FlattenOptions } from './flatten/flatten.js';
export {
  LayerNormalization,
  layerNormalization,
  layerNormalizationPlugin,
} from './layer-normalization/layer-normalization.js';
export type { LayerNormalizationOptions } from './layer-normalization/layer-normalization.js';
export { Masking, masking, maskingPlugin } from './masking/masking.js';
export type { MaskingOptions } from './masking/masking.js';
export { Multiply, multiply, multiplyPlugin } from './multiply/multiply.js';
export type { MultiplyOptions } from './multiply/multiply.js';
export { Reshape, reshape, reshapePlugin } from './reshape/reshape.js';
export type { ReshapeOptions } from './reshape/reshape.js';
export { SimpleRNN, simpleRNN, simpleRNNPlugin } from './simple-rnn/simple-rnn.js';
export type { SimpleRNNOptions } from './simple-rnn/simple-rnn.js';
export { LSTM, lstm, lstmPlugin } from './lstm/lstm.js';
export type { LSTMOptions } from './lstm/lstm.js';
export { GRU, gru, gruPlugin } from './gru/gru.js';
export type { GRUOptions } from './gru/gru.js';
export {
  Bidirectional,
  bidirectional,
  bidirectionalPlugin,
} from './bidirectional/bidirectional.js';
export type {
  BidirectionalMergeMode,
  BidirectionalOptions,
} from './bidirectional/bidirectional.js';
export { RecurrentLayer } from './common/recurrent/base-layer.js';
export type { RecurrentWeights } from './common/recurrent/base-layer.js';
export type { GateWiseCell, RecurrentCell } from './common/recurrent/cell-loop.js';
export { RecurrentStates } from './common/recurrent/stateful-states.js';
export type {
  GatedRecurrentOptions,
  GatedSettings,
  RecurrentLayerOptions,
  RecurrentSettings,
} from './common/recurrent/options.js';
export {
  Conv1DTranspose,
  conv1dTranspose,
  conv1dTransposePlugin,
} from './conv1d-transpose/conv1d-transpose.js';
export type { Conv1DTransposeOptions } from './conv1d-transpose/conv1d-transpose.js';
export { Conv3D, conv3d, conv3dPlugin } from './conv3d/conv3d.js';
export type { Conv3DOptions } from './conv3d/conv3d.js';
export {
  Conv3DTranspose,
  conv3dTranspose,
  conv3dTransposePlugin,
} from './conv3d-transpose/conv3d-transpose.js';
export type { Conv3DTransposeOptions } from './conv3d-transpose/conv3d-transpose.js';
export {
  DepthwiseConv2D,
  depthwiseConv2d,
  depthwiseConv2dPlugin,
} from './depthwise-conv2d/depthwise-conv2d.js';
export type { DepthwiseConv2DOptions } from './depthwise-conv2d/depthwise-conv2d.js';
export {
  LocallyConnected1D,
  locallyConnected1d,
  locallyConnected1dPlugin,
} from './locally-connected1d/locally-connected1d.js';
export type { LocallyConnected1DOptions } from './locally-connected1d/locally-connected1d.js';
export {
  LocallyConnected2D,
  locallyConnected2d,
  locallyConnected2dPlugin,
} from './locally-connected2d/locally-connected2d.js';
export type { LocallyConnected2DOptions } from './locally-connected2d/locally-connected2d.js';
export {
  SeparableConv1D,
  separableConv1d,
  separableConv1dPlugin,
} from './separable-conv1d/separable-conv1d.js';
export type { SeparableConv1DOptions } from './separable-conv1d/separable-conv1d.js';
export {
  SeparableConv2D,
  separableConv2d,
  separableConv2dPlugin,
} from './separable-conv2d/separable-conv2d.js';
export type { SeparableConv2DOptions } from './separable-conv2d/separable-conv2d.js';
export { BaseConvTranspose } from './common/conv-transpose-base.js';
export { SeparableConv } from './common/separable-conv-base.js';
export type { SeparableConvOptions } from './common/separable-conv-base.js';
export { LocallyConnected } from './common/locally-connected-base.js';
export type { LocallyConnectedOptions } from './common/locally-connected-base.js';
export type { DepthwiseKernelOptions, PointwiseKernelOptions } from './common/depthwise-options.js';
export { ELU, elu, eluPlugin } from './elu/elu.js';
export type { ELUOptions } from './elu/elu.js';
export { LeakyReLU, leakyReLU, leakyReLUPlugin } from './leaky-relu/leaky-relu.js';
export type { LeakyReLUOptions } from './leaky-relu/leaky-relu.js';
export { PReLU, prelu, preluPlugin } from './prelu/prelu.js';
export type { PReLUOptions } from './prelu/prelu.js';
export { ReLU, reLU, reLUPlugin } from './relu/relu.js';
export type { ReLUOptions } from './relu/relu.js';
export { Softmax, softmax, softmaxPlugin } from './softmax/softmax.js';
export type { SoftmaxOptions } from './softmax/softmax.js';
export {
  ThresholdedReLU,
  thresholdedReLU,
  thresholdedReLUPlugin,
} from './thresholded-relu/thresholded-relu.js';
export type { ThresholdedReLUOptions } from './thresholded-relu/thresholded-relu.js';
export {
  ActivityRegularization,
  activityRegularization,
  activityRegularizationPlugin,
} from './activity-regularization/activity-regularization.js';
export type { ActivityRegularizationOptions } from './activity-regularization/activity-regularization.js';
export { AlphaDropout, alphaDropout, alphaDropoutPlugin } from './alpha-dropout/alpha-dropout.js';
export type { AlphaDropoutOptions } from './alpha-dropout/alpha-dropout.js';
export { ElementwiseLayer } from './common/elementwise.js';
export { NoiseLayer } from './common/noise.js';
export type { NoiseOptions } from './common/noise.js';
export { SpatialDropout } from './common/spatial-dropout.js';
export type { SpatialDropoutOptions } from './common/spatial-dropout.js';
export {
  GaussianDropout,
  gaussianDropout,
  gaussianDropoutPlugin,
} from './gaussian-dropout/gaussian-dropout.js';
export type { GaussianDropoutOptions } from './gaussian-dropout/gaussian-dropout.js';
export {
  GaussianNoise,
  gaussianNoise,
  gaussianNoisePlugin,
} from './gaussian-noise/gaussian-noise.js';
export type { GaussianNoiseOptions } from './gaussian-noise/gaussian-noise.js';
export {
  SpatialDropout1D,
  spatialDropout1d,
  spatialDropout1dPlugin,
} from './spatial-dropout1d/spatial-dropout1d.js';
export type { SpatialDropout1DOptions } from './spatial-dropout1d/spatial-dropout1d.js';
export {
  SpatialDropout2D,
  spatialDropout2d,
  spatialDropout2dPlugin,
} from './spatial-dropout2d/spatial-dropout2d.js';
export type { SpatialDropout2DOptions } from './spatial-dropout2d/spatial-dropout2d.js';
export {
  SpatialDropout3D,
  spatialDropout3d,
  spatialDropout3dPlugin,
} from './spatial-dropout3d/spatial-dropout3d.js';
export type { SpatialDropout3DOptions } from './spatial-dropout3d/spatial-dropout3d.js';
