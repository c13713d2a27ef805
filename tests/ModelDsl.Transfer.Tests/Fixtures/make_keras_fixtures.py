"""Writes the Keras .h5 fixtures of KerasH5Tests: the seed convnet with random weights, laid out as
Keras 2 writes them, and the outputs a channels-last NumPy forward pass computes for two inputs.

There is no TensorFlow here, so the files are written with h5py the way Keras 2's hdf5_format.py does
(attributes as numpy arrays of fixed-length byte strings; an empty list as an empty float array), and
the expected outputs come from NumPy on NHWC data with HWIO kernels: nothing of ModelDsl's layout
conversion is used, so the test checks it independently.

Run once with Debian's python (numpy, h5py): /usr/bin/python3 make_keras_fixtures.py
"""
import json
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(7)

# Keras layer name -> weights in Keras layout (kernel HWIO for Conv2D, (in, out) for Dense).
LAYERS = [
    ("conv2d", [("kernel", (3, 3, 1, 32)), ("bias", (32,))]),
    ("max_pooling2d", []),
    ("conv2d_1", [("kernel", (3, 3, 32, 64)), ("bias", (64,))]),
    ("max_pooling2d_1", []),
    ("conv2d_2", [("kernel", (3, 3, 64, 64)), ("bias", (64,))]),
    ("flatten", []),
    ("dense", [("kernel", (576, 64)), ("bias", (64,))]),
    ("dense_1", [("kernel", (64, 10)), ("bias", (10,))]),
]


def random_weights():
    weights = {}
    for layer, names in LAYERS:
        for name, shape in names:
            fan_in = int(np.prod(shape[:-1])) if name == "kernel" else 10
            weights[(layer, name)] = (rng.standard_normal(shape) / np.sqrt(fan_in)).astype(np.float32)
    return weights


def conv_valid(x, kernel, bias):
    """NHWC x HWIO, stride 1, no padding: the sum over each 3x3 window, written out per tap."""
    kh, kw = kernel.shape[:2]
    h, w = x.shape[1] - kh + 1, x.shape[2] - kw + 1
    out = np.zeros((x.shape[0], h, w, kernel.shape[3]), dtype=np.float64)
    for i in range(kh):
        for j in range(kw):
            out += np.einsum("nhwc,co->nhwo", x[:, i:i + h, j:j + w, :], kernel[i, j])
    return out + bias


def max_pool(x):
    n, h, w, c = x.shape
    h2, w2 = h // 2, w // 2
    return x[:, :h2 * 2, :w2 * 2, :].reshape(n, h2, 2, w2, 2, c).max(axis=(2, 4))


def forward(x, wt):
    relu = lambda v: np.maximum(v, 0)
    x = max_pool(relu(conv_valid(x, wt[("conv2d", "kernel")], wt[("conv2d", "bias")])))
    x = max_pool(relu(conv_valid(x, wt[("conv2d_1", "kernel")], wt[("conv2d_1", "bias")])))
    x = relu(conv_valid(x, wt[("conv2d_2", "kernel")], wt[("conv2d_2", "bias")]))
    x = x.reshape(x.shape[0], -1)  # Keras's Flatten: channels-last, (H, W, C) order
    x = relu(x @ wt[("dense", "kernel")] + wt[("dense", "bias")])
    z = x @ wt[("dense_1", "kernel")] + wt[("dense_1", "bias")]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def names_attr(names, variable):
    if variable:
        return names  # h5py stores a list of str as variable-length strings
    return np.array([n.encode("utf8") for n in names]) if names else np.asarray([])


def write_layers(group, weights, layers, variable=False, dtype=np.float32):
    group.attrs["layer_names"] = names_attr([name for name, _ in layers], variable)
    group.attrs["backend"] = b"tensorflow"
    group.attrs["keras_version"] = b"2.13.1"
    for layer, names in layers:
        g = group.create_group(layer)
        weight_names = [f"{layer}/{name}:0" for name, _ in names]
        g.attrs["weight_names"] = names_attr(weight_names, variable)
        for (name, _), weight_name in zip(names, weight_names):
            g.create_dataset(weight_name, data=weights[(layer, name)].astype(dtype))


