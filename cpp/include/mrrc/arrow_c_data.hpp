// The Arrow C data interface (ArrowSchema, ArrowArray, ArrowArrayStream: the
// ABI that pyarrow, polars and duckdb import without copying), written from
// its published specification, and the exporters mrrc needs: tables of UTF-8
// string and list<string> columns, batch by batch. No Arrow library is linked.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

extern "C" {
#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
    const char* format;
    const char* name;
    const char* metadata;
    int64_t flags;
    int64_t n_children;
    struct ArrowSchema** children;
    struct ArrowSchema* dictionary;
    void (*release)(struct ArrowSchema*);
    void* private_data;
};

struct ArrowArray {
    int64_t length;
    int64_t null_count;
    int64_t offset;
    int64_t n_buffers;
    int64_t n_children;
    const void** buffers;
    struct ArrowArray** children;
    struct ArrowArray* dictionary;
    void (*release)(struct ArrowArray*);
    void* private_data;
};

#endif  // ARROW_C_DATA_INTERFACE

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
    int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
    int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
    const char* (*get_last_error)(struct ArrowArrayStream*);
    void (*release)(struct ArrowArrayStream*);
    void* private_data;
};

#endif  // ARROW_C_STREAM_INTERFACE
}

namespace mrrc {

/// One column of one batch in Arrow's layout: utf8 (validity bitmap, int32
/// offsets, bytes) or list<utf8> (list offsets over a child utf8 array with no nulls).
///   StringColumn c; c.append_null(); c.data += "x"; c.end_value();
struct StringColumn {
    bool is_list = false;
    std::int64_t length = 0;              ///< rows
    std::int64_t null_count = 0;          ///< utf8 only
    std::vector<std::uint8_t> validity;   ///< utf8: one bit per row (empty while no row is null)
    std::vector<std::int32_t> offsets{0};        ///< utf8: value offsets; list: offsets into the values
    std::vector<std::int32_t> value_offsets{0};  ///< list: the child strings' offsets
    std::string data;                     ///< the UTF-8 bytes of every value

    /// utf8: close the row whose bytes were appended to `data`.
    void end_value();
    /// utf8: a null row.
    void append_null();
    /// list: close one element whose bytes were appended to `data`.
    void end_element() { value_offsets.push_back(static_cast<std::int32_t>(data.size())); }
    /// list: close the row made of the elements since the last row.
    void end_list();
};

/// Fill `out` with a struct schema ("+s") whose children are the columns, named.
/// Returns 0, or ENOMEM.
int export_table_schema(const std::vector<std::string>& names, const std::vector<bool>& is_list,
                        ArrowSchema* out) noexcept;

/// Move `columns` (equal lengths) into `out` as a struct array: one record batch.
/// Returns 0, or ENOMEM (the columns are then lost).
int export_table_batch(std::vector<StringColumn>& columns, std::int64_t rows, ArrowArray* out) noexcept;

/// What an ArrowArrayStream reads from: a schema, then batches until the end.
class ArrowBatchSource {
public:
    virtual ~ArrowBatchSource() = default;
    /// 0 and a schema, or an errno value.
    virtual int get_schema(ArrowSchema* out) noexcept = 0;
    /// 0 and the next batch, or 0 with out->release null at the end, or an errno value.
    virtual int get_next(ArrowArray* out) noexcept = 0;
    /// The message for the last error (valid until the next call).
    virtual const char* last_error() noexcept = 0;
};

/// Hand `source` over to a stream that owns it (deleted when the consumer releases the stream).
void export_stream(std::unique_ptr<ArrowBatchSource> source, ArrowArrayStream* out) noexcept;

}  // namespace mrrc
