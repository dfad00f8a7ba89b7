"""Password hashing cost: the configured Argon2id (users.hashers, config/settings/auth.py) against Django's default.

Run `.venv/bin/python bench/password_hash.py` (no services needed). Each variant runs in a fresh interpreter that
hashes through Django's hasher classes: one hash at a time (median of HASH_RUNS, after a warm-up), then a burst of
BURST parallel sign-ins (threads, as uvicorn runs sync views), reporting the burst's wall time and the process's
peak memory. The baseline is Django's Argon2PasswordHasher (100 MiB, 8 lanes) with no cap, as before issue 18;
the configured one runs with its per-process cap (PASSWORD_HASH_CONCURRENCY), so a burst waits for a slot instead
of taking BURST x its memory. Goal: a hash well under Django's default and a burst's memory bounded by the cap.
"""

from __future__ import annotations

import json
import os
import subprocess
from typing import Any

from harness import BACKEND, PYTHON

HASH_RUNS = int(os.environ.get("HASH_RUNS", "9"))
BURST = int(os.environ.get("HASH_BURST", "8"))

CHILD = """
import json, os, resource, statistics, sys, threading, time
import django
django.setup()
from django.conf import settings
from django.utils.module_loading import import_string
hasher = import_string(os.environ["BENCH_HASHER"])()
runs, burst = int(sys.argv[1]), int(sys.argv[2])
hasher.encode("warm-up password", hasher.salt())
times = []
for _ in range(runs):
    start = time.perf_counter()
    hasher.encode("correct-horse-battery", hasher.salt())
    times.append(time.perf_counter() - start)
base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
encoded = hasher.encode("correct-horse-battery", hasher.salt())
threads = [threading.Thread(target=hasher.verify, args=("correct-horse-battery", encoded)) for _ in range(burst)]
start = time.perf_counter()
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
wall = time.perf_counter() - start
print(json.dumps({
    "algorithm": hasher.algorithm, "params": str(hasher.params()) if hasattr(hasher, "params") else "",
    "cap": settings.PASSWORD_HASH_CONCURRENCY if "Sized" in type(hasher).__name__ else None,
    "median_ms": statistics.median(times) * 1000, "burst_s": wall,
    "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "before_burst_mib": base_rss / 1024,
}))
"""

# glibc raises its mmap threshold after the first large free, so each thread then keeps its last hash's memory in
# its own arena: a fixed threshold (docs/operations.md) hands it back to the system after every hash.
FIXED_MMAP = {"MALLOC_MMAP_THRESHOLD_": "1048576"}
VARIANTS: dict[str, tuple[str, dict[str, str]]] = {
    "Django default Argon2 (baseline)": ("django.contrib.auth.hashers.Argon2PasswordHasher", {}),
    "configured Argon2id + cap": ("users.hashers.SizedArgon2PasswordHasher", {}),
    "configured + MALLOC_MMAP_THRESHOLD_": ("users.hashers.SizedArgon2PasswordHasher", FIXED_MMAP),
}


def run(hasher: str, extra: dict[str, str]) -> dict[str, Any]:
    env = {
        **os.environ,
        **extra,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "BENCH_HASHER": hasher,
        # Long enough that no verify in the burst is refused: the bench measures queueing, not the 503.
        "PASSWORD_HASH_WAIT_SECONDS": "60",
    }
    out = subprocess.run(
        [str(PYTHON), "-c", CHILD, str(HASH_RUNS), str(BURST)], cwd=BACKEND, env=env, check=True, capture_output=True
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def main() -> None:
    results = {name: run(hasher, extra) for name, (hasher, extra) in VARIANTS.items()}
    print(f"Password hashing, {HASH_RUNS} hashes each, then {BURST} parallel verifies (threads)")
    for name, r in results.items():
        print(
            f"  {name:36s} {r['params']}\n"
            f"  {'':36s} one hash {r['median_ms']:7.1f} ms   burst {r['burst_s']:5.2f} s   "
            f"peak memory {r['peak_mib']:6.0f} MiB (before burst {r['before_burst_mib']:.0f})   cap {r['cap']}"
        )
    base, sized, fixed = results.values()
    grown = [float(r["peak_mib"]) - float(r["before_burst_mib"]) for r in (base, sized, fixed)]
    print(f"one hash: configured / baseline = {float(sized['median_ms']) / float(base['median_ms']):.2f}x")
    print(f"burst wall time: configured / baseline = {float(sized['burst_s']) / float(base['burst_s']):.2f}x")
    print(
        f"memory added by the burst: baseline {grown[0]:.0f} MiB, configured {grown[1]:.0f} MiB, "
        f"configured with a fixed mmap threshold {grown[2]:.0f} MiB"
    )


if __name__ == "__main__":
    main()
