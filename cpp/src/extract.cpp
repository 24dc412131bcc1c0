#include "mrrc/extract.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>

#include "mrrc/nfc.hpp"
#include "mrrc/python_text.hpp"
#include "mrrc/scanner.hpp"

namespace mrrc {
namespace {

/// What a reader-fatal error found while cutting the input means.
const char* scan_error_message(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::kRecordLengthInvalid: return "the first 5 bytes of the record are not a number";
        case ErrorCode::kTruncatedRecord: return "the input ends before the record length is reached";
        default: return "the record does not end with a record terminator (0x1D)";
    }
}

// -- text as pymarc decodes it -------------------------------------------------------------

/// True when the first `n` bytes (or all, if fewer) are ASCII.
bool is_ascii_prefix(std::string_view bytes, std::size_t n) noexcept {
    n = std::min(n, bytes.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (static_cast<unsigned char>(bytes[i]) >= 0x80) return false;
    }
    return true;
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
        if (stripped) text = strip_python_space(text);
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
        if (spec.has_positions && (!utf8 || is_ascii_prefix(bytes, spec.last_position + 1))) {
            begin = std::min<std::size_t>(spec.first_position, bytes.size());  // one byte, one character
            end = std::min<std::size_t>(spec.last_position + 1, bytes.size());
        } else if (spec.has_positions) {
            // Character positions: UTF-8 sequences count as one character, Latin-1 bytes as one each.
            std::size_t character = 0, at = 0;
            begin = end = bytes.size();
            while (at < bytes.size()) {
                if (character == spec.first_position) begin = at;
                const std::size_t n = utf8 ? lead_byte_length(static_cast<unsigned char>(bytes[at])) : 1;
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

Extractor::Extractor(std::vector<ColumnSpec> columns) : columns_(std::move(columns)), digit_tags_(1000) {
    for (int number = 0; number < 1000; ++number) {
        const char tag[3] = {static_cast<char>('0' + number / 100), static_cast<char>('0' + number / 10 % 10),
                             static_cast<char>('0' + number % 10)};
        digit_tags_[static_cast<std::size_t>(number)] = any_column_reads(tag);
    }
}

bool Extractor::any_column_reads(const char* tag) const noexcept {
    for (const ColumnSpec& spec : columns_) {
        if (spec.kind == ColumnSpec::Kind::kData && spec.tag_matches(tag)) return true;
    }
    return false;
}

bool Extractor::needs_subfields(const char* tag) const noexcept {
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (digit(tag[0]) && digit(tag[1]) && digit(tag[2])) {
        return digit_tags_[static_cast<std::size_t>((tag[0] - '0') * 100 + (tag[1] - '0') * 10 + (tag[2] - '0'))];
    }
    return any_column_reads(tag);
}

ParseOptions Extractor::parse_options(ParseOptions options) const noexcept {
    options.lists_subfields = [](const void* context, const char* tag) noexcept {
        return static_cast<const Extractor*>(context)->needs_subfields(tag);
    };
    options.lists_subfields_context = this;
    options.defer_subfields = false;  // the columns read the spans straight after parsing
    return options;
}

void Extractor::extract(const RecordBlock& block, const ParseOptions& options, Record& scratch,
                        ExtractedBatch& out) const {
    out.columns.assign(columns_.size(), StringColumn{});
    for (std::size_t c = 0; c < columns_.size(); ++c) out.columns[c].is_list = columns_[c].repeated;
    std::uint64_t index = block.first_index;
    for (const RecordBlock::Entry& entry : block.entries) {
        const std::uint64_t offset = block.stream_offset + entry.begin;
        ++out.items;
        out.bytes += entry.end - entry.begin;
        if (entry.scan_error != ErrorCode::kOk) {
            out.skipped.push_back({block.source, index++, offset, error_code_name(entry.scan_error),
                                   scan_error_message(entry.scan_error)});
            continue;
        }
        ParseError error;
        if (!parse_record(block.data + entry.begin, entry.end - entry.begin, options, scratch, error)) {
            if (error.code == ErrorCode::kOutOfMemory) throw std::bad_alloc();
            out.skipped.push_back({block.source, index++, offset + error.offset_in_record,
                                   error_code_name(error.code), error.message});
            continue;
        }
        if (scratch.has_flag(kFlagNonAsciiSubfieldCode)) {
            out.skipped.push_back({block.source, index++, offset, kNonAsciiSubfieldCode,
                                   "a subfield code is not ASCII (pymarc normalises it, with a warning): "
                                   "read this record with MARCReader"});
            continue;
        }
        ++index;
        extract_record(scratch, out.columns);
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

// -- ExtractStream::Blocks ----------------------------------------------------------------

/// Cuts the inputs, one after the other, into blocks of whole records (at most
/// `records` records; about `bytes` bytes, or one record if it is larger).
class ExtractStream::Blocks {
public:
    Blocks(std::vector<ExtractSource> sources, std::size_t records, std::size_t bytes)
        : sources_(std::move(sources)), records_(records), bytes_(bytes < 4096 ? 4096 : bytes) {}
    ~Blocks() { close_file(); }

    /// Fill `block`; false at the end of the last input. A failed input gives a
    /// block with failure_errno set, and the inputs after it are not read.
    bool next(RecordBlock& block) {
        for (;;) {
            if (!open_ && !open_next(block)) return block.failure_errno != 0;
            if (cut(block)) return true;
            close_file();
            open_ = false;
            if (block.failure_errno) return true;
        }
    }

private:
    bool open_next(RecordBlock& block) {
        if (next_source_ >= sources_.size()) return false;
        current_ = static_cast<std::uint32_t>(next_source_++);
        const ExtractSource& source = sources_[current_];
        index_ = offset_ = 0;
        ended_ = eof_ = false;
        pending_.clear();
        if (source.path.empty()) {
            memory_ = source.data;
            memory_size_ = source.size;
            eof_ = true;
        } else {
            memory_ = nullptr;
            fd_ = ::open(source.path.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd_ < 0) return failed(block, errno);
        }
        open_ = true;
        return true;
    }

    bool failed(RecordBlock& block, int error_number) {
        block.failure_errno = error_number;
        block.failure = sources_[current_].path + ": " + std::strerror(error_number);
        next_source_ = sources_.size();  // a pymarc reader would have raised: nothing after it
        return false;
    }

    /// Read until `pending_` holds at least `want` bytes or the file ends.
    bool fill(std::size_t want, RecordBlock& block) {
        while (!eof_ && pending_.size() < want) {
            const std::size_t chunk = std::max<std::size_t>(want - pending_.size(), 1u << 20);
            const std::size_t had = pending_.size();
            pending_.resize(had + chunk);
            ssize_t got;
            do {
                got = ::read(fd_, &pending_[had], chunk);
            } while (got < 0 && errno == EINTR);
            if (got < 0) {
                pending_.resize(had);
                failed(block, errno);
                return false;
            }
            pending_.resize(had + static_cast<std::size_t>(got));
            if (got == 0) eof_ = true;
        }
        return true;
    }

    /// The next block of the open input; false when it has no more records.
    bool cut(RecordBlock& block) {
        block.entries.clear();
        block.owned.clear();
        block.source = current_;
        block.first_index = index_;
        block.stream_offset = offset_;
        if (ended_) return false;
        if (!memory_ && !fill(bytes_, block)) return false;
        const char* data = memory_ ? memory_ + offset_ : pending_.data();
        std::size_t size = memory_ ? memory_size_ - offset_ : pending_.size();
        std::size_t pos = 0;
        while (block.entries.size() < records_ && pos < bytes_) {
            const ScanResult scan = scan_record(data, size, pos, eof_);
            if (scan.status == ScanStatus::kNeedMore) {
                if (memory_ || !block.entries.empty()) break;
                if (!fill(std::max(pending_.size() * 2, bytes_), block)) return false;  // a record longer than a block
                data = pending_.data();
                size = pending_.size();
                continue;
            }
            if (scan.status == ScanStatus::kEnd) {
                ended_ = true;
                break;
            }
            block.entries.push_back({static_cast<std::uint32_t>(scan.begin), static_cast<std::uint32_t>(scan.end),
                                     scan.status == ScanStatus::kError ? scan.error : ErrorCode::kOk});
            pos = scan.end;
            if (scan.status == ScanStatus::kError) {
                ended_ = true;  // reader-fatal: the input ends here, as a pymarc reader stops
                break;
            }
        }
        if (memory_) {
            block.data = data;
        } else {
            block.owned.swap(pending_);  // the block keeps the bytes read; the rest starts the next one
            pending_.assign(block.owned, pos, std::string::npos);
            block.owned.resize(pos);
            block.data = block.owned.data();
        }
        index_ += block.entries.size();
        offset_ += pos;
        return !block.entries.empty();
    }

    void close_file() noexcept {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

    std::vector<ExtractSource> sources_;
    std::size_t records_;
    std::size_t bytes_;
    std::size_t next_source_ = 0;
    std::uint32_t current_ = 0;
    bool open_ = false;
    const char* memory_ = nullptr;
    std::size_t memory_size_ = 0;
    int fd_ = -1;
    std::string pending_;  // bytes read from the file and not yet in a block
    bool eof_ = false;
    bool ended_ = false;
    std::uint64_t index_ = 0;
    std::uint64_t offset_ = 0;
};

// -- ExtractStream -------------------------------------------------------------------------

ExtractStream::ExtractStream(ExtractOptions options, std::vector<ExtractSource> sources)
    : options_(std::move(options)), extractor_(options_.columns) {
    if (options_.threads < 1) options_.threads = 1;
    if (options_.batch_records < 1) options_.batch_records = 1;
    parse_.force_utf8 = options_.force_utf8;
    parse_.decode_marc8 = true;
    parse_.marc8_quiet = true;
    parse_ = extractor_.parse_options(parse_);
    blocks_ = std::make_unique<Blocks>(std::move(sources), options_.batch_records, options_.batch_bytes);
    if (options_.threads > 1) {
        try {
            producer_ = std::thread(&ExtractStream::produce, this);
            for (unsigned i = 0; i < options_.threads; ++i) workers_.emplace_back(&ExtractStream::work, this);
        } catch (...) {
            close();
            throw;
        }
    }
}

ExtractStream::~ExtractStream() {
    close();
    if (owner_release_) owner_release_(owner_);
}

void ExtractStream::close() noexcept {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
        work_ready_.notify_all();
        done_ready_.notify_all();
        space_.notify_all();
    }
    if (producer_.joinable()) producer_.join();
    for (std::thread& worker : workers_) {
        if (worker.joinable()) worker.join();
    }
    workers_.clear();
    ended_ = true;
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

void ExtractStream::produce() noexcept {
    for (;;) {
        auto block = std::unique_ptr<RecordBlock>(new (std::nothrow) RecordBlock);
        bool more = false;
        if (block) {
            try {
                more = blocks_->next(*block);
            } catch (...) {
                block->failure_errno = ENOMEM;
                block->failure = "out of memory";
                more = true;
            }
        }
        std::unique_lock<std::mutex> lock(mutex_);
        if (!block) {  // no memory for a block: report it in order
            done_.emplace(next_job_++, nullptr);
            more = false;
        }
        if (!more) {
            produced_all_ = true;
            work_ready_.notify_all();
            done_ready_.notify_all();
            return;
        }
        space_.wait(lock, [this] { return stop_ || in_flight_ < options_.threads + 2; });
        if (stop_) return;
        jobs_.emplace_back(next_job_++, std::move(block));
        ++in_flight_;
        work_ready_.notify_one();
    }
}

void ExtractStream::work() noexcept {
    Record scratch;
    for (;;) {
        std::pair<std::uint64_t, std::unique_ptr<RecordBlock>> job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            work_ready_.wait(lock, [this] { return stop_ || !jobs_.empty() || produced_all_; });
            if (stop_ || jobs_.empty()) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        auto batch = std::unique_ptr<ExtractedBatch>(new (std::nothrow) ExtractedBatch);
        if (batch) {
            try {
                if (job.second->failure_errno) {
                    batch->failure_errno = job.second->failure_errno;
                    batch->failure = job.second->failure;
                } else {
                    extractor_.extract(*job.second, parse_, scratch, *batch);
                }
            } catch (...) {
                batch->out_of_memory = true;
            }
        }
        job.second.reset();  // the block's bytes are done with
        std::lock_guard<std::mutex> lock(mutex_);
        done_.emplace(job.first, std::move(batch));  // null: out of memory
        done_ready_.notify_all();
    }
}

int ExtractStream::take(std::unique_ptr<ExtractedBatch>& out) {
    out.reset();
    if (options_.threads == 1) {
        RecordBlock block;
        if (!blocks_->next(block)) return 0;
        out = std::make_unique<ExtractedBatch>();
        if (block.failure_errno) {
            out->failure_errno = block.failure_errno;
            out->failure = block.failure;
        } else {
            extractor_.extract(block, parse_, scratch_, *out);
        }
        return 0;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    done_ready_.wait(lock, [this] {
        return stop_ || done_.count(next_out_) > 0 || (produced_all_ && next_out_ >= next_job_);
    });
    auto found = done_.find(next_out_);
    if (found == done_.end()) return 0;  // the end (or stopped)
    out = std::move(found->second);
    done_.erase(found);
    ++next_out_;
    if (in_flight_ > 0) --in_flight_;
    space_.notify_one();
    if (!out) return ENOMEM;
    return 0;
}

int ExtractStream::next(std::unique_ptr<ExtractedBatch>& out) noexcept {
    out.reset();
    if (failed_) return EIO;
    try {
        while (!ended_) {
            const int error_number = take(out);
            if (error_number) return fail(error_number, "out of memory");
            if (!out) {
                ended_ = true;
                break;
            }
            if (out->out_of_memory) return fail(ENOMEM, "out of memory");
            if (out->failure_errno) {
                const int failure = out->failure_errno;
                const std::string what = out->failure;
                out.reset();
                return fail(failure, what);
            }
            report_->add(*out);
            if (out->rows > 0) return 0;
            out.reset();
        }
        return 0;
    } catch (...) {
        out.reset();
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
