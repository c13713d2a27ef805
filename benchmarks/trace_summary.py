#!/usr/bin/python3
"""Summarises a Chrome trace from TorchProfiler (ModelDsl) or torch.autograd.profiler (PyTorch): total
self time per operator, largest first, so the two runtimes' steps can be compared op by op.
Usage: trace_summary.py TRACE.json [STEPS]   (STEPS divides the totals to give time per step)"""
import json
import sys
from collections import defaultdict


def main():
    events = json.load(open(sys.argv[1]))
    if isinstance(events, dict):
        events = events.get("traceEvents", [])
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    spans = [e for e in events if e.get("ph") == "X"]
    # Self time: an op's duration minus the ops nested directly inside it on the same thread.
    by_thread = defaultdict(list)
    for e in spans:
        by_thread[e.get("tid")].append(e)
    total = defaultdict(float)
    count = defaultdict(int)
    for items in by_thread.values():
        items.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []
        for e in items:
            while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
                stack.pop()
            if stack:
                total[stack[-1]["name"]] -= e["dur"]
            total[e["name"]] += e["dur"]
            count[e["name"]] += 1
            stack.append(e)
    grand = sum(total.values())
    print(f"{'op':50} {'ms/step':>9} {'calls/step':>10}")
    for name, us in sorted(total.items(), key=lambda kv: -kv[1])[:25]:
        print(f"{name[:50]:50} {us / 1000 / steps:9.3f} {count[name] / steps:10.1f}")
    print(f"{'total self time':50} {grand / 1000 / steps:9.3f}")


if __name__ == "__main__":
    main()
