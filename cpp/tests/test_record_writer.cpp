// The writers' one-pass serialiser, batches (one thread and several) and the
// file writer thread, against the two-pass serialiser and the real file.
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "mrrc/parser.hpp"
#include "mrrc/record_writer.hpp"
#include "mrrc/serializer.hpp"
#include "mrrc/span_listing.hpp"
#include "mrrc/stream_reader.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using mrrc::Iso2709Overflow;
using mrrc::Record;

namespace {

std::vector<Record> records_of(const std::string& bytes, bool defer_subfields = false) {
    mrrc::ParseOptions options;
    options.defer_subfields = defer_subfields;
    mrrc::StreamReader reader{options};
    reader.attach_memory(bytes.data(), bytes.size());
    std::vector<mrrc::ReadItem> items;
    while (reader.next_batch(items, 64, 1u << 20) == mrrc::StreamReader::Status::kItems) {
    }
    std::vector<Record> records;
    for (auto& item : items) {
        if (item.ok()) records.push_back(item.record);
    }
    return records;
}

std::vector<Record> corpus_records() {
    std::vector<Record> records;
    for (const auto& entry : fs::recursive_directory_iterator(MRRC_TEST_DATA_DIR)) {
        const auto ext = entry.path().extension().string();
        if (ext != ".mrc" && ext != ".dat" && ext != ".marc" && ext != ".usmarc") continue;
        for (Record& r : records_of(mrrc_test::read_file(entry.path().string()))) records.push_back(std::move(r));
    }
    return records;
}

std::string one_pass(const Record& r, std::string_view leader, Iso2709Overflow& overflow) {
    std::string out(mrrc::serialized_size_bound(r, leader), '\0');
    out.resize(mrrc::serialize_checked(r, leader, &out[0], overflow));
    return out;
}

Record parsed(const std::string& bytes) {
    Record r;
    mrrc::ParseError e;
    const bool ok = mrrc::parse_record(bytes.data(), bytes.size(), mrrc::ParseOptions{}, r, e);
    BOOST_TEST_REQUIRE(ok, e.message);
    return r;
}

std::string temp_path(const char* name) { return (fs::temp_directory_path() / name).string(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(record_writer)

BOOST_AUTO_TEST_CASE(one_pass_equals_two_pass_on_every_corpus_record) {
    const std::vector<Record> records = corpus_records();
    BOOST_REQUIRE(records.size() > 1000u);
    for (const Record& r : records) {
        Iso2709Overflow limits, overflow;
        mrrc::serialized_size(r, r.leader(), limits);
        const std::string got = one_pass(r, r.leader(), overflow);
        BOOST_TEST(overflow.kind == limits.kind);
        BOOST_TEST(got.size() <= mrrc::serialized_size_bound(r, r.leader()));
        if (limits.kind != Iso2709Overflow::kNone) continue;
        std::string expected;
        BOOST_REQUIRE(mrrc::serialize_record(r, r.leader(), expected));
        BOOST_TEST(got == expected);
        BOOST_TEST(got.size() <= mrrc::serialized_size_bound(r, r.leader()));
    }
}

BOOST_AUTO_TEST_CASE(odd_leaders_are_copied_as_the_two_pass_form_copies_them) {
    const Record r = parsed(mrrc_test::sample_record());
    for (std::string leader : {std::string("short"), std::string(30, 'x'), std::string(), std::string(24, ' ')}) {
        Iso2709Overflow overflow;
        std::string expected;
        BOOST_REQUIRE(mrrc::serialize_record(r, leader, expected));
        BOOST_TEST(one_pass(r, leader, overflow) == expected);
        BOOST_TEST(overflow.kind == Iso2709Overflow::kNone);
    }
}

BOOST_AUTO_TEST_CASE(limits_are_reported_as_the_size_check_reports_them) {
    // Fields of 9,999 bytes fit; 10,000 do not; the longest field is the one named.
    const std::string at_limit = mrrc_test::make_record({{"500", "  \x1f" "a" + std::string(9994, 'x')}});
    Record fits = parsed(at_limit);
    Iso2709Overflow overflow;
    BOOST_TEST(one_pass(fits, fits.leader(), overflow) == at_limit);
    BOOST_TEST(overflow.kind == Iso2709Overflow::kNone);
    BOOST_TEST(mrrc::surely_fits(fits, fits.leader()));  // the bound is exact for a parsed record

    Record over = parsed(mrrc_test::make_record(
        {{"001", "x"}, {"500", "  \x1f" "a" + std::string(9000, 'x')}, {"520", "  \x1f" "a" + std::string(9990, 'y')}}));
    over.subfields.back().length += 10;  // the 520 grows past 9,999 bytes
    over.fields.back().data_length += 10;
    over.buffer.append(10, 'y');
    one_pass(over, over.leader(), overflow);
    BOOST_TEST(overflow.kind == Iso2709Overflow::kFieldTooLong);
    BOOST_TEST(overflow.field_index == 2);
    BOOST_TEST(overflow.length == 10005u);

    std::vector<mrrc_test::FieldSpec> many;
    for (int i = 0; i < 11; ++i) many.push_back({"500", "  \x1f" "a" + std::string(9000, 'z')});
    Record long_record = parsed(mrrc_test::make_record(many));  // 99,213 bytes
    long_record.subfields.back().length += 800;                 // now 100,013, its longest field 9,805
    long_record.fields.back().data_length += 800;
    long_record.buffer.append(800, 'z');
    Iso2709Overflow expected;
    mrrc::serialized_size(long_record, long_record.leader(), expected);
    one_pass(long_record, long_record.leader(), overflow);
    BOOST_TEST(overflow.kind == Iso2709Overflow::kRecordTooLong);
    BOOST_TEST(overflow.length == 100013u);
    BOOST_TEST(expected.length == 100013u);
    BOOST_TEST(expected.kind == Iso2709Overflow::kRecordTooLong);
}

BOOST_AUTO_TEST_CASE(batches_keep_order_on_one_thread_and_on_several) {
    const std::vector<Record> records = corpus_records();
    std::vector<mrrc::WriteItem> items;
    std::string expected;
    const std::string ready = mrrc_test::sample_record();
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!mrrc::surely_fits(records[i], records[i].leader())) continue;
        if (i % 7 == 0) {  // bytes serialised elsewhere, in between
            items.push_back({nullptr, ready});
            expected += ready;
        }
        items.push_back({&records[i], {}});
        BOOST_REQUIRE(mrrc::serialize_record(records[i], records[i].leader(), expected));
    }
    for (unsigned threads : {1u, 2u, 3u, 8u}) {
        mrrc::ByteBuffer out;
        out.append("head", 4);
        BOOST_REQUIRE(mrrc::serialize_batch(items.data(), items.size(), threads, out));
        BOOST_TEST(std::string(out.data(), out.size()) == "head" + expected);
    }
}

// A batch holds records whose subfields the reader left pending; another
// thread lists them meanwhile (as Python does when a field is read): the
// bytes written are the same (scripts/tsan.sh runs this for data races).
BOOST_AUTO_TEST_CASE(records_listed_while_a_batch_serialises_them) {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(MRRC_TEST_DATA_DIR)) {
        const auto ext = entry.path().extension().string();
        if (ext == ".mrc" || ext == ".dat" || ext == ".marc") files.push_back(mrrc_test::read_file(entry.path().string()));
    }
    std::string expected;
    for (const std::string& bytes : files) {
        for (const Record& r : records_of(bytes)) {
            if (mrrc::surely_fits(r, r.leader())) BOOST_REQUIRE(mrrc::serialize_record(r, r.leader(), expected));
        }
    }
    for (int round = 0; round < 4; ++round) {
        std::vector<Record> records;
        for (const std::string& bytes : files) {
            for (Record& r : records_of(bytes, true)) {
                if (mrrc::surely_fits(r, r.leader())) records.push_back(std::move(r));
            }
        }
        std::size_t pending = 0;
        std::vector<mrrc::WriteItem> items;
        for (const Record& r : records) {
            pending += r.has_flag(mrrc::kFlagSubfieldsPending);
            items.push_back({&r, {}});
        }
        BOOST_REQUIRE(pending > 100u);
        bool all_listed = true;
        std::thread lister([&] {  // as the Python layer lists a record a batch holds
            for (Record& r : records) {
                for (std::size_t i = 0; i <= r.fields.size(); i += 2) {
                    all_listed &= mrrc::lock_span_listing();
                    if (i < r.fields.size()) {
                        mrrc::list_pending_subfields(r, i);
                    } else {
                        mrrc::list_pending_subfields(r);
                    }
                    mrrc::unlock_span_listing();
                }
            }
        });
        mrrc::ByteBuffer out;
        const bool written = mrrc::serialize_batch(items.data(), items.size(), 1 + round % 2, out);
        lister.join();
        BOOST_TEST(written);
        BOOST_TEST(all_listed);
        BOOST_TEST(std::string(out.data(), out.size()) == expected);
    }
}

