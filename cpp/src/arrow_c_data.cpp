#include "mrrc/arrow_c_data.hpp"

#include <cerrno>
#include <new>

namespace mrrc {

void StringColumn::end_value() {
    offsets.push_back(static_cast<std::int32_t>(data.size()));
    if (!validity.empty() || null_count > 0) {
        if (static_cast<std::size_t>(length / 8) >= validity.size()) validity.push_back(0);
        validity[static_cast<std::size_t>(length / 8)] |= static_cast<std::uint8_t>(1u << (length % 8));
    }
    ++length;
}

void StringColumn::append_null() {
    if (validity.empty()) validity.assign(static_cast<std::size_t>(length / 8 + 1), 0xFF);  // earlier rows valid
    // Clear the bits of this row and beyond in its byte (bits of later rows are set as they come).
    const std::size_t byte = static_cast<std::size_t>(length / 8);
    if (byte >= validity.size()) validity.push_back(0);
    validity[byte] &= static_cast<std::uint8_t>((1u << (length % 8)) - 1u);
    offsets.push_back(static_cast<std::int32_t>(data.size()));
    ++null_count;
    ++length;
}

void StringColumn::end_list() {
    offsets.push_back(static_cast<std::int32_t>(value_offsets.size() - 1));
    ++length;
}

namespace {

// -- schemas -------------------------------------------------------------------------------

struct SchemaPrivate {
    std::string format;
    std::string name;
    std::vector<ArrowSchema> child_storage;
    std::vector<ArrowSchema*> children;
};

/// The release callback of a schema or array: its children not moved away, then itself.
template <typename Struct, typename Private>
void release_tree(Struct* node) {
    auto* priv = static_cast<Private*>(node->private_data);
    for (Struct* child : priv->children) {
        if (child->release) child->release(child);
    }
    delete priv;
    node->release = nullptr;
}

void fill_schema(ArrowSchema* out, SchemaPrivate* priv, std::int64_t flags) {
    out->format = priv->format.c_str();
    out->name = priv->name.c_str();
    out->metadata = nullptr;
    out->flags = flags;
    out->n_children = static_cast<std::int64_t>(priv->children.size());
    out->children = priv->children.empty() ? nullptr : priv->children.data();
    out->dictionary = nullptr;
    out->release = &release_tree<ArrowSchema, SchemaPrivate>;
    out->private_data = priv;
}

void make_schema(ArrowSchema* out, const char* format, const std::string& name, std::int64_t flags,
                 std::size_t child_count) {
    auto priv = std::make_unique<SchemaPrivate>();
    priv->format = format;
    priv->name = name;
    priv->child_storage.resize(child_count);
    for (ArrowSchema& child : priv->child_storage) {
        child.release = nullptr;
        priv->children.push_back(&child);
    }
    fill_schema(out, priv.release(), flags);
}

// -- arrays --------------------------------------------------------------------------------

/// The columns of one batch: every array of the batch shares them.
struct BatchData {
    std::vector<StringColumn> columns;
};

struct ArrayPrivate {
    std::shared_ptr<BatchData> batch;
    const void* buffers[3] = {nullptr, nullptr, nullptr};
    std::vector<ArrowArray> child_storage;
    std::vector<ArrowArray*> children;
};

ArrayPrivate* make_array(ArrowArray* out, const std::shared_ptr<BatchData>& batch, std::int64_t length,
                         std::int64_t null_count, std::int64_t n_buffers, std::size_t child_count) {
    auto priv = std::make_unique<ArrayPrivate>();
    priv->batch = batch;
    priv->child_storage.resize(child_count);
    for (ArrowArray& child : priv->child_storage) {
        child.release = nullptr;
        priv->children.push_back(&child);
    }
    out->length = length;
    out->null_count = null_count;
    out->offset = 0;
    out->n_buffers = n_buffers;
    out->n_children = static_cast<std::int64_t>(child_count);
    out->buffers = priv->buffers;
    out->children = child_count ? priv->children.data() : nullptr;
    out->dictionary = nullptr;
    out->release = &release_tree<ArrowArray, ArrayPrivate>;
    out->private_data = priv.get();
    return priv.release();
}

void make_utf8(ArrowArray* out, const std::shared_ptr<BatchData>& batch, std::int64_t length,
               std::int64_t null_count, const std::vector<std::uint8_t>* validity,
               const std::vector<std::int32_t>& offsets, const std::string& data) {
    ArrayPrivate* priv = make_array(out, batch, length, null_count, 3, 0);
    priv->buffers[0] = null_count > 0 && validity ? validity->data() : nullptr;
    priv->buffers[1] = offsets.data();
    priv->buffers[2] = data.data();
}

}  // namespace

int export_table_schema(const std::vector<std::string>& names, const std::vector<bool>& is_list,
                        ArrowSchema* out) noexcept {
    try {
        make_schema(out, "+s", "", 0, names.size());
        auto* priv = static_cast<SchemaPrivate*>(out->private_data);
        for (std::size_t i = 0; i < names.size(); ++i) {
            ArrowSchema* child = priv->children[i];
            if (is_list[i]) {
                make_schema(child, "+l", names[i], 0, 1);  // never null: no match is an empty list
                make_schema(static_cast<SchemaPrivate*>(child->private_data)->children[0], "u", "item", 0, 0);
            } else {
                make_schema(child, "u", names[i], ARROW_FLAG_NULLABLE, 0);
            }
        }
        return 0;
    } catch (...) {
        if (out->release) out->release(out);
        return ENOMEM;
    }
}

int export_table_batch(std::vector<StringColumn>& columns, std::int64_t rows, ArrowArray* out) noexcept {
    out->release = nullptr;
    try {
        auto batch = std::make_shared<BatchData>();
        ArrayPrivate* parent = make_array(out, batch, rows, 0, 1, columns.size());
        batch->columns.swap(columns);
        for (std::size_t i = 0; i < batch->columns.size(); ++i) {
            const StringColumn& c = batch->columns[i];
            ArrowArray* child = parent->children[i];
            if (c.is_list) {
                ArrayPrivate* list = make_array(child, batch, c.length, 0, 2, 1);
                list->buffers[1] = c.offsets.data();
                make_utf8(list->children[0], batch, static_cast<std::int64_t>(c.value_offsets.size() - 1), 0,
                          nullptr, c.value_offsets, c.data);
            } else {
                make_utf8(child, batch, c.length, c.null_count, &c.validity, c.offsets, c.data);
            }
        }
        return 0;
    } catch (...) {
        if (out->release) out->release(out);
        return ENOMEM;
    }
}

// -- streams -------------------------------------------------------------------------------

namespace {

ArrowBatchSource* source_of(ArrowArrayStream* stream) {
    return static_cast<ArrowBatchSource*>(stream->private_data);
}

int stream_get_schema(ArrowArrayStream* stream, ArrowSchema* out) { return source_of(stream)->get_schema(out); }
int stream_get_next(ArrowArrayStream* stream, ArrowArray* out) { return source_of(stream)->get_next(out); }
const char* stream_last_error(ArrowArrayStream* stream) { return source_of(stream)->last_error(); }

void stream_release(ArrowArrayStream* stream) {
    delete source_of(stream);
    stream->release = nullptr;
}

}  // namespace

void export_stream(std::unique_ptr<ArrowBatchSource> source, ArrowArrayStream* out) noexcept {
    out->get_schema = &stream_get_schema;
    out->get_next = &stream_get_next;
    out->get_last_error = &stream_last_error;
    out->release = &stream_release;
    out->private_data = source.release();
}

}  // namespace mrrc
