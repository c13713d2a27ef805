#!/usr/bin/python3
"""Writes the state_dict keys and shapes of torchvision's classification models (random init, no
download) as `key d0xd1x...` lines, one file per model; the zoo tests compare the IR against them.
Also writes torchvision_counts.txt: `name params out224 out256` (parameter count, logits shape for a
224x224 and a 256x256 input; '-' when the model rejects that size).
Run with Debian's python3-torch: /usr/bin/python3 make_torchvision_keys.py"""
import os
import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
M = torchvision.models
MODELS = [
    ("vgg16", M.vgg16), ("resnet50", M.resnet50), ("mobilenet_v2", M.mobilenet_v2),
    ("vgg11", M.vgg11), ("vgg11_bn", M.vgg11_bn), ("vgg13", M.vgg13), ("vgg13_bn", M.vgg13_bn),
    ("vgg16_bn", M.vgg16_bn), ("vgg19", M.vgg19), ("vgg19_bn", M.vgg19_bn),
    ("resnet18", M.resnet18), ("resnet34", M.resnet34), ("resnet101", M.resnet101), ("resnet152", M.resnet152),
    ("resnext50_32x4d", M.resnext50_32x4d), ("resnext101_32x8d", M.resnext101_32x8d),
    ("wide_resnet50_2", M.wide_resnet50_2), ("wide_resnet101_2", M.wide_resnet101_2),
    ("densenet121", M.densenet121), ("densenet161", M.densenet161), ("densenet169", M.densenet169),
    ("densenet201", M.densenet201), ("squeezenet1_0", M.squeezenet1_0), ("squeezenet1_1", M.squeezenet1_1),
    ("mobilenet_v3_large", M.mobilenet_v3_large), ("mobilenet_v3_small", M.mobilenet_v3_small),
    ("efficientnet_b0", M.efficientnet_b0), ("shufflenet_v2_x0_5", M.shufflenet_v2_x0_5),
    ("shufflenet_v2_x1_0", M.shufflenet_v2_x1_0), ("shufflenet_v2_x1_5", M.shufflenet_v2_x1_5),
    ("shufflenet_v2_x2_0", M.shufflenet_v2_x2_0), ("mnasnet0_5", M.mnasnet0_5), ("mnasnet0_75", M.mnasnet0_75),
    ("mnasnet1_0", M.mnasnet1_0), ("mnasnet1_3", M.mnasnet1_3), ("googlenet", lambda: M.googlenet(aux_logits=False, init_weights=False)),
    ("alexnet", M.alexnet),
]


def out_shape(model, size):
    try:
        with torch.no_grad():
            return "x".join(str(d) for d in model(torch.zeros(1, 3, size, size)).shape[1:])
    except RuntimeError:
        return "-"


counts = []
for name, ctor in MODELS:
    torch.manual_seed(0)
    model = ctor().eval()
    with open(os.path.join(HERE, f"torchvision_{name}.keys.txt"), "w") as f:
        for key, tensor in model.state_dict().items():
            shape = "x".join(str(d) for d in tensor.shape) or "scalar"
            f.write(f"{key} {shape}\n")
    params = sum(p.numel() for p in model.parameters())
    counts.append(f"{name} {params} {out_shape(model, 224)} {out_shape(model, 256)}")
    print(counts[-1], flush=True)
with open(os.path.join(HERE, "torchvision_counts.txt"), "w") as f:
    f.write("\n".join(counts) + "\n")
