#!/usr/bin/env bash
# Re-render the wiring diagrams after checking them against the pin map.
# Usage: hardware/render.sh        (from anywhere; needs Graphviz: apt-get install graphviz)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

python3 "$here/check-pinmap.py"

if ! command -v dot >/dev/null 2>&1; then
  echo "error: Graphviz 'dot' not found. Install it with: apt-get install -y graphviz" >&2
  exit 1
fi

for src in "$here"/*/wiring.dot; do
  out="${src%.dot}.png"
  dot -Tpng -Gdpi=110 "$src" -o "$out"
  echo "rendered ${out#"$here"/}"
done
