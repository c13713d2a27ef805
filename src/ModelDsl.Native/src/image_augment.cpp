// Batch image ops: random affine augmentation, channel normalisation and conversion to 8-bit pixels.
// The managed side draws the random parameters (its own seeded RNG) so results are reproducible and
// independent of libtorch's global generator; here one call transforms the whole batch.
#include <cmath>
#include <cstring>
#include <cstdint>
#include <stdexcept>

#include "mdsl.h"

namespace {

// Matches ModelDsl.Vision.FillMode.
enum FillMode { kFillNearest = 0, kFillConstant = 1, kFillReflect = 2 };

at::Tensor check_batch(mdsl::TensorHandle handle) {
    auto& x = mdsl::unwrap(handle);
    if (x.dim() != 4) throw std::invalid_argument("images must be a 4-d batch [N, C, H, W]");
    if (x.scalar_type() != at::kFloat) throw std::invalid_argument("images must be float32");
    return x;
}

at::Tensor per_sample(const float* values, int64_t n) {
    return at::from_blob(const_cast<float*>(values), {n, 1, 1, 1}, at::kFloat).clone();
}

at::Tensor mask(const uint8_t* flags, int64_t n) {
    return at::from_blob(const_cast<uint8_t*>(flags), {n, 1, 1, 1}, at::kByte).to(at::kBool);
}

// The sampling grid [N, H, W, 2] of affine_grid(theta, align_corners=false), built from two broadcast
// products per coordinate instead of affine_grid's batched matmul over an [N, H*W, 3] base grid, which
// costs more than the sampling itself at 224x224.
at::Tensor affine_grid(const float* theta, int64_t n, int64_t h, int64_t w) {
    auto t = at::from_blob(const_cast<float*>(theta), {n, 6}, at::kFloat).clone();
    // Pixel centres in normalised coordinates: (2i + 1) / size - 1.
    auto xs = (at::arange(w, at::kFloat) * 2 + 1).div_(static_cast<double>(w)).sub_(1).view({1, 1, w});
    auto ys = (at::arange(h, at::kFloat) * 2 + 1).div_(static_cast<double>(h)).sub_(1).view({1, h, 1});
    auto coef = [&](int k) { return t.select(1, k).view({n, 1, 1}); };
    auto gx = (coef(0) * xs + coef(1) * ys).add_(coef(2));
    auto gy = (coef(3) * xs + coef(4) * ys).add_(coef(5));
    return at::stack({gx, gy}, 3);
}

}  // namespace

// theta: N 2x3 sampling matrices in normalised coordinates (output -> input, align_corners=false), or
// null for none; flip_h/flip_v: N flags or null; brightness: N factors or null.
// Order as in Keras's apply_transform: affine, then flips, then brightness.
MDSL_API mdsl::TensorHandle mdsl_image_augment(mdsl::TensorHandle images, const float* theta,
                                               const uint8_t* flip_h, const uint8_t* flip_v,
                                               const float* brightness, int fill_mode, float cval,
                                               int nearest) {
    MDSL_TRY
    at::NoGradGuard no_grad;
    auto x = check_batch(images);
    const int64_t n = x.size(0);
    at::Tensor y = x;
    if (theta != nullptr) {
        auto grid = affine_grid(theta, n, x.size(2), x.size(3));
        const int64_t interpolation = nearest ? 1 : 0;  // grid_sampler: 0 bilinear, 1 nearest
        switch (fill_mode) {
            case kFillNearest: y = at::grid_sampler(x, grid, interpolation, 1 /*border*/, false); break;
            case kFillReflect: y = at::grid_sampler(x, grid, interpolation, 2 /*reflection*/, false); break;
            case kFillConstant:
                // Zero padding around (x - cval), shifted back: outside pixels become exactly cval.
                y = cval == 0.0f ? at::grid_sampler(x, grid, interpolation, 0 /*zeros*/, false)
                                 : at::grid_sampler(x - cval, grid, interpolation, 0, false) + cval;
                break;
            default: throw std::invalid_argument("unknown fill mode");
        }
    }
    if (flip_h != nullptr) y = at::where(mask(flip_h, n), y.flip({3}), y);
    if (flip_v != nullptr) y = at::where(mask(flip_v, n), y.flip({2}), y);
    if (brightness != nullptr) y = y * per_sample(brightness, n);
    if (y.is_same(x)) y = x.clone();  // the caller owns a new tensor either way
    return mdsl::wrap(y.contiguous());
    MDSL_CATCH(nullptr)
}

// y = (x[:, order] * scale - mean[c]) / std[c]; order reverses RGB to BGR when bgr != 0.
// mean and std hold C values each, or are null.
MDSL_API mdsl::TensorHandle mdsl_image_normalize(mdsl::TensorHandle images, float scale, const float* mean,
                                                 const float* std, int bgr) {
    MDSL_TRY
    at::NoGradGuard no_grad;
    auto x = check_batch(images);
    const int64_t c = x.size(1);
    if (bgr && c != 3) throw std::invalid_argument("BGR reordering needs 3 channels");
    auto y = (bgr ? x.flip({1}) : x) * scale;
    if (mean != nullptr) y = y - at::from_blob(const_cast<float*>(mean), {1, c, 1, 1}, at::kFloat).clone();
    if (std != nullptr) y = y / at::from_blob(const_cast<float*>(std), {1, c, 1, 1}, at::kFloat).clone();
    return mdsl::wrap(y.contiguous());
    MDSL_CATCH(nullptr)
}

// Converts float images [N, C, H, W] (or one [C, H, W]) in 0..255 to interleaved 8-bit pixels [N, H, W, C]
// (rounded, clamped), writing at most `capacity` bytes.
MDSL_API int mdsl_image_to_u8(mdsl::TensorHandle images, uint8_t* out, int64_t capacity) {
    MDSL_TRY
    at::NoGradGuard no_grad;
    auto& x = mdsl::unwrap(images);
    if (x.dim() != 3 && x.dim() != 4) throw std::invalid_argument("images must be [C, H, W] or [N, C, H, W]");
    if (capacity < x.numel()) throw std::invalid_argument("output buffer too small");
    auto batch = x.dim() == 3 ? x.unsqueeze(0) : x;
    auto u8 = batch.round().clamp(0, 255).to(at::kByte).permute({0, 2, 3, 1}).contiguous();
    std::memcpy(out, u8.data_ptr<uint8_t>(), static_cast<size_t>(u8.numel()));
    return 0;
    MDSL_CATCH(-1)
}
