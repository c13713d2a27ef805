// Convolution of a network's input layer, specialised (see nn_conv_input.cpp).
#pragma once
#include <ATen/ATen.h>

namespace mdsl::nn {

// Computes conv2d(x, w, b) with the given explicit pads into `out` and returns true when the case is
// covered (single-channel input without gradient, at least kChannelsLastFrom output channels, stride 1,
// no dilation or groups; the output is channels-last); false leaves
// `out` untouched and the caller uses libtorch.
bool try_input_conv(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b, const int64_t* stride,
                    int64_t left, int64_t right, int64_t top, int64_t bottom, const int64_t* dilation,
                    int64_t groups, at::Tensor& out);

namespace input_conv {
// The kernels (nn_conv_input_nhwc.cpp): x is NCHW, stride 1, unpadded, bias defined; output channels-last.
at::Tensor forward_nhwc(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b);
void backward_nhwc(const at::Tensor& x, const at::Tensor& grad_out, at::Tensor& grad_w, at::Tensor& grad_b);

// Output channels from which the next convolution runs channels-last (nn_conv.cpp), and so from which this
// path is taken: its output then needs no layout copy.
constexpr int64_t kChannelsLastFrom = 8;
}  // namespace input_conv

}  // namespace mdsl::nn
