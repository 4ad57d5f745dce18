# Shared by scripts/demo and scripts/test: install what is missing, then configure and build.
# Sourced, not run.
set -euo pipefail

FACTGRAPH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${FACTGRAPH_BUILD_DIR:-$FACTGRAPH_ROOT/build}"

missing_packages() {
    local pkg
    while read -r pkg; do
        [[ -z "$pkg" || "$pkg" == \#* ]] && continue
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            printf '%s\n' "$pkg"
        fi
    done < "$FACTGRAPH_ROOT/scripts/deps.txt"
}

ensure_packages() {
    local missing
    missing="$(missing_packages | tr '\n' ' ')"
    missing="${missing% }"
    [[ -z "$missing" ]] && return 0
    if [[ "$(id -u)" -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            echo "factgraph: installing $missing" >&2
            sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
            return 0
        fi
        echo "factgraph: missing Debian packages. Run as root:" >&2
        echo "  apt-get update && apt-get install -y $missing" >&2
        exit 1
    fi
    echo "factgraph: installing $missing" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
}

build_factgraph() {
    local jobs
    jobs="$(nproc 2>/dev/null || echo 2)"
    if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
        cmake -S "$FACTGRAPH_ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >&2
    fi
    cmake --build "$BUILD_DIR" -j "$jobs" >&2
}
