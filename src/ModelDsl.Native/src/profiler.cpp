// libtorch's operator profiler, recording every ATen op (forward and autograd backward) with its time
// into a Chrome trace (chrome://tracing, Perfetto). One recording per process at a time.
#include "mdsl.h"

#include <torch/csrc/autograd/profiler_legacy.h>

#include <memory>
#include <mutex>
#include <stdexcept>

namespace {
std::mutex profiler_mutex;
std::unique_ptr<torch::autograd::profiler::RecordProfile> recording;
}  // namespace

MDSL_API int mdsl_profiler_start(const char* trace_path) {
    MDSL_TRY
    std::lock_guard<std::mutex> lock(profiler_mutex);
    if (recording) throw std::runtime_error("the profiler is already recording; stop it before starting another trace");
    recording = std::make_unique<torch::autograd::profiler::RecordProfile>(std::string(trace_path));
    return 0;
    MDSL_CATCH(-1)
}

// Writes the trace file; a no-op when nothing is recording.
MDSL_API int mdsl_profiler_stop() {
    MDSL_TRY
    std::lock_guard<std::mutex> lock(profiler_mutex);
    recording.reset();
    return 0;
    MDSL_CATCH(-1)
}
