#!/usr/bin/python3
"""One training step of the seed's MNIST convnet (batch 64) in PyTorch, the reference for TrainStep.

Same model (Conv 32-64-64, Dense 64, Dense 10), fixed random batch, loss (cross-entropy on logits) and
optimizer (Keras's RMSprop: lr 1e-3, rho 0.9, eps 1e-7) as Program.cs. Run with Debian's /usr/bin/python3.
Usage: pytorch_train_step.py [THREADS] [STEPS] [WARMUP] [MODEL: seed|tiny]
Prints "ms_per_step=X" (median wall time of the timed steps) and the process CPU time per step.
"""
import statistics
import sys
import time

import torch
from torch import nn


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    warm_up = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    tiny = len(sys.argv) > 4 and sys.argv[4] == "tiny"
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    if tiny:
        model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(36, 3))
        x, y = torch.rand(4, 1, 8, 8), torch.randint(0, 3, (4,))
    else:
        model = nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 64, 3), nn.ReLU(),
            nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10))
        x, y = torch.rand(64, 1, 28, 28), torch.randint(0, 10, (64,))
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        return loss.item()

    first = step()
    for _ in range(warm_up - 1):
        step()
    times = []
    last = first
    # CPU time of the process over the timed steps: steadier than wall time on a loaded machine.
    cpu_start = time.process_time()
    for _ in range(steps):
        start = time.perf_counter()
        last = step()
        times.append((time.perf_counter() - start) * 1000)
    cpu_ms = (time.process_time() - cpu_start) * 1000 / steps
    times.sort()
    print(f"pytorch threads={threads} steps={steps} ms_per_step={times[steps // 2]:.2f} "
          f"mean_ms={statistics.mean(times):.2f} p10_ms={times[steps // 10]:.2f} cpu_ms_per_step={cpu_ms:.2f} loss {first:.3f} -> {last:.3f}")


if __name__ == "__main__":
    main()
