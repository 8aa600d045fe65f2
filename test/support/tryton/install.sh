#!/bin/sh
# Installs Tryton 6.0 from Debian's packages for the connector integration tests.
# Idempotent: does nothing when trytond is already on the PATH. Needs root (CI runs as root).
set -eu

if command -v trytond >/dev/null 2>&1; then
  echo "trytond already installed: $(command -v trytond)"
  exit 0
fi

MODULES="company party currency country product stock sale account-invoice sale-price-list \
product-price-list stock-lot carrier sale-shipment-cost sale-shipment-tolerance web-shop account-payment"

PACKAGES="tryton-server python3-psycopg2"
for m in $MODULES; do PACKAGES="$PACKAGES tryton-modules-$m"; done

export DEBIAN_FRONTEND=noninteractive
apt-get update
# --no-install-recommends: without it apt pulls ~400 packages (LibreOffice included).
# shellcheck disable=SC2086
apt-get install -y --no-install-recommends $PACKAGES
# The packaged service does not start in containers (policy-rc.d); tests run trytond themselves.
