// A caching CPU allocator for tensor memory, installed when the shim loads.
//
// libtorch's default CPU allocator is posix_memalign/free. glibc serves blocks of the size of a batch's
// activations from freshly mmap'd pages (or, on threads other than the main one, from arenas it trims
// back), so every training step page-faulted its ~20 MB of activations and gradients in again: about
// 1,500-3,000 minor faults per step of the seed convnet, a third of the step's CPU time here. A training
// loop allocates the same sizes every step, so freed blocks of 64 KB and more are kept by size and
// handed out again; smaller blocks go straight to malloc (glibc reuses those well). The cache is
// bounded (kMaxCachedBytes of free blocks; beyond it blocks are freed) and can be emptied with
// mdsl_release_cached_memory. MDSL_CPU_ALLOCATOR=default keeps libtorch's allocator.
#include "mdsl.h"

#include <c10/core/Allocator.h>
#include <c10/core/CPUAllocator.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <unordered_map>

namespace {

constexpr size_t kAlignment = 64;                    // c10's CPU alignment (AVX-512 loads)
constexpr size_t kMinCached = 64 * 1024;
constexpr size_t kMaxCachedBytes = size_t{1} << 30;  // free blocks kept at most
constexpr size_t kPage = 4096;

// Heap-allocated on first use and never destroyed: the allocator is installed from a load-time
// constructor, in no fixed order with this file's static initialisers, and tensors freed during
// process exit still call into it.
struct Cache {
    std::mutex mutex;
    std::multimap<size_t, void*> free;         // capacity -> block
    std::unordered_map<void*, size_t> live;    // cached-size blocks in use -> capacity
    size_t cached_bytes = 0;
};

Cache& cache() {
    static Cache* instance = new Cache();
    return *instance;
}

void* aligned(size_t bytes) {
    void* p = nullptr;
    if (posix_memalign(&p, kAlignment, bytes) != 0 || p == nullptr) throw std::bad_alloc();
    return p;
}

// data == context for every block, so libtorch's raw_allocate/raw_deleter paths work too.
void release(void* p) {
    if (p == nullptr) return;
    {
        auto& c = cache();
        std::lock_guard<std::mutex> lock(c.mutex);
        auto it = c.live.find(p);
        if (it != c.live.end()) {
            const size_t capacity = it->second;
            c.live.erase(it);
            if (c.cached_bytes + capacity <= kMaxCachedBytes) {
                c.free.emplace(capacity, p);
                c.cached_bytes += capacity;
                return;
            }
        }
    }
    std::free(p);
}

class CachingCpuAllocator final : public c10::Allocator {
public:
    c10::DataPtr allocate(size_t bytes) const override {
        void* p = bytes == 0 ? nullptr : bytes < kMinCached ? aligned(bytes) : take(bytes);
        return {p, p, &release, c10::Device(c10::DeviceType::CPU)};
    }

    c10::DeleterFnPtr raw_deleter() const override { return &release; }

private:
    // Best fit among cached blocks at most 1/8 larger than asked for, so a small request does not pin a
    // large block; otherwise a new block.
    static void* take(size_t bytes) {
        const size_t capacity = (bytes + kPage - 1) / kPage * kPage;
        auto& c = cache();
        {
            std::lock_guard<std::mutex> lock(c.mutex);
            auto it = c.free.lower_bound(capacity);
            if (it != c.free.end() && it->first <= capacity + capacity / 8) {
                void* p = it->second;
                c.cached_bytes -= it->first;
                c.live.emplace(p, it->first);
                c.free.erase(it);
                return p;
            }
        }
        void* p = aligned(capacity);
        std::lock_guard<std::mutex> lock(c.mutex);
        c.live.emplace(p, capacity);
        return p;
    }
};

__attribute__((constructor)) void install_caching_allocator() {
    const char* choice = std::getenv("MDSL_CPU_ALLOCATOR");
    if (choice != nullptr && std::strcmp(choice, "default") == 0) return;
    static CachingCpuAllocator* instance = new CachingCpuAllocator();
    c10::SetCPUAllocator(instance, /*priority=*/1);
}

}  // namespace

// Frees every cached block (returns the bytes released); tensors in use are not affected.
MDSL_API int64_t mdsl_release_cached_memory() {
    MDSL_TRY
    auto& c = cache();
    std::lock_guard<std::mutex> lock(c.mutex);
    size_t released = 0;
    for (auto& [capacity, p] : c.free) {
        std::free(p);
        released += capacity;
    }
    c.free.clear();
    c.cached_bytes = 0;
    return static_cast<int64_t>(released);
    MDSL_CATCH(-1)
}
