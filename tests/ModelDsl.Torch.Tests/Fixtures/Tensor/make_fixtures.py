#!/usr/bin/python3
"""Writes tensor_ops.json: fixed inputs and PyTorch's results for the ops TensorParityTests checks.

Run with Debian's PyTorch (the same libtorch 1.13 the shim binds):
    /usr/bin/python3 tests/ModelDsl.Torch.Tests/Fixtures/Tensor/make_fixtures.py
Each case is {"op": name, "out": {"dtype", "shape", "data"}}; the C# test maps the name to the same
call on our API. Float32 values are written with repr(), which round-trips them exactly.
"""
import json
import os

import torch


def enc(t):
    t = t.detach().contiguous()
    if t.dtype == torch.bool:
        data = [1 if v else 0 for v in t.flatten().tolist()]
    else:
        data = t.flatten().tolist()
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "data": data}


torch.manual_seed(1234)
a = torch.randn(3, 4)
b = torch.randn(3, 4)
p = torch.rand(3, 4) + 0.5  # positive: for log, sqrt, division
c = torch.randn(4, 5)
m = torch.randn(2, 3, 4)
v = torch.randn(4)
row = torch.randn(4)
idx = torch.tensor([2, 0, 2], dtype=torch.int64)
col = torch.randn(3, 1)

inputs = {"a": a, "b": b, "p": p, "c": c, "m": m, "v": v, "row": row, "idx": idx, "col": col}

ops = {
    # elementwise
    "add": a + b, "sub": a - b, "mul": a * b, "div": a / p,
    "add_scalar": a + 2.5, "rsub_scalar": 2.5 - a, "mul_scalar": a * -1.5, "rdiv_scalar": 1.5 / p,
    "add_broadcast_row": a + row, "mul_broadcast_col": a * col,
    "neg": -a, "exp": a.exp(), "log": p.log(), "sqrt": p.sqrt(), "abs": a.abs(),
    "pow_scalar": a.pow(2), "pow_tensor": p.pow(b), "square": a.square(), "reciprocal": p.reciprocal(),
    "clamp": a.clamp(-0.5, 0.5), "clamp_min": a.clamp(min=0), "maximum": torch.maximum(a, b),
    "gt": a > b, "le_scalar": a <= 0.25, "eq": a.eq(a * (a > 0)),
    "where": torch.where(a > 0, a, b),
    # reductions
    "sum": a.sum(), "sum_dim1": a.sum(1), "sum_dims_keep": m.sum((0, 2), keepdim=True),
    "mean": a.mean(), "mean_dim0_keep": a.mean(0, keepdim=True),
    "max": a.max(), "max_dim1": a.max(1).values, "min_dim0": a.min(0).values,
    "argmax_dim1": a.argmax(1), "argmin": a.argmin(),
    "std": a.std(), "std_dim1": a.std(1), "var_dim0_biased": a.var(0, unbiased=False),
    # matrix products
    "matmul": a.matmul(c), "matmul_batched": m.matmul(c), "matmul_vec": a.matmul(v), "mm": a.mm(c),
    # shape ops
    "reshape": a.reshape(4, 3), "reshape_infer": m.reshape(-1, 4), "permute": m.permute(2, 0, 1),
    "transpose": m.transpose(0, 2), "t": a.t(), "flatten1": m.flatten(1), "unsqueeze": a.unsqueeze(1),
    "squeeze": col.squeeze(), "expand": col.expand(3, 4), "slice": a[:, 1:4:2], "select": m[:, 1],
    "narrow": m.narrow(2, 1, 2), "index_select": a.index_select(0, idx),
    "cat0": torch.cat([a, b], 0), "cat1": torch.cat([a, col], 1), "stack1": torch.stack([a, b], 1),
    "contiguous_of_permute": m.permute(1, 0, 2).contiguous(),
}

# Gradients of a small composite expression through matmul, broadcasting, reductions and pointwise ops.
x = a.clone().requires_grad_()
w = c.clone().requires_grad_()
h = x.matmul(w)
z = (h - h.mean(1, keepdim=True)).pow(2) / (h.std() + 1)
loss = (z * 0.5).sum() + x.abs().mean() + (x.exp() * 0.01).sum() + torch.where(h > 0, h, -h).max(1).values.sum()
loss.backward()
grads = {"loss": loss, "x_grad": x.grad, "w_grad": w.grad}

out = {
    "inputs": {k: enc(t) for k, t in inputs.items()},
    "ops": {k: enc(t) for k, t in ops.items()},
    "grads": {k: enc(t) for k, t in grads.items()},
    # The first draws after manual_seed(7): libtorch's generator is the same in C#.
    "seeded": {"rand": enc((torch.manual_seed(7), torch.rand(5))[1]), "randn": enc(torch.randn(5))},
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tensor_ops.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print(f"wrote {path}: {len(ops)} ops")
