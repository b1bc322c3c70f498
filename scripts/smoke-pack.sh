#!/usr/bin/env bash
# Packs the library and installs the tarball in a scratch project, then checks that
# both `import` and `require` work and give the same quote. Needs `npm run build` first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)"
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "./$tarball"
cat > esm.mjs <<'JS'
import { quote, DATA_VERSION } from "destination-vat";
import { quote as quoteEu } from "destination-vat/eu";
import { checkTaxId } from "destination-vat/tax-id";
if (!checkTaxId("GR", "EL094259216").valid) throw new Error("destination-vat/tax-id rejects a valid Greek VAT number");
const input = { date: "2026-11-02", destination: "FR", currency: "EUR", lines: [{ unitPrice: "40.00", quantity: 2 }] };
const q = quote(input);
if (JSON.stringify(quoteEu(input)) !== JSON.stringify(q)) throw new Error("destination-vat/eu quotes differently from destination-vat");
console.log(DATA_VERSION, q.totals.tax);
JS
cat > cjs.cjs <<'JS'
const { quote, DATA_VERSION } = require("destination-vat");
const { quote: quoteEu } = require("destination-vat/eu");
if (!require("destination-vat/tax-id").checkTaxId("GR", "EL094259216").valid) throw new Error("destination-vat/tax-id rejects a valid Greek VAT number");
const input = { date: "2026-11-02", destination: "FR", currency: "EUR", lines: [{ unitPrice: "40.00", quantity: 2 }] };
const q = quote(input);
if (JSON.stringify(quoteEu(input)) !== JSON.stringify(q)) throw new Error("destination-vat/eu quotes differently from destination-vat");
console.log(DATA_VERSION, q.totals.tax);
JS
esm="$(node esm.mjs)"
cjs="$(node cjs.cjs)"
echo "import:  $esm"
echo "require: $cjs"
[ "$esm" = "$cjs" ] || { echo "import and require disagree"; exit 1; }
case "$esm" in *" 16.00") ;; *) echo "unexpected quote from the packed build: $esm"; exit 1 ;; esac
npx --no-install destination-vat --version
