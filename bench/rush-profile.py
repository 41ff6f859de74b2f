#!/usr/bin/env python3
"""Share of the app's sampled CPU per part of the request path, from a speedscope file.

  dotnet-trace convert --format speedscope rush-sqlite.nettrace   # writes rush-sqlite.speedscope.json
  bench/rush-profile.py rush-sqlite.speedscope.json [--top 25]

dotnet-trace's sampler records every managed thread, running or not: a sample whose innermost frame is a
wait (thread pool idle, socket poll, monitor) is counted as waiting and left out of the shares. Each other
sample goes to the first part (in the order below) that any frame of its stack belongs to, so the session
check's cookie decryption counts as auth, not as data protection. Native-only threads (the GC's, SQLite's
fsync) are not in an EventPipe profile; the run's app cores figure is the whole process.
"""
import json
import re
import sys
from collections import Counter

PARTS = [
    ("auth / session check", r"Microsoft\.AspNetCore\.Authentication|SessionRevocation|SessionStampGrain|B4StampGrain|Microsoft\.AspNetCore\.Identity"),
    ("antiforgery", r"Microsoft\.AspNetCore\.Antiforgery"),
    ("storage: group commit + grain state", r"TenderSubmissionLog|GroupCommitter|EfGrainStorage|B4Log|MultiRowInsert"),
    ("storage: queries of the page (EF)", r"Microsoft\.EntityFrameworkCore|Microsoft\.Data\.Sqlite|SQLitePCL|Npgsql"),
    ("grain call (Orleans + grain code)", r"^Orleans|Marketplace\.Tendering|Marketplace\.Organizations|Marketplace\.Domain|B4NoticeGrain"),
    ("logging", r"Microsoft\.Extensions\.Logging"),
    ("page: model binding, handler, Razor, tempdata, redirect", r"Microsoft\.AspNetCore\.Mvc|Microsoft\.AspNetCore\.Razor|Marketplace\.Web\.Pages|AspNetCoreGeneratedDocument|RequestDelegateFactory|Microsoft\.AspNetCore\.Http\.Generated"),
    ("product middleware (audit, limits, guards, output cache)", r"Marketplace\.Web\.Infrastructure|Microsoft\.AspNetCore\.OutputCaching|Microsoft\.AspNetCore\.RateLimiting|Microsoft\.AspNetCore\.Diagnostics|Microsoft\.AspNetCore\.Localization"),
    ("Kestrel, routing, HTTP", r"Microsoft\.AspNetCore\.Server\.Kestrel|Microsoft\.AspNetCore\.Routing|Microsoft\.AspNetCore\.Http|Microsoft\.AspNetCore\.Hosting|System\.Net\.|System\.IO\.Pipelines"),
]
WAITING = re.compile(r"WaitForSignal|WaitNative|WaitOneCore|WaitHandle\.Wait|Monitor\.Wait|Thread\.Sleep|SleepEx|WaitForSocketEvents|"
                     r"LowLevelLifoSemaphore|LowLevelMonitor|SemaphoreSlim\.Wait|ManualResetEventSlim\.Wait|Interop\+Sys\.Poll|epoll|"
                     r"WaitForPendingFinalizers|Thread\.Join|Task\.SpinThenBlockingWait|Thread::Sleep|WaitUntil|ReadFromPipe")
COMPILED = [(name, re.compile(rx)) for name, rx in PARTS]


def stacks(doc):
    """(frame names root→leaf, weight) for every sample or interval in the file."""
    names = [f["name"] for f in doc["shared"]["frames"]]
    for profile in doc["profiles"]:
        if profile["type"] == "sampled":
            for sample, weight in zip(profile["samples"], profile["weights"]):
                yield [names[i] for i in sample], weight
        else:  # evented: open/close events; the interval between two events has the open frames as its stack
            open_frames, last = [], None
            for e in profile["events"]:
                if last is not None and open_frames and e["at"] > last:
                    yield [names[i] for i in open_frames], e["at"] - last
                last = e["at"]
                if e["type"] == "O":
                    open_frames.append(e["frame"])
                elif open_frames:
                    open_frames.pop()


def part_of(stack):
    for name, rx in COMPILED:
        if any(rx.search(f) for f in stack):
            return name
    return "other (thread pool, runtime, unrecognised)"


def main():
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 0
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    parts, leaves, waiting = Counter(), Counter(), 0.0
    for stack, weight in stacks(doc):
        if not stack or WAITING.search(stack[-1]) or (len(stack) > 1 and WAITING.search(stack[-2]) and "UNMANAGED" in stack[-1]):
            waiting += weight
            continue
        parts[part_of(stack)] += weight
        leaves[stack[-1]] += weight
    busy = sum(parts.values())
    print(f"| part of the request path | share of sampled busy CPU |")
    print(f"|---|---:|")
    for name, weight in parts.most_common():
        print(f"| {name} | {100 * weight / busy:.1f} % |")
    print(f"\n(busy {busy:,.0f} ms of samples, waiting {waiting:,.0f} ms left out)")
    if top:
        print("\ninnermost frames:")
        for name, weight in leaves.most_common(top):
            print(f"  {100 * weight / busy:5.1f} %  {name[:160]}")


if __name__ == "__main__":
    main()
