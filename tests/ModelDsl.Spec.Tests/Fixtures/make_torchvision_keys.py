#!/usr/bin/python3
"""Writes the state_dict keys and shapes of torchvision's VGG16, ResNet50 and MobileNetV2
(random init, no download) as `key d0xd1x...` lines; the zoo tests compare the IR against them.
Run with Debian's python3-torch: /usr/bin/python3 make_torchvision_keys.py"""
import os
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
for name, ctor in [("vgg16", torchvision.models.vgg16), ("resnet50", torchvision.models.resnet50),
                   ("mobilenet_v2", torchvision.models.mobilenet_v2)]:
    model = ctor()
    with open(os.path.join(HERE, f"torchvision_{name}.keys.txt"), "w") as f:
        for key, tensor in model.state_dict().items():
            shape = "x".join(str(d) for d in tensor.shape) or "scalar"
            f.write(f"{key} {shape}\n")
    params = sum(p.numel() for p in model.parameters())
    print(name, params)
