// Intra-op threads for the calling thread only. With OpenMP (Debian's libtorch uses libgomp), each
// thread has its own thread count for the parallel regions it starts; a tiny model gains nothing from a
// second thread and, on a loaded machine, loses badly to OpenMP's barrier waits, so it can opt out
// without touching the process-wide setting (TorchRuntime.SetThreads).
#include "nn_common.h"
#include <ATen/Parallel.h>

// Declared here rather than through <omp.h>: the shim is not compiled with -fopenmp, and these two
// symbols come from the libgomp that libtorch already loads.
extern "C" int omp_get_max_threads();
extern "C" void omp_set_num_threads(int);

// Returns the previous count for this thread, or 0 when ATen does not use OpenMP (nothing changed).
MDSL_API int mdsl_nn_set_thread_intraop_threads(int threads) {
    MDSL_TRY
    if (threads < 1) throw std::invalid_argument("thread count must be at least 1, got " + std::to_string(threads));
    if (at::get_parallel_info().find("OpenMP") == std::string::npos) return 0;
    // ATen initialises a thread's OpenMP count lazily on its first parallel region; run one first
    // so that initialisation cannot later overwrite the value set here.
    at::parallel_for(0, 2, 1, [](int64_t, int64_t) {});
    const int previous = omp_get_max_threads();
    omp_set_num_threads(threads);
    return previous;
    MDSL_CATCH(-1)
}
