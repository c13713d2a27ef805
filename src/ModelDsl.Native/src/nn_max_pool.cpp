// Max pooling over contiguous float32 NCHW input, optionally of relu(input), as one autograd op.
//
// Why our own kernel: libtorch 1.13's NCHW max_pool2d writes an int64 index per output with scalar code
// and was the largest single cost of a training step of the seed convnet (3.5 ms of ~18 ms at batch 64,
// more than the convolution it follows). This kernel keeps int32 plane offsets and fuses the ReLU that
// conv layers apply before pooling: max(relu(x)) == relu(max(x)), so the ReLU runs on a quarter of the
// elements and its backward (threshold_backward over the whole conv output) disappears. Results and
// gradients equal PyTorch's maxpool(relu(x)) bit for bit, including the first-maximum tie rule and NaN.
#include "nn_common.h"
#include "nn_max_pool_nhwc.h"

#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/custom_function.h>

#include <cmath>
#include <cstring>
#include <limits>

using mdsl::TensorHandle;

namespace {

struct Window {
    int64_t kh, kw, sh, sw, ph, pw, dh, dw;
    bool ceil_mode;
    bool relu;
};

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

// One plane: the maximum of each window and its offset in the plane (PyTorch's rule: the first maximum
// wins, a NaN always wins). With relu, a window whose maximum is not positive outputs relu(max) and
// offset -1, so backward sends it nothing, exactly as threshold_backward would.
void pool_plane(const float* in, float* out, int32_t* idx, int64_t ih, int64_t iw, int64_t oh, int64_t ow,
                const Window& w, int64_t row_begin, int64_t row_end) {
    for (int64_t oy = row_begin; oy < row_end; ++oy) {
        int64_t y0 = oy * w.sh - w.ph;
        int64_t y1 = std::min(y0 + (w.kh - 1) * w.dh + 1, ih);
        while (y0 < 0) y0 += w.dh;
        for (int64_t ox = 0; ox < ow; ++ox) {
            int64_t x0 = ox * w.sw - w.pw;
            int64_t x1 = std::min(x0 + (w.kw - 1) * w.dw + 1, iw);
            while (x0 < 0) x0 += w.dw;
            int64_t best = y0 * iw + x0;
            float value = -std::numeric_limits<float>::infinity();
            for (int64_t y = y0; y < y1; y += w.dh) {
                for (int64_t x = x0; x < x1; x += w.dw) {
                    float v = in[y * iw + x];
                    if (v > value || std::isnan(v)) {
                        value = v;
                        best = y * iw + x;
                    }
                }
            }
            int64_t o = oy * ow + ox;
            if (w.relu && !(value > 0.0f) && !std::isnan(value)) {
                out[o] = 0.0f;
                if (idx) idx[o] = -1;
            } else {
                out[o] = value;
                if (idx) idx[o] = static_cast<int32_t>(best);
            }
        }
    }
}

// The common 2x2 stride-2 unpadded window, branch-free: on real feature maps which of the four wins is
// random, so a compare-and-branch kernel (libtorch's) spends most of its time on mispredictions.
// NaN windows, which never occur in healthy training, take the general path's exact rule.
#define MDSL_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))

// One row of outputs; the template flags keep the loop free of per-element tests.
template <bool Relu, bool WithIndices>
__attribute__((always_inline)) inline bool pool_row_2x2(const float* r0, const float* r1, float* orow, int32_t* irow,
                                                        int32_t base, int32_t down, int64_t ow) {
    bool has_nan = false;
    for (int64_t ox = 0; ox < ow; ++ox) {
        float a = r0[2 * ox], b = r0[2 * ox + 1], c = r1[2 * ox], d = r1[2 * ox + 1];
        has_nan |= (a != a) | (b != b) | (c != c) | (d != d);
        float v = a;
        int32_t k = 0;
        k = b > v ? 1 : k;
        v = b > v ? b : v;
        k = c > v ? down : k;
        v = c > v ? c : v;
        k = d > v ? down + 1 : k;
        v = d > v ? d : v;
        int32_t i = base + static_cast<int32_t>(2 * ox) + k;
        if (Relu) {
            i = v > 0.0f ? i : -1;
            v = v > 0.0f ? v : 0.0f;
        }
        orow[ox] = v;
        if (WithIndices) irow[ox] = i;
    }
    return has_nan;
}

template <bool Relu, bool WithIndices>
__attribute__((always_inline)) inline void pool_plane_2x2_body(const float* in, float* out, int32_t* idx, int64_t iw,
                                                               int64_t oh, int64_t ow, const Window& w) {
    for (int64_t oy = 0; oy < oh; ++oy) {
        const float* r0 = in + 2 * oy * iw;
        bool has_nan = pool_row_2x2<Relu, WithIndices>(r0, r0 + iw, out + oy * ow, WithIndices ? idx + oy * ow : nullptr,
                                                        static_cast<int32_t>(2 * oy * iw), static_cast<int32_t>(iw), ow);
        if (has_nan) pool_plane(in, out, idx, 2 * oh, iw, oh, ow, w, oy, oy + 1);
    }
}

MDSL_VECTOR_CLONES
void pool_plane_2x2(const float* in, float* out, int32_t* idx, int64_t iw, int64_t oh, int64_t ow, const Window& w) {
    if (w.relu) {
        if (idx) pool_plane_2x2_body<true, true>(in, out, idx, iw, oh, ow, w);
        else pool_plane_2x2_body<true, false>(in, out, idx, iw, oh, ow, w);
    } else {
        if (idx) pool_plane_2x2_body<false, true>(in, out, idx, iw, oh, ow, w);
        else pool_plane_2x2_body<false, false>(in, out, idx, iw, oh, ow, w);
    }
}

bool is_tiled_2x2(const Window& w, int64_t ih, int64_t iw, int64_t oh, int64_t ow) {
    return w.kh == 2 && w.kw == 2 && w.sh == 2 && w.sw == 2 && w.ph == 0 && w.pw == 0 && w.dh == 1 && w.dw == 1 &&
           2 * oh <= ih && 2 * ow <= iw;
}

// Returns the pooled tensor; fills `indices` when it is defined.
at::Tensor pool_forward(const at::Tensor& input, const Window& w, int64_t oh, int64_t ow, at::Tensor* indices) {
    if (!indices && mdsl::nn::is_nhwc(input) && is_tiled_2x2(w, input.size(2), input.size(3), oh, ow)) {
        return mdsl::nn::nhwc_pool_2x2(input, w.relu);
    }
    auto x = input.contiguous();
    const int64_t n = x.size(0), c = x.size(1), ih = x.size(2), iw = x.size(3);
    auto out = at::empty({n, c, oh, ow}, x.options());
    int32_t* idx = nullptr;
    if (indices) {
        *indices = at::empty({n, c, oh, ow}, x.options().dtype(at::kInt));
        idx = indices->data_ptr<int32_t>();
    }
    const float* in = x.data_ptr<float>();
    float* o = out.data_ptr<float>();
    const bool simple = is_tiled_2x2(w, ih, iw, oh, ow);
    const int64_t grain = std::max<int64_t>(1, 16384 / std::max<int64_t>(1, ih * iw));
    at::parallel_for(0, n * c, grain, [&](int64_t begin, int64_t end) {
        for (int64_t p = begin; p < end; ++p) {
            const float* pin = in + p * ih * iw;
            float* pout = o + p * oh * ow;
            int32_t* pidx = idx ? idx + p * oh * ow : nullptr;
            if (simple) pool_plane_2x2(pin, pout, pidx, iw, oh, ow, w);
            else pool_plane(pin, pout, pidx, ih, iw, oh, ow, w, 0, oh);
        }
    });
    return out;
}

// 2x2 stride-2 windows tile the input, so backward can find each window's maximum again instead of
// keeping indices (writing them made the forward 5x slower): the gradient goes to the first cell equal to
// the window's output (PyTorch's first-maximum rule), zero to the others, so there is no zero-fill pass
// and no scatter. With the fused ReLU a non-positive output passes nothing, as threshold_backward would.
// Rows with a NaN take the index-free general rule in unpool_row_nan.
void unpool_row_nan(const float* r0, const float* r1, const float* orow, const float* grow, float* g0, float* g1,
                    int64_t ow, bool relu) {
    for (int64_t ox = 0; ox < ow; ++ox) {
        const float cells[4] = {r0[2 * ox], r0[2 * ox + 1], r1[2 * ox], r1[2 * ox + 1]};
        float* targets[4] = {g0 + 2 * ox, g0 + 2 * ox + 1, g1 + 2 * ox, g1 + 2 * ox + 1};
        int best = 0;
        float value = -std::numeric_limits<float>::infinity();
        for (int k = 0; k < 4; ++k) {
            if (cells[k] > value || std::isnan(cells[k])) { value = cells[k]; best = k; }
        }
        const bool alive = !relu || orow[ox] > 0.0f;
        for (int k = 0; k < 4; ++k) *targets[k] = (alive && k == best) ? grow[ox] : 0.0f;
    }
}

inline uint32_t mask_if(bool condition) { return 0u - static_cast<uint32_t>(condition); }

inline float select_bits(uint32_t mask, uint32_t bits) {
    const uint32_t r = mask & bits;
    float f;
    std::memcpy(&f, &r, sizeof f);
    return f;
}

// Bit masks instead of ?: because GCC turns the ?: chain into branches, which mispredict on real data.
template <bool Relu>
__attribute__((always_inline)) inline bool unpool_row_2x2(const float* r0, const float* r1, const float* orow,
                                                          const float* grow, float* g0, float* g1, int64_t ow) {
    bool has_nan = false;
    for (int64_t ox = 0; ox < ow; ++ox) {
        const float a = r0[2 * ox], b = r0[2 * ox + 1], c = r1[2 * ox];
        const float v = orow[ox];
        has_nan |= (v != v);
        uint32_t g;
        std::memcpy(&g, &grow[ox], sizeof g);
        if (Relu) g &= mask_if(v > 0.0f);
        const uint32_t ma = mask_if(a == v);
        const uint32_t mb = mask_if(b == v) & ~ma;
        const uint32_t mc = mask_if(c == v) & ~(ma | mb);
        const uint32_t md = ~(ma | mb | mc);
        g0[2 * ox] = select_bits(ma, g);
        g0[2 * ox + 1] = select_bits(mb, g);
        g1[2 * ox] = select_bits(mc, g);
        g1[2 * ox + 1] = select_bits(md, g);
    }
    return has_nan;
}

MDSL_VECTOR_CLONES
void unpool_plane_2x2(const float* in, const float* out, const float* go, float* gi, int64_t ih, int64_t iw,
                      int64_t oh, int64_t ow, bool relu) {
    for (int64_t oy = 0; oy < oh; ++oy) {
        const float* r0 = in + 2 * oy * iw;
        float* g0 = gi + 2 * oy * iw;
        const float* orow = out + oy * ow;
        const float* grow = go + oy * ow;
        bool has_nan = relu ? unpool_row_2x2<true>(r0, r0 + iw, orow, grow, g0, g0 + iw, ow)
                            : unpool_row_2x2<false>(r0, r0 + iw, orow, grow, g0, g0 + iw, ow);
        if (has_nan) unpool_row_nan(r0, r0 + iw, orow, grow, g0, g0 + iw, ow, relu);
        for (int64_t x = 2 * ow; x < iw; ++x) g0[x] = g0[iw + x] = 0.0f;
    }
    std::fill(gi + 2 * oh * iw, gi + ih * iw, 0.0f);
}

// Tiled 2x2 windows: the gradient from the saved input and output.
at::Tensor unpool_2x2_backward(const at::Tensor& grad_output, const at::Tensor& input, const at::Tensor& output,
                               bool relu) {
    auto g = grad_output.contiguous().to(at::kFloat);
    const int64_t n = input.size(0), c = input.size(1), ih = input.size(2), iw = input.size(3);
    const int64_t oh = output.size(2), ow = output.size(3);
    auto grad_input = at::empty({n, c, ih, iw}, g.options());
    const float* in = input.data_ptr<float>();
    const float* out = output.data_ptr<float>();
    const float* go = g.data_ptr<float>();
    float* gi = grad_input.data_ptr<float>();
    const int64_t grain = std::max<int64_t>(1, 16384 / std::max<int64_t>(1, ih * iw));
    at::parallel_for(0, n * c, grain, [&](int64_t begin, int64_t end) {
        for (int64_t p = begin; p < end; ++p) {
            unpool_plane_2x2(in + p * ih * iw, out + p * oh * ow, go + p * oh * ow, gi + p * ih * iw, ih, iw, oh, ow, relu);
        }
    });
    return grad_input;
}

// Any other window: scatter through the indices the forward kept.
at::Tensor pool_backward(const at::Tensor& grad_output, const at::Tensor& indices, int64_t ih, int64_t iw) {
    auto g = grad_output.contiguous().to(at::kFloat);
    const int64_t n = indices.size(0), c = indices.size(1), oh = indices.size(2), ow = indices.size(3);
    auto grad_input = at::empty({n, c, ih, iw}, g.options());
    const float* go = g.data_ptr<float>();
    const int32_t* idx = indices.data_ptr<int32_t>();
    float* gi = grad_input.data_ptr<float>();
    const int64_t grain = std::max<int64_t>(1, 16384 / std::max<int64_t>(1, ih * iw));
    // One plane per task, so overlapping windows accumulate without races.
    at::parallel_for(0, n * c, grain, [&](int64_t begin, int64_t end) {
        for (int64_t p = begin; p < end; ++p) {
            float* pgi = gi + p * ih * iw;
            const float* pgo = go + p * oh * ow;
            const int32_t* pidx = idx + p * oh * ow;
            std::fill(pgi, pgi + ih * iw, 0.0f);
            for (int64_t o = 0; o < oh * ow; ++o) {
                // Dead ReLU windows (-1) add zero to cell 0 instead of branching.
                const int32_t i = pidx[o];
                pgi[i >= 0 ? i : 0] += i >= 0 ? pgo[o] : 0.0f;
            }
        }
    });
    return grad_input;
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
