#!/usr/bin/env python3
"""Check that the PhoneSafe pin map and everything drawn or written from it agree.

hardware/locker-unit/pinmap.json is the single source of truth. This script fails
(exit code 1) when:
  * the pin map itself is inconsistent (duplicate names or GPIOs, a reserved GPIO,
    an output on an input-only pin, a solenoid gate or the buzzer on a pin driven at boot);
  * a wiring diagram (hardware/*/wiring.dot) labels an ESP32 port differently;
  * the pin table in hardware/locker-unit/README.md or firmware/PhoneSafe.Firmware.Esp32/README.md
    (between the pinmap markers) disagrees;
  * firmware/PhoneSafe.Firmware.Esp32/BoardPins.cs exists and disagrees, or
    BoardBuses.cs there disagrees with the MCP23017 addresses and ports or the DS3231 address in 'i2cDevices'.
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
# ESP32 pins that drive a signal (PWM or UART output) while the chip boots: never a solenoid gate or the buzzer.
BOOT_ACTIVE = {1, 3, 5, 14, 15}

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
        if gpio in BOOT_ACTIVE and (name.startswith("Lock") or name == "Buzzer"):
            errors.append(f"pinmap.json: {name} on GPIO{gpio}, which is driven while the ESP32 boots")
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


def expander_pin(port):
    """GPA0-GPA7 are pins 0-7 and GPB0-GPB7 are pins 8-15, as the firmware numbers them."""
    bank, bit = port[:3], int(port[3:])
    return bit if bank == "GPA" else 8 + bit


def check_buses(data, text, source):
    expanders = [d for d in data.get("i2cDevices", []) if d["part"] == "MCP23017"]
    for device in expanders:
        names = [p["name"] for p in device["pins"]]
        kind = "Lock" if names[0].startswith("Lock") else "Door"
        address = re.search(kind + r"ExpanderAddress\s*=\s*(0x[0-9A-Fa-f]+|\d+)\s*;", text)
        pins = re.search(r"Expander" + kind + r"Pins\s*=\s*\{([^}]*)\}", text)
        if address is None or pins is None:
            errors.append(f"{source}: {kind}ExpanderAddress or Expander{kind}Pins not found")
            continue
        if int(address.group(1), 0) != device["address"]:
            errors.append(f"{source}: {kind.lower()} expander at {address.group(1)}, pinmap.json says 0x{device['address']:02X}")
        expected = [expander_pin(p["port"]) for p in device["pins"]]
        found = [int(v) for v in pins.group(1).replace(" ", "").split(",") if v]
        if found != expected:
            errors.append(f"{source}: Expander{kind}Pins {found}, pinmap.json says {expected}")
    for device in (d for d in data.get("i2cDevices", []) if d["part"] == "DS3231"):
        address = re.search(r"RtcAddress\s*=\s*(0x[0-9A-Fa-f]+|\d+)\s*;", text)
        if address is None:
            errors.append(f"{source}: RtcAddress not found")
        elif int(address.group(1), 0) != device["address"]:
            errors.append(f"{source}: RTC at {address.group(1)}, pinmap.json says 0x{device['address']:02X}")


def main():
    data = json.loads(PINMAP.read_text(encoding="utf-8"))
    pins = check_pinmap(data)

    port = re.compile(r"<(\w+)>\s*GPIO(\d+)\b")
    for dot in sorted(HARDWARE.glob("*/wiring.dot")):
        found = {m.group(1): int(m.group(2)) for m in port.finditer(dot.read_text(encoding="utf-8"))}
        compare(str(dot.relative_to(REPO)), found, pins)

    for readme in (HARDWARE / "locker-unit" / "README.md", REPO / "firmware" / "PhoneSafe.Firmware.Esp32" / "README.md"):
        if not readme.exists():
            continue
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

    buses = REPO / "firmware" / "PhoneSafe.Firmware.Esp32" / "BoardBuses.cs"
    if buses.exists():
        check_buses(data, buses.read_text(encoding="utf-8-sig"), str(buses.relative_to(REPO)))

    if errors:
        for e in errors:
            print("error: " + e, file=sys.stderr)
        return 1
    print(f"pin map OK: {len(pins)} ESP32 pins agree across pinmap.json, wiring diagrams, README and firmware (where present)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
