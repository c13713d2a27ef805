"""Writes same_padding.json: Keras/TensorFlow 'same' convolution and max pooling with stride 2 on odd and even
input sizes, computed by PyTorch 1.13 (Debian's python3-torch) with the pads TensorFlow's rule gives.

Run from the repository root:  /usr/bin/python3 tests/ModelDsl.Runtime.Tests/Fixtures/make_same_padding.py
"""
import json
import math
import os

import torch
import torch.nn.functional as F


def same_pads(size, kernel, stride, dilation=1):
    # TensorFlow: out = ceil(size / stride); the odd pixel goes after (bottom/right).
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def case(name, size, kernel, stride, cin=2, cout=3):
    g = torch.Generator().manual_seed(1000 + size * 10 + kernel)
    x = torch.randn(2, cin, size, size, generator=g)
    w = torch.randn(cout, cin, kernel, kernel, generator=g) * 0.3
    b = torch.randn(cout, generator=g) * 0.1
    top, bottom = same_pads(size, kernel, stride)
    left, right = same_pads(size, kernel, stride)
    conv = F.conv2d(F.pad(x, (left, right, top, bottom)), w, b, stride=stride)
    pool_top, pool_bottom = same_pads(size, 2, 2)
    pool = F.max_pool2d(F.pad(x, (pool_top, pool_bottom, pool_top, pool_bottom), value=float("-inf")), 2, 2)
    return {
        "name": name, "size": size, "kernel": kernel, "stride": stride, "cin": cin, "cout": cout,
        "pads": [top, bottom, left, right],
        "x": flat(x), "w": flat(w), "b": flat(b),
        "conv": flat(conv), "conv_shape": list(conv.shape),
        "pool": flat(pool), "pool_shape": list(pool.shape),
    }


cases = [case("odd_k3", 7, 3, 2), case("even_k3", 8, 3, 2), case("odd_k4", 9, 4, 2), case("even_k5", 10, 5, 2)]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "same_padding.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
print(out)
