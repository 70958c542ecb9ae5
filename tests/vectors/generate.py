#!/usr/bin/env python3
"""Writes protocol-v1.json: golden vectors for the PhoneSafe locker protocol (docs/protocol.md).

Produced by this independent Python implementation (hmac/hashlib/json from the standard library),
then checked byte for byte by the firmware-core tests and the gateway tests, so the C# codec used
on both sides cannot drift from the written protocol. Run: python3 tests/vectors/generate.py
"""
import base64
import hashlib
import hmac
import json
import os

DEVICE_KEY = bytes(range(32))
OTHER_KEY = bytes(range(100, 132))
CREDENTIAL_KEY = bytes(range(32, 64))
SCHOOL = "vector-school"
DEVICE = "lk-101"


def topic(kind, device=DEVICE):
    return f"phonesafe/{SCHOOL}/{device}/{kind}"


def compact(obj):
    return json.dumps(obj, separators=(",", ":"))


def sign(obj, key=DEVICE_KEY):
    body = compact(obj)
    mac = hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()
    return body[:-1] + ',"mac":"' + mac + '"}'


def credential(uid_hex):
    return hmac.new(CREDENTIAL_KEY, bytes.fromhex(uid_hex), hashlib.sha256).digest()[:16].hex()


STAFF = credential("04a1b2c3")
PUPIL = credential("04d5e6f7a1b2c3")


def event(**overrides):
    e = {"v": 1, "m": "event", "dev": DEVICE, "boot": 3, "seq": 42, "ts": "2026-11-25T08:01:02Z", "sync": True,
         "up": 123456, "type": "deposit", "cmp": 3, "cred": STAFF, "subj": ""}
    e.update(overrides)
    return e


def flip_last_mac_char(payload):
    last = payload[-3]
    return payload[:-3] + ("0" if last != "0" else "1") + payload[-2:]


events = [
    {"name": "deposit", "topic": topic("events"), "payload": sign(event()), "expect": "ok"},
    {"name": "retrieve-unsynced-clock", "topic": topic("events"),
     "payload": sign(event(seq=43, ts="2000-01-01T00:02:03Z", sync=False, up=123000, type="retrieve")), "expect": "ok"},
    {"name": "office-intake-with-pupil", "topic": topic("events"),
     "payload": sign(event(seq=44, type="deposit", cmp=7, subj=PUPIL)), "expect": "ok"},
    {"name": "door-forced-no-credential", "topic": topic("events"),
     "payload": sign(event(seq=45, type="door-forced", cred="", cmp=2)), "expect": "ok"},
    {"name": "config-applied-with-version", "topic": topic("events"),
     "payload": sign(dict(event(seq=51, type="config-applied", cred="", cmp=0), ver=7)), "expect": "ok"},
    {"name": "unknown-field-is-covered-and-ignored", "topic": topic("events"),
     "payload": sign(dict(event(seq=46), note="extra")), "expect": "ok"},
    {"name": "unknown-type", "topic": topic("events"), "payload": sign(event(seq=47, type="teleported")), "expect": "unknown-type"},
    {"name": "tag-changed", "topic": topic("events"), "payload": flip_last_mac_char(sign(event(seq=48))), "expect": "bad-mac"},
    {"name": "signed-with-another-key", "topic": topic("events"), "payload": sign(event(seq=49), OTHER_KEY), "expect": "bad-mac"},
    {"name": "no-tag", "topic": topic("events"), "payload": compact(event(seq=50)), "expect": "bad-mac"},
    {"name": "device-publishing-as-another", "topic": topic("events"), "payload": sign(event(dev="lk-999")), "expect": "device-mismatch"},
    {"name": "version-2", "topic": topic("events"), "payload": sign(event(v=2)), "expect": "unsupported-version"},
    {"name": "ack-on-events-topic", "topic": topic("events"),
     "payload": sign({"v": 1, "m": "ack", "dev": DEVICE, "seq": 42}), "expect": "wrong-kind"},
    {"name": "missing-compartment", "topic": topic("events"),
     "payload": sign({k: v for k, v in event().items() if k != "cmp"}), "expect": "bad-field"},
    {"name": "raw-card-uid-instead-of-hash", "topic": topic("events"), "payload": sign(event(cred="04a1b2c3")), "expect": "bad-field"},
    {"name": "bad-timestamp", "topic": topic("events"), "payload": sign(event(ts="2026-02-30T08:00:00Z")), "expect": "bad-field"},
    {"name": "sequence-zero", "topic": topic("events"), "payload": sign(event(seq=0)), "expect": "bad-field"},
    {"name": "fraction", "topic": topic("events"), "payload": sign(event(cmp=1.5)), "expect": "malformed"},
    {"name": "not-json", "topic": topic("events"), "payload": "deposit 3 please", "expect": "malformed"},
    {"name": "json-array", "topic": topic("events"), "payload": "[1,2,3]", "expect": "malformed"},
    {"name": "oversized", "topic": topic("events"), "payload": "{\"pad\":\"" + "x" * 1100 + "\"}", "expect": "oversized"},
]

