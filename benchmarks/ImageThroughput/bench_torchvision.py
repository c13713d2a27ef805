#!/usr/bin/python3
"""torchvision's side of the image throughput benchmark: ImageFolder + transforms with a DataLoader of
2 worker processes, 224x224, the same augmentation as Program.cs. Prints images/s per epoch.

Usage: bench_torchvision.py DIR [EPOCHS] [BATCH] [WORKERS]
"""
import resource
import sys
import time

import torch
import torchvision.datasets as D
import torchvision.transforms as T


def main():
    root = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 32
    workers = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    torch.manual_seed(0)
    transform = T.Compose([
        T.Resize((224, 224)),  # bilinear, antialiased (Pillow)
        T.RandomAffine(degrees=20, translate=(0.1, 0.1), scale=(0.9, 1.1), shear=10,
                       interpolation=T.InterpolationMode.BILINEAR),
        T.RandomHorizontalFlip(),
        T.ToTensor(),
    ])
    data = D.ImageFolder(root, transform=transform)
    loader = torch.utils.data.DataLoader(data, batch_size=batch, shuffle=True, num_workers=workers)
    print(f"torchvision: {len(data)} images, {len(data.classes)} classes, batch {batch}, {workers} workers")
    for epoch in range(epochs):
        cpu = cpu_seconds()
        start = time.perf_counter()
        seen = 0
        checksum = 0.0
        batches = iter(loader)
        for x, _ in batches:
            seen += x.shape[0]
            checksum += float(x.sum())  # touch the data, as a training step would
        del batches  # joins the worker processes, so their CPU time is counted below
        elapsed = time.perf_counter() - start
        used = cpu_seconds() - cpu
        print(f"torchvision epoch {epoch}: {seen} images in {elapsed:.2f} s = {seen / elapsed:.1f} images/s; "
              f"cpu {used:.2f} s = {seen / used:.1f} images/cpu-s")


def cpu_seconds():
    # This process and its reaped children (the DataLoader's worker processes).
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