// A batch serialising on some thread of the parent holds the lock shared; in
// a forked child that thread does not exist, and the lock must be free.
BOOST_AUTO_TEST_CASE(a_forked_child_has_the_span_listing_lock_free) {
    mrrc::span_listing_mutex().lock_shared();
    const pid_t child = fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) _exit(mrrc::span_listing_mutex().try_lock() ? 0 : 1);
    mrrc::span_listing_mutex().unlock_shared();
    int status = 0;
    BOOST_REQUIRE(waitpid(child, &status, 0) == child);
    BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
}

BOOST_AUTO_TEST_CASE(a_replacement_leader_is_used) {
    const Record r = parsed(mrrc_test::sample_record());
    const std::string leader = "00000cam a2200000 i 4500";
    mrrc::WriteItem item{&r, leader};
    mrrc::ByteBuffer out;
    BOOST_REQUIRE(mrrc::serialize_batch(&item, 1, 1, out));
    std::string expected;
    BOOST_REQUIRE(mrrc::serialize_record(r, leader, expected));
    BOOST_TEST(std::string(out.data(), out.size()) == expected);

    mrrc::WriteItem coded{&r, {}, 'z'};  // its own leader, byte 9 replaced
    out.clear();
    BOOST_REQUIRE(mrrc::serialize_batch(&coded, 1, 1, out));
    expected.clear();
    BOOST_REQUIRE(mrrc::serialize_record(r, 'z', expected));
    BOOST_TEST(std::string(out.data(), out.size()) == expected);
    BOOST_TEST(out.data()[9] == 'z');
}

