#!/usr/bin/env python3
"""Reproducible mixed data set for bench/run.sh: large random files, compressible logs,
a source-tree-like mass of small files, and duplicated content (dedup)."""
import hashlib, os, random, sys

def main(root, size_mb):
    rnd = random.Random(20261121)
    total = size_mb * 1024 * 1024
    os.makedirs(root, exist_ok=True)
    budget = {"random": total * 40 // 100, "logs": total * 30 // 100, "small": total * 20 // 100, "dups": total * 10 // 100}
    big = os.path.join(root, "media"); os.makedirs(big, exist_ok=True)
    done, i = 0, 0
    first = None
    while done < budget["random"]:
        n = min(rnd.randint(8, 64) * 1024 * 1024, budget["random"] - done)
        p = os.path.join(big, f"video-{i:03}.bin")
        with open(p, "wb") as f:
            f.write(rnd.randbytes(n))
        first = first or p
        done += n; i += 1
    logs = os.path.join(root, "logs"); os.makedirs(logs, exist_ok=True)
    done, i = 0, 0
    words = ["GET", "POST", "/api/v1/items", "/login", "200", "404", "500", "user", "session", "latency", "ms"]
    while done < budget["logs"]:
        lines = [f"2026-11-{rnd.randint(1,30):02} {rnd.randint(0,23):02}:{rnd.randint(0,59):02}:{rnd.randint(0,59):02} "
                 + " ".join(rnd.choice(words) for _ in range(8)) + f" {rnd.randint(0, 99999)}\n" for _ in range(20000)]
        data = "".join(lines).encode()
        with open(os.path.join(logs, f"app-{i:03}.log"), "wb") as f:
            f.write(data)
        done += len(data); i += 1
    src = os.path.join(root, "src")
    done, i = 0, 0
    while done < budget["small"]:
        d = os.path.join(src, f"pkg{i // 50:03}", f"mod{i // 10 % 5}")
        os.makedirs(d, exist_ok=True)
        n = int(rnd.expovariate(1 / 12000)) + 10
        data = hashlib.sha256(str(i).encode()).hexdigest().encode() * (n // 64 + 1)
        data = bytearray(data[:n])
        for _ in range(n // 100 + 1):
            data[rnd.randrange(n)] = rnd.randrange(32, 127)
        with open(os.path.join(d, f"file{i}.txt"), "wb") as f:
            f.write(data)
        done += n; i += 1
    dups = os.path.join(root, "copies"); os.makedirs(dups, exist_ok=True)
    with open(first, "rb") as f:
        chunk = f.read(budget["dups"])
    with open(os.path.join(dups, "copy-of-first-video.bin"), "wb") as f:
        f.write(chunk)

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
