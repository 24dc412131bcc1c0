#include "mrrc/byte_buffer.hpp"

#include <cstring>

namespace mrrc {

char* ByteBuffer::grow(std::size_t extra) {
    if (size_ + extra > capacity_) {
        std::size_t capacity = capacity_ ? capacity_ : 4096;
        while (capacity < size_ + extra) capacity *= 2;
        std::unique_ptr<char[]> bigger(new char[capacity]);  // uninitialised on purpose
        if (size_) std::memcpy(bigger.get(), data_.get(), size_);
        data_ = std::move(bigger);
        capacity_ = capacity;
    }
    return data_.get() + size_;
}

void ByteBuffer::append(const char* bytes, std::size_t count) {
    if (count == 0) return;
    std::memcpy(grow(count), bytes, count);
    commit(count);
}

void ByteBuffer::consume_front(std::size_t count) noexcept {
    if (count >= size_) {
        size_ = 0;
        return;
    }
    std::memmove(data_.get(), data_.get() + count, size_ - count);
    size_ -= count;
}

void ByteBuffer::release() noexcept {
    data_.reset();
    size_ = capacity_ = 0;
}

}  // namespace mrrc
