#!/usr/bin/python3
"""Reference output sizes from PyTorch for conv2d / max_pool2d / avg_pool2d with random
kernel, stride, padding and dilation (deterministic seed). One case per line:
op in_h in_w k_h k_w s_h s_w p_h p_w d_h d_w out_h out_w
Run with Debian's python3-torch: /usr/bin/python3 make_window_sizes.py"""
import os
import random
import torch
import torch.nn.functional as F

random.seed(1234)
lines = []
while len(lines) < 300:
    op = random.choice(["conv", "max", "avg"])
    ih, iw = random.randint(1, 40), random.randint(1, 40)
    kh, kw = random.randint(1, 7), random.randint(1, 7)
    sh, sw = random.randint(1, 4), random.randint(1, 4)
    ph, pw = random.randint(0, kh // 2), random.randint(0, kw // 2)
    dh, dw = (random.randint(1, 3), random.randint(1, 3)) if op == "conv" else (1, 1)
    x = torch.zeros(1, 2, ih, iw)
    try:
        if op == "conv":
            y = F.conv2d(x, torch.zeros(3, 2, kh, kw), stride=(sh, sw), padding=(ph, pw), dilation=(dh, dw))
        elif op == "max":
            y = F.max_pool2d(x, (kh, kw), stride=(sh, sw), padding=(ph, pw))
        else:
            y = F.avg_pool2d(x, (kh, kw), stride=(sh, sw), padding=(ph, pw))
        oh, ow = y.shape[2], y.shape[3]
    except RuntimeError:
        oh, ow = -1, -1  # PyTorch rejects it: the window does not fit
    lines.append(f"{op} {ih} {iw} {kh} {kw} {sh} {sw} {ph} {pw} {dh} {dw} {oh} {ow}")
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_window_sizes.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")
