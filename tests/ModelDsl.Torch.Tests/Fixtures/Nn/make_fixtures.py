#!/usr/bin/python3
"""Writes the PyTorch reference fixtures for the ModelDsl.Torch nn/optim parity tests.

Run with Debian's python3-torch (the same libtorch 1.13 the runtime binds):
    /usr/bin/python3 tests/ModelDsl.Torch.Tests/Fixtures/Nn/make_fixtures.py
Each JSON file maps a name to {"shape": [...], "data": [...]} (row-major, float32 values unless the
name ends in ".i64"). Inputs are stored too, so the C# tests need no matching random generator.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(1234)


def rnd(*shape):
    # Rounded to 3 decimals so the fixtures stay small; the values are exact float32 after rounding.
    return (torch.randn(*shape) * 1000).round() / 1000


class Fixture:
    def __init__(self, name):
        self.name = name
        self.items = {}

    def add(self, key, t):
        t = t.detach()
        if t.dtype == torch.int64:
            key += ".i64"
            data = [int(v) for v in t.reshape(-1).tolist()]
        else:
            data = [float("%.9g" % v) for v in t.float().reshape(-1).tolist()]
        self.items[key] = {"shape": list(t.shape), "data": data}

    def save(self):
        with open(os.path.join(HERE, self.name + ".json"), "w") as f:
            json.dump(self.items, f, separators=(",", ":"))


def grads(fx, prefix, out, upstream, *named):
    """Backward of sum(out * upstream); stores the gradient of every named leaf."""
    for _, t in named:
        t.grad = None
    (out * upstream).sum().backward()
    for name, t in named:
        fx.add(f"{prefix}.grad.{name}", t.grad)


def tf_same(size, k, s, d=1):
    out = -(-size // s)
    total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
    return total // 2, total - total // 2


def conv_fixtures():
    fx = Fixture("conv")
    x = rnd(2, 3, 8, 8).requires_grad_()
    w = rnd(4, 3, 3, 3).requires_grad_()
    b = rnd(4).requires_grad_()
    w4 = rnd(4, 3, 4, 4)
    wg = rnd(6, 1, 3, 3)
    wd = rnd(3, 1, 3, 3)
    for k, v in dict(x=x, w=w, b=b, w4=w4, wg=wg, wd=wd).items():
        fx.add(k, v)
    fx.add("valid", F.conv2d(x, w, b))
    fx.add("explicit_1_2", F.conv2d(x, w, b, padding=(1, 2)))
    fx.add("same_s1", F.conv2d(x, w, b, padding="same"))
    # Even kernel, stride 1: PyTorch's own 'same' puts the odd pixel at the bottom/right, as TF does.
    fx.add("same_k4", F.conv2d(x, w4, None, padding="same"))
    # Stride 2: libtorch refuses padding='same', so pad by TF's rule (here 0 top/left, 1 bottom/right).
    t, btm = tf_same(8, 3, 2)
    y = F.conv2d(F.pad(x, (t, btm, t, btm)), w, b, stride=2)
    fx.add("same_s2", y)
    up = rnd(*y.shape)
    fx.add("same_s2.upstream", up)
    grads(fx, "same_s2", y, up, ("x", x), ("w", w), ("b", b))
    fx.add("stride2_valid", F.conv2d(x, w, b, stride=(2, 1)))
    fx.add("dilation2", F.conv2d(x, w, b, dilation=2))
    t, btm = tf_same(8, 3, 1, 2)
    fx.add("dilation2_same", F.conv2d(F.pad(x, (t, btm, t, btm)), w, b, dilation=2))
    fx.add("groups3", F.conv2d(x, wg, None, groups=3))
    fx.add("depthwise", F.conv2d(x, wd, None, padding=1, groups=3))
    fx.add("zeropad_1_2_3_0", F.pad(x, (1, 2, 3, 0)))
    fx.save()


def pool_fixtures():
    fx = Fixture("pool")
    x = rnd(2, 3, 7, 7).requires_grad_()
    fx.add("x", x)
    fx.add("max_k2", F.max_pool2d(x, 2))
    fx.add("max_k3_s2_ceil", F.max_pool2d(x, 3, 2, ceil_mode=True))
    fx.add("max_k3_s2_p1", F.max_pool2d(x, 3, 2, padding=1))
    fx.add("avg_k2", F.avg_pool2d(x, 2))
    fx.add("avg_k3_s2_ceil", F.avg_pool2d(x, 3, 2, ceil_mode=True))
    fx.add("avg_k3_s2_p1_nopad", F.avg_pool2d(x, 3, 2, padding=1, count_include_pad=False))
    fx.add("adaptive_3x2", F.adaptive_avg_pool2d(x, (3, 2)))
    fx.add("global_avg", x.mean((2, 3)))
    fx.add("global_max", x.amax((2, 3)))
    y = F.max_pool2d(x, 3, 2, ceil_mode=True)
    up = rnd(*y.shape)
    fx.add("max_k3_s2_ceil.upstream", up)
    grads(fx, "max_k3_s2_ceil", y, up, ("x", x))
    y = F.avg_pool2d(x, 3, 2, padding=1, count_include_pad=False)
    up = rnd(*y.shape)
    fx.add("avg_k3_s2_p1_nopad.upstream", up)
    grads(fx, "avg_k3_s2_p1_nopad", y, up, ("x", x))
    fx.save()


def batchnorm_fixtures():
    fx = Fixture("batchnorm")
    bn = torch.nn.BatchNorm2d(3, eps=1e-3, momentum=0.01)
    with torch.no_grad():
        bn.weight.copy_(rnd(3))
        bn.bias.copy_(rnd(3))
    fx.add("weight", bn.weight)
    fx.add("bias", bn.bias)
    bn.train()
    for step in range(3):
        x = (rnd(4, 3, 5, 5) * (step + 1) + step).requires_grad_()
        fx.add(f"x{step}", x)
        y = bn(x)
        fx.add(f"train{step}", y)
        if step == 2:
            up = rnd(*y.shape)
            fx.add("train2.upstream", up)
            grads(fx, "train2", y, up, ("x", x), ("weight", bn.weight), ("bias", bn.bias))
    fx.add("running_mean", bn.running_mean)
    fx.add("running_var", bn.running_var)
    fx.add("num_batches_tracked", bn.num_batches_tracked)
    bn.eval()
    x = rnd(2, 3, 5, 5)
    fx.add("x_eval", x)
    fx.add("eval", bn(x))
    fx.save()


def dense_fixtures():
    fx = Fixture("dense")
    x = rnd(5, 6).requires_grad_()
    w = rnd(4, 6).requires_grad_()
    b = rnd(4).requires_grad_()
    for k, v in dict(x=x, w=w, b=b).items():
        fx.add(k, v)
    y = F.linear(x, w, b)
    fx.add("linear", y)
    up = rnd(*y.shape)
    fx.add("linear.upstream", up)
    grads(fx, "linear", y, up, ("x", x), ("w", w), ("b", b))
    a = rnd(2, 3, 4) * 4
    fx.add("a", a)
    fx.add("relu", F.relu(a))
    fx.add("relu6", F.relu6(a))
    fx.add("sigmoid", torch.sigmoid(a))
    fx.add("tanh", torch.tanh(a))
    fx.add("softmax1", F.softmax(a, 1))
    fx.add("log_softmax_last", F.log_softmax(a, -1))
    fx.add("leaky_relu02", F.leaky_relu(a, 0.2))
    fx.add("silu", F.silu(a))
    fx.add("gelu", F.gelu(a))
    fx.add("elu", F.elu(a))
    fx.add("softplus", F.softplus(a))
    fx.add("flatten", a.flatten(1))
    fx.save()


def loss_fixtures():
    fx = Fixture("loss")
    logits = (rnd(6, 4) * 2).requires_grad_()
    targets = torch.tensor([0, 3, 1, 2, 3, 0])
    fx.add("logits", logits)
    fx.add("targets", targets)
    fx.add("ce_mean", F.cross_entropy(logits, targets))
    fx.add("ce_sum", F.cross_entropy(logits, targets, reduction="sum"))
    fx.add("ce_none", F.cross_entropy(logits, targets, reduction="none"))
    fx.add("ce_smooth01", F.cross_entropy(logits, targets, label_smoothing=0.1))
    one_hot = F.one_hot(targets, 4).float() * 0.8 + 0.05
    fx.add("soft_targets", one_hot)
    fx.add("ce_soft", F.cross_entropy(logits, one_hot))
    logp = F.log_softmax(logits, 1)
    fx.add("nll", F.nll_loss(logp, targets))
    loss = F.cross_entropy(logits, targets)
    logits.grad = None
    loss.backward()
    fx.add("ce_mean.grad.logits", logits.grad)
    # On probabilities away from the clip, Keras's categorical cross-entropy is NLL of log(p).
    probs = F.softmax(logits.detach(), 1).requires_grad_()
    fx.add("probs", probs)
    loss = F.nll_loss(torch.log(probs / probs.sum(1, keepdim=True)), targets)
    fx.add("ce_probs", loss)
    loss.backward()
    fx.add("ce_probs.grad.probs", probs.grad)
    fx.add("ce_probs_soft", -(one_hot * torch.log(probs.detach())).sum(1).mean())
    p = torch.sigmoid(rnd(3, 5)).requires_grad_()
    t = (torch.rand(3, 5) > 0.5).float()
    fx.add("p", p)
    fx.add("t", t)
    loss = F.binary_cross_entropy(p, t)
    fx.add("bce", loss)
    loss.backward()
    fx.add("bce.grad.p", p.grad)
    z = rnd(3, 5) * 3
    fx.add("z", z)
    fx.add("bce_logits", F.binary_cross_entropy_with_logits(z, t))
    fx.add("bce_logits_sum", F.binary_cross_entropy_with_logits(z, t, reduction="sum"))
    u = rnd(3, 5).requires_grad_()
    fx.add("u", u)
    loss = F.mse_loss(u, z)
    fx.add("mse", loss)
    loss.backward()
    fx.add("mse.grad.u", u.grad)
    fx.add("mse_none", F.mse_loss(u, z, reduction="none"))
    fx.save()


OPTIMIZERS = {
    "sgd": lambda p: torch.optim.SGD(p, lr=0.1),
    "sgd_momentum_dampening_wd": lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01),
    "sgd_nesterov": lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.01),
    "rmsprop_centered_momentum_wd": lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.5, centered=True, weight_decay=0.01),
    "rmsprop_keras": lambda p: torch.optim.RMSprop(p, lr=0.001, alpha=0.9, eps=1e-7),
    "adam": lambda p: torch.optim.Adam(p, lr=0.01),
    "adam_amsgrad_wd": lambda p: torch.optim.Adam(p, lr=0.01, amsgrad=True, weight_decay=0.05),
    "adamw": lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1),
}


def optim_fixtures():
    """10 steps of each optimizer on least squares: loss = mse(X Wᵀ + b, Y)."""
    fx = Fixture("optim")
    X, Y, W0, b0 = rnd(8, 4), rnd(8, 3), rnd(3, 4), rnd(3)
    for k, v in dict(X=X, Y=Y, W0=W0, b0=b0).items():
        fx.add(k, v)
    for name, make in OPTIMIZERS.items():
        W = W0.clone().requires_grad_()
        b = b0.clone().requires_grad_()
        opt = make([W, b])
        for _ in range(10):
            opt.zero_grad()
            F.mse_loss(F.linear(X, W, b), Y).backward()
            opt.step()
        fx.add(f"{name}.W", W)
        fx.add(f"{name}.b", b)
    fx.save()


class Block(torch.nn.Module):
    """A ResNet-like block: its state_dict keys nest as torchvision's (layer1.0.bn1.running_mean)."""

    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(4, 4, 3, padding=1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(4)
        self.relu = torch.nn.ReLU()
        self.downsample = torch.nn.Sequential(torch.nn.Conv2d(4, 4, 1, bias=False), torch.nn.BatchNorm2d(4))

    def forward(self, x):
        return self.relu(self.bn1(self.conv1(x)) + self.downsample(x))


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.features = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3, padding=1), torch.nn.BatchNorm2d(4), torch.nn.ReLU())
        self.layer1 = torch.nn.Sequential(Block())
        self.pool = torch.nn.AdaptiveAvgPool2d(1)
        self.fc = torch.nn.Linear(4, 5)

    def forward(self, x):
        return self.fc(self.pool(self.layer1(self.features(x))).flatten(1))


