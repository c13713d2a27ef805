// State-dict files: a plain dict {str: Tensor} pickled by libtorch, which PyTorch's torch.load reads.
// The bytes cross the boundary as buffers; the C# side does the file I/O (for clear I/O errors and
// the atomic temp-file-and-rename write).
#include "mdsl.h"

#include <torch/csrc/jit/serialization/pickle.h>

#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

using mdsl::TensorHandle;

namespace {
using Entries = std::vector<std::pair<std::string, at::Tensor>>;

std::string type_name(const c10::IValue& v) { return v.tagKind(); }
}  // namespace

// names: count NUL-terminated UTF-8 strings one after another. Returns a malloc'd buffer of *size
// bytes (free it with mdsl_free_bytes), or nullptr on failure.
MDSL_API char* mdsl_pickle_save(const char* names, const TensorHandle* tensors, int count, int64_t* size) {
    MDSL_TRY
    c10::Dict<std::string, at::Tensor> dict;
    const char* name = names;
    for (int i = 0; i < count; ++i) {
        // Saved values are data: cut from the graph as PyTorch's state_dict() does.
        dict.insert(std::string(name), mdsl::unwrap(tensors[i]).detach());
        name += std::strlen(name) + 1;
    }
    std::vector<char> bytes = torch::jit::pickle_save(c10::IValue(dict));
    char* out = static_cast<char*>(std::malloc(bytes.size()));
    if (out == nullptr) throw std::bad_alloc();
    std::memcpy(out, bytes.data(), bytes.size());
    *size = static_cast<int64_t>(bytes.size());
    return out;
    MDSL_CATCH(nullptr)
}

MDSL_API void mdsl_free_bytes(char* bytes) { std::free(bytes); }

// Unpickles a dict of str to Tensor; returns an entry list to read with mdsl_entries_*.
MDSL_API void* mdsl_pickle_load(const char* data, int64_t size) {
    MDSL_TRY
    std::vector<char> bytes(data, data + size);
    c10::IValue value = torch::jit::pickle_load(bytes);
    if (!value.isGenericDict()) {
        throw std::invalid_argument(std::string("expected a dict of str to Tensor but the file holds a ") + type_name(value));
    }
    auto entries = std::make_unique<Entries>();
    for (const auto& item : value.toGenericDict()) {
        if (!item.key().isString()) {
            throw std::invalid_argument(std::string("expected string keys but found a ") + type_name(item.key()));
        }
        const auto& key = item.key().toStringRef();
        if (!item.value().isTensor()) {
            throw std::invalid_argument("entry '" + key + "' is a " + type_name(item.value()) + ", not a Tensor");
        }
        entries->emplace_back(key, item.value().toTensor());
    }
    return entries.release();
    MDSL_CATCH(nullptr)
}

MDSL_API int mdsl_entries_count(void* entries) {
    MDSL_TRY
    if (entries == nullptr) throw std::invalid_argument("null entries");
    return static_cast<int>(static_cast<Entries*>(entries)->size());
    MDSL_CATCH(-1)
}

MDSL_API const char* mdsl_entries_key(void* entries, int i) {
    MDSL_TRY
    return static_cast<Entries*>(entries)->at(static_cast<size_t>(i)).first.c_str();
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_entries_value(void* entries, int i) {
    MDSL_TRY
    return mdsl::wrap(static_cast<Entries*>(entries)->at(static_cast<size_t>(i)).second);
    MDSL_CATCH(nullptr)
}

MDSL_API void mdsl_entries_free(void* entries) { delete static_cast<Entries*>(entries); }
