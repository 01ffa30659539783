#!/usr/bin/python3
"""Writes Keras-layout fixture files for @framewise/io's tests.

Real Keras cannot run where these fixtures are made (no TensorFlow, no pip), so
this script writes, with h5py and zipfile, exactly the structure that Keras
writes (see SOURCE.txt beside the output for the Keras source it follows):

  keras2-seq.h5            Keras 2.12 (tf.keras) model.save('x.h5'): legacy full model
  keras2-seq.json          Keras 2.12 model.to_json()
  keras2-seq_weights.h5    Keras 2.12 model.save_weights('x.h5') (layer_names layout)
  keras3-func.keras        Keras 3.3.3 model.save('x.keras') (zip, layers/<class>/vars/<i>)
  keras3-func.h5           Keras 3.3.3 legacy writer model.save('x.h5')
  keras3-func.json         Keras 3.3.3 model.to_json()
  keras3-func.weights.h5   Keras 3.3.3 model.save_weights('x.weights.h5')
  values.json              the weights (per layer, Keras order) and a test input, so the
                           tests can build the same model in tfjs-layers and compare.

Model (both flavours): input [4, 3] -> TimeDistributed(Dense(5, relu))
  -> LSTM(6, return_sequences) -> TimeDistributed(Dense(2, hard_sigmoid)).
Keras 2's LSTM uses recurrent_activation hard_sigmoid (clip(0.2x + 0.5)); Keras 3's
final hard_sigmoid is relu6(x + 3) / 6: the same name, two functions.

Run with Debian's python (h5py 3.7): /usr/bin/python3 packages/io/tools/make-keras-layout-fixtures.py
"""
import io
import json
import os
import zipfile

import h5py
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'keras-layout')
rng = np.random.default_rng(20261126)
w = lambda *shape: rng.normal(0, 0.5, shape).astype('float32')

WEIGHTS = {
    'td_dense': [w(3, 5), w(5)],
    'lstm': [w(5, 24), w(6, 24), w(24)],
    'td_head': [w(6, 2), w(2)],
}
INPUT = rng.normal(0, 1, (2, 4, 3)).astype('float32')


def dense2(name, units, activation):
    return {'class_name': 'Dense', 'config': {
        'name': name, 'trainable': True, 'dtype': 'float32', 'units': units, 'activation': activation,
        'use_bias': True,
        'kernel_initializer': {'class_name': 'GlorotUniform', 'config': {'seed': None}},
        'bias_initializer': {'class_name': 'Zeros', 'config': {}},
        'kernel_regularizer': None, 'bias_regularizer': None, 'activity_regularizer': None,
        'kernel_constraint': None, 'bias_constraint': None}}


def keras2_config():
    lstm = {'class_name': 'LSTM', 'config': {
        'name': 'lstm', 'trainable': True, 'dtype': 'float32', 'return_sequences': True,
        'return_state': False, 'go_backwards': False, 'stateful': False, 'unroll': False,
        'time_major': False, 'units': 6, 'activation': 'tanh', 'recurrent_activation': 'hard_sigmoid',
        'use_bias': True,
        'kernel_initializer': {'class_name': 'GlorotUniform', 'config': {'seed': None}},
        'recurrent_initializer': {'class_name': 'Orthogonal', 'config': {'gain': 1.0, 'seed': None}},
        'bias_initializer': {'class_name': 'Zeros', 'config': {}}, 'unit_forget_bias': True,
        'kernel_regularizer': None, 'recurrent_regularizer': None, 'bias_regularizer': None,
        'activity_regularizer': None, 'kernel_constraint': None, 'recurrent_constraint': None,
        'bias_constraint': None, 'dropout': 0.0, 'recurrent_dropout': 0.0, 'implementation': 2}}
    td = lambda name, inner, extra: {'class_name': 'TimeDistributed', 'config': {
        'name': name, 'trainable': True, 'dtype': 'float32', **extra, 'layer': inner}}
    return {'class_name': 'Sequential', 'config': {'name': 'sequential', 'layers': [
        {'class_name': 'InputLayer', 'config': {'batch_input_shape': [None, 4, 3], 'dtype': 'float32',
                                                'sparse': False, 'ragged': False,
                                                'name': 'time_distributed_input'}},
        td('time_distributed', dense2('dense', 5, 'relu'), {'batch_input_shape': [None, 4, 3]}),
        lstm,
        td('time_distributed_1', dense2('dense_1', 2, 'hard_sigmoid'), {}),
    ]}, 'keras_version': '2.12.0', 'backend': 'tensorflow'}


