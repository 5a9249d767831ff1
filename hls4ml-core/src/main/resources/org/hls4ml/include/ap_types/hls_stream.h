// hls_stream.h - bundled C-simulation model of hls::stream for hls4ml-maven-plugin.
// An unbounded FIFO: never full in simulation. Reading an empty stream prints an error naming the
// stream and aborts. The high-water mark of occupancy is tracked per stream (max_size()).
#ifndef HLS4ML_HLS_STREAM_H
#define HLS4ML_HLS_STREAM_H

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>

namespace hls {

template <class T>
class stream {
  public:
    stream() : name_("hls::stream"), max_(0) {}
    explicit stream(const char* name) : name_(name ? name : "hls::stream"), max_(0) {}
    explicit stream(const std::string& name) : name_(name), max_(0) {}
    stream(const stream&) = delete;
    stream& operator=(const stream&) = delete;

    bool empty() const { return q_.empty(); }
    bool full() const { return false; }
    std::size_t size() const { return q_.size(); }
    /** Largest number of elements the stream ever held (FIFO depth profiling). */
    std::size_t max_size() const { return max_; }
    const std::string& name() const { return name_; }

    T read() {
        if (q_.empty()) {
            std::fprintf(stderr, "ERROR: hls::stream '%s' is read while empty (C simulation)\n", name_.c_str());
            std::fflush(stderr);
            std::abort();
        }
        T v = q_.front();
        q_.pop_front();
        return v;
    }
    void read(T& v) { v = read(); }
    bool read_nb(T& v) {
        if (q_.empty()) return false;
        v = q_.front();
        q_.pop_front();
        return true;
    }
    void write(const T& v) {
        q_.push_back(v);
        if (q_.size() > max_) max_ = q_.size();
    }
    bool write_nb(const T& v) {
        write(v);
        return true;
    }
    void operator>>(T& v) { read(v); }
    void operator<<(const T& v) { write(v); }

  private:
    std::string name_;
    std::deque<T> q_;
    std::size_t max_;
};

}  // namespace hls

#endif  // HLS4ML_HLS_STREAM_H
