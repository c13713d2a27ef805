// The kernels of the input-layer convolution (nn_conv_input.cpp), writing channels-last output for the
// channels-last convolution after it (nn_conv.cpp). Each output pixel is a few input taps times a row of the transposed
// kernel [taps, out], so both directions are loops over output channels that GCC vectorises.
#include "nn_conv_input.h"
#include "vector_clones.h"

#include <ATen/Parallel.h>

#include <vector>

namespace {

struct Shape {
    int64_t n, c, ih, iw, o, kh, kw, oh, ow, taps;
};

Shape shape_of(const at::Tensor& x, const at::Tensor& w) {
    return {x.size(0), x.size(1), x.size(2), x.size(3), w.size(0), w.size(2), w.size(3),
            x.size(2) - w.size(2) + 1, x.size(3) - w.size(3) + 1, w.size(1) * w.size(2) * w.size(3)};
}

// Offsets of the taps in one image (NCHW input), relative to the top-left input pixel of the window.
std::vector<int64_t> tap_offsets(const Shape& s) {
    std::vector<int64_t> offsets;
    for (int64_t c = 0; c < s.c; ++c) {
        for (int64_t ki = 0; ki < s.kh; ++ki) {
            for (int64_t kj = 0; kj < s.kw; ++kj) offsets.push_back((c * s.ih + ki) * s.iw + kj);
        }
    }
    return offsets;
}

MDSL_VECTOR_CLONES
void forward_row(const float* image, const float* wt, const float* bias, float* out, int64_t i, const Shape& s,
                 const int64_t* offsets) {
    for (int64_t j = 0; j < s.ow; ++j) {
        float* __restrict__ o = out + j * s.o;
        for (int64_t k = 0; k < s.o; ++k) o[k] = bias[k];
        const float* window = image + i * s.iw + j;
        for (int64_t t = 0; t < s.taps; ++t) {
            const float v = window[offsets[t]];
            const float* __restrict__ row = wt + t * s.o;
            for (int64_t k = 0; k < s.o; ++k) o[k] += v * row[k];
        }
    }
}

MDSL_VECTOR_CLONES
void accumulate_row(const float* image, const float* grad, float* acc, float* bias_acc, int64_t i, const Shape& s,
                    const int64_t* offsets) {
    for (int64_t j = 0; j < s.ow; ++j) {
        const float* __restrict__ g = grad + j * s.o;
        for (int64_t k = 0; k < s.o; ++k) bias_acc[k] += g[k];
        const float* window = image + i * s.iw + j;
        for (int64_t t = 0; t < s.taps; ++t) {
            const float v = window[offsets[t]];
            float* __restrict__ a = acc + t * s.o;
            for (int64_t k = 0; k < s.o; ++k) a[k] += v * g[k];
        }
    }
}

}  // namespace

namespace mdsl::nn::input_conv {

at::Tensor forward_nhwc(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b) {
    const Shape s = shape_of(x, w);
    auto out = at::empty({s.n, s.o, s.oh, s.ow}, x.options().memory_format(at::MemoryFormat::ChannelsLast));
    const auto wt = w.reshape({s.o, s.taps}).t().contiguous();  // [taps, out]
    const auto offsets = tap_offsets(s);
    const float* xp = x.data_ptr<float>();
    const float* wp = wt.data_ptr<float>();
    const float* bp = b.data_ptr<float>();
    float* op = out.data_ptr<float>();
    at::parallel_for(0, s.n * s.oh, 1, [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
            const int64_t n = r / s.oh, i = r % s.oh;
            forward_row(xp + n * s.c * s.ih * s.iw, wp, bp, op + r * s.ow * s.o, i, s, offsets.data());
        }
    });
    return out;
}

void backward_nhwc(const at::Tensor& x, const at::Tensor& grad_out, at::Tensor& grad_w, at::Tensor& grad_b) {
    const Shape s = shape_of(x, grad_w);
    const auto g = grad_out.contiguous(at::MemoryFormat::ChannelsLast);
    const auto offsets = tap_offsets(s);
    const float* xp = x.data_ptr<float>();
    const float* gp = g.data_ptr<float>();
    // One partial sum per chunk of images, added up in chunk order: the same result for the same thread
    // count, whichever thread finishes first.
    const int64_t chunks = std::max<int64_t>(1, std::min<int64_t>(at::get_num_threads(), s.n));
    const int64_t width = (s.taps + 1) * s.o;  // taps rows, then the bias row
    std::vector<float> partial(static_cast<size_t>(chunks * width), 0.0f);
    at::parallel_for(0, chunks, 1, [&](int64_t begin, int64_t end) {
        for (int64_t chunk = begin; chunk < end; ++chunk) {
            float* acc = partial.data() + chunk * width;
            for (int64_t n = chunk * s.n / chunks; n < (chunk + 1) * s.n / chunks; ++n) {
                for (int64_t i = 0; i < s.oh; ++i) {
                    accumulate_row(xp + n * s.c * s.ih * s.iw, gp + ((n * s.oh) + i) * s.ow * s.o, acc,
                                   acc + s.taps * s.o, i, s, offsets.data());
                }
            }
        }
    });
    auto total = at::zeros({s.taps + 1, s.o}, grad_w.options());
    float* t = total.data_ptr<float>();
    for (int64_t chunk = 0; chunk < chunks; ++chunk) {
        for (int64_t k = 0; k < width; ++k) t[k] += partial[static_cast<size_t>(chunk * width + k)];
    }
    grad_w.copy_(total.narrow(0, 0, s.taps).t().reshape(grad_w.sizes()));
    grad_b.copy_(total[s.taps]);
}

}  // namespace mdsl::nn::input_conv
