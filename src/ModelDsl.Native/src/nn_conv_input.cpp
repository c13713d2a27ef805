// The first convolution of a network sees an input that needs no gradient and has a single channel
// (MNIST-like data). oneDNN treats it like any other layer; on the loaded machine it took 0.7 ms forward
// and 1.8 ms for the weight gradient of the seed convnet's 1->32 3x3 layer at batch 64, 12.5 M
// multiply-adds each way. Here the input gradient is never computed, the output is written channels-last
// for the channels-last layers after it (nn_conv.cpp), and the kernels are loops over output channels
// that GCC vectorises (nn_conv_input_nhwc.cpp). On a quiet machine oneDNN is as fast;
// MDSL_INPUT_CONV_OFF=1 compares the two.
#include "nn_conv_input.h"

#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/custom_function.h>

#include <cstdlib>

namespace {

// At most this many input taps (kernel cells) per output. Single-channel input only: for a 3x3 RGB layer
// (27 taps, 56x56 or 224x224) oneDNN was 3x faster than these kernels on a quiet machine.
constexpr int64_t kMaxTaps = 32;
constexpr int64_t kMaxChannels = 1;

struct InputConvFunction : public torch::autograd::Function<InputConvFunction> {
    static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& x, const at::Tensor& w,
                              const at::Tensor& b) {
        ctx->save_for_backward({x, w});
        return mdsl::nn::input_conv::forward_nhwc(x, w.contiguous(), b.contiguous());
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grads) {
        auto saved = ctx->get_saved_variables();
        auto grad_w = at::empty(saved[1].sizes(), saved[1].options());
        auto grad_b = at::empty({saved[1].size(0)}, saved[1].options());
        mdsl::nn::input_conv::backward_nhwc(saved[0], grads[0], grad_w, grad_b);
        return {at::Tensor(), grad_w, grad_b};
    }
};

bool is_plain_float(const at::Tensor& t) {
    return t.defined() && t.device().is_cpu() && t.scalar_type() == at::kFloat;
}

}  // namespace

namespace mdsl::nn {

bool try_input_conv(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b, const int64_t* stride,
                    int64_t left, int64_t right, int64_t top, int64_t bottom, const int64_t* dilation,
                    int64_t groups, at::Tensor& out) {
    // For comparing with oneDNN: measured 3.5x faster than it on the loaded machine, within noise of it (and
    // at times slower) on a quiet one, where oneDNN's barriers cost little.
    if (std::getenv("MDSL_INPUT_CONV_OFF") != nullptr) return false;
    if (!is_plain_float(x) || !is_plain_float(w) || !is_plain_float(b) || x.dim() != 4 || w.dim() != 4) return false;
    if (groups != 1 || stride[0] != 1 || stride[1] != 1 || dilation[0] != 1 || dilation[1] != 1) return false;
    if (left < 0 || right < 0 || top < 0 || bottom < 0 || w.size(1) != x.size(1)) return false;
    if (x.size(1) > kMaxChannels || x.size(1) * w.size(2) * w.size(3) > kMaxTaps || b.dim() != 1 || b.size(0) != w.size(0)) return false;
    // Fewer output channels: the next layer runs NCHW, and channels-last output would only add a copy.
    if (w.size(0) < mdsl::nn::input_conv::kChannelsLastFrom) return false;
    const bool grad_mode = c10::GradMode::is_enabled();
    if (grad_mode && x.requires_grad()) return false;  // inner layers need the input gradient: oneDNN's job
    if (x.size(2) + top + bottom < w.size(2) || x.size(3) + left + right < w.size(3)) return false;
    auto source = (left | right | top | bottom) ? at::constant_pad_nd(x, {left, right, top, bottom}, 0) : x;
    source = source.contiguous();
    if (grad_mode && (w.requires_grad() || b.requires_grad())) {
        out = InputConvFunction::apply(source, w, b);
    } else {
        out = mdsl::nn::input_conv::forward_nhwc(source, w.contiguous(), b.contiguous());
    }
    return true;
}

}  // namespace mdsl::nn
