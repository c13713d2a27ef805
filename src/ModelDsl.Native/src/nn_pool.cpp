// Average, adaptive and global pooling over NCHW input (max pooling: nn_max_pool.cpp).
#include "nn_common.h"

using mdsl::TensorHandle;

MDSL_API TensorHandle mdsl_nn_avg_pool2d(TensorHandle input, const int64_t* kernel, const int64_t* stride,
                                         const int64_t* padding, int ceil_mode, int count_include_pad) {
    MDSL_TRY
    auto& x = mdsl::unwrap(input);
    mdsl::nn::require_nchw("avg_pool2d", x);
    return mdsl::wrap(at::avg_pool2d(x, {kernel[0], kernel[1]}, {stride[0], stride[1]}, {padding[0], padding[1]},
                                     ceil_mode != 0, count_include_pad != 0));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_nn_adaptive_avg_pool2d(TensorHandle input, int64_t out_h, int64_t out_w) {
    MDSL_TRY
    auto& x = mdsl::unwrap(input);
    mdsl::nn::require_nchw("adaptive_avg_pool2d", x);
    return mdsl::wrap(at::adaptive_avg_pool2d(x, {out_h, out_w}));
    MDSL_CATCH(nullptr)
}

// Keras's GlobalAveragePooling2D / GlobalMaxPooling2D: [N, C, H, W] -> [N, C] (or [N, C, 1, 1] with keep_dims).
MDSL_API TensorHandle mdsl_nn_global_pool2d(TensorHandle input, int is_max, int keep_dims) {
    MDSL_TRY
    auto& x = mdsl::unwrap(input);
    mdsl::nn::require_nchw(is_max ? "global_max_pool2d" : "global_avg_pool2d", x);
    return mdsl::wrap(is_max ? x.amax({2, 3}, keep_dims != 0) : x.mean({2, 3}, keep_dims != 0));
    MDSL_CATCH(nullptr)
}
