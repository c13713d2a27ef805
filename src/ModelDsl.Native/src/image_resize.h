// Resampling of 8-bit interleaved (HWC) images, shared by the image exports.
#pragma once
#include <cstdint>
#include <vector>

namespace mdsl::image {

// How a resize picks source pixels.
enum class Interpolation : int {
    // PIL's NEAREST: the source pixel under the output pixel's centre (Keras's default).
    Nearest = 0,
    // PIL's BILINEAR: a triangle filter widened by the scale when shrinking, so downscaling
    // averages every source pixel it covers (antialiased) instead of skipping some.
    Bilinear = 1,
};

// Resizes src (sh x sw x channels) into dst (dh x dw x channels), both 8-bit interleaved.
// Bilinear runs PIL's two passes (horizontal, then vertical) with the intermediate rounded to 8 bits,
// so the result stays within one grey level of PIL/torchvision.
void resize(const uint8_t* src, int sw, int sh, int channels, uint8_t* dst, int dw, int dh,
            Interpolation mode);

}  // namespace mdsl::image
