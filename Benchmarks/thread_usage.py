"""How many of this process's threads did the work of a stretch of time, and how many CPUs'
worth of time they took: what a reference trainer reports with each epoch, so that a thread
limit can be checked on the training steps alone (not on start-up or compilation)."""
import os
import time

TICK = os.sysconf("SC_CLK_TCK")


def thread_cpu():
    """CPU seconds of each thread of this process, by thread id."""
    out = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            out[int(tid)] = (int(fields[11]) + int(fields[12])) / TICK
        except (OSError, IndexError, ValueError):
            pass
    return out


class Stretch:
    """Started at creation; `end()` gives {"cpu_per_wall", "busy_threads"}: the process's CPU time
    over the wall time, and the threads that took a tenth of that CPU time or more."""

    def __init__(self):
        self.threads, self.cpu, self.wall = thread_cpu(), time.process_time(), time.perf_counter()

    def end(self):
        wall, cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        after = thread_cpu()
        spent = [c - self.threads.get(t, 0.0) for t, c in after.items()]
        total = sum(spent)
        return {"cpu_per_wall": round(cpu / wall, 3) if wall > 0 else None,
                "busy_threads": sum(1 for s in spent if total > 0 and s >= 0.1 * total)}
