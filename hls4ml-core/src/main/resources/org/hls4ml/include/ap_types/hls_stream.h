// hls_stream.h - bundled C-simulation model of hls::stream for hls4ml-maven-plugin.
// An unbounded FIFO: never full in simulation. Reading an empty stream prints an error naming the
// stream and aborts. The high-water mark of occupancy is tracked per stream (max_size()).
//
// The FIFO is a ring buffer whose first slot lives inside the stream object: a stream that never holds
// more than one element at a time (the usual case between layers that pass one whole vector) never
// touches the heap; beyond that the capacity doubles on the heap as needed. Trivially copyable
// elements (ap types, nnet::array packs) are stored as bytes by one non-template FIFO class.
#ifndef HLS4ML_HLS_STREAM_H
#define HLS4ML_HLS_STREAM_H

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <type_traits>

namespace hls {

namespace stream_detail {
// FIFO of fixed-size records (trivially copyable elements moved with memcpy), not a template, so
// it is compiled once per translation unit whatever the number of stream types. Same growth rule
// as the generic ring below: the first slot is the caller's inline storage.
class byte_fifo {
  public:
    byte_fifo(std::size_t elem, unsigned char* first) : first_(first), buf_(first), elem_(elem), cap_(1), head_(0), count_(0), max_(0) {}
    ~byte_fifo() {
        if (buf_ != first_) std::free(buf_);
    }
    std::size_t size() const { return count_; }
    std::size_t max_size() const { return max_; }
    void push(const void* v) {
        if (count_ == cap_) grow();
        std::memcpy(buf_ + ((head_ + count_) & (cap_ - 1)) * elem_, v, elem_);
        if (++count_ > max_) max_ = count_;
    }
    void pop(void* v) {  // count_ > 0
        std::memcpy(v, buf_ + head_ * elem_, elem_);
        head_ = (head_ + 1) & (cap_ - 1);
        count_--;
    }

  private:
    byte_fifo(const byte_fifo&);
    byte_fifo& operator=(const byte_fifo&);
    void grow() {
        unsigned char* nb = static_cast<unsigned char*>(std::malloc(2 * cap_ * elem_));
        if (!nb) {
            std::fprintf(stderr, "ERROR: hls::stream: out of memory (C simulation)\n");
            std::abort();
        }
        for (std::size_t k = 0; k < count_; k++) std::memcpy(nb + k * elem_, buf_ + ((head_ + k) & (cap_ - 1)) * elem_, elem_);
        if (buf_ != first_) std::free(buf_);
        buf_ = nb;
        cap_ *= 2;
        head_ = 0;
    }
    unsigned char* first_;
    unsigned char* buf_;
    std::size_t elem_, cap_, head_, count_, max_;
};

inline void read_empty(const std::string& name) {
    std::fprintf(stderr, "ERROR: hls::stream '%s' is read while empty (C simulation)\n", name.c_str());
    std::fflush(stderr);
    std::abort();
}

// Element storage: records of bytes for trivially copyable T, a ring of T objects otherwise.
template <class T, bool Trivial = std::is_trivially_copyable<T>::value>
class fifo {
  public:
    fifo() : q_(sizeof(T), first_) {}
    std::size_t size() const { return q_.size(); }
    std::size_t max_size() const { return q_.max_size(); }
    void push(const T& v) { q_.push(&v); }
    T pop() {
        T v;
        q_.pop(&v);
        return v;
    }

  private:
    alignas(T) unsigned char first_[sizeof(T)];
    byte_fifo q_;
};
template <class T>
class fifo<T, false> {
  public:
    fifo() : buf_(&first_), cap_(1), head_(0), count_(0), max_(0) {}
    ~fifo() {
        if (buf_ != &first_) delete[] buf_;
    }
    std::size_t size() const { return count_; }
    std::size_t max_size() const { return max_; }
    void push(const T& v) {
        if (count_ == cap_) grow();
        buf_[(head_ + count_) & (cap_ - 1)] = v;
        if (++count_ > max_) max_ = count_;
    }
    T pop() {
        const std::size_t h = head_;
        head_ = (head_ + 1) & (cap_ - 1);
        count_--;
        return buf_[h];
    }

  private:
    fifo(const fifo&);
    fifo& operator=(const fifo&);
    void grow() {  // capacity stays a power of two
        T* nb = new T[2 * cap_];
        for (std::size_t k = 0; k < count_; k++) nb[k] = buf_[(head_ + k) & (cap_ - 1)];
        if (buf_ != &first_) delete[] buf_;
        buf_ = nb;
        cap_ *= 2;
        head_ = 0;
    }
    T first_;  // the first slot of the ring (capacity 1 until a second element is queued)
    T* buf_;
    std::size_t cap_, head_, count_, max_;
};
}  // namespace stream_detail

template <class T>
class stream {
  public:
    stream() : name_("hls::stream") {}
    explicit stream(const char* name) : name_(name ? name : "hls::stream") {}
    explicit stream(const std::string& name) : name_(name) {}
    stream(const stream&) = delete;
    stream& operator=(const stream&) = delete;

    bool empty() const { return q_.size() == 0; }
    bool full() const { return false; }
    std::size_t size() const { return q_.size(); }
    /** Largest number of elements the stream ever held (FIFO depth profiling). */
    std::size_t max_size() const { return q_.max_size(); }
    const std::string& name() const { return name_; }

    T read() {
        if (q_.size() == 0) stream_detail::read_empty(name_);
        return q_.pop();
    }
    void read(T& v) { v = read(); }
    bool read_nb(T& v) {
        if (q_.size() == 0) return false;
        v = q_.pop();
        return true;
    }
    void write(const T& v) { q_.push(v); }
    bool write_nb(const T& v) {
        write(v);
        return true;
    }
    void operator>>(T& v) { read(v); }
    void operator<<(const T& v) { write(v); }

  private:
    std::string name_;
    stream_detail::fifo<T> q_;
};

}  // namespace hls

#endif  // HLS4ML_HLS_STREAM_H
