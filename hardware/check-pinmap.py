#!/usr/bin/env python3
"""Check that the PhoneSafe pin map and everything drawn or written from it agree.

hardware/locker-unit/pinmap.json is the single source of truth. This script fails
(exit code 1) when:
  * the pin map itself is inconsistent (duplicate names or GPIOs, a reserved GPIO,
    an output on an input-only pin);
  * a wiring diagram (hardware/*/wiring.dot) labels an ESP32 port differently;
  * the pin table in hardware/locker-unit/README.md (between the pinmap markers)
    disagrees;
  * firmware/PhoneSafe.Firmware.Esp32/BoardPins.cs exists and disagrees.
It only reads files; it needs nothing beyond the Python standard library.
"""
import json
import pathlib
import re
import sys

HARDWARE = pathlib.Path(__file__).resolve().parent
REPO = HARDWARE.parent
PINMAP = HARDWARE / "locker-unit" / "pinmap.json"
INPUT_ONLY = {34, 35, 36, 37, 38, 39}  # ESP32 GPIs: no output driver, no internal pulls.

errors = []


def check_pinmap(data):
    pins = {}
    reserved = {g for entry in data.get("reservedGpio", []) for g in entry["gpio"]}
    seen_gpio = {}
    for pin in data["pins"]:
        name, gpio = pin["name"], pin["gpio"]
        if name in pins:
            errors.append(f"pinmap.json: duplicate name {name}")
        if gpio in seen_gpio:
            errors.append(f"pinmap.json: GPIO{gpio} used by both {seen_gpio[gpio]} and {name}")
        if gpio in reserved:
            errors.append(f"pinmap.json: {name} uses reserved GPIO{gpio}")
        if gpio in INPUT_ONLY and pin["direction"] != "input":
            errors.append(f"pinmap.json: {name} on input-only GPIO{gpio} must be an input")
        if gpio in INPUT_ONLY and not pin.get("pull", "").startswith("external-up"):
            errors.append(f"pinmap.json: {name} on GPIO{gpio} needs an external pull-up")
        pins[name] = gpio
        seen_gpio[gpio] = name
    return pins


def compare(source, found, pins):
    for name, gpio in found.items():
        if name not in pins:
            errors.append(f"{source}: {name} (GPIO{gpio}) is not in pinmap.json")
        elif pins[name] != gpio:
            errors.append(f"{source}: {name} is GPIO{gpio}, pinmap.json says GPIO{pins[name]}")
    for name in pins:
        if name not in found:
            errors.append(f"{source}: {name} is missing")


def main():
    data = json.loads(PINMAP.read_text(encoding="utf-8"))
    pins = check_pinmap(data)

    port = re.compile(r"<(\w+)>\s*GPIO(\d+)\b")
    for dot in sorted(HARDWARE.glob("*/wiring.dot")):
        found = {m.group(1): int(m.group(2)) for m in port.finditer(dot.read_text(encoding="utf-8"))}
        compare(str(dot.relative_to(REPO)), found, pins)

    readme = HARDWARE / "locker-unit" / "README.md"
    text = readme.read_text(encoding="utf-8")
    block = re.search(r"<!-- pinmap:begin -->(.*?)<!-- pinmap:end -->", text, re.DOTALL)
    if block is None:
        errors.append(f"{readme.relative_to(REPO)}: pin table markers <!-- pinmap:begin/end --> missing")
    else:
        row = re.compile(r"^\|\s*`?(\w+)`?\s*\|\s*(\d+)\s*\|", re.MULTILINE)
        found = {m.group(1): int(m.group(2)) for m in row.finditer(block.group(1))}
        compare(str(readme.relative_to(REPO)), found, pins)

    board = REPO / "firmware" / "PhoneSafe.Firmware.Esp32" / "BoardPins.cs"
    if board.exists():
        const = re.compile(r"public\s+const\s+int\s+(\w+)\s*=\s*(\d+)\s*;")
        found = {m.group(1): int(m.group(2)) for m in const.finditer(board.read_text(encoding="utf-8-sig"))}
        compare(str(board.relative_to(REPO)), found, pins)
    else:
        print(f"note: {board.relative_to(REPO)} not found; firmware not compared")

    if errors:
        for e in errors:
            print("error: " + e, file=sys.stderr)
        return 1
    print(f"pin map OK: {len(pins)} ESP32 pins agree across pinmap.json, wiring diagrams and README")
    return 0


if __name__ == "__main__":
    sys.exit(main())
