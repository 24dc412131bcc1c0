// RecordPool: records handed back keep their room and come back as new
// records; a threaded reader whose consumer hands every record back reads
// exactly what a reader without a pool reads.
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "mrrc/record_pool.hpp"
#include "mrrc/stream_reader.hpp"
#include "mrrc/threaded_reader.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using mrrc::ReadItem;
using mrrc::Record;
using mrrc::RecordPool;
using mrrc::StreamReader;

namespace {

Record used_record(std::size_t bytes) {
    Record r;
    r.buffer.assign(bytes, 'x');
    r.fields.resize(3);
    r.subfields.resize(5);
    r.text = "text";
    r.texts.resize(2);
    r.messages = "said";
    r.flags = mrrc::kFlagDelimitedRecord | mrrc::kFlagUtf8;
    r.record_index = 7;
    r.stream_offset = 99;
    return r;
}

// Everything a reader yields for one item, as text.
std::string described(const ReadItem& item) {
    const Record& r = item.record;
    std::string d = r.buffer + "|" + std::to_string(r.flags) + "|" + std::to_string(r.record_index) + "|" +
                    std::to_string(r.stream_offset) + "|" + std::to_string(static_cast<int>(item.error.code)) + "|" +
                    std::to_string(item.error.byte_offset) + "|" + r.text + "|" + r.messages;
    for (const auto& f : r.fields) {
        d += "|" + std::string(f.tag_view()) + std::to_string(f.data_offset) + "," + std::to_string(f.data_length) +
             "," + std::to_string(f.subfield_count) + (f.subfields_pending ? "p" : "");
    }
    d += "|" + std::to_string(r.subfields.size()) + "|" + std::to_string(r.texts.size());
    return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(record_pool)

BOOST_AUTO_TEST_CASE(a_record_taken_is_new_with_the_room_of_one_given_back) {
    RecordPool pool(4);
    Record out = used_record(10);
    BOOST_TEST(!pool.take(out));  // nothing given back yet: untouched
    BOOST_TEST(out.buffer.size() == 10u);

    std::vector<Record> done;
    done.push_back(used_record(1000));
    pool.give_back(done);
    BOOST_TEST(done.empty());
    Record fresh;
    BOOST_REQUIRE(pool.take(fresh));
    BOOST_TEST(fresh.buffer.empty());
    BOOST_TEST(fresh.buffer.capacity() >= 1000u);  // the room kept
    BOOST_TEST(fresh.fields.empty());
    BOOST_TEST(fresh.subfields.empty());
    BOOST_TEST(fresh.text.empty());
    BOOST_TEST(fresh.texts.empty());
    BOOST_TEST(fresh.messages.empty());
    BOOST_TEST(fresh.flags == mrrc::kFlagNone);
    BOOST_TEST(fresh.record_index == 0u);
    BOOST_TEST(fresh.stream_offset == 0u);
    BOOST_TEST(!pool.take(fresh));
}

BOOST_AUTO_TEST_CASE(the_pool_keeps_at_most_its_capacity_and_no_large_record) {
    RecordPool pool(3);
    std::vector<Record> done;
    done.push_back(used_record(RecordPool::kMaxKeptBytes + 1));  // freed, not kept
    for (int i = 0; i < 5; ++i) done.push_back(used_record(100));
    pool.give_back(done);
    BOOST_TEST(done.empty());
    std::size_t taken = 0;
    for (Record r; pool.take(r); r = Record()) {
        BOOST_TEST(r.buffer.capacity() < RecordPool::kMaxKeptBytes);
        ++taken;
    }
    BOOST_TEST(taken == 3u);
}

BOOST_AUTO_TEST_CASE(records_given_back_while_reading_change_nothing_read) {
    // Every corpus file through a threaded reader whose consumer hands each
    // batch's records back (so later records are parsed into earlier ones),
    // against a stream reader without a pool.
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(MRRC_TEST_DATA_DIR)) {
        const auto ext = entry.path().extension().string();
        if (ext != ".mrc" && ext != ".dat" && ext != ".marc" && ext != ".usmarc") continue;
        const std::string path = entry.path().string();
        mrrc::ThreadedReaderOptions options;
        options.parse.defer_subfields = true;
        options.parse.decode_marc8 = true;
        options.batch_records = 3;
        std::vector<std::string> expected, actual;
        StreamReader plain{options.parse};
        int err = 0;
        BOOST_REQUIRE(plain.open_file(path.c_str(), err));
        std::vector<ReadItem> items;
        while (plain.next_batch(items, 64, 1u << 20) == StreamReader::Status::kItems) {
        }
        for (const auto& item : items) expected.push_back(described(item));
        mrrc::ThreadedReader reader{options};
        BOOST_REQUIRE(reader.open(path.c_str(), err));
        std::vector<Record> done;
        for (;;) {
            auto batch = reader.pop();
            for (auto& item : batch->items) {
                actual.push_back(described(item));
                done.push_back(std::move(item.record));
            }
            reader.pool()->give_back(done);
            if (batch->status != StreamReader::Status::kItems) break;
        }
        BOOST_TEST(actual == expected, path);
        ++files;
    }
    BOOST_TEST(files > 10u);
}

BOOST_AUTO_TEST_SUITE_END()
