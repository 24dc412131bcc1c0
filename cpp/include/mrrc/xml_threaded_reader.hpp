// Reading a MARCXML file on a producer thread: it reads the file and runs the
// XmlReader (libexpat) while the consumer builds Python objects, and hands
// over the records through a BatchPipe. close() stops and joins the producer.
#pragma once

#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

#include "mrrc/batch_pipe.hpp"
#include "mrrc/xml_reader.hpp"

namespace mrrc {

/// What the producer hands over: records in document order; the last batch
/// says how the document ended.
struct XmlBatch {
    std::vector<XmlItem> items;
    bool last = false;         ///< no batch follows
    XmlError error;            ///< when last: the reader's failure, if any
    int io_errno = 0;          ///< when last: the operating system failed to read the file
};

struct XmlThreadedOptions {
    XmlReadOptions read;
    std::size_t chunk_size = 256u << 10;  ///< bytes per read() from the file
    std::size_t queue_batches = 4;        ///< batches read ahead at most (each one chunk's records)
};

///   XmlThreadedReader reader(api, options);
///   int err; if (!reader.open("harvest.xml", err)) ...;
///   for (auto b = reader.pop(); ; b = reader.pop()) { use(b->items); if (b->last) break; }
class XmlThreadedReader {
public:
    XmlThreadedReader(const expat::Api& api, const XmlThreadedOptions& options);
    ~XmlThreadedReader();  // stops and joins the producer
    XmlThreadedReader(const XmlThreadedReader&) = delete;
    XmlThreadedReader& operator=(const XmlThreadedReader&) = delete;

    /// Open the file and start the producer; false with errno on failure.
    bool open(const char* path, int& error_number) noexcept;

    /// The next batch, waiting for the producer when none is ready; after the
    /// last one, an empty last batch.
    std::unique_ptr<XmlBatch> pop() noexcept;

    /// Stop the producer (it finishes at most the chunk in hand) and join it. Idempotent.
    void close() noexcept;

private:
    void produce() noexcept;

    XmlThreadedOptions options_;
    XmlReader reader_;
    BatchPipe<XmlBatch> pipe_;
    int fd_ = -1;
    std::thread producer_;
};

}  // namespace mrrc
