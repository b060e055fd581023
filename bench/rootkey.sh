#!/bin/sh
# rootkey.sh - the benchmark's awk peer: the one-liner a user writes to
# find credential reports whose root account has an active access key
# (columns 9 and 14: access_key_1_active, access_key_2_active).
#
#   sh bench/rootkey.sh PATH...   (directories, or the files themselves)
find "$@" -name '*.csv' -exec awk -F, '$1 == "<root_account>" && ($9 == "true" || $14 == "true") { print FILENAME ": root access key active" }' {} +
