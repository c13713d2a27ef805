#!/usr/bin/python3
"""Makes the small weights fixtures the Weights*/Pth*/Safetensors* tests read.

Run with Debian's PyTorch: /usr/bin/python3 make_weights_fixtures.py (from this folder).
Each fixture NAME.pth/.safetensors comes with NAME.expected.json: for every tensor its dtype, shape and
values flattened row-major (float16/bfloat16 widened to float), which the tests compare exactly.
"""
import io
import json
import os
import struct
import zipfile

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


class SmallNet(nn.Module):
    """torchvision-like naming: features.N.* and classifier.*; conv + batchnorm + linear."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(2, 3, 3), nn.BatchNorm2d(3), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
        self.classifier = nn.Linear(3, 2)

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


def small_net():
    torch.manual_seed(7)
    net = SmallNet()
    bn = net.features[1]
    bn.running_mean.copy_(torch.tensor([0.5, -0.25, 0.125]))
    bn.running_var.copy_(torch.tensor([1.5, 2.0, 0.75]))
    bn.num_batches_tracked.fill_(7)
    return net


def expected(tensors):
    out = {}
    for name, t in tensors.items():
        values = t.detach().contiguous().reshape(-1)
        if t.dtype in (torch.float16, torch.bfloat16):
            values = values.float()
        out[name] = {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "values": values.tolist()}
    return out


def save(name, obj, tensors):
    torch.save(obj, path(name))
    with open(path(os.path.splitext(name)[0] + ".expected.json"), "w") as f:
        json.dump(expected(tensors), f, indent=1)


def safetensors_bytes(tensors, metadata):
    """The safetensors layout by hand (the package is not installed): u64 header length, JSON, data."""
    names = {torch.float32: "F32", torch.float16: "F16", torch.int64: "I64", torch.uint8: "U8", torch.bool: "BOOL"}
    header, data, offset = {"__metadata__": metadata}, b"", 0
    for name, t in tensors.items():
        raw = t.contiguous().numpy().tobytes()
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


def write_record(archive, name, data):
    """Adds a stored record with a fixed date, so re-running the script leaves the fixture unchanged."""
    archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)


def rewrite_zip(source, target, change):
    """Copies a torch.save zip, passing each record's bytes through change(name, data)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            write_record(dst, info.filename, change(info.filename, src.read(info.filename)))


def main():
    net = small_net()
    sd = net.state_dict()
    save("small_net.pth", sd, sd)
    # The same state dict with pickle protocol 4 (FRAME, SHORT_BINUNICODE, STACK_GLOBAL, MEMOIZE).
    torch.save(sd, path("small_net_protocol4.pth"), pickle_protocol=4)
    # An input and the eval-mode output, for tests that run the loaded weights.
    torch.manual_seed(1)
    x = torch.randn(2, 2, 5, 5)
    with torch.no_grad():
        net.eval()
        io_pair = {"input": x, "output": net(x)}
    save("small_net.io.pth", io_pair, io_pair)

    dtypes = {
        "half": torch.tensor([[0.5, -1.25, 65504.0], [1e-3, 0.0, -2.0]], dtype=torch.float16),
        "bfloat": torch.tensor([1.5, -3.0, 1e10], dtype=torch.bfloat16),
        "double": torch.tensor([1.0 / 3.0, -2.5], dtype=torch.float64),
        "long": torch.tensor([-(2 ** 40), 3, 0], dtype=torch.int64),
        "int": torch.tensor([-7, 2 ** 30], dtype=torch.int32),
        "byte": torch.tensor([0, 17, 255], dtype=torch.uint8),
        "mask": torch.tensor([True, False, True]),
    }
    save("dtypes.pth", dtypes, dtypes)

    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    views = {
        "base": base,
        "transposed": base.t(),               # non-contiguous, shares base's storage
        "rows": base[1:3],                    # offset view of the same storage
        "every_other": base[:, ::2],          # stepped columns
        "scalar": torch.tensor(2.5),
        "empty": torch.zeros(0, 3),
    }
    save("views.pth", views, views)

    optimizer = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    net.train()
    net(torch.ones(1, 2, 5, 5)).sum().backward()
    optimizer.step()
    checkpoint = {"epoch": 3, "state_dict": net.state_dict(), "optimizer": optimizer.state_dict(), "note": "after one step"}
    save("checkpoint.pth", checkpoint, net.state_dict())

    st = {"conv.weight": torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4,
          "conv.half": torch.tensor([1.5, -0.5], dtype=torch.float16),
          "steps": torch.tensor([42], dtype=torch.int64)}
    with open(path("small.safetensors"), "wb") as f:
        f.write(safetensors_bytes(st, {"format": "pt", "source": "make_weights_fixtures.py"}))
    with open(path("small.expected.json"), "w") as f:
        json.dump(expected(st), f, indent=1)

    # Refused files. The pickle names os.system with a harmless argument; it must never be called.
    evil = b"\x80\x02cos\nsystem\nq\x00X\x04\x00\x00\x00trueq\x01\x85q\x02Rq\x03."
    with zipfile.ZipFile(path("forbidden_global.pth"), "w", zipfile.ZIP_STORED) as z:
        write_record(z, "forbidden_global/data.pkl", evil)
        write_record(z, "forbidden_global/version", "3\n")
    with open(path("small_net.pth"), "rb") as f:
        whole = f.read()
    with open(path("truncated.pth"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    rewrite_zip(path("small_net.pth"), path("truncated_storage.pth"),
                lambda name, data: data[:8] if name.endswith("/data/0") else data)
    torch.save({"w": torch.ones(2)}, path("legacy.pth"), _use_new_zipfile_serialization=False)
    torch.save({"c": torch.zeros(2, dtype=torch.complex64)}, path("complex.pth"))
    torch.save(net, path("whole_model.pth"))  # pickles the class __main__.SmallNet, not a state dict


if __name__ == "__main__":
    main()
