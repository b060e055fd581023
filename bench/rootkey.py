#!/usr/bin/env python3
"""rootkey.py - the benchmark's Python peer: what a user writes to check
credential reports for an active root access key, with the csv module.

    python3 bench/rootkey.py PATH...   (files, or directories walked for *.csv)

Prints one line per report whose root account has an active access key,
then "reports N root-keys N"."""
import csv
import os
import sys


def files(paths):
    for p in paths:
        if os.path.isdir(p):
            for d, dirs, names in os.walk(p):
                dirs.sort()
                for n in sorted(names):
                    if n.endswith(".csv") and not n.startswith("."):
                        yield os.path.join(d, n)
        else:
            yield p


def main():
    reports = keys = 0
    for path in files(sys.argv[1:]):
        reports += 1
        with open(path, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                if row["user"] != "<root_account>":
                    continue
                if "true" in (row["access_key_1_active"], row["access_key_2_active"]):
                    keys += 1
                    print(path + ": root access key active")
    print("reports %d root-keys %d" % (reports, keys))
    return 1 if keys else 0


sys.exit(main())
