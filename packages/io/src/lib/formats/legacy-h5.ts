/**
 * Legacy Keras `.h5` full models (Keras 2 `model.save('x.h5')`, Keras 3's
 * legacy writer): the topology in the root attribute `model_config`, the
 * version in `keras_version`, the weights in the `model_weights` group.
 */
import type { Model } from '@framewise/core';
import { ModelFileError } from '../errors.js';
import { group, readHdf5, stringAttr } from '../hdf5.js';
import { buildModel, parseJson, type TopologyContext } from '../topology.js';
import { assignWeights } from '../weights.js';
import { keras2Assignments } from './h5-weights.js';

/** Reads a legacy `.h5` model with its weights. */
export async function loadLegacyH5(bytes: Uint8Array, ctx: TopologyContext): Promise<Model> {
  return readHdf5(
    bytes,
    ctx.file,
    (root) => {
      const config = stringAttr(root, 'model_config');
      if (config === undefined) {
        throw new ModelFileError(
          ctx.file,
          '/ (attribute model_config)',
          'no model_config attribute: this is a weights-only file ' +
            '(save_weights); load the model topology and pass this file as its weights',
        );
      }
      const kerasVersion = stringAttr(root, 'keras_version');
      const topology = parseJson(config, ctx.file, ctx.limits, '/ (attribute model_config)');
      const model = buildModel(topology, {
        ...ctx,
        root: 'model_config: ',
        ...(kerasVersion ? { kerasVersion } : {}),
      });
      try {
        const weights = group(root, 'model_weights', {
          file: ctx.file,
          location: '/model_weights',
        });
        if (!weights)
          throw new ModelFileError(
            ctx.file,
            '/model_weights',
            'missing group: the file has a topology but no weights',
          );
        assignWeights(
          keras2Assignments(model, weights, '/model_weights', ctx.file, ctx.limits),
          ctx.file,
        );
      } catch (e) {
        model.dispose();
        throw e;
      }
      return model;
    },
    { limits: ctx.limits },
  );
}