# An event the C# encoder must reproduce byte for byte (it writes no unknown fields).
for e in events:
    e["reencodes"] = e["expect"] == "ok" and "unknown-field" not in e["name"]

acks = [
    {"name": "ack", "topic": topic("ack"), "payload": sign({"v": 1, "m": "ack", "dev": DEVICE, "seq": 42}), "expect": "ok", "seq": 42},
    {"name": "event-replayed-as-ack", "topic": topic("ack"), "payload": events[0]["payload"], "expect": "wrong-kind"},
]

configs = [
    {"name": "config", "topic": topic("config"), "expect": "ok",
     "payload": sign({"v": 1, "m": "config", "dev": DEVICE, "ver": 7, "unlock": 10, "leftOpen": 120, "utcOffset": 0,
                      "contact": [{"d": 1, "from": 525, "to": 735}, {"d": 1, "from": 785, "to": 915}],
                      "allow": [{"c": STAFF, "r": "staff", "cmp": 3}, {"c": PUPIL, "r": "pupil", "cmp": 0}]})},
    {"name": "config-replacement-card", "topic": topic("config"), "expect": "ok",
     "payload": sign({"v": 1, "m": "config", "dev": DEVICE, "ver": 9, "unlock": 10, "leftOpen": 120, "utcOffset": 0,
                      "contact": [], "allow": [{"c": PUPIL, "r": "staff", "cmp": 0, "p": STAFF}]})},
    {"name": "config-unknown-role", "topic": topic("config"), "expect": "bad-field",
     "payload": sign({"v": 1, "m": "config", "dev": DEVICE, "ver": 8, "unlock": 10, "leftOpen": 120, "utcOffset": 0,
                      "contact": [], "allow": [{"c": STAFF, "r": "janitor", "cmp": 3}]})},
]

commands = [
    {"name": "unlock", "topic": topic("command"), "expect": "ok",
     "payload": sign({"v": 1, "m": "command", "dev": DEVICE, "id": "c-0001", "cmd": "unlock", "cmp": 3, "cred": STAFF,
                      "subj": "", "exp": "2026-11-25T08:05:00Z"})},
    {"name": "clear", "topic": topic("command"), "expect": "ok",
     "payload": sign({"v": 1, "m": "command", "dev": DEVICE, "id": "c-0002", "cmd": "clear", "cmp": 2, "cred": "",
                      "subj": "", "exp": "2026-11-25T08:05:00Z"})},
    {"name": "clear-emptying", "topic": topic("command"), "expect": "ok",
     "payload": sign({"v": 1, "m": "command", "dev": DEVICE, "id": "c-0003", "cmd": "clear", "cmp": 3, "cred": "",
                      "subj": STAFF, "exp": "2026-11-25T08:05:00Z"})},
]

restores = [
    {"name": "restore-two-phones", "topic": topic("restore"), "expect": "ok",
     "payload": sign({"v": 1, "m": "restore", "dev": DEVICE, "occ": [{"cmp": 1, "c": PUPIL}, {"cmp": 3, "c": STAFF}]})},
    {"name": "restore-empty", "topic": topic("restore"), "expect": "ok",
     "payload": sign({"v": 1, "m": "restore", "dev": DEVICE, "occ": []})},
    {"name": "restore-compartment-zero", "topic": topic("restore"), "expect": "bad-field",
     "payload": sign({"v": 1, "m": "restore", "dev": DEVICE, "occ": [{"cmp": 0, "c": STAFF}]})},
    {"name": "restore-raw-uid", "topic": topic("restore"), "expect": "bad-field",
     "payload": sign({"v": 1, "m": "restore", "dev": DEVICE, "occ": [{"cmp": 2, "c": "04a1b2c3"}]})},
]

