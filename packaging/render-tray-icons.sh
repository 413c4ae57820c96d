#!/usr/bin/env bash
# Renders the tray state icons resources/icons/opsdeck-tray-{ok,warning,critical}.svg into the PNG sizes the
# package installs under hicolor/NxN/status (see packaging/packaging.cmake). Run it after changing an SVG, or the
# app icon they are drawn from; needs rsvg-convert (Debian librsvg2-bin).
set -euo pipefail

icons=$(cd "$(dirname "${BASH_SOURCE[0]}")/../resources/icons" && pwd)
command -v rsvg-convert >/dev/null || { echo "render-tray-icons.sh: install librsvg2-bin for rsvg-convert" >&2; exit 1; }
for state in ok warning critical; do
    for size in 16 22 24 32 48 64; do
        rsvg-convert --width "$size" --height "$size" "$icons/opsdeck-tray-$state.svg" \
            --output "$icons/opsdeck-tray-$state-$size.png"
    done
done
