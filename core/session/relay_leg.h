#pragma once

#include "core/base/error.h"
#include "core/base/unique_fd.h"
#include "core/loop/event_loop.h"

#include <cstddef>
#include <deque>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace socklab {

/// One socket of a stream relay pair (the client's or the upstream one). It moves bytes and
/// nothing else: the pair decides what is recorded, impaired or held. Reading can be paused
/// (backpressure), writes queue (partial writes, EAGAIN), shutdown(SHUT_WR) waits for the queue.
class RelayLeg {
public:
    struct Callbacks {
        std::function<void(std::span<const std::byte>)> onBytes; ///< bytes read
        std::function<void()> onEof;                             ///< the peer's FIN
        std::function<void(const Error&)> onError;               ///< recv/send/SO_ERROR failed
        std::function<void()> onConnected;                       ///< non-blocking connect done
        std::function<void()> onDrained;                         ///< the write queue emptied
    };

    RelayLeg(EventLoop& loop, std::span<std::byte> readBuffer, std::string label,
             Callbacks callbacks);
    ~RelayLeg();
    RelayLeg(const RelayLeg&) = delete;
    RelayLeg& operator=(const RelayLeg&) = delete;

    /// Take a connected (or connecting: connecting true) socket and start watching it.
    Status attach(UniqueFd fd, bool connecting);
    void write(std::span<const std::byte> bytes);
    /// shutdown(SHUT_WR) once the queue is flushed.
    void shutdownWrite();
    /// Close at once; abortive sends RST (SO_LINGER {1,0}).
    void close(bool abortive);
    void setReading(bool on);

    [[nodiscard]] bool isOpen() const { return m_fd.valid(); }
    [[nodiscard]] bool connected() const { return m_fd.valid() && !m_connecting; }
    [[nodiscard]] bool eofSeen() const { return m_eof; }
    [[nodiscard]] bool writeShut() const { return m_writeShut; }
    [[nodiscard]] std::size_t queuedBytes() const { return m_queuedBytes; }
    [[nodiscard]] int fd() const { return m_fd.get(); }
    [[nodiscard]] const std::string& label() const { return m_label; }

private:
    void onEvents(std::uint32_t events);
    void readAvailable();
    void flush();
    void updateInterest();
    void failWith(const Error& error);

    EventLoop& m_loop;
    std::span<std::byte> m_buffer;
    std::string m_label;
    Callbacks m_callbacks;
    UniqueFd m_fd;
    std::deque<std::vector<std::byte>> m_queue;
    std::size_t m_frontOffset = 0;
    std::size_t m_queuedBytes = 0;
    bool m_connecting = false;
    bool m_reading = true;
    bool m_eof = false;
    bool m_shutdownPending = false;
    bool m_writeShut = false;
    bool m_parked = false; ///< not watched after a hangup with nothing to read (see onEvents)
};

} // namespace socklab
