"""The IDX image sets the reference trainers read: Fashion-MNIST under its official file names, or
the embedded MNIST-5k with its `mnist-5k-` prefix. Imports numpy: a trainer that sets up its
process first (FTZ/DAZ, CPU affinity) imports this afterwards."""
import gzip
import os
import struct

import numpy as np

NAMES = {
    "": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
         "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
    "mnist-5k": ("mnist-5k-train-images-idx3-ubyte.gz", "mnist-5k-train-labels-idx1-ubyte.gz",
                 "mnist-5k-test-images-idx3-ubyte.gz", "mnist-5k-test-labels-idx1-ubyte.gz"),
}


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, prefix):
    """(train images as uint8 rows, train labels, test images, test labels)."""
    xtr, ytr, xte, yte = [read_idx(os.path.join(folder, n)) for n in NAMES[prefix]]
    return xtr.reshape(len(xtr), -1), ytr.astype(np.int64), xte.reshape(len(xte), -1), yte.astype(np.int64)


def he_normal(rng, sizes):
    """He-normal weights (in x out, float32) and zero biases, drawn as both references draw them."""
    weights = [(rng.standard_normal((i, o)) * np.sqrt(2.0 / i)).astype(np.float32)
               for i, o in zip(sizes, sizes[1:])]
    return weights, [np.zeros(o, np.float32) for o in sizes[1:]]
