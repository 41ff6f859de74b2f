#!/usr/bin/env python3
"""Share of the app's sampled CPU per part of the request path, from a speedscope file.

  dotnet-trace convert --format speedscope rush-sqlite.nettrace   # writes rush-sqlite.speedscope.json
  bench/rush-profile.py rush-sqlite.speedscope.json [--top 25]

dotnet-trace's sampler (dotnet-sampled-thread-time) records every managed thread, running or not, and ends
each stack with CPU_TIME (in managed code) or UNMANAGED_CODE_TIME (in native code). A native sample whose
managed frame is a wait (thread pool idle, socket poll) is left out; one blocked entering a lock is counted
apart, by the part that holds the stack ("blocked on a lock"), since a blocked request thread costs
throughput without CPU. Every other sample goes to the part of the innermost frame that belongs to one
(an awaited call's continuation runs inline on the thread that completed it, so the outermost frames say
little). Native-only threads (the GC's) are not in an EventPipe profile; app cores is the whole process.
"""
import json
import re
import sys
from collections import Counter

PARTS = [
    ("data protection (auth cookie, antiforgery and tempdata crypto)", r"Microsoft\.AspNetCore\.DataProtection|Microsoft\.AspNetCore\.Cryptography|System\.Security\.Cryptography"),
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
LOCK = re.compile(r"Monitor\.Enter_Slowpath|Monitor\.ReliableEnter|Lock\.TryEnterSlow|Lock\.EnterAndGetCurrentThreadId")
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
    for frame in reversed(stack):
        for name, rx in COMPILED:
            if rx.search(frame):
                return name
    return "other (thread pool, runtime, unrecognised)"


def main():
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 0
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    parts, blocked, leaves, waiting = Counter(), Counter(), Counter(), 0.0
    for stack, weight in stacks(doc):
        native = stack[-1] == "UNMANAGED_CODE_TIME"
        frames = stack[:-1] if stack and stack[-1] in ("UNMANAGED_CODE_TIME", "CPU_TIME") else stack
        if not frames:
            continue
        if native and LOCK.search(frames[-1]):
            blocked[part_of(frames)] += weight
        elif native and WAITING.search(frames[-1]):
            waiting += weight
        else:
            parts[part_of(frames)] += weight
            leaves[frames[-1]] += weight
    busy = sum(parts.values())
    print("| part of the request path | share of sampled busy time | threads blocked on a lock (share of busy) |")
    print("|---|---:|---:|")
    for name in sorted(set(parts) | set(blocked), key=lambda n: -parts[n]):
        print(f"| {name} | {100 * parts[name] / busy:.1f} % | {100 * blocked[name] / busy:.1f} % |")
    print(f"\n(busy {busy:,.0f} ms of thread samples, blocked on locks {sum(blocked.values()):,.0f} ms, idle waits {waiting:,.0f} ms)")
    if top:
        print("\ninnermost frames of the busy samples:")
        for name, weight in leaves.most_common(top):
            print(f"  {100 * weight / busy:5.1f} %  {name[:160]}")


if __name__ == "__main__":
    main()
