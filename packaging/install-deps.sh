#!/usr/bin/env bash
# Installs the Debian 12 packages Lectern needs to build, run, test and benchmark.
# Idempotent: installs only what is missing. Runs as root (or through sudo) with no stdin.
# Usage: packaging/install-deps.sh          (build + run + tests)
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ pkg-config ccache
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libpoppler-qt6-dev libexpected-dev libqt6sql6-sqlite
    qt6-httpserver-dev qt6-websockets-dev libqrencode-dev
    # exports: the handout is assembled with qpdf (deck pages kept as vector pages)
    libqpdf-dev
    # the moderation window (the moderator page inside the app)
    qt6-webengine-dev
    # tests: a projector unplugged mid-talk (the offscreen platform's native interface, Qt6::GuiPrivate)
    qt6-base-private-dev
    # run: the X11 platform plugin ships with libqt6gui6; fonts for slides, the demo and Japanese
    fonts-dejavu-core fonts-noto-cjk qt6-translations-l10n
    # run without a screen, tests and screenshots
    xvfb xauth poppler-utils xdotool
    # the Debian package (cpack's dpkg-shlibdeps) and its checks (tests/packaging)
    dpkg-dev lintian appstream desktop-file-utils
    # tests: the sanitizer build and the libFuzzer targets (clang; llvm brings llvm-symbolizer for the reports)
    clang llvm
    # browser tests of the phone page (tests/web: Debian chromium driven by npm playwright-core)
    chromium
)
# Node.js and npm for the browser tests and the load generator; a machine with its own Node.js (e.g. from
# NodeSource, whose nodejs package conflicts with Debian's npm) keeps it.
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root (missing: ${missing[*]})" >&2; exit 1; }
    as_root=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q </dev/null
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