# Keras 2 (tf.keras) variable names: a wrapped layer's weights sit under the wrapper's name,
# an LSTM's under its cell's.
KERAS2_LAYERS = [
    ('time_distributed', ['time_distributed/kernel:0', 'time_distributed/bias:0'], WEIGHTS['td_dense']),
    ('lstm', ['lstm/lstm_cell/kernel:0', 'lstm/lstm_cell/recurrent_kernel:0', 'lstm/lstm_cell/bias:0'],
     WEIGHTS['lstm']),
    ('time_distributed_1', ['time_distributed_1/kernel:0', 'time_distributed_1/bias:0'], WEIGHTS['td_head']),
]


def policy(name='float32'):
    return {'module': 'keras', 'class_name': 'DTypePolicy', 'config': {'name': name}, 'registered_name': None}


def init3(name, config=None):
    return {'module': 'keras.initializers', 'class_name': name, 'config': config or {}, 'registered_name': None}


def tensor3(shape, history):
    return {'class_name': '__keras_tensor__', 'config': {'shape': shape, 'dtype': 'float32', 'keras_history': history}}


def dense3(name, units, activation, input_shape):
    return {'module': 'keras.layers', 'class_name': 'Dense', 'config': {
        'name': name, 'trainable': True, 'dtype': policy(), 'units': units, 'activation': activation,
        'use_bias': True, 'kernel_initializer': init3('GlorotUniform', {'seed': None}),
        'bias_initializer': init3('Zeros'), 'kernel_regularizer': None, 'bias_regularizer': None,
        'kernel_constraint': None, 'bias_constraint': None},
        'registered_name': None, 'build_config': {'input_shape': input_shape}}


def keras3_config():
    def td(name, inner, shape_in, history):
        return {'module': 'keras.layers', 'class_name': 'TimeDistributed', 'config': {
            'name': name, 'trainable': True, 'dtype': policy(), 'layer': inner},
            'registered_name': None, 'build_config': {'input_shape': shape_in}, 'name': name,
            'inbound_nodes': [{'args': [tensor3(shape_in, history)], 'kwargs': {'mask': None}}]}
    lstm = {'module': 'keras.layers', 'class_name': 'LSTM', 'config': {
        'name': 'lstm', 'trainable': True, 'dtype': policy(), 'return_sequences': True,
        'return_state': False, 'go_backwards': False, 'stateful': False, 'unroll': False,
        'zero_output_for_mask': False, 'units': 6, 'activation': 'tanh', 'recurrent_activation': 'sigmoid',
        'use_bias': True, 'kernel_initializer': init3('GlorotUniform', {'seed': None}),
        'recurrent_initializer': init3('OrthogonalInitializer', {'gain': 1.0, 'seed': None}),
        'bias_initializer': init3('Zeros'), 'unit_forget_bias': True, 'kernel_regularizer': None,
        'recurrent_regularizer': None, 'bias_regularizer': None, 'activity_regularizer': None,
        'kernel_constraint': None, 'recurrent_constraint': None, 'bias_constraint': None,
        'dropout': 0.0, 'recurrent_dropout': 0.0, 'seed': None},
        'registered_name': None, 'build_config': {'input_shape': [None, 4, 5]}, 'name': 'lstm',
        'inbound_nodes': [{'args': [tensor3([None, 4, 5], ['time_distributed', 0, 0])],
                           'kwargs': {'training': False, 'mask': None}}]}
    return {'module': 'keras.src.models.functional', 'class_name': 'Functional', 'config': {
        'name': 'functional', 'trainable': True, 'layers': [
            {'module': 'keras.layers', 'class_name': 'InputLayer', 'config': {
                'batch_shape': [None, 4, 3], 'dtype': 'float32', 'sparse': False, 'name': 'input_layer'},
             'registered_name': None, 'name': 'input_layer', 'inbound_nodes': []},
            td('time_distributed', dense3('dense', 5, 'relu', [None, 3]), [None, 4, 3], ['input_layer', 0, 0]),
            lstm,
            td('time_distributed_1', dense3('dense_1', 2, 'hard_sigmoid', [None, 6]), [None, 4, 6],
               ['lstm', 0, 0]),
        ], 'input_layers': [['input_layer', 0, 0]], 'output_layers': [['time_distributed_1', 0, 0]]},
        'registered_name': 'Functional', 'build_config': {'input_shape': None},
        'compile_config': None}


