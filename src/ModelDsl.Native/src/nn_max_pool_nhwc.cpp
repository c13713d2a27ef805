// 2x2 stride-2 max pooling over channels-last activations, which is how convolutions hand them over
// (nn_conv.cpp runs inner layers channels-last). The four cells of a window are four contiguous channel
// vectors, so forward and backward are elementwise loops over channels that GCC vectorises, with no
// layout conversion on either side. Same semantics as nn_max_pool.cpp's NCHW kernel: PyTorch's first
// maximum, NaN wins, fused ReLU exact; a row of windows holding a NaN is redone by the exact scalar rule.
#include "nn_max_pool_nhwc.h"
#include "pool_window_2x2.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace {

struct Dims {
    int64_t n, c, ih, iw, oh, ow;
};

using mdsl::nn::pool2x2::exact_argmax;

template <bool Relu>
__attribute__((always_inline)) inline bool pool_window(const float* a, const float* b, const float* c, const float* d,
                                                       float* out, int64_t channels) {
    bool has_nan = false;
    for (int64_t k = 0; k < channels; ++k) {
        float v = a[k];
        v = b[k] > v ? b[k] : v;
        v = c[k] > v ? c[k] : v;
        v = d[k] > v ? d[k] : v;
        has_nan |= (a[k] != a[k]) | (b[k] != b[k]) | (c[k] != c[k]) | (d[k] != d[k]);
        if (Relu) v = v > 0.0f ? v : 0.0f;
        out[k] = v;
    }
    return has_nan;
}

MDSL_VECTOR_CLONES
void pool_row(const float* in, float* out, int64_t oy, const Dims& g, bool relu) {
    const int64_t row = g.iw * g.c;
    for (int64_t ox = 0; ox < g.ow; ++ox) {
        const float* a = in + (2 * oy) * row + 2 * ox * g.c;
        const float* b = a + g.c;
        const float* c = a + row;
        const float* d = c + g.c;
        float* o = out + (oy * g.ow + ox) * g.c;
        const bool has_nan = relu ? pool_window<true>(a, b, c, d, o, g.c) : pool_window<false>(a, b, c, d, o, g.c);
        if (!has_nan) continue;
        for (int64_t k = 0; k < g.c; ++k) {
            const float v[4] = {a[k], b[k], c[k], d[k]};
            const float m = v[exact_argmax(v)];
            o[k] = relu && !std::isnan(m) && !(m > 0.0f) ? 0.0f : m;
        }
    }
}

template <bool Relu>
__attribute__((always_inline)) inline bool unpool_window(const float* a, const float* b, const float* c, const float* o,
                                                         const float* go, float* ga, float* gb, float* gc, float* gd,
                                                         int64_t channels) {
    bool has_nan = false;
    for (int64_t k = 0; k < channels; ++k) {
        has_nan |= mdsl::nn::pool2x2::route_gradient<Relu>(a[k], b[k], c[k], o[k], go[k], ga[k], gb[k], gc[k], gd[k]);
    }
    return has_nan;
}

MDSL_VECTOR_CLONES
void unpool_row(const float* in, const float* out, const float* grad_out, float* grad_in, int64_t oy, const Dims& g,
                bool relu) {
    const int64_t row = g.iw * g.c;
    for (int64_t ox = 0; ox < g.ow; ++ox) {
        const int64_t at = (2 * oy) * row + 2 * ox * g.c;
        const float* a = in + at;
        const float* o = out + (oy * g.ow + ox) * g.c;
        const float* go = grad_out + (oy * g.ow + ox) * g.c;
        float* ga = grad_in + at;
        const bool has_nan = relu ? unpool_window<true>(a, a + g.c, a + row, o, go, ga, ga + g.c, ga + row, ga + row + g.c, g.c)
                                  : unpool_window<false>(a, a + g.c, a + row, o, go, ga, ga + g.c, ga + row, ga + row + g.c, g.c);
        if (!has_nan) continue;
        float* cells[4] = {ga, ga + g.c, ga + row, ga + row + g.c};
        for (int64_t k = 0; k < g.c; ++k) {
            const float v[4] = {a[k], a[g.c + k], a[row + k], a[row + g.c + k]};
            const int best = exact_argmax(v);
            const bool alive = !relu || o[k] > 0.0f;
            for (int q = 0; q < 4; ++q) cells[q][k] = alive && q == best ? go[k] : 0.0f;
        }
    }
}

Dims dims_of(const at::Tensor& x) {
    return {x.size(0), x.size(1), x.size(2), x.size(3), x.size(2) / 2, x.size(3) / 2};
}

}  // namespace

namespace mdsl::nn {

bool is_nhwc(const at::Tensor& x) {
    return x.dim() == 4 && x.is_contiguous(at::MemoryFormat::ChannelsLast) && !x.is_contiguous();
}

at::Tensor nhwc_pool_2x2(const at::Tensor& x, bool relu) {
    const Dims g = dims_of(x);
    auto out = at::empty({g.n, g.c, g.oh, g.ow}, x.options().memory_format(at::MemoryFormat::ChannelsLast));
    const float* in = x.data_ptr<float>();
    float* o = out.data_ptr<float>();
    at::parallel_for(0, g.n * g.oh, 1, [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
            const int64_t n = r / g.oh, oy = r % g.oh;
            pool_row(in + n * g.ih * g.iw * g.c, o + n * g.oh * g.ow * g.c, oy, g, relu);
        }
    });
    return out;
}

at::Tensor nhwc_unpool_2x2(const at::Tensor& grad_output, const at::Tensor& input, const at::Tensor& output, bool relu) {
    const Dims g = dims_of(input);
    auto go = grad_output.contiguous(at::MemoryFormat::ChannelsLast);
    // Cells past the last full window (odd H or W) get no gradient; zero them first only when they exist.
    // (at::zeros ignores a memory format in its options, so empty + zero_.)
    auto grad_input = at::empty({g.n, g.c, g.ih, g.iw}, input.options().memory_format(at::MemoryFormat::ChannelsLast));
    if (g.ih % 2 || g.iw % 2) grad_input.zero_();
    const float* in = input.data_ptr<float>();
    const float* out = output.data_ptr<float>();
    const float* gop = go.data_ptr<float>();
    float* gi = grad_input.data_ptr<float>();
    const int64_t plane_in = g.ih * g.iw * g.c, plane_out = g.oh * g.ow * g.c;
    at::parallel_for(0, g.n * g.oh, 1, [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
            const int64_t n = r / g.oh, oy = r % g.oh;
            unpool_row(in + n * plane_in, out + n * plane_out, gop + n * plane_out, gi + n * plane_in, oy, g, relu);
        }
    });
    return grad_input;
}

}  // namespace mdsl::nn
