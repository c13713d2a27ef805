// Image decoding (libjpeg-turbo for JPEG when present, else stb_image; stb_image for PNG, BMP, GIF, PNM)
// into CHW float pixels, and PNG/JPEG writing.
// The managed side reads files itself and passes bytes, so file errors stay managed and the message
// of a decode failure can name the file.
#define STB_IMAGE_IMPLEMENTATION
#define STBI_NO_HDR
#define STBI_NO_LINEAR
#define STBI_NO_PSD
#define STBI_NO_PIC
#define STBI_NO_TGA
#include <stb_image.h>
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "image_jpeg.h"
#include "image_resize.h"
#include "mdsl.h"

namespace {

// Pillow's decompression-bomb error threshold (2 x MAX_IMAGE_PIXELS).
constexpr int64_t kMaxPixels = 178956970;

bool starts_with(const uint8_t* data, int64_t len, std::initializer_list<uint8_t> magic) {
    if (len < static_cast<int64_t>(magic.size())) return false;
    int i = 0;
    for (auto b : magic) {
        if (data[i++] != b) return false;
    }
    return true;
}

// stb_image fills the missing rest of a truncated JPEG (or a PNG cut after its last IDAT) with grey
// instead of failing; Pillow refuses such files, and so do we: a silently grey image poisons training.
void check_complete(const uint8_t* data, int64_t len) {
    if (starts_with(data, len, {0xFF, 0xD8})) {
        // The end-of-image marker, allowing for padding some encoders append after it.
        const int64_t from = std::max<int64_t>(2, len - 4096);
        for (int64_t i = len - 2; i >= from; --i) {
            if (data[i] == 0xFF && data[i + 1] == 0xD9) return;
        }
        throw std::runtime_error("truncated JPEG: no end-of-image marker");
    }
    if (starts_with(data, len, {0x89, 'P', 'N', 'G'})) {
        const int64_t from = std::max<int64_t>(8, len - 64);
        for (int64_t i = len - 4; i >= from; --i) {
            if (data[i] == 'I' && data[i + 1] == 'E' && data[i + 2] == 'N' && data[i + 3] == 'D') return;
        }
        throw std::runtime_error("truncated PNG: no IEND chunk");
    }
}

// In place: interleaved pixels of `stored` channels (2 grey+alpha, 3 RGB, 4 RGBA) to one grey channel,
// as Pillow's convert("L") does: ITU-R 601-2 luma in 16-bit fixed point, rounded.
void to_luminance(uint8_t* pixels, int64_t count, int stored) {
    for (int64_t i = 0; i < count; ++i) {
        const uint8_t* p = pixels + i * stored;
        pixels[i] = stored < 3 ? p[0]
                               : static_cast<uint8_t>((p[0] * 19595 + p[1] * 38470 + p[2] * 7471 + 0x8000) >> 16);
    }
}

[[noreturn]] void fail_decode() {
    std::string reason = stbi_failure_reason() ? stbi_failure_reason() : "unknown decoder error";
    if (reason == "unknown image type") {
        reason = "unsupported or unrecognised image format (supported: JPEG, PNG, BMP, GIF, PNM)";
    }
    throw std::runtime_error("cannot decode image: " + reason);
}

// Decodes to exactly `channels` (1 or 3) interleaved channels, the way Pillow's convert("RGB"/"L") would.
mdsl::image::Pixels decode(const uint8_t* data, int64_t len, int channels, int* w, int* h) {
    int stored = 0;
    // Refuse decompression bombs (a few bytes claiming a gigapixel) before allocating, as Pillow does.
    if (stbi_info_from_memory(data, static_cast<int>(len), w, h, &stored) &&
        static_cast<int64_t>(*w) * *h > kMaxPixels) {
        throw std::runtime_error("image of " + std::to_string(*w) + "x" + std::to_string(*h) +
                                 " pixels exceeds the limit of " + std::to_string(kMaxPixels) + " pixels");
    }
    // stb_image reads uncompressed BMP rows past the end of the data as zeros; a BMP of at least 4 bits
    // per pixel cannot hold more pixels than twice its bytes, so a larger claim is a corrupt header.
    if (starts_with(data, len, {'B', 'M'}) && static_cast<int64_t>(*w) * *h > 2 * len) {
        throw std::runtime_error("truncated or corrupt BMP: " + std::to_string(*w) + "x" + std::to_string(*h) +
                                 " pixels declared in " + std::to_string(len) + " bytes");
    }
    auto pixels = starts_with(data, len, {0xFF, 0xD8})
                      ? mdsl::image::decode_jpeg_turbo(data, len, w, h, &stored)
                      : mdsl::image::Pixels(nullptr, &std::free);
    if (!pixels) {
        // Grey output keeps the stored channels and converts below, with Pillow's weights rather than stb's.
        pixels.reset(stbi_load_from_memory(data, static_cast<int>(len), w, h, &stored, channels == 1 ? 0 : 3));
        if (!pixels) fail_decode();
        if (channels == 3) stored = 3;
    }
    const int64_t count = static_cast<int64_t>(*w) * *h;
    if (channels == 1 && stored != 1) to_luminance(pixels.get(), count, stored);
    if (channels == 3 && stored == 1) {
        // A greyscale JPEG asked for as RGB: replicate, as Pillow's convert("RGB") does.
        mdsl::image::Pixels rgb(static_cast<uint8_t*>(std::malloc(count * 3)), &std::free);
        if (!rgb) throw std::bad_alloc();
        for (int64_t i = 0; i < count; ++i) rgb.get()[i * 3] = rgb.get()[i * 3 + 1] = rgb.get()[i * 3 + 2] = pixels.get()[i];
        return rgb;
    }
    return pixels;
}

void check_input(const uint8_t* data, int64_t len) {
    if (data == nullptr || len <= 0) throw std::invalid_argument("empty image data");
    if (len > INT32_MAX) throw std::invalid_argument("image data larger than 2 GiB");
}

}  // namespace

