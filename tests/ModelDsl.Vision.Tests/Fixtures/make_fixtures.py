#!/usr/bin/python3
"""Makes the decode and resize fixtures of ModelDsl.Vision.Tests with Pillow and torchvision (the oracle).

Run with Debian's /usr/bin/python3 (python3-torchvision). Writes a small pattern image in several formats
and reference.json: the pixels Pillow decodes from each file and the pixels Pillow/torchvision produce when
resizing, all as flat HWC lists of 0..255 integers.
"""
import json
import os

import numpy as np
from PIL import Image
import torch
import torchvision.transforms as T

HERE = os.path.dirname(os.path.abspath(__file__))
H, W = 17, 23


def pattern():
    # Deterministic, non-separable and with sharp edges, so resampling differences show.
    y, x = np.mgrid[0:H, 0:W]
    r = (x * 11 + y * 3) % 256
    g = (x * y * 7 + 40) % 256
    b = np.where((x // 4 + y // 3) % 2 == 0, 230, 20)
    return Image.fromarray(np.stack([r, g, b], axis=-1).astype(np.uint8), "RGB")


def flat(img):
    return np.asarray(img).reshape(-1).astype(int).tolist()


def main():
    img = pattern()
    img.save(os.path.join(HERE, "pattern.png"))
    img.save(os.path.join(HERE, "pattern.bmp"))
    img.convert("P", palette=Image.ADAPTIVE, colors=64).save(os.path.join(HERE, "pattern.gif"))
    img.save(os.path.join(HERE, "pattern.jpg"), quality=90)
    img.save(os.path.join(HERE, "pattern.ppm"))
    img.convert("L").save(os.path.join(HERE, "pattern.pgm"))

    ref = {"height": H, "width": W}
    for ext in ("png", "bmp", "gif", "jpg", "ppm"):
        ref[ext] = flat(Image.open(os.path.join(HERE, f"pattern.{ext}")).convert("RGB"))
    ref["gray"] = flat(img.convert("L"))
    # Luma of decoded JPEG pixels, and a stored greyscale file read back as RGB (replicated).
    ref["jpg_gray"] = flat(Image.open(os.path.join(HERE, "pattern.jpg")).convert("L"))
    ref["pgm_rgb"] = flat(Image.open(os.path.join(HERE, "pattern.pgm")).convert("RGB"))
    # Pillow sizes are (width, height); keys say height x width.
    ref["bilinear_9x13"] = flat(img.resize((13, 9), Image.BILINEAR))
    ref["bilinear_40x31"] = flat(img.resize((31, 40), Image.BILINEAR))
    ref["bilinear_17x8"] = flat(img.resize((8, 17), Image.BILINEAR))
    ref["nearest_9x13"] = flat(img.resize((13, 9), Image.NEAREST))
    ref["nearest_40x31"] = flat(img.resize((31, 40), Image.NEAREST))
    # torchvision's Resize on a PIL image, as its ImageFolder pipelines use it.
    tv = T.Compose([T.Resize((9, 13)), T.PILToTensor()])(img)
    ref["torchvision_9x13"] = tv.permute(1, 2, 0).reshape(-1).int().tolist()
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(ref, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