def module_fixtures():
    """A trained-looking Net's state_dict (random running stats too), an input and its eval output."""
    fx = Fixture("module")
    net = Net()
    with torch.no_grad():
        for name, t in net.state_dict().items():
            if t.dtype == torch.int64:
                t.fill_(7)
            elif "running_var" in name:
                t.copy_(torch.rand(t.shape) + 0.5)
            else:
                t.copy_(rnd(*t.shape) * 0.5)
    for name, t in net.state_dict().items():
        fx.add("state." + name, t)
    net.eval()
    x = rnd(2, 3, 6, 6)
    fx.add("x", x)
    fx.add("y", net(x))
    fx.save()
    with open(os.path.join(HERE, "module_keys.json"), "w") as f:
        json.dump({"state_dict": list(net.state_dict().keys()),
                   "parameters": [n for n, _ in net.named_parameters()],
                   "modules": [n for n, _ in net.named_modules()]}, f, indent=1)


MAX_POOL_CASES = {
    # name: (kernel, stride, padding, dilation, ceil_mode)
    "k2": (2, 2, 0, 1, False),
    "k2_s1": (2, 1, 0, 1, False),
    "k3_s2_ceil": (3, 2, 0, 1, True),
    "k3_s2_p1": (3, 2, 1, 1, False),
    "k3_s1_d2": (3, 1, 0, 2, False),
    "k2x3_s1x2_p1": ((2, 3), (1, 2), 1, 1, True),
}


def max_pool_fixtures():
    """Max pooling of x and of relu(x), values and input gradients, on an odd-sized input with many ties
    (values on a 0.5 grid), so the first-maximum rule and dead ReLU windows are exercised."""
    torch.manual_seed(99)
    fx = Fixture("max_pool")
    x = ((torch.randn(3, 4, 9, 7) * 2).round() / 2).requires_grad_()
    fx.add("x", x)
    for name, (k, s, p, d, ceil) in MAX_POOL_CASES.items():
        for fused in (False, True):
            key = ("relu_" if fused else "") + name
            y = F.max_pool2d(F.relu(x) if fused else x, k, s, p, d, ceil_mode=ceil)
            fx.add(key, y)
            up = rnd(*y.shape)
            fx.add(key + ".upstream", up)
            grads(fx, key, y, up, ("x", x))
    fx.save()


if __name__ == "__main__":
    conv_fixtures()
    pool_fixtures()
    batchnorm_fixtures()
    dense_fixtures()
    loss_fixtures()
    optim_fixtures()
    module_fixtures()
    max_pool_fixtures()
    for f in sorted(os.listdir(HERE)):
        if f.endswith(".json"):
            print(f, os.path.getsize(os.path.join(HERE, f)), "bytes")
