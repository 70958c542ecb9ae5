#!/usr/bin/env bash
# Runs every PhoneSafe benchmark in Release and prints the figures (see bench/README.md and docs/performance.md).
# Usage: bench/run-all.sh [--quick]   (--quick: smaller ingest runs and a 200-locker storm, for a smoke check)
# The machine's load is printed before and after each run: on a shared machine, figures are lower bounds.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}
dotnet build -c Release bench/PhoneSafe.Gateway.Bench -nologo -v q
dotnet build -c Release bench/PhoneSafe.Firmware.Bench -nologo -v q
bench() { dotnet artifacts/bin/PhoneSafe.Gateway.Bench/release/PhoneSafe.Gateway.Bench.dll "$@" || echo "(benchmark exited with code $?)"; }
load() { echo "-- $(date -u +%FT%TZ) load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }

if [ "$quick" = "--quick" ]; then
  ingest=(--lockers 20 --events 1000 --rate 1000 --seconds 5) storm=(--storm-lockers 200 --storm-events 500)
else
  ingest=(--lockers 40 --events 5000 --rate 1000 --seconds 10) storm=(--storm-lockers 1000 --storm-events 500)
fi

echo "== Ingest and reconnect storm, embedded MQTTnet broker"
load; bench --broker mqttnet "${ingest[@]}" "${storm[@]}"; load
if [ -x /usr/sbin/mosquitto ]; then
  echo "== Ingest and reconnect storm, $(/usr/sbin/mosquitto -h 2>/dev/null | head -1)"
  load; bench --broker mosquitto "${ingest[@]}" "${storm[@]}"; load
fi
echo "== Command round trip (gateway -> virtual locker -> result recorded)"
load; bench commands --broker mqttnet; load
if [ -x /usr/sbin/mosquitto ]; then
  load; bench commands --broker mosquitto; load
fi
echo "== Dashboard (a year of a 2,000-pupil school; seeded once into artifacts/bench/, then reused)"
load; bench dashboard; load
echo "== Over-the-air update, 200 KiB image, one virtual locker"
load; bench update --kib 200; load
echo "== Firmware core (host figures)"
load; dotnet artifacts/bin/PhoneSafe.Firmware.Bench/release/PhoneSafe.Firmware.Bench.dll; load
