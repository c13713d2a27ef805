// The first convolution of a network sees an input that needs no gradient and has few channels (1 for
// MNIST, 3 for RGB). oneDNN treats it like any other layer and was slow there: for the seed convnet's
// 1->32 3x3 conv on a batch of 64, 0.7 ms forward and 1.8 ms for the weight gradient, for 12.5 M
// multiply-adds each way. Here each output plane is a sum of a few shifted input rows times a scalar,
// and the weight gradient a few dot products, both as contiguous row loops GCC vectorises; the input
// gradient is never needed, so backward is weight and bias only.
#include "nn_conv_input.h"

#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/custom_function.h>

#include <cstdlib>
#include <vector>

namespace {

// At most this many input taps (channels x kernel cells) per output. Single-channel input only for now:
// on a quiet machine oneDNN was faster for a 3x3 RGB layer (27 taps, 56x56) than this kernel's first version.
constexpr int64_t kMaxTaps = 32;
constexpr int64_t kMaxChannels = 1;

struct Geometry {
    int64_t n, c, ih, iw, o, kh, kw, oh, ow;
};

Geometry geometry_of(const at::Tensor& x, const at::Tensor& w) {
    return {x.size(0), x.size(1), x.size(2), x.size(3), w.size(0), w.size(2), w.size(3),
            x.size(2) - w.size(2) + 1, x.size(3) - w.size(3) + 1};
}

#define MDSL_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))

// Sixteen output columns at a time, summed over all taps in registers, then stored once: one pass over
// the output instead of one per tap.
constexpr int64_t kChunk = 16;

MDSL_VECTOR_CLONES
void forward_plane(const float* x, const float* w, float bias, float* out, const Geometry& g) {
    const int64_t taps = g.c * g.kh * g.kw;
    int64_t offsets[kMaxTaps];
    for (int64_t c = 0, t = 0; c < g.c; ++c) {
        for (int64_t ki = 0; ki < g.kh; ++ki) {
            for (int64_t kj = 0; kj < g.kw; ++kj, ++t) offsets[t] = (c * g.ih + ki) * g.iw + kj;
        }
    }
    for (int64_t i = 0; i < g.oh; ++i) {
        const float* row = x + i * g.iw;
        float* orow = out + i * g.ow;
        int64_t j = 0;
        for (; j + kChunk <= g.ow; j += kChunk) {
            float acc[kChunk];
            for (int64_t l = 0; l < kChunk; ++l) acc[l] = bias;
            for (int64_t t = 0; t < taps; ++t) {
                const float wv = w[t];
                const float* xr = row + offsets[t] + j;
                for (int64_t l = 0; l < kChunk; ++l) acc[l] += wv * xr[l];
            }
            for (int64_t l = 0; l < kChunk; ++l) orow[j + l] = acc[l];
        }
        for (; j < g.ow; ++j) {
            float acc = bias;
            for (int64_t t = 0; t < taps; ++t) acc += w[t] * row[offsets[t] + j];
            orow[j] = acc;
        }
    }
}

// Per-lane partial sums (one per output column) so the reduction vectorises without reordering floats
// inside a lane; lanes are summed at the end.
MDSL_VECTOR_CLONES
void accumulate_plane(const float* x, const float* grad, float* acc, float* bias_acc, const Geometry& g) {
    for (int64_t i = 0; i < g.oh; ++i) {
        const float* __restrict__ grow = grad + i * g.ow;
        for (int64_t j = 0; j < g.ow; ++j) bias_acc[j] += grow[j];
        int64_t tap = 0;
        for (int64_t c = 0; c < g.c; ++c) {
            for (int64_t ki = 0; ki < g.kh; ++ki) {
                for (int64_t kj = 0; kj < g.kw; ++kj, ++tap) {
                    const float* __restrict__ xr = x + (c * g.ih + i + ki) * g.iw + kj;
                    float* __restrict__ a = acc + tap * g.ow;
                    for (int64_t j = 0; j < g.ow; ++j) a[j] += grow[j] * xr[j];
                }
            }
        }
    }
}

at::Tensor input_conv_forward(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b) {
    const Geometry g = geometry_of(x, w);
    auto out = at::empty({g.n, g.o, g.oh, g.ow}, x.options());
    const float* xp = x.data_ptr<float>();
    const float* wp = w.data_ptr<float>();
    const float* bp = b.data_ptr<float>();
    float* op = out.data_ptr<float>();
    const int64_t taps = g.c * g.kh * g.kw;
    at::parallel_for(0, g.n * g.o, 1, [&](int64_t begin, int64_t end) {
        for (int64_t p = begin; p < end; ++p) {
            const int64_t n = p / g.o, o = p % g.o;
            forward_plane(xp + n * g.c * g.ih * g.iw, wp + o * taps, bp[o], op + p * g.oh * g.ow, g);
        }
    });
    return out;
}

void input_conv_backward(const at::Tensor& x, const at::Tensor& grad_out, at::Tensor& grad_w, at::Tensor& grad_b) {
    const Geometry g = geometry_of(x, grad_w);
    const int64_t taps = g.c * g.kh * g.kw;
    const float* xp = x.data_ptr<float>();
    const float* gp = grad_out.data_ptr<float>();
    float* gw = grad_w.data_ptr<float>();
    float* gb = grad_b.data_ptr<float>();
    at::parallel_for(0, g.o, 1, [&](int64_t begin, int64_t end) {
        std::vector<float> acc(static_cast<size_t>(taps * g.ow));
        std::vector<float> bias_acc(static_cast<size_t>(g.ow));
        for (int64_t o = begin; o < end; ++o) {
            std::fill(acc.begin(), acc.end(), 0.0f);
            std::fill(bias_acc.begin(), bias_acc.end(), 0.0f);
            for (int64_t n = 0; n < g.n; ++n) {
                accumulate_plane(xp + n * g.c * g.ih * g.iw, gp + (n * g.o + o) * g.oh * g.ow, acc.data(),
                                 bias_acc.data(), g);
            }
            for (int64_t t = 0; t < taps; ++t) {
                double sum = 0;
                for (int64_t j = 0; j < g.ow; ++j) sum += acc[t * g.ow + j];
                gw[o * taps + t] = static_cast<float>(sum);
            }
            double bias_sum = 0;
            for (int64_t j = 0; j < g.ow; ++j) bias_sum += bias_acc[j];
            gb[o] = static_cast<float>(bias_sum);
        }
    });
}

at::Tensor input_conv_any_layout(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b) {
    return w.size(0) >= mdsl::nn::input_conv::kChannelsLastFrom ? mdsl::nn::input_conv::forward_nhwc(x, w, b)
                                                                  : input_conv_forward(x, w, b);
}

struct InputConvFunction : public torch::autograd::Function<InputConvFunction> {
    static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& x, const at::Tensor& w,
                              const at::Tensor& b) {
        ctx->save_for_backward({x, w});
        return input_conv_any_layout(x, w.contiguous(), b.contiguous());
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grads) {
        auto saved = ctx->get_saved_variables();
        auto grad_w = at::empty(saved[1].sizes(), saved[1].options());
        auto grad_b = at::empty({saved[1].size(0)}, saved[1].options());
        if (saved[1].size(0) >= mdsl::nn::input_conv::kChannelsLastFrom) {
            mdsl::nn::input_conv::backward_nhwc(saved[0], grads[0], grad_w, grad_b);
        } else {
            input_conv_backward(saved[0], grads[0].contiguous(), grad_w, grad_b);
        }
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
    const bool grad_mode = c10::GradMode::is_enabled();
    if (grad_mode && x.requires_grad()) return false;  // inner layers need the input gradient: oneDNN's job
    if (x.size(2) + top + bottom < w.size(2) || x.size(3) + left + right < w.size(3)) return false;
    auto source = (left | right | top | bottom) ? at::constant_pad_nd(x, {left, right, top, bottom}, 0) : x;
    source = source.contiguous();
    if (grad_mode && (w.requires_grad() || b.requires_grad())) {
        out = InputConvFunction::apply(source, w, b);
    } else {
        out = input_conv_any_layout(source, w.contiguous(), b.contiguous());
    }
    return true;
}

}  // namespace mdsl::nn
