// A growable byte buffer whose new space is not zero-filled (std::string's
// resize() clears every byte it adds, which costs a pass per read chunk).
#pragma once

#include <cstddef>
#include <memory>

namespace mrrc {

class ByteBuffer {
public:
    char* data() noexcept { return data_.get(); }
    const char* data() const noexcept { return data_.get(); }
    std::size_t size() const noexcept { return size_; }

    /// Room for `extra` more bytes after size(); returns where they go. May throw std::bad_alloc.
    char* grow(std::size_t extra);
    /// Declare `count` bytes written at the position grow() returned.
    void commit(std::size_t count) noexcept { size_ += count; }
    /// Append bytes (grow + copy + commit).
    void append(const char* bytes, std::size_t count);
    /// Forget the bytes, keep the memory for reuse.
    void clear() noexcept { size_ = 0; }
    /// Drop the bytes after the first `count` (count <= size()).
    void truncate(std::size_t count) noexcept { size_ = count; }
    /// Drop the first `count` bytes.
    void consume_front(std::size_t count) noexcept;
    /// Free the memory.
    void release() noexcept;

private:
    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

}  // namespace mrrc
