#include "mrrc/extract.hpp"

#include <cerrno>
#include <cstring>
#include <new>

#include "mrrc/nfc.hpp"

namespace mrrc {
namespace {

constexpr std::size_t kLeaderBytes = 24;

// -- text as pymarc decodes it -------------------------------------------------------------

/// Length of the UTF-8 sequence that starts with `lead` (1 for stray bytes).
std::size_t sequence_length(unsigned char lead) noexcept {
    return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

/// Python's str.isspace() for the code point of a UTF-8 sequence.
bool is_python_space(std::uint32_t cp) noexcept {
    if (cp < 0x80) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

std::uint32_t decode_at(const unsigned char* p, std::size_t n) noexcept {
    if (n == 1) return p[0];
    std::uint32_t cp = p[0] & (0x7Fu >> n);
    for (std::size_t i = 1; i < n; ++i) cp = (cp << 6) | (p[i] & 0x3Fu);
    return cp;
}

/// Python's str.strip() on UTF-8 text.
std::string_view strip(std::string_view text) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t begin = 0, end = text.size();
    while (begin < end) {
        const std::size_t n = std::min(sequence_length(p[begin]), end - begin);
        if (!is_python_space(decode_at(p + begin, n))) break;
        begin += n;
    }
    while (end > begin) {
        std::size_t start = end - 1;
        while (start > begin && (p[start] & 0xC0) == 0x80) --start;  // back to the lead byte
        if (!is_python_space(decode_at(p + start, end - start))) break;
        end = start;
    }
    return text.substr(begin, end - begin);
}

/// Reads a record's text the way mrrc's field views (and so pymarc) decode it.
class RecordText {
public:
    explicit RecordText(const Record& record) noexcept
        : record_(record),
          marc8_(!record.has_flag(kFlagUtf8) &&
                 (record.flags & (kFlagNonAsciiText | kFlagControlCharacterText)) != 0) {}

    /// Append subfield `index`'s value (stripped as str.strip() does, if asked).
    void subfield(std::uint32_t index, bool stripped, std::string& out) {
        std::string_view text = record_.subfield_value(record_.subfields[index]);
        if (marc8_ && index < record_.texts.size() && record_.texts[index].offset != TextSpan::kRaw) {
            const TextSpan& t = record_.texts[index];
            scratch_.clear();
            append_nfc(record_.text.data() + t.offset, t.length, scratch_);  // pymarc's MARC-8 output is NFC
            text = scratch_;
        }
        if (stripped) text = strip(text);
        out.append(text.data(), text.size());
    }

    /// Append a control field's data, or characters [first, last] of it (Python's data[first:last + 1]).
    void control(const FieldSpan& field, const ColumnSpec& spec, std::string& out) const {
        append_characters(record_.field_data(field), !marc8_, spec, out);
    }

    /// Append the leader, or characters of it.
    void leader(const ColumnSpec& spec, std::string& out) const {
        append_characters(record_.leader(), true, spec, out);
    }

private:
    static void append_characters(std::string_view bytes, bool utf8, const ColumnSpec& spec, std::string& out) {
        std::size_t begin = 0, end = bytes.size();
        if (spec.has_positions) {
            // Character positions: UTF-8 sequences count as one character, Latin-1 bytes as one each.
            std::size_t character = 0, at = 0;
            begin = end = bytes.size();
            while (at < bytes.size()) {
                if (character == spec.first_position) begin = at;
                const std::size_t n = utf8 ? sequence_length(static_cast<unsigned char>(bytes[at])) : 1;
                at = std::min(bytes.size(), at + n);
                if (character == spec.last_position) {
                    end = at;
                    break;
                }
                ++character;
            }
            if (begin > end) begin = end;
        }
        if (utf8) {
            out.append(bytes.data() + begin, end - begin);
            return;
        }
        for (std::size_t i = begin; i < end; ++i) {  // Latin-1 to UTF-8
            const auto c = static_cast<unsigned char>(bytes[i]);
            if (c < 0x80) {
                out.push_back(static_cast<char>(c));
            } else {
                out.push_back(static_cast<char>(0xC0 | (c >> 6)));
                out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
            }
        }
    }

    const Record& record_;
    bool marc8_;
    std::string scratch_;
};

bool indicators_match(const ColumnSpec& spec, const FieldSpan& field) noexcept {
    return (spec.indicators[0] == '*' || spec.indicators[0] == field.indicator1) &&
           (spec.indicators[1] == '*' || spec.indicators[1] == field.indicator2);
}

/// Writes one column's value(s) for one record: the first match, or every match as list elements.
class ColumnWriter {
public:
    ColumnWriter(const ColumnSpec& spec, StringColumn& column) noexcept : spec_(spec), column_(column) {}

    /// Whether another value is wanted.
    bool wants_more() const noexcept { return spec_.repeated || values_ == 0; }

    /// Where the next value's bytes go (then call end()).
    std::string& begin() noexcept { return column_.data; }

    void end() {
        ++values_;
        if (spec_.repeated) column_.end_element();
    }

    void finish() {
        if (spec_.repeated) {
            column_.end_list();
        } else if (values_ == 0) {
            column_.append_null();
        } else {
            column_.end_value();
        }
    }

private:
    const ColumnSpec& spec_;
    StringColumn& column_;
    std::size_t values_ = 0;
};

void extract_fields(const Record& record, const ColumnSpec& spec, RecordText& text, ColumnWriter& writer) {
    for (const FieldSpan& field : record.fields) {
        if (!writer.wants_more()) return;
        if (!spec.tag_matches(field.tag)) continue;
        if (field.is_control) {
            // Only a whole control field (001, or a wildcard tag without subfields or indicators).
            if (!spec.codes.empty() || spec.indicators[0] != '*' || spec.indicators[1] != '*') continue;
            text.control(field, spec, writer.begin());
            writer.end();
            continue;
        }
        if (spec.kind == ColumnSpec::Kind::kControl || !indicators_match(spec, field)) continue;
        const std::uint32_t first = field.first_subfield, last = first + field.subfield_count;
        if (spec.codes.size() == 1) {
            // One code: each occurrence is a value (field.get(code), field.get_subfields(code)).
            for (std::uint32_t k = first; k < last && writer.wants_more(); ++k) {
                if (record.subfield_code(record.subfields[k]) != spec.codes[0]) continue;
                text.subfield(k, false, writer.begin());
                writer.end();
            }
            continue;
        }
        // The whole field (value()), or several codes: stripped values joined by spaces.
        bool any = false;
        for (std::uint32_t k = first; k < last; ++k) {
            if (!spec.codes.empty() && spec.codes.find(record.subfield_code(record.subfields[k])) == std::string::npos) {
                continue;
            }
            std::string& out = writer.begin();
            if (any) out.push_back(' ');
            text.subfield(k, true, out);
            any = true;
        }
        if (any || spec.codes.empty()) writer.end();
    }
}

}  // namespace

// -- Extractor -----------------------------------------------------------------------------

void Extractor::extract_record(const Record& record, std::vector<StringColumn>& columns) const {
    RecordText text(record);
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        const ColumnSpec& spec = columns_[c];
        ColumnWriter writer(spec, columns[c]);
        if (spec.kind == ColumnSpec::Kind::kLeader) {
            text.leader(spec, writer.begin());
            writer.end();
        } else {
            extract_fields(record, spec, text, writer);
        }
        writer.finish();
    }
}

void Extractor::extract(const std::vector<ReadItem>& items, std::uint32_t source, ExtractedBatch& out) const {
    out.columns.assign(columns_.size(), StringColumn{});
    for (std::size_t c = 0; c < columns_.size(); ++c) out.columns[c].is_list = columns_[c].repeated;
    for (const ReadItem& item : items) {
        ++out.items;
        out.bytes += item.record.buffer.size();
        if (!item.ok()) {
            out.skipped.push_back({source, item.error.record_index, item.error.byte_offset,
                                   error_code_name(item.error.code), item.error.message});
            continue;
        }
        if (item.record.has_flag(kFlagNonAsciiSubfieldCode)) {
            out.skipped.push_back({source, item.record.record_index, item.record.stream_offset, kNonAsciiSubfieldCode,
                                   "a subfield code is not ASCII (pymarc normalises it, with a warning): "
                                   "read this record with MARCReader"});
            continue;
        }
        extract_record(item.record, out.columns);
        ++out.rows;
    }
}

// -- ExtractReport -------------------------------------------------------------------------

void ExtractReport::add(const ExtractedBatch& batch) {
    if (!batch.skipped.empty()) {
        std::lock_guard<std::mutex> lock(mutex_);
        skipped_.insert(skipped_.end(), batch.skipped.begin(), batch.skipped.end());
    }
    items_ += batch.items;
    rows_ += static_cast<std::uint64_t>(batch.rows);
    bytes_ += batch.bytes;
}

std::vector<SkippedRecord> ExtractReport::skipped() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return skipped_;
}

