"""python tests/bench/footprint.py   (or: make bench)

What the French understanding costs each server process: the memory it adds and the start-up
time, measured in fresh interpreters.

- baseline: ``django.setup()`` and ``receptionist.asgi`` with the understanding's warm-up and
  the FAQ's sentence encoder turned off;
- with it: the same, as a server runs it (the word vectors, the generic out-of-scope set, the
  stemmer and the number words are read once, in ``ConversationsConfig.ready``; the sentence
  encoder loads in the background, and its memory is counted once it is loaded);
- then a 500-entry FAQ indexed and calibrated, as the first turn of a business does.

Memory is the resident set size read from ``/proc/self/statm``; each figure is the median of
three runs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = 3

PROBE = r"""
import json, os, sys, time
started = time.perf_counter()
sys.path.insert(0, os.environ["ROOT"])

def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

if os.environ.get("NO_WARM_UP"):
    import conversations.dialogue.understanding as understanding
    understanding.warm_up = lambda: None
import django
django.setup()
import receptionist.asgi  # a server process: starts the sentence encoder in the background
ready = time.perf_counter()
out = {"setup_s": ready - started}
if not os.environ.get("NO_WARM_UP"):
    from faq.sentences import encoder
    encoder()  # wait for it: count its memory, and when it is ready
    out["encoder_s"] = time.perf_counter() - started
out["rss_mb"] = rss_mb()
if os.environ.get("FAQ_ENTRIES"):
    import random
    sys.path.insert(0, os.path.join(os.environ["ROOT"], "tests", "bench"))
    from turns import synthetic_faq
    from faq.calibration import calibrated_index
    begun = time.perf_counter()
    index = calibrated_index(synthetic_faq(int(os.environ["FAQ_ENTRIES"]), random.Random(7)))
    out["faq_s"] = time.perf_counter() - begun
    out["faq_rss_mb"] = rss_mb()
print(json.dumps(out))
"""


def probe(**env: str) -> dict[str, float]:
    environment = {
        **os.environ,
        "ROOT": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "receptionist.settings",
        "LOG_LEVEL": "ERROR",
        **env,
    }
    runs = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, "-W", "ignore", "-c", PROBE],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    bare = probe(NO_WARM_UP="1", FAQ_SENTENCE_ENCODER="false")
    warm = probe(FAQ_ENTRIES="500")
    added = warm["rss_mb"] - bare["rss_mb"]
    print(
        "server process start-up (django.setup, receptionist.asgi):"
        f" {bare['setup_s']:.2f} s without the understanding,"
    )
    print(f"  {warm['setup_s']:.2f} s with it ({warm['setup_s'] - bare['setup_s']:.2f} s more)")
    print(f"  the sentence encoder ready in the background {warm['encoder_s']:.2f} s after start")
    print(f"resident memory: {bare['rss_mb']:.0f} MB without, {warm['rss_mb']:.0f} MB with")
    print(f"  ({added:.0f} MB added by the French understanding)")
    print(
        f"a 500-entry FAQ indexed and calibrated in {warm['faq_s']:.2f} s,"
        f" {warm['faq_rss_mb'] - warm['rss_mb']:.0f} MB more"
    )


if __name__ == "__main__":
    main()
