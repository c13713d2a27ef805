// The C ABI conventions shared by every export of the shim.
// - Functions returning a handle return nullptr on failure; functions returning int return 0 on
//   success and -1 on failure. The failure message is kept per thread: mdsl_last_error().
// - No C++ exception ever crosses the boundary: every body is wrapped in MDSL_TRY/MDSL_CATCH.
#pragma once
#include <ATen/ATen.h>
#include <string>

#define MDSL_API extern "C" __attribute__((visibility("default")))

namespace mdsl {
void set_error(const char* message);
void clear_error();

// Tensors cross the boundary as heap-allocated at::Tensor (a refcounted handle).
using TensorHandle = at::Tensor*;
inline TensorHandle wrap(at::Tensor t) { return new at::Tensor(std::move(t)); }
inline at::Tensor& unwrap(TensorHandle h) {
    if (h == nullptr) throw std::invalid_argument("null tensor handle");
    return *h;
}
}  // namespace mdsl

#define MDSL_TRY try {
#define MDSL_CATCH(failure_value)                                              \
    }                                                                          \
    catch (const c10::Error& e) { mdsl::set_error(e.what_without_backtrace()); } \
    catch (const std::exception& e) { mdsl::set_error(e.what()); }             \
    catch (...) { mdsl::set_error("unknown native error"); }                   \
    return failure_value;