// Reads the header only: width, height and the channel count stored in the file.
MDSL_API int mdsl_image_info(const uint8_t* data, int64_t len, int* width, int* height, int* channels) {
    MDSL_TRY
    check_input(data, len);
    if (!stbi_info_from_memory(data, static_cast<int>(len), width, height, channels)) fail_decode();
    return 0;
    MDSL_CATCH(-1)
}

// Decodes to `channels` (1 grey, 3 RGB) and resizes to target_h x target_w (0 keeps the stored size),
// then writes channel-planar float pixels in 0..255 to out, which holds `capacity` floats.
MDSL_API int mdsl_image_load(const uint8_t* data, int64_t len, int channels, int target_h, int target_w,
                             int interpolation, float* out, int64_t capacity) {
    MDSL_TRY
    check_input(data, len);
    if (channels != 1 && channels != 3) throw std::invalid_argument("channels must be 1 or 3");
    if (interpolation != 0 && interpolation != 1) throw std::invalid_argument("unknown interpolation");
    check_complete(data, len);
    int w = 0, h = 0;
    auto pixels = decode(data, len, channels, &w, &h);
    const int oh = target_h > 0 ? target_h : h;
    const int ow = target_w > 0 ? target_w : w;
    const int64_t plane = static_cast<int64_t>(oh) * ow;
    if (capacity < plane * channels) throw std::invalid_argument("output buffer too small for the image");

    const uint8_t* hwc = pixels.get();
    std::vector<uint8_t> resized;
    if (oh != h || ow != w) {
        resized.resize(static_cast<size_t>(plane) * channels);
        mdsl::image::resize(pixels.get(), w, h, channels, resized.data(), ow, oh,
                            static_cast<mdsl::image::Interpolation>(interpolation));
        hwc = resized.data();
    }
    for (int64_t i = 0; i < plane; ++i) {
        for (int c = 0; c < channels; ++c) out[c * plane + i] = hwc[i * channels + c];
    }
    return 0;
    MDSL_CATCH(-1)
}

// Writes interleaved 8-bit pixels (height x width x channels, channels 1..4) as a PNG file.
MDSL_API int mdsl_image_write_png(const char* path, const uint8_t* pixels, int width, int height, int channels) {
    MDSL_TRY
    if (path == nullptr || pixels == nullptr) throw std::invalid_argument("null path or pixels");
    if (width <= 0 || height <= 0 || channels < 1 || channels > 4) throw std::invalid_argument("bad image size");
    if (!stbi_write_png(path, width, height, channels, pixels, width * channels)) {
        throw std::runtime_error(std::string("cannot write PNG to ") + path);
    }
    return 0;
    MDSL_CATCH(-1)
}

// Writes interleaved 8-bit pixels as a baseline JPEG of the given quality (1..100).
MDSL_API int mdsl_image_write_jpg(const char* path, const uint8_t* pixels, int width, int height, int channels, int quality) {
    MDSL_TRY
    if (path == nullptr || pixels == nullptr) throw std::invalid_argument("null path or pixels");
    if (width <= 0 || height <= 0 || channels < 1 || channels > 4) throw std::invalid_argument("bad image size");
    if (quality < 1 || quality > 100) throw std::invalid_argument("JPEG quality must be in 1..100");
    if (!stbi_write_jpg(path, width, height, channels, pixels, quality)) {
        throw std::runtime_error(std::string("cannot write JPEG to ") + path);
    }
    return 0;
    MDSL_CATCH(-1)
}
