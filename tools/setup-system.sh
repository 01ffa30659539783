#!/usr/bin/env bash
# Installs the system packages Framewise's tests need, where they are missing:
#   chromium    headless browser for the site and WebGPU-in-browser tests
#   libvulkan1  Vulkan loader for Dawn (WebGPU in Node) on SwiftShader
# Harmless when they are present. Needs root (or sudo) and Debian's apt-get.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1' || need+=(libvulkan1)

if [ ${#need[@]} -eq 0 ]; then
  echo "setup-system: chromium and libvulkan1 already present"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-system: missing ${need[*]}; install them with your package manager (Debian/Ubuntu: apt-get install ${need[*]})" >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup-system: run as root to install ${need[*]}" >&2; exit 1; }
  sudo="sudo"
fi

echo "setup-system: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "setup-system: done"
