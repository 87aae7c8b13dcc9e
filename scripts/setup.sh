#!/usr/bin/env bash
# Installs the Debian 12 packages Shuxiang needs, only those that are missing.
# Works as root or through sudo; does nothing (and needs no network) when all are present.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config ninja-build
  libglfw3-dev libepoxy-dev libimgui-dev libstb-dev libfreetype-dev
  libbullet-dev libassimp-dev libglm-dev librecast-dev libsqlite3-dev
  nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
  xvfb xauth libgl1-mesa-dri fonts-noto-cjk
  libcli11-dev libpugixml-dev libyaz-dev clang-14 libclang-rt-14-dev libpng-dev yaz assimp-testmodels chromium
  xdotool  # one editor test sends real X pointer events through GLFW (EditorManip.RealMouseDragMovesTheTable)
  # shuxiang serve: HTTP(S) with cpp-httplib over OpenSSL, Argon2id password hashes from libsodium,
  # Bootstrap and Chart.js served from Debian's copies; browser tests drive chromium through chromedriver
  libcpp-httplib-dev libssl-dev libsodium-dev libjs-bootstrap5 libjs-chart.js
  chromium-driver python3-selenium
  # shuxiang labels: zint encodes Code 128 (a well-kept encoder beats writing our own), cairo writes
  # the PDF with the CJK font embedded; the label tests read the PDFs back with poppler's pdfinfo/pdftotext
  libzint-dev libcairo2-dev poppler-utils
  # shuxiang district: the bureau's store is PostgreSQL (the server database a district runs and
  # replicates); libpqxx is its C++ client, and the district tests start a throwaway cluster with
  # postgresql-15's initdb/pg_ctl
  libpqxx-dev postgresql-15
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing missing packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
