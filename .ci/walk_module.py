#!/usr/bin/env python3
"""Walk one module of notalone in plain mode, answering like a learner.

Usage: walk_module.py [--crlf] [--timeout SECONDS] -- COMMAND [ARGS...]

COMMAND is `notalone --plain --profile NAME ...` (or a wrapper: runuser,
wine). The walker reads each prompt (a line ending in "> "), answers and
stops when the home screen comes back after one module, with `q`.

It reads the screen rather than replaying fixed answers, so it works
whatever order the options are shown in and whatever the module holds:
at each prompt it tries Enter, then "1", then every listed number ("1 2 3
4", valid for any `order` question), moving to the next try only when the
program answers with a one-line complaint and the same prompt. It does not
try to answer right: the module is complete once every step is answered.

--crlf ends every line with CR LF, as Windows programs piping input do.
Exit status 0 when the module was walked and the program exited 0; the
whole transcript is printed on failure.
"""

import os
import re
import select
import subprocess
import sys
import time

PROMPT = "> "
MAX_ANSWERS = 600


class Walk:
    def __init__(self, cmd, crlf, timeout):
        self.crlf = crlf
        self.deadline = time.monotonic() + timeout
        self.transcript = []
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0
        )
        self.buf = b""

    def fail(self, why):
        try:
            sys.stdout.write("".join(self.transcript))
            sys.stdout.write("\nwalk_module: %s\n" % why)
            sys.stdout.flush()
        except BrokenPipeError:
            pass
        try:
            self.proc.kill()
        except OSError:
            pass
        sys.exit(1)

    def read_screen(self):
        """Output up to the next prompt, or None when the program ended."""
        fd = self.proc.stdout.fileno()
        while True:
            text = self.buf.decode("utf-8", "replace")
            if text.endswith(PROMPT):
                # A prompt is flushed and then the program waits: make sure
                # nothing else follows straight away.
                ready, _, _ = select.select([fd], [], [], 0.2)
                if not ready:
                    self.buf = b""
                    self.transcript.append(text)
                    return text
            left = self.deadline - time.monotonic()
            if left <= 0:
                self.fail("timed out waiting for a prompt")
            ready, _, _ = select.select([fd], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                text = self.buf.decode("utf-8", "replace")
                self.transcript.append(text)
                self.buf = b""
                return None
            if b"\x1b" in chunk:
                self.fail("an escape sequence in plain mode: %r" % chunk[:80])
            self.buf += chunk

    def send(self, line):
        end = "\r\n" if self.crlf else "\n"
        self.transcript.append(line + "\n")
        try:
            self.proc.stdin.write((line + end).encode())
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.fail("the program stopped reading its input")


def hint_of(screen):
    """The last non-empty line before the prompt."""
    lines = [l for l in screen[: -len(PROMPT)].splitlines() if l.strip()]
    return lines[-1] if lines else ""


def numbers_listed(screen):
    return [int(m.group(1)) for m in re.finditer(r"(?m)^(\d+)\. ", screen)]


def main(argv):
    crlf = False
    timeout = 300.0
    while argv and argv[0] != "--":
        if argv[0] == "--crlf":
            crlf = True
            argv = argv[1:]
        elif argv[0] == "--timeout" and len(argv) > 1:
            timeout = float(argv[1])
            argv = argv[2:]
        else:
            sys.exit(__doc__)
    cmd = argv[1:]
    if not cmd:
        sys.exit(__doc__)

    w = Walk(cmd, crlf, timeout)
    home = w.read_screen()
    if home is None:
        w.fail("the program ended before its first prompt")
    home_hint = hint_of(home)
    w.send("")  # Enter on the home screen: start (or resume) a module.

    answered = 0
    tries = []
    pos = 0
    key = None
    last_hint = None
    # For screens with a list: where the last accepted try was, so a
    # question shown again ("think about it, then choose again") gets the
    # next try instead of the same wrong answer.
    accepted = {}
    while True:
        screen = w.read_screen()
        if screen is None:
            w.fail("the program ended before the module was done")
        hint = hint_of(screen)
        if hint == home_hint and answered > 0:
            break
        lines = [l for l in screen.splitlines() if l.strip()]
        complaint = hint == last_hint and len(lines) <= 3
        if not complaint:
            if key is not None:
                accepted[key] = pos - 1
            nums = numbers_listed(screen)
            listed = max(nums) if nums else 0
            tries = ["", "1"]
            if listed > 1:
                tries.append(" ".join(str(n) for n in range(1, listed + 1)))
                tries.extend(str(n) for n in range(2, listed + 1))
            key = screen if listed else None
            pos = accepted.get(key, -1) + 1 if key is not None else 0
        if pos >= len(tries):
            w.fail("no answer is accepted at: %r" % hint)
        answer = tries[pos]
        pos += 1
        w.send(answer)
        answered += 1
        last_hint = hint
        if answered > MAX_ANSWERS:
            w.fail("more than %d answers without getting back home" % MAX_ANSWERS)

    w.send("q")
    rest = w.read_screen()
    if rest is not None:
        w.fail("the program did not quit on q")
    w.proc.stdin.close()
    code = w.proc.wait(timeout=max(1.0, w.deadline - time.monotonic()))
    if code != 0:
        w.fail("the program exited with status %d" % code)
    print("walk_module: walked one module in %d answers" % answered)


if __name__ == "__main__":
    main(sys.argv[1:])
