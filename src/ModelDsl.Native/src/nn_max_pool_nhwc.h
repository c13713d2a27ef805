// 2x2 stride-2 max pooling of channels-last (NHWC) float32 activations (see nn_max_pool_nhwc.cpp).
#pragma once
#include <ATen/ATen.h>

namespace mdsl::nn {

// True for a 4-D tensor laid out channels-last and not also plain contiguous (C > 1 and H*W > 1).
bool is_nhwc(const at::Tensor& x);

// max over each 2x2 window (of relu(x) when relu), as a channels-last tensor [N, C, H/2, W/2].
at::Tensor nhwc_pool_2x2(const at::Tensor& x, bool relu);

// The input gradient, channels-last, from the saved input and output (first maximum of each window).
at::Tensor nhwc_unpool_2x2(const at::Tensor& grad_output, const at::Tensor& input, const at::Tensor& output, bool relu);

}  // namespace mdsl::nn
