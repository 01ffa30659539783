import { ConfigError } from '../errors.js';
import { input } from '../input-layer.js';
import { model } from '../model.js';
import { registerModelIO, type ModelIO } from './model-io.js';

describe('model file hooks', () => {
  const make = () => {
    const x = input({ shape: [2] });
    return model({ inputs: x, outputs: x });
  };

  it('reject with a ConfigError saying to install and import @framewise/io when it is not loaded', async () => {
    const m = make();
    for (const call of [
      () => m.save('m.keras', { format: 'keras' }),
      () => m.saveWeights('w.h5'),
      () => m.loadWeights('w.h5'),
    ]) {
      await expect(call()).rejects.toThrow(ConfigError);
      await expect(call()).rejects.toThrow(
        /needs @framewise\/io: install it .* and import it once/,
      );
    }
  });

  it('go through the registered implementation, which a later registration replaces', async () => {
    const calls: string[] = [];
    const io: ModelIO = {
      save: async (_, target, options) => (
        calls.push(`save ${target} ${options.format}`),
        [target]
      ),
      saveWeights: async (_, target) => (calls.push(`saveWeights ${target}`), [target]),
      loadWeights: async (_, source) => void calls.push(`loadWeights ${String(source)}`),
    };
    const previous = registerModelIO(io);
    try {
      const m = make();
      expect(await m.save('a.json', { format: 'tfjs' })).toEqual(['a.json']);
      expect(await m.saveWeights('b.h5')).toEqual(['b.h5']);
      await m.loadWeights('c.h5');
      expect(calls).toEqual(['save a.json tfjs', 'saveWeights b.h5', 'loadWeights c.h5']);
    } finally {
      registerModelIO(previous);
    }
  });
});
