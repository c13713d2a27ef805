// Data-pipeline helpers for ModelDsl.Training: gathering batches out of in-memory datasets.
#include "mdsl.h"

#include <sstream>

using mdsl::TensorHandle;

// Rows `indices[0..n)` of `source` along dimension 0, as a new contiguous tensor (one gather, no copies
// of the whole dataset). Indices are checked here so a bad one is a message, not a crash.
MDSL_API TensorHandle mdsl_train_take_rows(TensorHandle source, const int64_t* indices, int64_t n) {
    MDSL_TRY
    auto& src = mdsl::unwrap(source);
    if (src.dim() < 1) throw std::invalid_argument("take_rows needs a tensor with a batch dimension, got a scalar");
    if (n < 0 || (n > 0 && indices == nullptr)) throw std::invalid_argument("take_rows: bad index list");
    const int64_t rows = src.size(0);
    for (int64_t i = 0; i < n; ++i) {
        if (indices[i] < 0 || indices[i] >= rows) {
            std::ostringstream msg;
            msg << "take_rows: index " << indices[i] << " at position " << i << " is outside the " << rows << " rows";
            throw std::out_of_range(msg.str());
        }
    }
    auto index = at::from_blob(const_cast<int64_t*>(indices), {n}, at::kLong);
    return mdsl::wrap(src.index_select(0, index));
    MDSL_CATCH(nullptr)
}
