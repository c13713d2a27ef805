// HDF5 reading for Keras .h5 weights (Debian's libhdf5). Only what the Keras layout needs: string-array
// attributes (layer_names, weight_names), existence checks and float datasets read as float32 tensors.
// Which names to read and how to convert layouts is decided on the C# side (ModelDsl.Transfer).
#include "mdsl.h"

#include <hdf5.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

using mdsl::TensorHandle;

namespace {

// Debian's libhdf5 is the serial build, not thread-safe: every export holds this lock, so loads from several
// threads queue instead of corrupting the library's global state.
std::mutex& h5_mutex() {
    static std::mutex m;
    return m;
}

struct H5File {
    hid_t id;
};

// Closes an HDF5 identifier when the scope ends, whichever way it ends.
class Hid {
public:
    Hid(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
    ~Hid() {
        if (id_ >= 0) close_(id_);
    }
    Hid(const Hid&) = delete;
    Hid& operator=(const Hid&) = delete;
    hid_t get() const { return id_; }
    bool ok() const { return id_ >= 0; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

// The innermost HDF5 error description of the current stack, so messages say why, not just "failed".
herr_t keep_description(unsigned n, const H5E_error2_t* e, void* out) {
    if (n == 0 && e->desc != nullptr) *static_cast<std::string*>(out) = e->desc;
    return 0;
}

std::string h5_reason() {
    std::string reason;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, keep_description, &reason);
    H5Eclear2(H5E_DEFAULT);
    return reason.empty() ? std::string() : " (" + reason + ")";
}

[[noreturn]] void fail(const std::string& message) { throw std::runtime_error(message + h5_reason()); }

hid_t file_of(void* file) {
    if (file == nullptr) throw std::invalid_argument("null HDF5 file handle");
    return static_cast<H5File*>(file)->id;
}

// H5Lexists fails (rather than returning false) when an intermediate group is missing, so walk the path.
bool path_exists(hid_t file, const std::string& path) {
    if (path.empty() || path == "/") return true;
    std::string prefix;
    size_t start = path[0] == '/' ? 1 : 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        prefix += "/" + path.substr(start, slash - start);
        htri_t exists = H5Lexists(file, prefix.c_str(), H5P_DEFAULT);
        if (exists < 0) fail("cannot look up '" + prefix + "'");
        if (exists == 0) return false;
        start = slash + 1;
    }
    return true;
}

std::vector<std::string> read_strings(hid_t attr, const std::string& what) {
    Hid type(H5Aget_type(attr), H5Tclose);
    Hid space(H5Aget_space(attr), H5Sclose);
    if (!type.ok() || !space.ok()) fail("cannot read " + what);
    hssize_t count = H5Sget_simple_extent_npoints(space.get());
    if (count < 0) fail("cannot read the size of " + what);
    std::vector<std::string> result;
    // Keras writes a layer without weights as np.asarray([]): an empty float array, not strings.
    if (count == 0) return result;
    if (H5Tget_class(type.get()) != H5T_STRING) throw std::invalid_argument(what + " is not a string attribute");
    Hid memtype(H5Tcopy(H5T_C_S1), H5Tclose);
    // HDF5 will not convert between character sets; h5py writes str as UTF-8, Keras's bytes as ASCII.
    H5Tset_cset(memtype.get(), H5Tget_cset(type.get()));
    htri_t variable = H5Tis_variable_str(type.get());
    if (variable < 0) fail("cannot read the string type of " + what);
    if (variable > 0) {
        // h5py writes Python str lists this way; HDF5 allocates each string, we free them after copying.
        H5Tset_size(memtype.get(), H5T_VARIABLE);
        std::vector<char*> buffer(static_cast<size_t>(count), nullptr);
        if (H5Aread(attr, memtype.get(), buffer.data()) < 0) fail("cannot read " + what);
        for (char* s : buffer) result.emplace_back(s == nullptr ? "" : s);
        H5Dvlen_reclaim(memtype.get(), space.get(), H5P_DEFAULT, buffer.data());
    } else {
        // Keras 2 writes numpy arrays of fixed-length byte strings (NUL-padded, not terminated when full).
        size_t size = H5Tget_size(type.get());
        H5Tset_size(memtype.get(), size);
        H5Tset_strpad(memtype.get(), H5T_STR_NULLPAD);
        std::vector<char> buffer(static_cast<size_t>(count) * size + 1, '\0');
        if (H5Aread(attr, memtype.get(), buffer.data()) < 0) fail("cannot read " + what);
        for (hssize_t i = 0; i < count; ++i) {
            const char* s = buffer.data() + static_cast<size_t>(i) * size;
            result.emplace_back(s, strnlen(s, size));
        }
    }
    return result;
}

}  // namespace

// Opens an HDF5 file read-only; returns a handle to free with mdsl_h5_close, or nullptr.
MDSL_API void* mdsl_h5_open(const char* path) {
    MDSL_TRY
    std::lock_guard<std::mutex> lock(h5_mutex());
    // HDF5 prints its error stack to stderr by default; errors are reported as messages instead.
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    htri_t is_hdf5 = H5Fis_hdf5(path);
    if (is_hdf5 == 0) throw std::invalid_argument("not an HDF5 file (no HDF5 signature)");
    if (is_hdf5 < 0) fail("cannot open the file");
    hid_t id = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (id < 0) fail("cannot open the HDF5 file");
    return new H5File{id};
    MDSL_CATCH(nullptr)
}

MDSL_API void mdsl_h5_close(void* file) {
    if (file == nullptr) return;
    std::lock_guard<std::mutex> lock(h5_mutex());
    H5Fclose(static_cast<H5File*>(file)->id);
    delete static_cast<H5File*>(file);
}

// 1 when the object at path exists (and, when attr is not null, has that attribute), 0 when not, -1 on error.
MDSL_API int mdsl_h5_exists(void* file, const char* path, const char* attr) {
    MDSL_TRY
    std::lock_guard<std::mutex> lock(h5_mutex());
    hid_t id = file_of(file);
    if (!path_exists(id, path)) return 0;
    if (attr == nullptr) return 1;
    htri_t has = H5Aexists_by_name(id, path, attr, H5P_DEFAULT);
    if (has < 0) fail(std::string("cannot look up attribute '") + attr + "' of '" + path + "'");
    return has > 0 ? 1 : 0;
    MDSL_CATCH(-1)
}

// Reads a string or string-array attribute (fixed or variable length). Returns a malloc'd buffer of
// *count NUL-terminated strings one after another (free with mdsl_free_bytes), or nullptr.
MDSL_API char* mdsl_h5_string_attr(void* file, const char* path, const char* name, int* count, int64_t* size) {
    MDSL_TRY
    std::lock_guard<std::mutex> lock(h5_mutex());
    std::string what = std::string("attribute '") + name + "' of '" + path + "'";
    Hid attr(H5Aopen_by_name(file_of(file), path, name, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    if (!attr.ok()) fail("cannot open " + what);
    std::vector<std::string> strings = read_strings(attr.get(), what);
    size_t total = 0;
    for (const auto& s : strings) total += s.size() + 1;
    char* out = static_cast<char*>(std::malloc(total == 0 ? 1 : total));
    if (out == nullptr) throw std::bad_alloc();
    char* at = out;
    for (const auto& s : strings) {
        std::memcpy(at, s.c_str(), s.size() + 1);
        at += s.size() + 1;
    }
    *count = static_cast<int>(strings.size());
    *size = static_cast<int64_t>(total);
    return out;
    MDSL_CATCH(nullptr)
}

// Reads a floating-point dataset (float16, float32 or float64) as a contiguous float32 tensor;
// HDF5 converts the element type while reading.
MDSL_API TensorHandle mdsl_h5_read_float(void* file, const char* path) {
    MDSL_TRY
    std::lock_guard<std::mutex> lock(h5_mutex());
    std::string what = std::string("dataset '") + path + "'";
    Hid dataset(H5Dopen2(file_of(file), path, H5P_DEFAULT), H5Dclose);
    if (!dataset.ok()) fail("cannot open " + what);
    Hid type(H5Dget_type(dataset.get()), H5Tclose);
    Hid space(H5Dget_space(dataset.get()), H5Sclose);
    if (!type.ok() || !space.ok()) fail("cannot read the type of " + what);
    if (H5Tget_class(type.get()) != H5T_FLOAT) throw std::invalid_argument(what + " does not hold floating-point values");
    int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) fail("cannot read the shape of " + what);
    std::vector<hsize_t> dims(static_cast<size_t>(rank));
    if (rank > 0) H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    std::vector<int64_t> shape(dims.begin(), dims.end());
    at::Tensor tensor = at::empty(shape, at::kFloat);
    if (tensor.numel() > 0 && H5Dread(dataset.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, tensor.data_ptr<float>()) < 0) {
        fail("cannot read " + what);
    }
    return mdsl::wrap(std::move(tensor));
    MDSL_CATCH(nullptr)
}
