#!/usr/bin/env bash
# Runs the packed GPU benchmark (tools/bench/src/gpu-entry.ts) on the GPU machine, like
# shared/gpu/run.sh, but first finds a Vulkan driver manifest under which Dawn sees the GPU.
#
# Pack on this machine (from the project root):
#   ../shared/gpu/pack.sh tools/bench/src/gpu-entry.ts --conditions=@framewise/source
# then on the GPU machine (from the project root, .gpu/ carried along):
#   bash tools/bench/gpu-run.sh [gpu-entry options, e.g. --deadline-s 200 --budget-ms 500]
#
# Why: on the H100 machine of 2026-11-26 the driver's own manifest (libGLX_nvidia.so.0) gave
# "Could not get 'vkCreateInstance' via 'vk_icdGetInstanceProcAddr'" and Dawn found no adapter,
# a known failure of the GLX entry point in headless containers. The candidates, in order:
# $VK_DRIVER_FILES if set, the driver's manifests, then one written here that points the loader at
# libEGL_nvidia.so.0 (which exports the same Vulkan ICD entry points). The first under which Dawn
# returns an adapter matching $FW_ADAPTER_MATCH (default nvidia) is used; with none, the entry runs
# under the first candidate and reports the adapter error (it never times a software adapter
# unless given --allow-software).
#
# Variables for trying it elsewhere: FW_ICD_CANDIDATES (colon-separated manifests, replaces the
# list), FW_ADAPTER_MATCH, FW_SKIP_DEB=1 (the Vulkan loader is installed already).
set -uo pipefail
cd "$(dirname "$0")/../../.gpu" || { echo "gpu-run.sh: no .gpu/ (run pack.sh first)" >&2; exit 2; }
if [ "${FW_SKIP_DEB:-}" != 1 ]; then
  for f in deb/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp}
mkdir -p node_modules/webgpu/dist/linux-x64 /tmp/fwnode
xz -dc dawn.node.xz > node_modules/webgpu/dist/linux-x64/dawn.node
xz -dc node.xz > /tmp/fwnode/node && chmod +x /tmp/fwnode/node
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true

egl=/tmp/fw_nvidia_egl_icd.json
printf '{"file_format_version":"1.0.1","ICD":{"library_path":"libEGL_nvidia.so.0","api_version":"1.3.0"}}\n' > "$egl"
if [ -n "${FW_ICD_CANDIDATES:-}" ]; then
  IFS=: read -r -a candidates <<< "$FW_ICD_CANDIDATES"
else
  candidates=()
  [ -n "${VK_DRIVER_FILES:-}" ] && candidates+=("$VK_DRIVER_FILES")
  for m in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json \
    /etc/vulkan/icd.d/nvidia_icd.json; do
    [ -f "$m" ] && candidates+=("$m")
  done
  candidates+=("$egl")
fi
match=${FW_ADAPTER_MATCH:-nvidia}
probe='import { create } from "./node_modules/webgpu/index.js";
const a = await create(["backend=vulkan"]).requestAdapter();
console.log("ADAPTER", a ? `${a.info.vendor} | ${a.info.device} | ${a.info.description}` : "none");'
chosen=
for m in "${candidates[@]}"; do
  out=$(VK_DRIVER_FILES="$m" timeout 30 /tmp/fwnode/node --input-type=module -e "$probe" 2>&1)
  line=$(printf '%s\n' "$out" | grep '^ADAPTER' | tail -1)
  echo "gpu-run.sh: $m -> ${line:-no answer}" >&2
  if printf '%s' "$line" | grep -qi "^ADAPTER .*$match"; then
    chosen=$m
    break
  fi
  printf '%s\n' "$out" | grep -v '^ADAPTER' | grep -v '^$' | tail -3 >&2
done
if [ -z "$chosen" ]; then
  chosen=${candidates[0]}
  echo "gpu-run.sh: no manifest gave a '$match' adapter; running under $chosen to report the error" >&2
fi
echo "gpu-run.sh: VK_DRIVER_FILES=$chosen" >&2
export VK_DRIVER_FILES=$chosen
exec /tmp/fwnode/node main.mjs "$@"
