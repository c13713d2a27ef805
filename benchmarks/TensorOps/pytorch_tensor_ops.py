#!/usr/bin/python3
"""The cases of Program.cs in PyTorch (Debian's python3-torch). Usage: pytorch_tensor_ops.py [THREADS] [ROUNDS]."""
import sys
import time

import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
torch.set_num_threads(threads)
torch.manual_seed(0)
small, other = torch.randn(4), torch.randn(4)
m = torch.randn(64, 64)
x = torch.randn(32, 16)
w = torch.randn(16, 4).requires_grad_()


def autograd_step():
    loss = (x.matmul(w).clamp(min=0) - 1.0).pow(2).mean()
    loss.backward()
    with torch.no_grad():
        w.add_(w.grad, alpha=-1e-3)
    w.grad = None


cases = [
    ("add_4", 20_000, lambda: small + other),
    ("mul_scalar_4", 20_000, lambda: small * 2.0),
    ("sum_4", 20_000, lambda: small.sum()),
    ("reshape_view", 20_000, lambda: m.reshape(4096)),
    ("matmul_64", 5_000, lambda: m.matmul(m)),
    ("item", 20_000, lambda: small.sum().item()),
    ("autograd_step", 2_000, autograd_step),
]
for name, calls, body in cases:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            body()
        best = min(best, (time.perf_counter() - start) * 1e6 / calls)
    print(f"case={name} us_per_call={best:.2f}")
