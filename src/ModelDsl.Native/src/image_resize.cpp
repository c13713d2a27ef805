// Image resampling that follows Pillow's Resample.c (the resize torchvision and Keras call), so a model
// fed by ModelDsl sees the pixels it would see in PyTorch or Keras.
#include "image_resize.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace mdsl::image {
namespace {

// Pillow's 8-bit fixed point: coefficients carry 22 fraction bits (32 - 8 bits of pixel - 2 of headroom).
constexpr int kPrecisionBits = 32 - 8 - 2;

double triangle(double x) {
    x = std::fabs(x);
    return x < 1.0 ? 1.0 - x : 0.0;
}

uint8_t clip8(int64_t accumulated) {
    auto v = accumulated >> kPrecisionBits;
    return static_cast<uint8_t>(std::clamp<int64_t>(v, 0, 255));
}

// For each output index: the first source index, how many sources contribute, and their integer weights.
struct Coefficients {
    int ksize = 0;
    std::vector<int> first, count;
    std::vector<int32_t> weights;  // out_size x ksize
};

Coefficients precompute(int in_size, int out_size) {
    const double scale = static_cast<double>(in_size) / out_size;
    const double filterscale = std::max(scale, 1.0);  // widen the filter when shrinking (antialias)
    const double support = 1.0 * filterscale;
    Coefficients c;
    c.ksize = static_cast<int>(std::ceil(support)) * 2 + 1;
    c.first.resize(out_size);
    c.count.resize(out_size);
    c.weights.assign(static_cast<size_t>(out_size) * c.ksize, 0);
    std::vector<double> k(c.ksize);
    for (int xx = 0; xx < out_size; ++xx) {
        const double center = (xx + 0.5) * scale;
        int xmin = std::max(static_cast<int>(center - support + 0.5), 0);
        int xmax = std::min(static_cast<int>(center + support + 0.5), in_size) - xmin;
        double total = 0.0;
        for (int x = 0; x < xmax; ++x) {
            k[x] = triangle((x + xmin - center + 0.5) / filterscale);
            total += k[x];
        }
        for (int x = 0; x < xmax; ++x) {
            const double w = total != 0.0 ? k[x] / total : k[x];
            // Round half away from zero, as Pillow's normalize_coeffs_8bpc does.
            c.weights[static_cast<size_t>(xx) * c.ksize + x] =
                static_cast<int32_t>(w < 0 ? -0.5 + w * (1 << kPrecisionBits) : 0.5 + w * (1 << kPrecisionBits));
        }
        c.first[xx] = xmin;
        c.count[xx] = xmax;
    }
    return c;
}

void horizontal(const uint8_t* src, int sw, int rows, int channels, uint8_t* dst, int dw) {
    const auto c = precompute(sw, dw);
    for (int y = 0; y < rows; ++y) {
        const uint8_t* in_row = src + static_cast<size_t>(y) * sw * channels;
        uint8_t* out_row = dst + static_cast<size_t>(y) * dw * channels;
        for (int xx = 0; xx < dw; ++xx) {
            const int32_t* k = &c.weights[static_cast<size_t>(xx) * c.ksize];
            for (int ch = 0; ch < channels; ++ch) {
                int64_t acc = int64_t{1} << (kPrecisionBits - 1);
                for (int x = 0; x < c.count[xx]; ++x) {
                    acc += static_cast<int64_t>(in_row[(c.first[xx] + x) * channels + ch]) * k[x];
                }
                out_row[xx * channels + ch] = clip8(acc);
            }
        }
    }
}

void vertical(const uint8_t* src, int sh, int width, int channels, uint8_t* dst, int dh) {
    const auto c = precompute(sh, dh);
    const size_t stride = static_cast<size_t>(width) * channels;
    for (int yy = 0; yy < dh; ++yy) {
        const int32_t* k = &c.weights[static_cast<size_t>(yy) * c.ksize];
        uint8_t* out_row = dst + yy * stride;
        for (size_t i = 0; i < stride; ++i) {
            int64_t acc = int64_t{1} << (kPrecisionBits - 1);
            for (int y = 0; y < c.count[yy]; ++y) {
                acc += static_cast<int64_t>(src[(c.first[yy] + y) * stride + i]) * k[y];
            }
            out_row[i] = clip8(acc);
        }
    }
}

void nearest(const uint8_t* src, int sw, int sh, int channels, uint8_t* dst, int dw, int dh) {
    const double sx = static_cast<double>(sw) / dw, sy = static_cast<double>(sh) / dh;
    for (int y = 0; y < dh; ++y) {
        const int iy = std::min(static_cast<int>((y + 0.5) * sy), sh - 1);
        for (int x = 0; x < dw; ++x) {
            const int ix = std::min(static_cast<int>((x + 0.5) * sx), sw - 1);
            std::memcpy(dst + (static_cast<size_t>(y) * dw + x) * channels,
                        src + (static_cast<size_t>(iy) * sw + ix) * channels, channels);
        }
    }
}

}  // namespace

void resize(const uint8_t* src, int sw, int sh, int channels, uint8_t* dst, int dw, int dh,
            Interpolation mode) {
    if (sw == dw && sh == dh) {
        std::memcpy(dst, src, static_cast<size_t>(sw) * sh * channels);
        return;
    }
    if (mode == Interpolation::Nearest) {
        nearest(src, sw, sh, channels, dst, dw, dh);
        return;
    }
    // Like Pillow: horizontal pass first, each pass only when its size changes.
    if (sw != dw && sh != dh) {
        std::vector<uint8_t> temp(static_cast<size_t>(dw) * sh * channels);
        horizontal(src, sw, sh, channels, temp.data(), dw);
        vertical(temp.data(), sh, dw, channels, dst, dh);
    } else if (sw != dw) {
        horizontal(src, sw, sh, channels, dst, dw);
    } else {
        vertical(src, sh, dw, channels, dst, dh);
    }
}

}  // namespace mdsl::image