// -- ExtractStream -------------------------------------------------------------------------

ExtractStream::ExtractStream(ExtractOptions options, std::vector<ExtractSource> sources)
    : options_(std::move(options)), sources_(std::move(sources)), extractor_(options_.columns) {
    if (options_.threads < 1) options_.threads = 1;
}

ExtractStream::~ExtractStream() {
    close();
    if (owner_release_) owner_release_(owner_);
}

void ExtractStream::close() noexcept {
    if (parallel_) parallel_->close();
    parallel_.reset();
    reader_.reset();
    next_source_ = sources_.size();
}

int ExtractStream::fail(int error_number, const std::string& what) noexcept {
    try {
        last_error_ = what;
    } catch (...) {
        last_error_.clear();
    }
    failed_ = true;
    close();
    return error_number ? error_number : EIO;
}

int ExtractStream::open_source() noexcept {
    const ExtractSource& source = sources_[next_source_];
    current_ = static_cast<std::uint32_t>(next_source_++);
    ParseOptions parse;
    parse.force_utf8 = options_.force_utf8;
    parse.decode_marc8 = true;
    parse.marc8_quiet = true;
    int error_number = 0;
    try {
        if (options_.threads == 1) {
            reader_ = std::make_unique<StreamReader>(parse);
            if (source.path.empty()) {
                reader_->attach_memory(source.data, source.size);
            } else if (!reader_->open_file(source.path.c_str(), error_number)) {
                reader_.reset();
                return fail(error_number, source.path + ": " + std::strerror(error_number));
            }
            return 0;
        }
        ThreadedReaderOptions threaded;
        threaded.parse = parse;
        threaded.batch_records = options_.batch_records;
        threaded.batch_bytes = options_.batch_bytes;
        parallel_ = std::make_unique<ParallelReader>(threaded, options_.threads);
        const std::uint32_t index = current_;
        parallel_->set_batch_work([this, index](Batch& batch) {
            auto product = std::unique_ptr<ExtractedBatch>(new (std::nothrow) ExtractedBatch);
            if (!product) return;
            try {
                extractor_.extract(batch.items, index, *product);
            } catch (...) {
                product->out_of_memory = true;
            }
            batch.items.clear();  // the records are done with: free them on this thread
            batch.items.shrink_to_fit();
            batch.product = std::move(product);
        });
        const bool opened = source.path.empty() ? parallel_->attach(source.data, source.size)
                                                : parallel_->open(source.path.c_str(), error_number);
        if (!opened) {
            parallel_.reset();
            return fail(error_number ? error_number : ENOMEM,
                        source.path.empty() ? std::string("cannot start the reading threads")
                                            : source.path + ": " + std::strerror(error_number));
        }
        return 0;
    } catch (...) {
        return fail(ENOMEM, "out of memory");
    }
}

