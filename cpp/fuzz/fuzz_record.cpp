// One ISO 2709 record under every parse option; then what the writers do with
// it must agree: one-pass and two-pass serialisation, the limits they report,
// re-parsing the output, the MARCMaker text and MARC-8 writers.
#include <cstdint>
#include <string>

#include "fuzz_input.hpp"
#include "mrrc/marc8_writer.hpp"
#include "mrrc/parser.hpp"
#include "mrrc/record_writer.hpp"
#include "mrrc/serializer.hpp"
#include "mrrc/text_writer.hpp"

namespace {

// A record parsed with its subfields left for later is, once they are listed,
// the record parsed without: the same outcome, error, flags, fields and spans.
void same_as_listed_now(const mrrc_fuzz::Input& in, mrrc::ParseOptions options, bool ok, const mrrc::Record& lazy,
                        const mrrc::ParseError& lazy_error) {
    options.defer_subfields = false;
    mrrc::Record eager;
    mrrc::ParseError error;
    if (mrrc::parse_record(in.bytes(), in.size, options, eager, error) != ok) __builtin_trap();
    if (error.code != lazy_error.code || error.field_index != lazy_error.field_index ||
        error.subfield_index != lazy_error.subfield_index || error.offset_in_record != lazy_error.offset_in_record ||
        error.span_begin != lazy_error.span_begin || error.span_end != lazy_error.span_end)
        __builtin_trap();
    if (eager.fields.size() != lazy.fields.size()) __builtin_trap();
    if (!ok) return;
    mrrc::Record listed = lazy;
    mrrc::list_pending_subfields(listed);
    if ((listed.flags | mrrc::kFlagSubfieldsPending) != (eager.flags | mrrc::kFlagSubfieldsPending)) __builtin_trap();
    for (std::size_t i = 0; i < eager.fields.size(); ++i) {
        const mrrc::FieldSpan &a = eager.fields[i], &b = listed.fields[i];
        if (a.tag_view() != b.tag_view() || a.is_control != b.is_control || a.indicator1 != b.indicator1 ||
            a.indicator2 != b.indicator2 || a.indicator_bytes != b.indicator_bytes || a.data_offset != b.data_offset ||
            a.data_length != b.data_length || a.subfield_count != b.subfield_count || b.subfields_pending)
            __builtin_trap();
        for (std::uint32_t k = 0; k < a.subfield_count; ++k) {
            const mrrc::SubfieldSpan &x = eager.subfields[a.first_subfield + k], &y = listed.subfields[b.first_subfield + k];
            if (x.offset != y.offset || x.length != y.length) __builtin_trap();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    mrrc_fuzz::Input in{data, size};
    const mrrc::ParseOptions options = mrrc_fuzz::options_from(in.take());
    mrrc::Record record;
    mrrc::ParseError error;
    const bool ok = mrrc::parse_record(in.bytes(), in.size, options, record, error);
    if (options.defer_subfields) same_as_listed_now(in, options, ok, record, error);
    if (!ok) return 0;

    mrrc::Iso2709Overflow limits, overflow;
    mrrc::serialized_size(record, record.leader(), limits);
    std::string one(mrrc::serialized_size_bound(record, record.leader()), '\0');
    one.resize(mrrc::serialize_checked(record, record.leader(), &one[0], overflow));
    if (overflow.kind != limits.kind || overflow.field_index != limits.field_index) __builtin_trap();
    if (one.size() > mrrc::serialized_size_bound(record, record.leader())) __builtin_trap();
    // The cheap judgement may be careful (empty subfields make the bound loose), never wrong.
    if (mrrc::surely_fits(record, record.leader()) && overflow.kind != mrrc::Iso2709Overflow::kNone) __builtin_trap();
    if (overflow.kind == mrrc::Iso2709Overflow::kNone) {
        std::string two;
        if (!mrrc::serialize_record(record, record.leader(), two) || two != one) __builtin_trap();
        mrrc::ParseOptions raw;
        raw.validate_text = false;
        mrrc::Record again;
        if (!mrrc::parse_record(one.data(), one.size(), raw, again, error)) __builtin_trap();
        std::string twice;
        mrrc::serialize_record(again, again.leader(), twice);
        if (twice != one) __builtin_trap();  // what the writer writes reads back as the same record
    }
    // Written past the limits with allow_oversized, a record reads back by
    // oversized parsing as the same fields (when no value holds a terminator).
    std::string zeros(mrrc::serialized_size_bound(record, record.leader()), '\0');
    zeros.resize(mrrc::serialize_checked(record, record.leader(), &zeros[0], overflow, true));
    bool terminators_inside = false;
    for (const mrrc::FieldSpan& f : record.fields) {
        const std::string_view value = record.field_data(f);
        if (value.find_first_of("\x1d\x1e") != std::string_view::npos) terminators_inside = true;
    }
    if (!terminators_inside && record.leader().size() == mrrc::kLeaderLength) {
        mrrc::ParseOptions raw;
        raw.validate_text = false;
        raw.oversized = true;
        mrrc::Record again;
        if (mrrc::parse_record(zeros.data(), zeros.size(), raw, again, error)) {
            std::string twice(mrrc::serialized_size_bound(again, again.leader()), '\0');
            twice.resize(mrrc::serialize_checked(again, again.leader(), &twice[0], overflow, true));
            if (twice != zeros) __builtin_trap();
        }
    }
    std::string text;
    mrrc::write_record_text(record, record.leader(), text);
    std::string marc8;
    mrrc::serialize_marc8(record, record.leader(), marc8, overflow);
    return 0;
}
