#!/usr/bin/python3
"""SMTP sink for bench/two-nodes.sh: accepts every message and appends one line per recipient
(lower case) to a file before answering 250, so a recipient is in the file whenever the sender
could have seen the message accepted. Kill it to simulate an outage; start it again on the same
file to go on counting. Needs aiosmtpd (Debian: apt-get install python3-aiosmtpd).

usage: smtp_sink.py PORT FILE
"""
import sys
import threading

from aiosmtpd.controller import Controller


class Recorder:

    def __init__(self, path):
        self.out = open(path, "a", buffering=1)

    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            self.out.write(rcpt.lower() + "\n")
        self.out.flush()
        return "250 OK"


if __name__ == "__main__":
    port, path = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Recorder(path), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"smtp sink on 127.0.0.1:{port} -> {path}", flush=True)
    threading.Event().wait()
