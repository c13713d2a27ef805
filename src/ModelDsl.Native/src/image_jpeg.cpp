// libjpeg-turbo is SIMD-accelerated and about three times faster than stb_image's JPEG decoder, and it
// decodes exactly as Pillow does (same library, same default IDCT and upsampling). It is opened with
// dlopen so the shim neither needs its headers at run time nor a link-time dependency: when it is
// missing (or its headers were not there at build time) stb_image decodes instead.
#include "image_jpeg.h"

#if __has_include(<jpeglib.h>)
#include <csetjmp>
#include <cstdio>
#include <dlfcn.h>
#include <jpeglib.h>

namespace mdsl::image {
namespace {

struct Api {
    decltype(&jpeg_std_error) std_error = nullptr;
    decltype(&jpeg_CreateDecompress) create = nullptr;
    decltype(&jpeg_mem_src) mem_src = nullptr;
    decltype(&jpeg_read_header) read_header = nullptr;
    decltype(&jpeg_start_decompress) start = nullptr;
    decltype(&jpeg_read_scanlines) read_scanlines = nullptr;
    decltype(&jpeg_finish_decompress) finish = nullptr;
    decltype(&jpeg_destroy_decompress) destroy = nullptr;
    bool ok = false;
};

template <typename F>
bool bind(void* lib, const char* name, F& fn) {
    fn = reinterpret_cast<F>(dlsym(lib, name));
    return fn != nullptr;
}

const Api& api() {
    static const Api instance = [] {
        Api a;
        // The soname must match the headers' ABI version (62 on Debian), or struct layouts differ.
        void* lib = dlopen(JPEG_LIB_VERSION == 62 ? "libjpeg.so.62" : "libjpeg.so", RTLD_NOW | RTLD_LOCAL);
        if (lib == nullptr) return a;
        a.ok = bind(lib, "jpeg_std_error", a.std_error) && bind(lib, "jpeg_CreateDecompress", a.create) &&
               bind(lib, "jpeg_mem_src", a.mem_src) && bind(lib, "jpeg_read_header", a.read_header) &&
               bind(lib, "jpeg_start_decompress", a.start) && bind(lib, "jpeg_read_scanlines", a.read_scanlines) &&
               bind(lib, "jpeg_finish_decompress", a.finish) && bind(lib, "jpeg_destroy_decompress", a.destroy);
        return a;
    }();
    return instance;
}

struct ErrorManager {
    jpeg_error_mgr base;
    std::jmp_buf jump;
};

// libjpeg reports fatal errors through this callback and expects it not to return.
void on_error(j_common_ptr info) { std::longjmp(reinterpret_cast<ErrorManager*>(info->err)->jump, 1); }

// Warnings (e.g. a premature end of data, which the caller checks itself) are not failures.
void on_message(j_common_ptr, int) {}

}  // namespace

Pixels decode_jpeg_turbo(const uint8_t* data, int64_t len, int* width, int* height, int* channels) {
    Pixels none(nullptr, &std::free);
    const Api& jpeg = api();
    if (!jpeg.ok || len > 0xFFFFFFFFLL) return none;

    jpeg_decompress_struct info{};
    ErrorManager errors{};
    info.err = jpeg.std_error(&errors.base);
    errors.base.error_exit = on_error;
    errors.base.emit_message = on_message;
    // Everything setjmp must see after a longjmp lives outside this frame's locals or is volatile.
    uint8_t* volatile out = nullptr;
    if (setjmp(errors.jump)) {
        jpeg.destroy(&info);
        std::free(out);
        return none;
    }
    jpeg.create(&info, JPEG_LIB_VERSION, sizeof(info));
    jpeg.mem_src(&info, data, static_cast<unsigned long>(len));
    jpeg.read_header(&info, TRUE);
    if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
        jpeg.destroy(&info);  // stb_image handles (or names) these
        return none;
    }
    info.out_color_space = info.num_components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg.start(&info);
    const int c = info.output_components;
    *width = static_cast<int>(info.output_width);
    *height = static_cast<int>(info.output_height);
    *channels = c;
    const size_t stride = static_cast<size_t>(info.output_width) * c;
    out = static_cast<uint8_t*>(std::malloc(stride * info.output_height));
    if (out == nullptr) {
        jpeg.destroy(&info);
        return none;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = out + info.output_scanline * stride;
        jpeg.read_scanlines(&info, &row, 1);
    }
    jpeg.finish(&info);
    jpeg.destroy(&info);
    return Pixels(out, &std::free);
}

}  // namespace mdsl::image

#else

namespace mdsl::image {
Pixels decode_jpeg_turbo(const uint8_t*, int64_t, int*, int*, int*) { return Pixels(nullptr, &std::free); }
}  // namespace mdsl::image

#endif
