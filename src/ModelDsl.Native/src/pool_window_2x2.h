// Per-window pieces of the 2x2 max-pool kernels, shared by the NCHW (nn_max_pool_nchw.cpp) and
// channels-last (nn_max_pool_nhwc.cpp) layouts, which differ only in where a window's four cells are.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "vector_clones.h"

namespace mdsl::nn::pool2x2 {

// PyTorch's rule for the cell a window's gradient goes to: the first strictly greater value wins and a NaN
// always wins (so the last NaN of a window). Used only for windows holding a NaN; the vector loops below
// give the same answer for all others.
inline int exact_argmax(const float cells[4]) {
    int best = 0;
    float value = -std::numeric_limits<float>::infinity();
    for (int k = 0; k < 4; ++k) {
        if (cells[k] > value || std::isnan(cells[k])) {
            value = cells[k];
            best = k;
        }
    }
    return best;
}

inline uint32_t mask_if(bool condition) { return 0u - static_cast<uint32_t>(condition); }

inline float masked(uint32_t mask, uint32_t bits) {
    const uint32_t r = mask & bits;
    float f;
    std::memcpy(&f, &r, sizeof f);
    return f;
}

// Routes the output gradient of one window (output v, cells a, b, c, d in PyTorch's scan order) to the first
// cell equal to v, zero to the others; with Relu nothing passes when v is not positive. Bit masks instead of
// ?: because GCC turns a ?: chain into branches, which mispredict on real data. Returns whether v is NaN
// (the caller then applies exact_argmax).
template <bool Relu>
__attribute__((always_inline)) inline bool route_gradient(float a, float b, float c, float v, float grad, float& ga,
                                                          float& gb, float& gc, float& gd) {
    uint32_t g;
    std::memcpy(&g, &grad, sizeof g);
    if (Relu) g &= mask_if(v > 0.0f);
    const uint32_t ma = mask_if(a == v);
    const uint32_t mb = mask_if(b == v) & ~ma;
    const uint32_t mc = mask_if(c == v) & ~(ma | mb);
    const uint32_t md = ~(ma | mb | mc);
    ga = masked(ma, g);
    gb = masked(mb, g);
    gc = masked(mc, g);
    gd = masked(md, g);
    return v != v;
}

}  // namespace mdsl::nn::pool2x2
