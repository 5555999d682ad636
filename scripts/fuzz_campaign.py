"""A fuzzing campaign on demand: damaged and hostile plan files, for as long as asked.

    .venv/bin/python scripts/fuzz_campaign.py [--minutes 10] [--seed N] [--out fuzz-findings]

Mutations of seed ``.xlsx``, ``.xlsm``, ``.ods`` and ``.reeplan`` files (the
vocabulary of ``tests/fuzzing.py``, drawn at random; ``--seed`` repeats a
campaign) go, one kind after the other, to a worker process that reads each
with every reader, computes what the window would show and runs ``summary``
(``tests.fuzzing.check_file``, numpy warnings as errors). The campaign
watches the worker from outside and reports, for each file:

- a broken promise (another exception, a figure from an invalid plan, inf or
  nan on show, a message that does not name the file);
- an abort (the worker died, e.g. a Rust allocation failure);
- a hang (over ``--timeout`` seconds on one file);
- a memory blow-up (the worker's resident memory grew by over ``--memory-mb``
  MB while reading one file; the worker cannot take more than 4 GB in all).

Each finding is saved in ``--out`` (the file, and a ``.txt`` saying what
happened and the mutation); move the file into ``tests/data/fuzz-found``
once fixed, so the suite reads it on every run. Exit 1 when anything was
found. Linux only (it reads ``/proc``).
"""

from __future__ import annotations

import argparse
import json
import random
import select
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing import KINDS, make_seeds, mutate, random_operations  # noqa: E402

WORKER = """
import json, os, resource, sys, warnings
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # the machine stays up whatever happens
sys.path.insert(0, sys.argv[1])
warnings.simplefilter("error")
from pathlib import Path
from tests.fuzzing import check_file
print("ready", flush=True)
for line in sys.stdin:
    try:
        outcome = check_file(Path(line.strip()))
    except BaseException as exc:
        outcome = "failed: " + type(exc).__name__ + ": " + " ".join(str(exc).split())[:500]
    print(json.dumps(outcome), flush=True)
"""


class Worker:
    """A process reading the files it is sent, one at a time; watched from here."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(ROOT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("the worker did not start")

    def _status_mb(self, field: str) -> float:
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return 0.0
        for line in status.splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        return 0.0

    def _reset_peak(self) -> None:
        """Start the worker's peak resident memory (VmHWM) over from what it holds now."""
        try:
            Path(f"/proc/{self.process.pid}/clear_refs").write_text("5")
        except OSError:
            pass  # then the peak is the worker's whole life's, an overestimate

    def check(self, path: Path, timeout_s: float, memory_mb: float) -> str:
        """The worker's outcome for ``path``, or what went wrong with the worker itself."""
        before = self._status_mb("VmRSS")
        self._reset_peak()
        try:
            self.process.stdin.write(f"{path}\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            self.process.wait()
            return f"abort: the worker died (exit {self.process.returncode})"
        start = time.monotonic()
        while True:
            ready, _, _ = select.select([self.process.stdout], [], [], 0.01)
            if ready:
                answer = self.process.stdout.readline()
                if not answer:
                    self.process.wait()
                    return f"abort: the worker died (exit {self.process.returncode})"
                grown = self._status_mb("VmHWM") - before
                if grown > memory_mb:
                    return f"memory: the worker grew by {grown:,.0f} MB on this file ({json.loads(answer)})"
                return json.loads(answer)
            if self.process.poll() is not None:
                return f"abort: the worker died (exit {self.process.returncode})"
            grown = self._status_mb("VmRSS") - before
            if grown > memory_mb:
                self.stop()
                return f"memory: the worker grew by over {grown:,.0f} MB on this file (stopped)"
            if time.monotonic() - start > timeout_s:
                self.stop()
                return f"hang: no answer after {timeout_s:.0f} s"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "fuzz-findings")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one file may take")
    parser.add_argument("--memory-mb", type=float, default=1024.0, help="growth one file may cause")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    print(f"Fuzz campaign: {args.minutes:g} minutes, seed {seed}; findings go to {args.out}", flush=True)

    counts: Counter[tuple[str, str]] = Counter()
    findings = 0
    with tempfile.TemporaryDirectory() as folder:
        seeds = {kind: path.read_bytes() for kind, path in make_seeds(Path(folder) / "seeds").items()}
        worker = Worker()
        end = time.monotonic() + args.minutes * 60
        n = 0
        while time.monotonic() < end:
            kind = KINDS[n % len(KINDS)]
            n += 1
            ops = random_operations(rng, kind)
            path = Path(folder) / f"mutated-{n}.{kind}"
            path.write_bytes(mutate(seeds[kind], kind, ops))
            outcome = worker.check(path, args.timeout, args.memory_mb)
            verdict = outcome if outcome in ("plan", "refused") else outcome.split(":")[0]
            counts[(kind, verdict)] += 1
            if verdict not in ("plan", "refused"):
                findings += 1
                _save(args.out, path, kind, n, ops, outcome)
                if worker.process.poll() is not None:
                    worker = Worker()
            path.unlink()
        worker.stop()

    print(f"\n{n:,} files in {args.minutes:g} minutes (seed {seed}):")
    for kind in KINDS:
        line = ", ".join(
            f"{verdict} {count:,}" for (k, verdict), count in sorted(counts.items()) if k == kind
        )
        print(f"  .{kind}: {line}")
    print(f"{findings} finding{'s' if findings != 1 else ''}" + (f", in {args.out}" if findings else "."))
    return 1 if findings else 0


def _save(out: Path, path: Path, kind: str, n: int, ops: list[tuple], outcome: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{kind}-{n}.{kind}"
    target.write_bytes(path.read_bytes())
    target.with_suffix(".txt").write_text(f"{outcome}\n\nmutation: {ops!r}\n", encoding="utf-8")
    print(f"  {target.name}: {outcome[:300]}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
