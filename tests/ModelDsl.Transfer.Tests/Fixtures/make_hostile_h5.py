"""Writes keras_huge_dataset.h5 for KerasH5BombTests: a Keras 2 weights file (the layout of
make_keras_fixtures.py) whose Dense kernel 'out/kernel:0' declares 2**20 x 2**20 float32 values (4 TiB)
but was never written, so HDF5 allocated no storage for it and the whole file is a few kilobytes. A reader
that believed the declared extent would try to allocate 4 TiB of fill values.

Run once with Debian's python (numpy, h5py): /usr/bin/python3 make_hostile_h5.py
"""
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def names(values):
    return np.array([v.encode("utf8") for v in values], dtype="S")


with h5py.File(os.path.join(HERE, "keras_huge_dataset.h5"), "w") as f:
    f.attrs["layer_names"] = names(["out"])
    f.attrs["backend"] = b"tensorflow"
    f.attrs["keras_version"] = b"2.11.0"
    group = f.create_group("out")
    group.attrs["weight_names"] = names(["out/kernel:0", "out/bias:0"])
    inner = group.create_group("out")
    # Contiguous and never written: HDF5 allocates its storage late, i.e. never.
    inner.create_dataset("kernel:0", shape=(2**20, 2**20), dtype="f4")
    inner.create_dataset("bias:0", data=np.zeros(4, dtype="f4"))