BOOST_AUTO_TEST_CASE(the_file_holds_every_buffer_in_order_after_drain_and_close) {
    const std::string path = temp_path("mrrc_record_writer_test.mrc");
    mrrc::FileWriter writer(2);
    int error = 0;
    BOOST_REQUIRE(writer.open(path.c_str(), error));
    std::string expected;
    for (int i = 0; i < 50; ++i) {
        auto buffer = writer.spare();
        BOOST_REQUIRE(buffer);
        BOOST_TEST(buffer->size() == 0u);  // reused ones come back empty
        const std::string piece = std::to_string(i) + std::string(static_cast<std::size_t>(i) * 1000, 'a' + i % 26);
        buffer->append(piece.data(), piece.size());
        expected += piece;
        BOOST_REQUIRE(writer.submit(std::move(buffer)));
        if (i == 20) {
            BOOST_TEST(writer.drain() == 0);
            BOOST_TEST(mrrc_test::read_file(path) == expected);  // drained: in the file already
        }
    }
    BOOST_TEST(writer.close() == 0);
    BOOST_TEST(writer.close() == 0);  // idempotent
    BOOST_TEST(writer.bytes_written() == expected.size());
    BOOST_TEST(mrrc_test::read_file(path) == expected);
    BOOST_TEST(!writer.submit(writer.spare()));  // closed
    fs::remove(path);
}

BOOST_AUTO_TEST_CASE(a_full_disk_is_reported_and_later_buffers_refused) {
    if (!fs::exists("/dev/full")) return;
    mrrc::FileWriter writer(2);
    int error = 0;
    BOOST_REQUIRE(writer.open("/dev/full", error));
    auto buffer = writer.spare();
    buffer->append("record", 6);
    BOOST_REQUIRE(writer.submit(std::move(buffer)));
    BOOST_TEST(writer.drain() == ENOSPC);
    BOOST_TEST(writer.error_number() == ENOSPC);
    BOOST_TEST(!writer.submit(writer.spare()));
    BOOST_TEST(writer.close() == ENOSPC);
}

BOOST_AUTO_TEST_CASE(a_path_that_cannot_be_created_gives_its_errno) {
    mrrc::FileWriter writer(2);
    int error = 0;
    BOOST_TEST(!writer.open("/nonexistent-directory/out.mrc", error));
    BOOST_TEST(error == ENOENT);
    BOOST_TEST(writer.close() == 0);
    BOOST_TEST(!writer.submit(writer.spare()));
}

BOOST_AUTO_TEST_SUITE_END()