int ExtractStream::next(std::unique_ptr<ExtractedBatch>& out) noexcept {
    out.reset();
    if (failed_) return EIO;
    try {
        for (;;) {
            if (!reader_ && !parallel_) {
                if (next_source_ >= sources_.size()) return 0;
                if (int error_number = open_source()) return error_number;
            }
            bool last = false;
            if (parallel_) {
                std::unique_ptr<Batch> batch = parallel_->pop();
                if (batch->status == StreamReader::Status::kFailed) {
                    return fail(batch->failure_errno, (sources_[current_].path.empty() ? std::string("input")
                                                                                         : sources_[current_].path) +
                                                          ": " + std::strerror(batch->failure_errno ? batch->failure_errno
                                                                                                    : ENOMEM));
                }
                last = batch->status != StreamReader::Status::kItems;
                out.reset(static_cast<ExtractedBatch*>(batch->product.release()));
                if (!out && !batch->items.empty()) return fail(ENOMEM, "out of memory");
            } else {
                items_.clear();
                const StreamReader::Status status =
                    reader_->next_batch(items_, options_.batch_records, options_.batch_bytes);
                if (status == StreamReader::Status::kFailed) {
                    const int error_number = reader_->failure_errno() ? reader_->failure_errno() : ENOMEM;
                    return fail(error_number, (sources_[current_].path.empty() ? std::string("input")
                                                                                : sources_[current_].path) +
                                                  ": " + std::strerror(error_number));
                }
                last = status != StreamReader::Status::kItems;
                if (!items_.empty()) {
                    out = std::make_unique<ExtractedBatch>();
                    extractor_.extract(items_, current_, *out);
                }
            }
            if (last) {
                parallel_.reset();
                reader_.reset();
            }
            if (out) {
                if (out->out_of_memory) return fail(ENOMEM, "out of memory");
                report_->add(*out);
                if (out->rows > 0) return 0;
                out.reset();
            }
        }
    } catch (...) {
        return fail(ENOMEM, "out of memory");
    }
}

int ExtractStream::get_schema(ArrowSchema* out) noexcept {
    std::vector<bool> lists;
    try {
        for (const ColumnSpec& spec : options_.columns) lists.push_back(spec.repeated);
    } catch (...) {
        return ENOMEM;
    }
    return export_table_schema(options_.names, lists, out);
}

int ExtractStream::get_next(ArrowArray* out) noexcept {
    out->release = nullptr;
    std::unique_ptr<ExtractedBatch> batch;
    if (int error_number = next(batch)) return error_number;
    if (!batch) return 0;  // the end: a released array
    return export_table_batch(batch->columns, batch->rows, out);
}

}  // namespace mrrc