results = [
    {"name": "result-executed", "topic": topic("result"), "expect": "ok",
     "payload": sign({"v": 1, "m": "result", "dev": DEVICE, "id": "c-0001", "ok": True, "why": ""})},
    {"name": "result-refused", "topic": topic("result"), "expect": "ok",
     "payload": sign({"v": 1, "m": "result", "dev": DEVICE, "id": "c-0002", "ok": False, "why": "not-faulted"})},
    {"name": "result-refused-without-reason", "topic": topic("result"), "expect": "bad-field",
     "payload": sign({"v": 1, "m": "result", "dev": DEVICE, "id": "c-0003", "ok": False, "why": ""})},
]

# A firmware image of 3,000 bytes: two chunks of at most 2,048 bytes.
IMAGE = bytes((i * 7) & 255 for i in range(3000))


def update(**fields):
    u = {"v": 1, "m": "update", "dev": DEVICE}
    u.update(fields)
    return sign(u)


def chunk(n, data):
    return update(do="chunk", fw="1.1.0", n=n, data=base64.b64encode(data).decode("ascii"))


updates = [
    {"name": "manifest", "topic": topic("update"), "expect": "ok",
     "payload": update(do="manifest", fw="1.1.0", size=len(IMAGE), chunks=2, sha=hashlib.sha256(IMAGE).hexdigest())},
    {"name": "chunk-first", "topic": topic("update"), "expect": "ok", "payload": chunk(0, IMAGE[:2048])},
    {"name": "chunk-last", "topic": topic("update"), "expect": "ok", "payload": chunk(1, IMAGE[2048:])},
    {"name": "confirm", "topic": topic("update"), "expect": "ok", "payload": update(do="confirm", fw="1.1.0")},
    {"name": "manifest-chunk-count-wrong", "topic": topic("update"), "expect": "bad-field",
     "payload": update(do="manifest", fw="1.1.0", size=len(IMAGE), chunks=1, sha=hashlib.sha256(IMAGE).hexdigest())},
    {"name": "chunk-too-large", "topic": topic("update"), "expect": "bad-field", "payload": chunk(0, bytes(2049))},
]

progress = [
    {"name": "progress-receiving", "topic": topic("progress"), "expect": "ok",
     "payload": sign({"v": 1, "m": "progress", "dev": DEVICE, "run": "1.0.0", "state": "receiving", "tgt": "1.1.0",
                      "next": 8, "why": ""})},
    {"name": "progress-failed", "topic": topic("progress"), "expect": "ok",
     "payload": sign({"v": 1, "m": "progress", "dev": DEVICE, "run": "1.0.0", "state": "failed", "tgt": "1.1.0",
                      "next": 0, "why": "bad-hash"})},
    {"name": "progress-unknown-state", "topic": topic("progress"), "expect": "bad-field",
     "payload": sign({"v": 1, "m": "progress", "dev": DEVICE, "run": "1.0.0", "state": "flashing", "tgt": "",
                      "next": 0, "why": ""})},
]

document = {
    "about": "Golden vectors for PhoneSafe protocol v1. Generated by tests/vectors/generate.py; do not edit by hand.",
    "school": SCHOOL,
    "device": DEVICE,
    "deviceKeyHex": DEVICE_KEY.hex(),
    "credentialKeyHex": CREDENTIAL_KEY.hex(),
    "credentials": [{"uidHex": "04a1b2c3", "hash": STAFF}, {"uidHex": "04d5e6f7a1b2c3", "hash": PUPIL}],
    "events": events,
    "acks": acks,
    "configs": configs,
    "commands": commands,
    "results": results,
    "restores": restores,
    "updateImageHex": IMAGE.hex(),
    "updates": updates,
    "progress": progress,
}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "protocol-v1.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(document, f, indent=2)
    f.write("\n")
print(f"wrote {path}: {len(events)} events, {len(acks)} acks, {len(configs)} configs, {len(commands)} commands, {len(results)} results, {len(restores)} restores, {len(updates)} updates, {len(progress)} progress")
