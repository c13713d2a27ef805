#!/usr/bin/python3
"""Torchvision parity fixtures for ModelDsl.Transfer's zoo models (run with Debian's /usr/bin/python3).

  make_parity.py make OUT_DIR [ARCH ...]
      For each ARCH (vgg16, resnet50, mobilenet_v2; default all three): builds torchvision's model with
      its own random initialisation (torch.manual_seed(0)), torch.save()s the state_dict as it is (an
      OrderedDict with _metadata) to OUT_DIR/ARCH.pth, and writes the eval-mode logits for the two
      inputs in OUT_DIR/inputs.bin to OUT_DIR/ARCH.logits.bin (float32, little endian, [2, 1000]).
      inputs.bin ([2, 3, 224, 224] float32, torch.manual_seed(1234) randn) is written when missing.
      The .pth files are large (VGG16: 528 MB) and are not committed: the tests call this script.

  make_parity.py forward ARCH PTH INPUTS OUT
      Round trip: loads PTH (written by ModelDsl) into torchvision's ARCH with load_state_dict(strict=True)
      and writes its eval-mode logits for INPUTS to OUT.
"""
import os
import sys

import numpy as np
import torch
import torchvision

ARCHS = {
    "vgg16": torchvision.models.vgg16,
    "resnet50": torchvision.models.resnet50,
    "mobilenet_v2": torchvision.models.mobilenet_v2,
}


def inputs(path):
    if not os.path.exists(path):
        g = torch.Generator().manual_seed(1234)
        x = torch.randn(2, 3, 224, 224, generator=g)
        x.numpy().astype("<f4").tofile(path + ".tmp")
        os.replace(path + ".tmp", path)
    return torch.from_numpy(np.fromfile(path, dtype="<f4").reshape(2, 3, 224, 224).copy())


def logits(model, x, out):
    model.eval()
    with torch.no_grad():
        y = model(x)
    y.numpy().astype("<f4").tofile(out + ".tmp")
    os.replace(out + ".tmp", out)


def make(out_dir, archs):
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(os.cpu_count() or 1)
    x = inputs(os.path.join(out_dir, "inputs.bin"))
    for arch in archs:
        torch.manual_seed(0)
        model = ARCHS[arch]()
        # BatchNorm statistics are 0/1 at init; a few training-mode passes make them non-trivial, so the
        # parity test also checks that running_mean/var are loaded and used.
        if any(isinstance(m, torch.nn.BatchNorm2d) for m in model.modules()):
            model.train()
            with torch.no_grad():
                for i in range(2):
                    model(torch.randn(4, 3, 224, 224, generator=torch.Generator().manual_seed(10 + i)))
        pth = os.path.join(out_dir, arch + ".pth")
        torch.save(model.state_dict(), pth + ".tmp")
        os.replace(pth + ".tmp", pth)
        logits(model, x, os.path.join(out_dir, arch + ".logits.bin"))
        print(arch, "ok")


def forward(arch, pth, inputs_path, out):
    torch.set_num_threads(os.cpu_count() or 1)
    model = ARCHS[arch]()
    model.load_state_dict(torch.load(pth), strict=True)
    logits(model, inputs(inputs_path), out)
    print(arch, "ok")


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3:] or list(ARCHS))
    elif sys.argv[1] == "forward":
        forward(*sys.argv[2:6])
    else:
        sys.exit(__doc__)
