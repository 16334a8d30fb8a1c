#!/usr/bin/env python3
"""The SimPy peer of Civic311Simulation: the "111 call center" of intro-open-sim (SimPy 4).

Written for this repository from the model's published description (not copied): Poisson arrivals
at 100 calls an hour, 13 operators (a simpy.Resource), FIFO, call durations Triangular(5, 7, 10)
minutes, no abandonment, 1,000 simulated minutes without warm-up. A wait is recorded when an
operator answers. Each replication seeds its own arrival and duration streams (Python's random),
so the script needs nothing but simpy.

usage: peer111.py REPLICATIONS
prints one JSON object: replications, calls (arrivals), answered, seconds (wall time of the
replications), calls_per_second, mean_wait_minutes (per replication), and their 5th, 50th and
95th percentiles.
"""
import json
import random
import sys
import time

import simpy

ARRIVALS_PER_HOUR = 100.0
OPERATORS = 13
RUN_MINUTES = 1000.0


def replication(seed):
    arrivals = random.Random(seed)
    durations = random.Random(seed + 1_000_003)
    env = simpy.Environment()
    operators = simpy.Resource(env, capacity=OPERATORS)
    waits = []
    counts = {"arrivals": 0}

    def call(env):
        arrived = env.now
        with operators.request() as request:
            yield request
            waits.append(env.now - arrived)
            yield env.timeout(durations.triangular(5.0, 10.0, 7.0))

    def source(env):
        while True:
            yield env.timeout(arrivals.expovariate(ARRIVALS_PER_HOUR / 60.0))
            counts["arrivals"] += 1
            env.process(call(env))

    env.process(source(env))
    env.run(until=RUN_MINUTES)
    mean = sum(waits) / len(waits) if waits else 0.0
    return mean, counts["arrivals"], len(waits)


def percentile(values, fraction):
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def main():
    replications = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    started = time.perf_counter()
    results = [replication(seed) for seed in range(replications)]
    seconds = time.perf_counter() - started
    means = [result[0] for result in results]
    calls = sum(result[1] for result in results)
    print(json.dumps({
        "simpy_version": simpy.__version__,
        "replications": replications,
        "calls": calls,
        "answered": sum(result[2] for result in results),
        "seconds": seconds,
        "calls_per_second": calls / seconds,
        "mean_wait_minutes": means,
        "p5": percentile(means, 0.05),
        "p50": percentile(means, 0.5),
        "p95": percentile(means, 0.95),
    }))


if __name__ == "__main__":
    main()
