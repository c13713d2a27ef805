"""One training epoch of the seed convnet on Fashion-MNIST in PyTorch, the reference for ModelDsl.

Same model (Conv 32-64-64, Dense 64, Dense 10), data (60k images scaled to [0, 1]), batch 64, optimizer
(Keras's RMSprop: lr 1e-3, rho 0.9, eps 1e-7) and loss (cross-entropy on the logits, which is what a
softmax-ended Keras model trains through). Run with Debian's /usr/bin/python3 (python3-torch 1.13).
"""
import gzip
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None  # quick runs: fewer images
    torch.set_num_threads(threads)
    torch.manual_seed(1)

    x = torch.from_numpy(read_idx(f"{data_dir}/train-images-idx3-ubyte.gz").astype(np.float32) / 255).unsqueeze(1)
    y = torch.from_numpy(read_idx(f"{data_dir}/train-labels-idx1-ubyte.gz").astype(np.int64))
    x, y = x[:limit], y[:limit]
    xt = torch.from_numpy(read_idx(f"{data_dir}/t10k-images-idx3-ubyte.gz").astype(np.float32) / 255).unsqueeze(1)
    yt = torch.from_numpy(read_idx(f"{data_dir}/t10k-labels-idx1-ubyte.gz").astype(np.int64))

    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10))
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()

    def step(xb, yb):
        optimizer.zero_grad()
        logits = model(xb)
        loss = loss_fn(logits, yb)
        loss.backward()
        optimizer.step()
        return loss.item(), (logits.argmax(1) == yb).sum().item()

    model.train()
    for i in range(5):  # warm-up, as the C# benchmark does
        step(x[i * 64:(i + 1) * 64], y[i * 64:(i + 1) * 64])

    # CPU time too: on a shared machine wall time depends on the neighbours, CPU time much less.
    cpu_start = time.process_time()
    start = time.perf_counter()
    order = torch.randperm(len(x))
    total_loss, correct = 0.0, 0
    for i in range(0, len(x), 64):
        idx = order[i:i + 64]
        loss, hits = step(x[idx], y[idx])
        total_loss += loss * len(idx)
        correct += hits
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start

    model.eval()
    with torch.no_grad():
        test_correct = sum((model(xt[i:i + 500]).argmax(1) == yt[i:i + 500]).sum().item() for i in range(0, len(xt), 500))
    steps = (len(x) + 63) // 64
    print(f"pytorch epoch_seconds={seconds:.2f} cpu_seconds={cpu_seconds:.2f} steps={steps} ms_per_step={seconds * 1000 / steps:.1f} "
          f"train_loss={total_loss / len(x):.4f} train_accuracy={correct / len(x):.4f} "
          f"test_accuracy={test_correct / len(xt):.4f} threads={torch.get_num_threads()}")


if __name__ == "__main__":
    main()
