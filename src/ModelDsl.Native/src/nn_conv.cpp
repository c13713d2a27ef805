// 2-D convolution and zero padding, with Keras/TF 'same' padding (asymmetric when the total is odd).
#include "nn_common.h"
#include "nn_conv_input.h"

#include <cstdlib>

using mdsl::TensorHandle;
using mdsl::nn::shape_str;

namespace {

// TF's rule: out = ceil(in / stride); the extra pixel of an odd total goes to the bottom/right.
void same_padding(int64_t in, int64_t kernel, int64_t stride, int64_t dilation, int64_t& before, int64_t& after) {
    const int64_t out = (in + stride - 1) / stride;
    const int64_t total = std::max<int64_t>((out - 1) * stride + (kernel - 1) * dilation + 1 - in, 0);
    before = total / 2;
    after = total - before;
}

void check_conv_shapes(const at::Tensor& x, const at::Tensor& w, int64_t groups) {
    mdsl::nn::require_nchw("conv2d", x);
    if (w.dim() != 4) {
        throw std::invalid_argument("conv2d expects a 4-D weight [out, in/groups, kH, kW] but got " + shape_str(w));
    }
    if (groups < 1 || x.size(1) != w.size(1) * groups) {
        throw std::invalid_argument("conv2d expects input with " + std::to_string(w.size(1) * groups) +
                                    " channels (weight " + shape_str(w) + ", groups " + std::to_string(groups) +
                                    ") but got input " + shape_str(x));
    }
}

// oneDNN convolves channels-last (NHWC) activations about twice as fast as NCHW ones on this CPU
// (seed convnet's 32->64 3x3 layer at batch 64: 3.4 vs 6.8 ms forward+backward), because NCHW input is
// reordered into a blocked layout and back on every call. Inner layers therefore run channels-last; the
// tensors stay logically NCHW (shapes, indexing, state dicts unchanged), ATen's elementwise ops, batch
// norm and pooling keep the layout, and copies out of a tensor are made contiguous first.
bool prefer_channels_last(const at::Tensor& x, int64_t groups) {
    if (std::getenv("MDSL_CONV_NCHW") != nullptr) return false;
    return x.device().is_cpu() && x.scalar_type() == at::kFloat && groups == 1 &&
           x.size(1) >= mdsl::nn::input_conv::kChannelsLastFrom;
}

}  // namespace

// padding: left, right, top, bottom (ignored when same != 0). stride and dilation: h, w.
MDSL_API TensorHandle mdsl_nn_conv2d(TensorHandle input, TensorHandle weight, TensorHandle bias,
                                     const int64_t* stride, const int64_t* padding, int same,
                                     const int64_t* dilation, int64_t groups) {
    MDSL_TRY
    auto& x = mdsl::unwrap(input);
    auto& w = mdsl::unwrap(weight);
    check_conv_shapes(x, w, groups);
    int64_t left = padding[0], right = padding[1], top = padding[2], bottom = padding[3];
    if (same) {
        same_padding(x.size(2), w.size(2), stride[0], dilation[0], top, bottom);
        same_padding(x.size(3), w.size(3), stride[1], dilation[1], left, right);
    }
    const auto b = mdsl::nn::optional(bias);
    const at::IntArrayRef strides(stride, 2), dilations(dilation, 2);
    at::Tensor input_layer;
    if (mdsl::nn::try_input_conv(x, w, b, stride, left, right, top, bottom, dilation, groups, input_layer)) {
        return mdsl::wrap(input_layer);
    }
    const bool channels_last = prefer_channels_last(x, groups);
    const auto source = channels_last ? x.contiguous(at::MemoryFormat::ChannelsLast) : x;
    // The weight too: with NCHW weights oneDNN's channels-last path reorders on every call and was slower
    // than NCHW. The parameter itself stays contiguous (optimizers, state dicts); the copy is per call and
    // small next to the convolution, and autograd carries its gradient back.
    const auto kernel = channels_last ? w.contiguous(at::MemoryFormat::ChannelsLast) : w;
    if (left == right && top == bottom) {
        const int64_t symmetric[2] = {top, left};
        return mdsl::wrap(at::conv2d(source, kernel, b, strides, at::IntArrayRef(symmetric, 2), dilations, groups));
    }
    // Asymmetric: pad explicitly, since convolution only pads both sides alike.
    const int64_t none[2] = {0, 0};
    auto padded = at::constant_pad_nd(source, {left, right, top, bottom}, 0);
    return mdsl::wrap(at::conv2d(padded, kernel, b, strides, at::IntArrayRef(none, 2), dilations, groups));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_nn_zero_pad2d(TensorHandle input, int64_t left, int64_t right, int64_t top, int64_t bottom) {
    MDSL_TRY
    auto& x = mdsl::unwrap(input);
    if (x.dim() < 2) throw std::invalid_argument("zero_pad2d expects at least 2 dimensions but got " + shape_str(x));
    return mdsl::wrap(at::constant_pad_nd(x, {left, right, top, bottom}, 0));
    MDSL_CATCH(nullptr)
}
