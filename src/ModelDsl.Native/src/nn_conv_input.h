// Convolution of a network's input layer, specialised (see nn_conv_input.cpp).
#pragma once
#include <ATen/ATen.h>

namespace mdsl::nn {

// Computes conv2d(x, w, b) with the given explicit pads into `out` and returns true when the case is
// covered (input without gradient, few input taps, stride 1, no dilation or groups); false leaves
// `out` untouched and the caller uses libtorch.
bool try_input_conv(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b, const int64_t* stride,
                    int64_t left, int64_t right, int64_t top, int64_t bottom, const int64_t* dilation,
                    int64_t groups, at::Tensor& out);

}  // namespace mdsl::nn
