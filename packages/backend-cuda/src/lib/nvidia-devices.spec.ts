import {
  fakeNvidiaSmi,
  fakeProcDriver,
  nowhere,
  removeFakeDrivers,
} from '../testing/nvidia-driver.test-helpers.js';
import { findNvidiaDevices } from './nvidia-devices.js';

// Real executables and folders, filled with what an H100 machine (driver 580.159.04,
// open kernel module) printed and held.
const H100_QUERY = '0, NVIDIA H100 80GB HBM3, 580.159.04\n';
const H100_INFORMATION = [
  'Model: \t\t NVIDIA H100 80GB HBM3',
  'IRQ:   \t\t 41',
  'GPU UUID: \t GPU-572e857e-d1a7-98c2-27c5-9d776ea0b65e',
  'Video BIOS: \t 96.00.da.00.0c',
  'Bus Type: \t PCIe',
  'DMA Size: \t 52 bits',
  'DMA Mask: \t 0xfffffffffffff',
  'Bus Location: \t 0000:00:06.0',
  'Device Minor: \t 0',
  'GPU Firmware: \t 580.159.04',
  'GPU Excluded:\t No',
  '',
].join('\n');
const H100_VERSION =
  'NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.159.04  Release Build  (nixbld@)  \n' +
  'GCC version:  gcc version 15.3.0 (GCC) \n';
const H100 = { driver: '580.159.04', gpus: ['GPU 0: NVIDIA H100 80GB HBM3'] };

describe('findNvidiaDevices', () => {
  afterAll(removeFakeDrivers);

  it('reads index, name and driver from nvidia-smi', async () => {
    const procDriverDir = nowhere();
    const nvidiaSmi = fakeNvidiaSmi(H100_QUERY);
    await expect(findNvidiaDevices({ nvidiaSmi, procDriverDir })).resolves.toEqual(H100);
    const two = fakeNvidiaSmi(`${H100_QUERY}1, NVIDIA A100-SXM4-40GB, 580.159.04\n`);
    await expect(findNvidiaDevices({ nvidiaSmi: two, procDriverDir })).resolves.toEqual({
      driver: '580.159.04',
      gpus: ['GPU 0: NVIDIA H100 80GB HBM3', 'GPU 1: NVIDIA A100-SXM4-40GB'],
    });
  });

  it('falls back to /proc/driver/nvidia when nvidia-smi is missing or fails', async () => {
    const procDriverDir = fakeProcDriver(H100_VERSION, [
      { bus: '0000:00:06.0', information: H100_INFORMATION },
    ]);
    await expect(findNvidiaDevices({ nvidiaSmi: nowhere(), procDriverDir })).resolves.toEqual(H100);
    const failing = fakeNvidiaSmi(
      "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.",
      9,
    );
    await expect(findNvidiaDevices({ nvidiaSmi: failing, procDriverDir })).resolves.toEqual(H100);
  });

  it('reads the proprietary module version line too, and a driver with no GPU', async () => {
    const procDriverDir = fakeProcDriver(
      'NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023\n',
      [],
    );
    await expect(findNvidiaDevices({ nvidiaSmi: nowhere(), procDriverDir })).resolves.toEqual({
      driver: '535.104.05',
      gpus: [],
    });
  });

  it('gives undefined when no driver answers', async () => {
    await expect(
      findNvidiaDevices({ nvidiaSmi: nowhere(), procDriverDir: nowhere() }),
    ).resolves.toBeUndefined();
  });
});