def main():
    weights = random_weights()
    inputs = rng.random((2, 28, 28, 1)).astype(np.float32)
    outputs = forward(inputs.astype(np.float64), weights)

    # model.save_weights("x.h5")
    with h5py.File(os.path.join(HERE, "keras_convnet.h5"), "w") as f:
        write_layers(f, weights, LAYERS)

    # model.save("x.h5") of a functional model: the input layer is listed (no weights), the weights sit
    # under model_weights; here with variable-length strings and float64 data, which HDF5 converts.
    with h5py.File(os.path.join(HERE, "keras_convnet_model.h5"), "w") as f:
        f.attrs["keras_version"] = b"2.13.1"
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps({"class_name": "Functional", "config": {"name": "model"}}).encode()
        write_layers(f.create_group("model_weights"), weights, [("input_1", [])] + LAYERS, variable=True, dtype=np.float64)

    # A file whose conv2d_2 is missing, and one whose dense kernel has the wrong shape.
    with h5py.File(os.path.join(HERE, "keras_missing_layer.h5"), "w") as f:
        write_layers(f, weights, [l for l in LAYERS if l[0] != "conv2d_2"])
    wrong = dict(weights)
    wrong[("dense", "kernel")] = rng.standard_normal((512, 64)).astype(np.float32)
    layers = [(n, [(w, wrong[(n, w)].shape) for w, _ in ws]) for n, ws in LAYERS]
    with h5py.File(os.path.join(HERE, "keras_wrong_shape.h5"), "w") as f:
        write_layers(f, wrong, layers)

    # An HDF5 file that is not a Keras weights file.
    with h5py.File(os.path.join(HERE, "not_keras.h5"), "w") as f:
        f.create_dataset("data", data=np.arange(6, dtype=np.float32).reshape(2, 3))

    write_depthwise_batchnorm()

    with open(os.path.join(HERE, "keras_convnet.expected.json"), "w") as f:
        json.dump({
            "inputs_nhwc": inputs.reshape(-1).tolist(),
            "outputs": outputs.reshape(-1).tolist(),
            # Keras dense kernel entries [h, w, c, o, value]: row h*W*C + w*C + c of the (576, 64) kernel.
            "dense_kernel_probes": [[h, w, c, o, float(weights[("dense", "kernel")][h * 3 * 64 + w * 64 + c, o])]
                                    for h, w, c, o in [(0, 0, 1, 0), (2, 1, 0, 5), (1, 2, 63, 63), (0, 1, 7, 3)]],
        }, f)


def write_depthwise_batchnorm():
    """DepthwiseConv2D (multiplier 2) > BatchNormalization > Flatten > Dense, stored as float16.

    The model is the spec KerasH5Tests.DepthwiseSpec; the expected outputs use the float16-rounded weights.
    """
    f16 = lambda shape, scale=0.5: (rng.standard_normal(shape) * scale).astype(np.float16)
    wt = {
        ("dw", "depthwise_kernel"): f16((3, 3, 3, 2)), ("dw", "bias"): f16((6,)),
        ("bn", "gamma"): (1 + f16((6,), 0.2)).astype(np.float16), ("bn", "beta"): f16((6,)),
        ("bn", "moving_mean"): f16((6,)), ("bn", "moving_variance"): (0.5 + rng.random(6)).astype(np.float16),
        ("out", "kernel"): f16((96, 4)), ("out", "bias"): f16((4,)),
    }
    layers = [("dw", ["depthwise_kernel", "bias"]), ("bn", ["gamma", "beta", "moving_mean", "moving_variance"]),
              ("flatten", []), ("out", ["kernel", "bias"])]
    with h5py.File(os.path.join(HERE, "keras_depthwise_bn.h5"), "w") as f:
        write_layers(f, wt, [(n, [(w, wt[(n, w)].shape) for w in ws]) for n, ws in layers], dtype=np.float16)

    w = {k: v.astype(np.float64) for k, v in wt.items()}
    x = rng.random((2, 6, 6, 3))
    k = w[("dw", "depthwise_kernel")]
    y = np.zeros((2, 4, 4, 6))
    for i in range(3):
        for j in range(3):
            # Keras's depthwise output channel c * multiplier + m
            y += np.einsum("nhwc,cm->nhwcm", x[:, i:i + 4, j:j + 4, :], k[i, j]).reshape(2, 4, 4, 6)
    y += w[("dw", "bias")]
    y = (y - w[("bn", "moving_mean")]) / np.sqrt(w[("bn", "moving_variance")] + 1e-3) * w[("bn", "gamma")] + w[("bn", "beta")]
    z = y.reshape(2, -1) @ w[("out", "kernel")] + w[("out", "bias")]
    with open(os.path.join(HERE, "keras_depthwise_bn.expected.json"), "w") as f:
        json.dump({"inputs_nhwc": x.astype(np.float32).reshape(-1).tolist(), "outputs": z.reshape(-1).tolist()}, f)


if __name__ == "__main__":
    main()
