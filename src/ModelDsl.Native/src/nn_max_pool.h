// Max-pool kernels over float32 NCHW planes (nn_max_pool_nchw.cpp) and the window they pool with; the
// autograd op and the export are in nn_max_pool.cpp, the channels-last kernels in nn_max_pool_nhwc.cpp.
#pragma once
#include <ATen/ATen.h>

namespace mdsl::nn::max_pool {

struct Window {
    int64_t kh, kw, sh, sw, ph, pw, dh, dw;
    bool ceil_mode;
    bool relu;
};

// True for 2x2 stride-2 unpadded windows that fit the input: they tile it, so backward can recompute each
// window's maximum instead of keeping indices.
inline bool is_tiled_2x2(const Window& w, int64_t ih, int64_t iw, int64_t oh, int64_t ow) {
    return w.kh == 2 && w.kw == 2 && w.sh == 2 && w.sw == 2 && w.ph == 0 && w.pw == 0 && w.dh == 1 && w.dw == 1 &&
           2 * oh <= ih && 2 * ow <= iw;
}

// The pooled tensor (channels-last in, channels-last out for tiled windows); fills `indices` (int32 plane
// offsets, -1 where a fused ReLU passes nothing) when given.
at::Tensor pool_forward(const at::Tensor& input, const Window& w, int64_t oh, int64_t ow, at::Tensor* indices);

// Tiled 2x2 windows: the input gradient from the saved input and output.
at::Tensor unpool_2x2_backward(const at::Tensor& grad_output, const at::Tensor& input, const at::Tensor& output,
                               bool relu);

// Any other window: the input gradient scattered through the forward's indices.
at::Tensor pool_backward(const at::Tensor& grad_output, const at::Tensor& indices, int64_t ih, int64_t iw);

}  // namespace mdsl::nn::max_pool
