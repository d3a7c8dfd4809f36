#!/usr/bin/env python3
"""Reproducible many-small-files data set for bench/suite.sh: N files (default 30,000) of
1-8 KiB of text-like bytes, 100 to a folder, so per-file costs (lstat, open, tree JSON,
metadata) dominate rather than chunking or crypto throughput."""
import os, random, sys

def main(root, count):
    rnd = random.Random(20261204)
    words = [b"alpha", b"beta", b"gamma", b"delta", b"config", b"value", b"=", b"\n", b"#", b"1024"]
    for i in range(count):
        d = os.path.join(root, f"d{i // 1000:02}", f"s{i // 100 % 10}")
        if i % 100 == 0:
            os.makedirs(d, exist_ok=True)
        n = rnd.randint(1024, 8192)
        data = bytearray(str(i).encode() + b" ")
        while len(data) < n:
            data += rnd.choice(words) + b" "
        data[rnd.randrange(n)] = rnd.randrange(32, 127)   # no two files alike
        with open(os.path.join(d, f"f{i:05}.txt"), "wb") as f:
            f.write(bytes(data[:n]))

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30000)
