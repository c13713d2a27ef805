#!/usr/bin/python3
"""Generates the benchmark's image folder: N JPEGs (default 2000) in 10 class sub-folders, 320x240,
of random gradients and shapes, so decoders see realistic JPEG content. Deterministic (seeded).

Usage: make_images.py OUT_DIR [COUNT]
"""
import os
import random
import sys

from PIL import Image, ImageDraw


def make(path, rng):
    w, h = 320, 240
    base = Image.linear_gradient("L").resize((w, h)).rotate(rng.uniform(0, 360))
    img = Image.merge("RGB", [base.point(lambda v, k=k: (v * k) % 256) for k in rng.sample(range(1, 4), 3)])
    draw = ImageDraw.Draw(img)
    for _ in range(rng.randint(3, 8)):
        x0, y0 = rng.randint(0, w - 20), rng.randint(0, h - 20)
        box = [x0, y0, x0 + rng.randint(10, 150), y0 + rng.randint(10, 120)]
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    img.save(path, quality=90)


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rng = random.Random(1234)
    for i in range(count):
        folder = os.path.join(out, f"class{i % 10}")
        os.makedirs(folder, exist_ok=True)
        make(os.path.join(folder, f"img{i:05d}.jpg"), rng)


if __name__ == "__main__":
    main()
