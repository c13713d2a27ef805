// Max pooling, optionally of relu(input), as one autograd op, and its export. Kernels: NCHW in
// nn_max_pool_nchw.cpp, channels-last in nn_max_pool_nhwc.cpp.
//
// Why our own kernels: libtorch 1.13's NCHW max_pool2d writes an int64 index per output with scalar code
// and was the largest single cost of a training step of the seed convnet (3.5 ms of ~18 ms at batch 64,
// more than the convolution it follows). This kernel keeps int32 plane offsets and fuses the ReLU that
// conv layers apply before pooling: max(relu(x)) == relu(max(x)), so the ReLU runs on a quarter of the
// elements and its backward (threshold_backward over the whole conv output) disappears. Results and
// gradients equal PyTorch's maxpool(relu(x)) bit for bit, including the first-maximum tie rule and NaN.
#include "nn_common.h"
#include "nn_max_pool.h"
#include "nn_max_pool_nhwc.h"

#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/custom_function.h>

using mdsl::TensorHandle;

namespace {

using namespace mdsl::nn::max_pool;

// PyTorch's pooling_output_shape.
int64_t pooled_size(int64_t in, int64_t k, int64_t pad, int64_t stride, int64_t dilation, bool ceil_mode) {
    int64_t numerator = in + 2 * pad - dilation * (k - 1) - 1 + (ceil_mode ? stride - 1 : 0);
    int64_t out = (numerator >= 0 ? numerator / stride : -((-numerator + stride - 1) / stride)) + 1;
    if (ceil_mode && (out - 1) * stride >= in + pad) --out;
    return out;
}

// The cases this kernel covers; anything else (other dtypes, devices, layouts, invalid windows) goes to
// libtorch, which also produces the error message for invalid arguments.
bool fast_path(const at::Tensor& x, const Window& w, int64_t oh, int64_t ow) {
    return x.device().is_cpu() && x.scalar_type() == at::kFloat && x.dim() == 4 &&
           w.kh > 0 && w.kw > 0 && w.sh > 0 && w.sw > 0 && w.dh > 0 && w.dw > 0 && w.ph >= 0 && w.pw >= 0 &&
           w.ph <= w.kh / 2 && w.pw <= w.kw / 2 && oh >= 1 && ow >= 1 && x.size(2) * x.size(3) < (int64_t{1} << 31);
}

struct MaxPoolFunction : public torch::autograd::Function<MaxPoolFunction> {
    static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& input, Window w, int64_t oh,
                              int64_t ow) {
        const bool tiled = is_tiled_2x2(w, input.size(2), input.size(3), oh, ow);
        // Channels-last input (from a channels-last convolution) stays channels-last when tiled.
        auto x = tiled && mdsl::nn::is_nhwc(input) ? input : input.contiguous();
        ctx->saved_data["tiled"] = tiled;
        ctx->saved_data["relu"] = w.relu;
        if (tiled) {
            auto out = pool_forward(x, w, oh, ow, nullptr);
            ctx->save_for_backward({x, out});
            return out;
        }
        at::Tensor indices;
        auto out = pool_forward(x, w, oh, ow, &indices);
        ctx->save_for_backward({indices});
        ctx->saved_data["ih"] = x.size(2);
        ctx->saved_data["iw"] = x.size(3);
        return out;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grads) {
        auto saved = ctx->get_saved_variables();
        at::Tensor grad;
        if (ctx->saved_data["tiled"].toBool() && mdsl::nn::is_nhwc(saved[0])) {
            grad = mdsl::nn::nhwc_unpool_2x2(grads[0], saved[0], saved[1], ctx->saved_data["relu"].toBool());
        } else if (ctx->saved_data["tiled"].toBool()) {
            grad = unpool_2x2_backward(grads[0], saved[0], saved[1], ctx->saved_data["relu"].toBool());
        } else {
            grad = pool_backward(grads[0], saved[0], ctx->saved_data["ih"].toInt(), ctx->saved_data["iw"].toInt());
        }
        return {grad, at::Tensor(), at::Tensor(), at::Tensor()};
    }
};

at::Tensor reference(const at::Tensor& x, const Window& w) {
    auto source = w.relu ? at::relu(x) : x;
    return at::max_pool2d(source, {w.kh, w.kw}, {w.sh, w.sw}, {w.ph, w.pw}, {w.dh, w.dw}, w.ceil_mode);
}

}  // namespace

// kernel, stride, padding, dilation: h, w pairs. relu_first != 0 pools relu(input) in the same pass.
MDSL_API TensorHandle mdsl_nn_max_pool2d(TensorHandle input, const int64_t* kernel, const int64_t* stride,
                                         const int64_t* padding, const int64_t* dilation, int ceil_mode,
                                         int relu_first) {
    MDSL_TRY
    auto& x = mdsl::unwrap(input);
    mdsl::nn::require_nchw("max_pool2d", x);
    Window w{kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1],
             ceil_mode != 0, relu_first != 0};
    int64_t oh = 0, ow = 0;
    if (w.sh > 0 && w.sw > 0) {
        oh = pooled_size(x.size(2), w.kh, w.ph, w.sh, w.dh, w.ceil_mode);
        ow = pooled_size(x.size(3), w.kw, w.pw, w.sw, w.dw, w.ceil_mode);
    }
    const bool needs_grad = c10::GradMode::is_enabled() && x.requires_grad();
    if (!fast_path(x, w, oh, ow)) return mdsl::wrap(reference(x, w));
    if (!needs_grad) return mdsl::wrap(pool_forward(x, w, oh, ow, nullptr));
    return mdsl::wrap(MaxPoolFunction::apply(x, w, oh, ow));
    MDSL_CATCH(nullptr)
}
