#!/usr/bin/env bash
# One run of the fault-injection suite (the *FaultIT tests and the fault cases of the SageMaker end-to-end
# test), then the table the README shows: each fault, how often it was injected, jobs lost, jobs launched or
# recorded twice, files left half-written, and the longest a command took to answer under it. The tests
# assert the outcomes; each writes what it found to magics/target/fault-ledger.tsv (dev.fahr.testing.FaultLedger).
#
#   bench/fault-suite.sh             (under scripts/with-services.sh, or it starts the services itself)
#
# The kernel's own faults (interrupt and restart during %fahr_fit and a live %fahr_status) run in
# kernel's KernelFaultIT, through jupyter_client; they are listed below the table.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
case ${1:-} in
  -h | --help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "fault-suite: unknown option $1 (see --help)" >&2; exit 2 ;;
esac
if [[ -z ${DOCKER_HOST:-} ]]; then
  exec scripts/with-services.sh "$0" "$@"
fi

ledger=$here/magics/target/fault-ledger.tsv
rm -f "$ledger"
tests='*FaultIT,SageMakerFitEndToEndIT#aMissingBucket*+aPushCut*+anExpired*+aSpot*'
mvn -o -B -q -pl magics -am install -DskipTests -DskipITs
mvn -o -B -pl magics verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$tests" \
  -Dfahr.fault.ledger="$ledger" > /tmp/fahr-fault-suite.log 2>&1 || {
  grep -E 'Tests run:|FAIL' /tmp/fahr-fault-suite.log | tail -20 >&2
  echo "fault-suite: the suite failed; see /tmp/fahr-fault-suite.log" >&2
  exit 1
}

mkdir -p bench/results
out=bench/results/fault-suite-$(date -u +%Y%m%dT%H%M%SZ).md
{
  echo "| fault | injected | jobs lost | jobs twice | half-written | longest answer |"
  echo "|---|---|---|---|---|---|"
  sort "$ledger" | awk -F'\t' '
    function cell(v) { return v < 0 ? "n/a" : v }
    { total += $2; if ($3 > 0) lost += $3; if ($4 > 0) twice += $4; half += $5; if ($6 > longest) longest = $6
      printf "| %s | %d | %s | %s | %d | %s |\n", $1, $2, cell($3), cell($4), $5, $6 < 0 ? "n/a" : sprintf("%.1f s", $6 / 1000) }
    END { printf "| **all %d faults** | %d | %d | %d | %d | %.1f s |\n", NR, total, lost, twice, half, longest / 1000 }'
} | tee "$out"
echo "saved to $out" >&2
