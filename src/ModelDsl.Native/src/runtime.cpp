// Process-wide runtime settings: intra-op threads, random seed, devices.
#include "mdsl.h"

#include <ATen/Parallel.h>

using mdsl::TensorHandle;

MDSL_API int mdsl_set_num_threads(int n) {
    MDSL_TRY
    at::set_num_threads(n);
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_get_num_threads() {
    MDSL_TRY
    return at::get_num_threads();
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_manual_seed(uint64_t seed) {
    MDSL_TRY
    at::manual_seed(seed);
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_has_cuda() {
    MDSL_TRY
    return at::hasCUDA() ? 1 : 0;
    MDSL_CATCH(-1)
}

// device_type is c10::DeviceType's number (0 = CPU, 1 = CUDA); index -1 means the current device.
MDSL_API int mdsl_tensor_device(TensorHandle t, int* device_type, int* device_index) {
    MDSL_TRY
    auto d = mdsl::unwrap(t).device();
    *device_type = static_cast<int>(d.type());
    *device_index = d.has_index() ? d.index() : -1;
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API TensorHandle mdsl_tensor_to_device(TensorHandle t, int device_type, int device_index) {
    MDSL_TRY
    at::Device device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index));
    return mdsl::wrap(mdsl::unwrap(t).to(device));
    MDSL_CATCH(nullptr)
}