# Keras 3 saving_lib paths: layers by snake_case class name with _1, _2 ... counters; a wrapper's
# inner layer under the attribute name `layer`, an RNN's variables under its `cell`.
KERAS3_VARS = [
    ('layers/time_distributed/layer/vars', WEIGHTS['td_dense']),
    ('layers/lstm/cell/vars', WEIGHTS['lstm']),
    ('layers/time_distributed_1/layer/vars', WEIGHTS['td_head']),
]
KERAS3_EMPTY = ['vars', 'layers/input_layer/vars', 'layers/time_distributed/vars', 'layers/lstm/vars',
                'layers/time_distributed_1/vars']
# Keras 3's legacy h5 writer names weights by variable path.
KERAS3_LEGACY = [
    ('input_layer', [], []),
    ('time_distributed', ['time_distributed/dense/kernel', 'time_distributed/dense/bias'], WEIGHTS['td_dense']),
    ('lstm', ['lstm/lstm_cell/kernel', 'lstm/lstm_cell/recurrent_kernel', 'lstm/lstm_cell/bias'], WEIGHTS['lstm']),
    ('time_distributed_1', ['time_distributed_1/dense_1/kernel', 'time_distributed_1/dense_1/bias'],
     WEIGHTS['td_head']),
]


def save_attr(group, name, values):
    # keras/src/legacy/saving/legacy_h5_format.py save_attributes_to_hdf5_group: byte strings;
    # an empty list is stored as np.asarray([]) (float64).
    group.attrs[name] = np.asarray([v.encode('utf8') for v in values]) if values else np.asarray([])


def write_keras2_weights(group, layers, version):
    save_attr(group, 'layer_names', [name for name, _, _ in layers])
    group.attrs['backend'] = 'tensorflow'.encode('utf8')
    group.attrs['keras_version'] = version.encode('utf8')
    for name, weight_names, values in layers:
        g = group.create_group(name)
        save_attr(g, 'weight_names', weight_names)
        for wn, v in zip(weight_names, values):
            d = g.create_dataset(wn, v.shape, dtype=v.dtype)
            d[()] = v


def legacy_h5(path, config, layers, version):
    with h5py.File(path, 'w') as f:
        f.attrs['keras_version'] = version.encode('utf8')
        f.attrs['backend'] = 'tensorflow'.encode('utf8')
        f.attrs['model_config'] = json.dumps(config).encode('utf8')
        weights = f.create_group('model_weights')
        write_keras2_weights(weights, layers, version)
        if version.startswith('3.'):
            # Keras 3's save_weights_to_hdf5_group adds the model's own (here: no) variables.
            save_attr(weights.create_group('top_level_model_weights'), 'weight_names', [])


def keras3_weights_h5(target):
    with h5py.File(target, 'w') as f:
        for path in KERAS3_EMPTY:
            f.require_group(path)
        for path, values in KERAS3_VARS:
            g = f.require_group(path)
            for i, v in enumerate(values):
                g[str(i)] = v


def main():
    os.makedirs(OUT, exist_ok=True)
    k2, k3 = keras2_config(), keras3_config()
    legacy_h5(os.path.join(OUT, 'keras2-seq.h5'), k2, KERAS2_LAYERS, '2.12.0')
    with open(os.path.join(OUT, 'keras2-seq.json'), 'w') as f:
        json.dump(k2, f)
    with h5py.File(os.path.join(OUT, 'keras2-seq_weights.h5'), 'w') as f:
        write_keras2_weights(f, KERAS2_LAYERS, '2.12.0')

    legacy_h5(os.path.join(OUT, 'keras3-func.h5'), k3, KERAS3_LEGACY, '3.3.3')
    with open(os.path.join(OUT, 'keras3-func.json'), 'w') as f:
        json.dump(k3, f)
    keras3_weights_h5(os.path.join(OUT, 'keras3-func.weights.h5'))
    buffer = io.BytesIO()
    keras3_weights_h5(buffer)
    # keras/src/saving/saving_lib.py: metadata.json, config.json, model.weights.h5 in a zip.
    with zipfile.ZipFile(os.path.join(OUT, 'keras3-func.keras'), 'w') as z:
        z.writestr('metadata.json', json.dumps({'keras_version': '3.3.3', 'date_saved': '2026-11-26@16:00:00'}))
        z.writestr('config.json', json.dumps(k3))
        z.writestr('model.weights.h5', buffer.getvalue())

    with open(os.path.join(OUT, 'values.json'), 'w') as f:
        json.dump({'input': INPUT.tolist(),
                   'weights': {k: [v.tolist() for v in vs] for k, vs in WEIGHTS.items()}}, f)


if __name__ == '__main__':
    main()
