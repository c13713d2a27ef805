// Max pooling of float32 NCHW planes: a general window kernel that keeps int32 indices, and for the common
// 2x2 stride-2 window a branch-free forward and an index-free backward. Semantics are PyTorch's exactly:
// the first maximum wins, a NaN always wins, and with the fused ReLU a window whose maximum is not
// positive passes no gradient, as threshold_backward would.
#include "nn_max_pool.h"
#include "nn_max_pool_nhwc.h"
#include "pool_window_2x2.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace mdsl::nn::max_pool {
namespace {

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
        const int best = pool2x2::exact_argmax(cells);
        const bool alive = !relu || orow[ox] > 0.0f;
        for (int k = 0; k < 4; ++k) *targets[k] = (alive && k == best) ? grow[ox] : 0.0f;
    }
}

template <bool Relu>
__attribute__((always_inline)) inline bool unpool_row_2x2(const float* r0, const float* r1, const float* orow,
                                                          const float* grow, float* g0, float* g1, int64_t ow) {
    bool has_nan = false;
    for (int64_t ox = 0; ox < ow; ++ox) {
        has_nan |= pool2x2::route_gradient<Relu>(r0[2 * ox], r0[2 * ox + 1], r1[2 * ox], orow[ox], grow[ox], g0[2 * ox],
                                                 g0[2 * ox + 1], g1[2 * ox], g1[2 * ox + 1]);
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

}  // namespace

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

}  // namespace mdsl::nn::max_pool
