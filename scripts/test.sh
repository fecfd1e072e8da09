#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine, then run them.
# Installs the package with its test extras and Debian's Chromium (the
# browser tests drive it through Playwright; `playwright install` cannot
# download browsers here). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -e '.[test]'
if ! [ -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        sudo apt-get update -qq
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
fi
exec python -m pytest "$@"
