"""A real SMTP server for the e-mail tests (Debian's python3-aiosmtpd).

Usage: python3 smtp_sink.py PORT FOLDER
Writes each accepted message to FOLDER/NNNN.eml, prints "ready" once listening, and stops when stdin closes.
Recipients at refused.example get a permanent 550 answer, recipients at busy.example a temporary 451 answer.
"""
import os
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@refused.example"):
            return "550 5.1.1 No such mailbox here"
        if address.endswith("@busy.example"):
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        path = os.path.join(self.folder, "%04d.eml" % self.count)
        with open(path + ".tmp", "wb") as f:
            f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content)
        os.replace(path + ".tmp", path)
        return "250 2.0.0 Queued as sink-%d" % self.count


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
