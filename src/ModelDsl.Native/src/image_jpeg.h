// JPEG decoding through the system's libjpeg-turbo (the library Pillow uses), loaded at run time.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace mdsl::image {

using Pixels = std::unique_ptr<uint8_t, decltype(&std::free)>;

// Decodes a JPEG into malloc'ed interleaved pixels: RGB (3 channels) unless the file is greyscale
// (1 channel). Returns null pixels when libjpeg is not available or cannot decode this file; the
// caller then falls back to stb_image, which also produces the error message.
Pixels decode_jpeg_turbo(const uint8_t* data, int64_t len, int* width, int* height, int* channels);

}  // namespace mdsl::image
