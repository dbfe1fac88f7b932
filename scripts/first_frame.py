#!/usr/bin/env python3
"""Start-to-first-frame of the full-screen course, in a real pseudo-terminal.

Spawns the binary on a pty (80x24), starts the clock just before exec, stops
it when the first frame's text (the course title) has been written, then
sends q. Prints the median and range over N runs (stdlib only)."""
import os, pty, sys, time, statistics, tempfile, fcntl, termios, struct, select

def one(binary, data):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["NOTALONE_DATA_DIR"] = data
        os.execv(binary, [binary, "--profile", "bench"])
    t0 = time.perf_counter()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    buf = b""
    elapsed = None
    deadline = t0 + 5
    while time.perf_counter() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            buf += chunk
            if b"Not Alone" in buf and b"modules" in buf:
                elapsed = time.perf_counter() - t0
                break
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed

binary = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
with tempfile.TemporaryDirectory() as data:
    times = [one(binary, data) for _ in range(runs)]
ok = [t * 1000 for t in times if t is not None]
print(f"first frame: median {statistics.median(ok):.1f} ms, min {min(ok):.1f} ms, max {max(ok):.1f} ms ({len(ok)}/{runs} runs)")
