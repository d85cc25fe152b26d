# Sourced by ./run and ./test: make .venv (Python 3.11 or newer) and install coprod-lab into it,
# again only when pyproject.toml has changed since the last install.
ensure_venv() {
  local extras=$1 root python stamp want
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  if [ ! -x "$root/.venv/bin/python" ]; then
    python=${PYTHON:-$(command -v python3.11 || command -v python3 || true)}
    if [ -z "$python" ] || ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "coprod-lab needs Python 3.11 or newer; install it, or set PYTHON to one." >&2
      exit 1
    fi
    echo "Making a virtual environment in $root/.venv ..." >&2
    "$python" -m venv "$root/.venv"
  fi
  stamp="$root/.venv/.installed${extras:+-$extras}"
  want=$(sha256sum < "$root/pyproject.toml" | cut -c1-64)
  # An install with the test tools also serves ./run.
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] &&
     { [ -n "$extras" ] || [ "$(cat "$root/.venv/.installed-test" 2>/dev/null)" != "$want" ]; }; then
    echo "Installing coprod-lab${extras:+ with its $extras tools} into .venv ..." >&2
    "$root/.venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
    "$root/.venv/bin/python" -m pip install -q --disable-pip-version-check \
      -e "$root${extras:+[$extras]}"
    echo "$want" > "$stamp"
  fi
}
