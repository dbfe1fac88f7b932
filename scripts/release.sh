#!/usr/bin/env bash
# Build the release artefacts from this checkout into dist/:
#
#   dist/notalone_<version>-1_amd64.deb          Debian/Ubuntu package (cargo deb)
#   dist/notalone-<version>-x86_64-linux         static binary, any Linux (musl)
#   dist/notalone-<version>-x86_64-windows.exe   Windows x86_64 (mingw-w64)
#   dist/SHA256SUMS                              checksums, names relative to dist/
#
# All three are the real release build ([profile.release]: lto, one codegen
# unit, stripped). Installs what is missing: the two Rust targets (rustup),
# musl-tools and mingw-w64 (apt-get, as root), cargo-deb (crates.io).
# Then run .ci/release-test to install and try each one.
#
# Usage: scripts/release.sh            (NOTALONE_ALLOW_DIRTY=1 to build from
#                                       a checkout with uncommitted changes)
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
MUSL=x86_64-unknown-linux-musl
WIN=x86_64-pc-windows-gnu

die() {
  echo "release: $*" >&2
  exit 1
}
step() { echo "== release: $*"; }

version=$(sed -n 's/^version = "\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)
[[ -n "$version" ]] || die "could not read the version from Cargo.toml"

# The commit goes into `notalone --version` (build.rs). A build with
# uncommitted changes would name a commit it was not built from.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  if [[ -n "$(git status --porcelain --untracked-files=no)" ]]; then
    if [[ "${NOTALONE_ALLOW_DIRTY:-}" == 1 ]]; then
      NOTALONE_COMMIT="$(git rev-parse --short=12 HEAD)-modified"
      export NOTALONE_COMMIT
      echo "release: warning: uncommitted changes; the version says ${NOTALONE_COMMIT}" >&2
    else
      git status --short --untracked-files=no >&2
      die "uncommitted changes: commit them, or set NOTALONE_ALLOW_DIRTY=1"
    fi
  fi
else
  echo "release: warning: not a git checkout; the version says 'commit ${NOTALONE_COMMIT:-unknown}'" >&2
fi

# --- tools -----------------------------------------------------------------
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    die "missing $*: install them with your package manager"
  fi
  local sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "missing $*: run as root, or apt-get install $*"
    sudo=(sudo)
  fi
  step "apt-get install $*"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

installed_targets=$(rustup target list --installed 2>/dev/null || true)
for t in "$MUSL" "$WIN"; do
  if ! grep -qx "$t" <<<"$installed_targets"; then
    step "rustup target add $t"
    rustup target add "$t" || die "could not add the Rust target $t"
  fi
done
pkgs=()
command -v musl-gcc >/dev/null 2>&1 || pkgs+=(musl-tools)
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || pkgs+=(mingw-w64)
command -v sha256sum >/dev/null 2>&1 || pkgs+=(coreutils)
if ((${#pkgs[@]})); then apt_install "${pkgs[@]}"; fi
if ! cargo deb --version >/dev/null 2>&1; then
  step "cargo install cargo-deb --locked"
  cargo install cargo-deb --locked || die "could not install cargo-deb"
fi

# --- builds ----------------------------------------------------------------
rm -rf dist
mkdir -p dist
deb="notalone_${version}-1_amd64.deb"
linux="notalone-${version}-x86_64-linux"
windows="notalone-${version}-x86_64-windows.exe"
timing=()

# Wall time and CPU time (user + sys) of each build: on a busy machine the
# CPU time tells what a quiet one would take.
timed() {
  local label=$1 t
  shift
  local TIMEFORMAT="%0R s wall, %0U s user + %0S s sys CPU"
  exec 3>&2
  local rc=0
  t=$({ time "$@" 2>&3 >&3; } 2>&1) || rc=$?
  exec 3>&-
  ((rc == 0)) || die "$label build failed (status $rc)"
  timing+=("$label: $t")
}

step "Debian package (cargo deb: release build for $(rustc -vV | sed -n 's/^host: //p'))"
timed deb cargo deb --locked --output "dist/$deb"

step "static Linux binary ($MUSL)"
timed linux cargo build --release --locked --target "$MUSL"
cp "target/$MUSL/release/notalone" "dist/$linux"

step "Windows build ($WIN)"
timed windows cargo build --release --locked --target "$WIN"
cp "target/$WIN/release/notalone.exe" "dist/$windows"

for f in "$deb" "$linux" "$windows"; do
  [[ -s "dist/$f" ]] || die "dist/$f was not built"
done
chmod 0755 "dist/$linux"

# A static binary has no program interpreter (no dynamic loader).
if command -v readelf >/dev/null 2>&1 && readelf -l "dist/$linux" | grep -q 'Requesting program interpreter'; then
  die "dist/$linux is not statically linked"
fi

(cd dist && sha256sum "$deb" "$linux" "$windows" >SHA256SUMS)

step "done"
for t in "${timing[@]}"; do echo "  build time $t"; done
(cd dist && for f in "$deb" "$linux" "$windows"; do
  printf '  %-45s %9d bytes\n' "$f" "$(stat -c %s "$f")"
done)
cat dist/SHA256SUMS
