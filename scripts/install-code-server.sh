#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 in a browser, with the normal Node extension host) for the
# extension-host and UI tests, from the npm registry and Debian's packages only.
#
#   bash scripts/install-code-server.sh              install (or reuse a working install); the last line of
#                                                    stdout is the install directory
#   bash scripts/install-code-server.sh --print-dir  print the install directory and exit (installs nothing)
#   bash scripts/install-code-server.sh --force      reinstall even if a working install exists
#
# Install directory: ${KB_AUTHOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kb-author}/code-server-4.100.3
# (outside the clone; test/e2e/support/codeServer.ts computes the same path). Runs as root on Debian (it
# apt-get installs the build tools, ripgrep and chromium); a second run reuses a working install in seconds.
#
# Why each step (see also the notes on running a real VS Code offline):
# - `--ignore-scripts`: code-server's postinstall downloads ripgrep from GitHub, which is not reachable;
#   Debian's ripgrep is copied in its place. npm does not run install scripts of dependencies by itself
#   here, so the native modules that code-server needs are built with explicit `npm rebuild`s.
# - `npm_config_nodedir`: build native modules against the local Node headers (no header download).
# - `npm_config_yes`: node-pty's rebuild runs `npx node-gyp`, which must not stop to ask.
set -euo pipefail

readonly VERSION="4.100.3"
readonly LOG_PREFIX="[install-code-server]"
# The Debian packages: compilers and headers for the native modules, ripgrep for search, chromium for the UI tests.
# Installed without their Recommends (chromium's would bring avahi-daemon, upower and printer tools); of
# those, only the fonts matter here (the screenshots' text), so fonts-liberation is named.
readonly BUILD_PACKAGES=(build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
readonly RUNTIME_PACKAGES=(ripgrep chromium fonts-liberation)

log() { printf '%s %s\n' "$LOG_PREFIX" "$*" >&2; }
die() {
  printf '%s error: %s\n' "$LOG_PREFIX" "$*" >&2
  exit 1
}

cache_root="${KB_AUTHOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kb-author}"
install_dir="$cache_root/code-server-$VERSION"
marker="$install_dir/.kb-author-install-complete"
entry="$install_dir/node_modules/code-server/out/node/entry.js"

force=0
for arg in "$@"; do
  case "$arg" in
    --print-dir)
      printf '%s\n' "$install_dir"
      exit 0
      ;;
    --force) force=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument '$arg' (expected --print-dir, --force or --help)" ;;
  esac
done

command -v node > /dev/null || die "node is not in PATH (code-server $VERSION needs Node 20)"
command -v npm > /dev/null || die "npm is not in PATH"
node_version="$(node -p process.version)"
node_abi="$(node -p process.versions.modules)"
case "$node_version" in
  v20.*) ;;
  *) log "warning: code-server $VERSION is built for Node 20; this is Node $node_version" ;;
esac

# The marker records the Node ABI the native modules were built for: a different Node means a rebuild.
marker_content="code-server=$VERSION node-abi=$node_abi"

# Prints why the install at $install_dir cannot be reused, or nothing if it can.
install_problem() {
  [[ -f "$marker" ]] || {
    echo "no completed install at $install_dir"
    return
  }
  [[ "$(cat "$marker")" == "$marker_content" ]] || {
    echo "built for another Node ($(cat "$marker"), now $marker_content)"
    return
  }
  [[ -x "$install_dir/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]] || {
    echo "ripgrep is missing from the install"
    return
  }
  # Even `--version` writes a default config (with a password) and logs into the home folder unless told
  # otherwise: point both at a scratch folder.
  local scratch version_output status=0
  scratch="$(mktemp -d)"
  printf 'auth: none\n' > "$scratch/config.yaml"
  version_output="$(cd "$install_dir" && XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" \
    timeout 60 node "$entry" --config "$scratch/config.yaml" --version 2>&1)" || status=$?
  rm -rf "$scratch"
  if [[ "$status" != 0 ]]; then
    echo "'node entry.js --version' failed (exit $status): $version_output"
  elif ! grep -q "^$VERSION " <<< "$version_output"; then
    echo "'node entry.js --version' printed '$version_output', not $VERSION"
  fi
}

missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2> /dev/null | grep -q 'install ok installed' || printf '%s ' "$pkg"
  done
}

apt_install() {
  local missing
  missing="$(missing_packages "$@")"
  if [[ -z "$missing" ]]; then
    log "Debian packages already installed: $*"
    return
  fi
  [[ "$(id -u)" == 0 ]] || die "the Debian packages $missing are missing; run this script as root to install them"
  command -v apt-get > /dev/null || die "apt-get not found: install these packages yourself: $missing"
  log "apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  log "apt-get install $missing"
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
}

# The test runs need chromium and rg even when code-server itself is reused.
ensure_runtime_packages() {
  if command -v rg > /dev/null && { [[ -x /usr/bin/chromium ]] || command -v chromium > /dev/null; }; then
    log "chromium and rg found: skipping apt"
    return
  fi
  apt_install "${RUNTIME_PACKAGES[@]}"
}

# One install at a time per cache (a second concurrent run waits, then reuses the first one's result).
mkdir -p "$cache_root"
exec 9> "$cache_root/.install-code-server.lock"
flock 9

if [[ "$force" == 0 ]]; then
  problem="$(install_problem)"
  if [[ -z "$problem" ]]; then
    log "reusing the working code-server $VERSION at $install_dir"
    ensure_runtime_packages
    printf '%s\n' "$install_dir"
    exit 0
  fi
  log "installing: $problem"
else
  log "installing: --force"
fi

start_seconds=$SECONDS

# Build native modules against the local Node headers: the include/node folder next to the running node
# (/usr/bin/node -> /usr/include/node). node-gyp must never try to download headers (no internet here).
node_prefix="$(dirname "$(dirname "$(node -p process.execPath)")")"
if [[ -n "${npm_config_nodedir:-}" && -f "$npm_config_nodedir/include/node/node.h" ]]; then
  :
elif [[ -f "$node_prefix/include/node/node.h" ]]; then
  export npm_config_nodedir="$node_prefix"
else
  die "Node headers not found at $node_prefix/include/node (needed to build code-server's native modules); install the headers that match $node_version (e.g. Debian's libnode-dev for a Debian node)"
fi
export npm_config_yes=true
# Quieter npm, no network calls besides the registry's packages.
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
log "Node $node_version, native modules built against the headers in $npm_config_nodedir/include/node"

apt_install "${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}"

# Install into a staging folder and rename it into place at the end, so an interrupted install never
# looks like a finished one.
staging="$install_dir.partial"
rm -rf "$staging" "$install_dir"
mkdir -p "$staging"
cd "$staging"
npm init -y > /dev/null

log "npm install code-server@$VERSION --ignore-scripts (its postinstall would download ripgrep from GitHub)"
npm install "code-server@$VERSION" --ignore-scripts --loglevel=error >&2
log "npm rebuild argon2"
npm rebuild argon2 --loglevel=error >&2

cd node_modules/code-server/lib/vscode
log "npm install --omit=dev --ignore-scripts in lib/vscode"
npm install --omit=dev --ignore-scripts --loglevel=error >&2
log "ripgrep workaround: copy Debian's rg into @vscode/ripgrep/bin"
mkdir -p node_modules/@vscode/ripgrep/bin
install -m755 "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
log "npm rebuild kerberos native-watchdog @vscode/spdlog @parcel/watcher @vscode/deviceid node-pty"
npm rebuild kerberos native-watchdog @vscode/spdlog @parcel/watcher @vscode/deviceid node-pty --loglevel=error >&2
log "symlinks: node_modules.asar, bin/remote-cli/code-server, bin/helpers/browser.sh"
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
log "npm install --omit=dev --ignore-scripts in lib/vscode/extensions"
(cd extensions && npm install --omit=dev --ignore-scripts --loglevel=error >&2)

cd "$cache_root"
mv "$staging" "$install_dir"
printf '%s\n' "$marker_content" > "$marker"
problem="$(install_problem)"
if [[ -n "$problem" ]]; then
  rm -f "$marker"
  die "the new install does not work: $problem"
fi

log "installed code-server $VERSION in $((SECONDS - start_seconds)) s"
printf '%s\n' "$install_dir"
