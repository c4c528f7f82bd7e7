#include "core/inspect/derived_capture.h"

#include "core/base/clock.h"
#include "core/base/translate.h"
#include "core/capture/record_text.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace socklab {

namespace {

// Flags a message keeps from the read that completed it (Evicted is about the source's bytes).
constexpr std::uint16_t kMessageFlags =
    RecordFlag::Oob | RecordFlag::Truncated | RecordFlag::Broadcast | RecordFlag::Multicast |
    RecordFlag::Upstream | RecordFlag::Injected | RecordFlag::Edited;

// A live capture's newest reads may be stamped a little before they are visible: the idle gap
// is judged this much behind the clock.
constexpr std::int64_t kIdleMarginNs = 5'000'000;

struct StreamKey {
    std::uint32_t connection = 0;
    Direction direction = Direction::In;
    friend auto operator<=>(const StreamKey&, const StreamKey&) = default;
};

/// Why a message under way ended before its framing said so.
enum class EndCause : std::uint8_t {
    End = 1, ///< its stream (or datagram) ended
    Hole,    ///< bytes after it were evicted by the memory cap before they were read
    Gap,     ///< the imported capture lacks the bytes after it
};

std::string bytesText(std::uint64_t n) {
    //: A byte count, put into the notes below.
    return n == 1 ? trArgs(SL_TR("socklab", "%1 byte"), n)
                  : trArgs(SL_TR("socklab", "%1 bytes"), n);
}

std::string noteText(FrameNote note, EndCause cause, bool datagram, std::size_t size,
                     std::size_t maxBytes) {
    switch (note) {
    case FrameNote::Cut:
        return trArgs(SL_TR("socklab", "message cut at %1 (the framing's limit); it goes on in "
                                       "the next record"),
                      bytesText(maxBytes));
    case FrameNote::Unfinished:
        switch (cause) {
        case EndCause::Hole:
            return trArgs(SL_TR("socklab", "message cut short after %1: the bytes after it were "
                                           "evicted by the memory cap before they were framed"),
                          bytesText(size));
        case EndCause::Gap:
            return trArgs(SL_TR("socklab", "message cut short after %1: the capture lacks the "
                                           "bytes after it (gap)"),
                          bytesText(size));
        case EndCause::End:
            break;
        }
        return datagram ? trArgs(SL_TR("socklab", "the datagram ended inside a message: %1"),
                                 bytesText(size))
                        : trArgs(SL_TR("socklab", "the stream ended inside a message: %1"),
                                 bytesText(size));
    case FrameNote::BadLength:
        return SL_TR("socklab", "the length header counts fewer bytes than the header itself: "
                                "the header alone");
    case FrameNote::None:
        break;
    }
    return {};
}

} // namespace

struct DerivedCapture::Impl {
    explicit Impl(CompiledFilter f) : filter(std::move(f)) {}

    /// The read a message is stamped with (the one that completed it).
    struct Stamp {
        std::uint32_t connection = 0;
        Direction direction = Direction::In;
        std::uint16_t flags = 0;
        std::uint64_t wireLength = 0;
        std::int64_t wallNs = 0;
        std::int64_t monoNs = 0;
        Endpoint peer;
    };
    struct Stream {
        explicit Stream(const FramingSpec& spec) : framer(spec) {}
        Framer framer;
        Stamp last;
        bool afterHole = false; ///< the next message may begin inside one (bytes were lost)
    };
    /// Evicted reads of one stream in a row, said once.
    struct Hole {
        std::uint64_t bytes = 0;
        Stamp stamp;
    };

    CompiledFilter filter;
    std::map<StreamKey, Stream> streams;
    std::map<StreamKey, Hole> holes;
    std::map<std::uint32_t, Endpoint> connectionPeers;
    std::uint64_t next = 0;
};

DerivedCapture::DerivedCapture(DerivedCapture&& other) noexcept
    : m_source(std::move(other.m_source)), m_store(std::move(other.m_store)),
      m_view(std::move(other.m_view)), m_impl(std::move(other.m_impl)), m_done(other.m_done.load()),
      m_looked(other.m_looked.load()) {}

DerivedCapture& DerivedCapture::operator=(DerivedCapture&& other) noexcept {
    m_source = std::move(other.m_source);
    m_store = std::move(other.m_store);
    m_view = std::move(other.m_view);
    m_impl = std::move(other.m_impl);
    m_done.store(other.m_done.load());
    m_looked.store(other.m_looked.load());
    return *this;
}

DerivedCapture::~DerivedCapture() = default;

Result<DerivedCapture> DerivedCapture::create(std::shared_ptr<const TrafficStore> source,
                                              CaptureView view) {
    if (auto ok = validateFraming(view.framing); !ok) {
        return fail(ok.error());
    }
    auto filter = CompiledFilter::compile(view.filter);
    if (!filter) {
        return fail(filter.error());
    }
    DerivedCapture d;
    d.m_store = std::make_shared<TrafficStore>(source->config());
    d.m_impl = std::make_unique<Impl>(std::move(*filter));
    d.m_impl->next = source->beginSeq();
    d.m_source = std::move(source);
    d.m_view = std::move(view);
    return d;
}

namespace {

/// The work of one pass; a struct so the helpers share the capture's parts without a long
/// argument list.
struct Pass {
    const TrafficStore& source;
    TrafficStore& out;
    const CaptureView& view;
    DerivedCapture::Impl& impl;

    using Stamp = DerivedCapture::Impl::Stamp;
    using Stream = DerivedCapture::Impl::Stream;

    /// The peer a record is filtered by: a stream's records take their connection's peer (a
    /// relay's server leg too); a datagram its sender.
    [[nodiscard]] std::string peerText(const Stamp& s) const {
        const auto it = impl.connectionPeers.find(s.connection);
        const bool known = it != impl.connectionPeers.end();
        if (!s.peer.empty() && (view.datagrams || !known)) {
            return s.peer.toString();
        }
        return known ? it->second.toString() : std::string();
    }

    /// A note of the derivation (a message cut short, evicted bytes): shown with the events.
    void note(const Stamp& s, const std::string& text) {
        if (!impl.filter.acceptsKind(RecordKind::Info, Direction::Local) ||
            !impl.filter.acceptsPeer(peerText(s))) {
            return;
        }
        out.appendEvent(s.connection, RecordKind::Info, text, 0, s.peer.empty() ? nullptr : &s.peer,
                        s.flags & RecordFlag::Upstream, s.wallNs, s.monoNs);
    }

    /// A message (or a read, with Raw framing) that passed the kind check: keep it if the
    /// peer and content conditions hold, with its note.
    void message(const Stamp& s, ByteView bytes, FrameNote note, EndCause cause, Stream* stream) {
        const bool afterHole = stream && stream->afterHole;
        if (stream) {
            stream->afterHole = false;
        }
        if (!impl.filter.acceptsPeer(peerText(s)) || !impl.filter.acceptsContent(bytes)) {
            return;
        }
        out.appendData(s.connection, s.direction, bytes, s.peer.empty() ? nullptr : &s.peer,
                       s.flags & kMessageFlags, s.wireLength, s.wallNs, s.monoNs);
        if (afterHole) {
            this->note(s, SL_TR("socklab", "this message follows bytes that are missing: it may "
                                           "begin inside one"));
        }
        if (note != FrameNote::None) {
            this->note(s, noteText(note, cause, view.datagrams, bytes.size(),
                                   view.framing.maxMessageBytes));
        }
    }

    [[nodiscard]] Framer::Sink sinkFor(const Stamp& stamp, Stream* stream,
                                       EndCause cause = EndCause::End) {
        return [this, &stamp, stream, cause](const FramedMessage& m) {
            message(stamp, m.bytes, m.note, cause, stream);
        };
    }

    void finishStream(Stream& stream, EndCause cause) {
        const Stamp stamp = stream.last;
        stream.framer.finish(sinkFor(stamp, &stream, cause));
        if (cause != EndCause::End) {
            stream.afterHole = true;
        }
    }

    void flushHole(const StreamKey& key) {
        const auto it = impl.holes.find(key);
        if (it == impl.holes.end()) {
            return;
        }
        const DerivedCapture::Impl::Hole hole = it->second;
        impl.holes.erase(it);
        note(
            hole.stamp,
            view.framing.mode == FramingMode::Raw
                ? trArgs(SL_TR("socklab", "%1 evicted by the memory cap before they were filtered"),
                         bytesText(hole.bytes))
                : trArgs(SL_TR("socklab", "%1 evicted by the memory cap before they were framed"),
                         bytesText(hole.bytes)));
    }

    void flushHoles() {
        while (!impl.holes.empty()) {
            flushHole(impl.holes.begin()->first);
        }
    }

    void finishStreams(std::uint32_t connection, bool in, bool outDir,
                       EndCause cause = EndCause::End) {
        for (auto& [key, stream] : impl.streams) {
            if (key.connection == connection && ((in && key.direction == Direction::In) ||
                                                 (outDir && key.direction == Direction::Out))) {
                finishStream(stream, cause);
            }
        }
    }

    /// Bytes of a read the source no longer holds (evicted before this pass got to them).
    void evicted(const StreamKey& key, const Record& r, const Stamp& stamp) {
        if (auto it = impl.streams.find(key); it != impl.streams.end()) {
            finishStream(it->second, EndCause::Hole); // what came before the hole ends there
        }
        DerivedCapture::Impl::Hole& hole = impl.holes[key];
        hole.bytes += r.length;
        hole.stamp = stamp;
    }

    void data(const Record& r, const Stamp& stamp) {
        if (!impl.filter.acceptsKind(RecordKind::Data, r.direction)) {
            return; // nothing of this direction is shown: no need to read or frame it
        }
        const StreamKey key{r.connectionId, r.direction};
        // Read first, then look: the cap may evict the bytes between a check and the read.
        const ByteVector bytes = source.recordBytes(r);
        if (bytes.size() != r.length) {
            evicted(key, r, stamp);
            return;
        }
        flushHole(key);
        if (view.framing.mode == FramingMode::Raw || (r.flags & RecordFlag::Oob) != 0 ||
            (view.datagrams && bytes.empty())) {
            message(stamp, bytes, FrameNote::None, EndCause::End, nullptr);
            return;
        }
        if (view.datagrams) {
            Framer framer(view.framing);
            framer.feed(bytes, r.monoNs, sinkFor(stamp, nullptr));
            framer.finish(sinkFor(stamp, nullptr));
            return;
        }
        auto it = impl.streams.find(key);
        if (it == impl.streams.end()) {
            it = impl.streams.emplace(key, Stream(view.framing)).first;
        }
        Stream& stream = it->second;
        if (view.framing.mode == FramingMode::IdleGap) {
            // Bytes that were already a message by the time this read came end at the previous
            // read, not this one.
            const Stamp previous = stream.last;
            stream.framer.poll(r.monoNs, sinkFor(previous, &stream));
        }
        stream.last = stamp;
        stream.last.wireLength = 0;
        stream.framer.feed(bytes, r.monoNs, sinkFor(stream.last, &stream));
    }

    void event(const Record& r, const Stamp& stamp) {
        // A relay's server-leg records (Upstream) name the other direction: the server's FIN
        // ends server->client (Out), our FIN to the server ends client->server (In).
        const bool upstream = (r.flags & RecordFlag::Upstream) != 0;
        switch (r.kind) {
        case RecordKind::Opened:
        case RecordKind::Connecting:
        case RecordKind::Connected:
        case RecordKind::Accepted:
            // A new connection under this id (a reopened client): nothing carries over.
            if (!upstream) {
                finishStreams(r.connectionId, true, true);
            }
            break;
        case RecordKind::PeerClosed:
            finishStreams(r.connectionId, !upstream, upstream);
            break;
        case RecordKind::HalfClosed:
            finishStreams(r.connectionId, upstream, !upstream);
            break;
        case RecordKind::Closed:
        case RecordKind::Reset:
            finishStreams(r.connectionId, true, true);
            break;
        case RecordKind::Info:
            // A hole in an imported stream: the bytes on either side are not one message.
            if (const auto dir = streamGapDirection(source.text(r))) {
                finishStreams(r.connectionId, *dir == Direction::In, *dir == Direction::Out,
                              EndCause::Gap);
            }
            break;
        default:
            break;
        }
        if (!impl.filter.acceptsKind(r.kind, r.direction) ||
            !impl.filter.acceptsPeer(peerText(stamp))) {
            return;
        }
        const std::string text = source.text(r);
        if (!impl.filter.acceptsText(text)) {
            return;
        }
        out.appendEvent(r.connectionId, r.kind, text, r.err,
                        stamp.peer.empty() ? nullptr : &stamp.peer, r.flags, r.wallNs, r.monoNs);
    }

    void record(const Record& r) {
        Stamp stamp{r.connectionId, r.direction, r.flags, r.wireLength, r.wallNs, r.monoNs, {}};
        if (r.peerIndex != 0) {
            stamp.peer = source.peer(r);
            const bool opens = r.kind == RecordKind::Connecting ||
                               r.kind == RecordKind::Connected || r.kind == RecordKind::Accepted;
            // A connection's peer is the one it connected to or was accepted from (a relay's
            // client: its server leg's records say Upstream), else the first one seen.
            if (opens && (r.flags & RecordFlag::Upstream) == 0) {
                impl.connectionPeers.insert_or_assign(r.connectionId, stamp.peer);
            } else {
                impl.connectionPeers.try_emplace(r.connectionId, stamp.peer);
            }
        }
        if (r.kind == RecordKind::Data) {
            data(r, stamp);
        } else {
            event(r, stamp);
        }
    }
};

} // namespace

bool DerivedCapture::advance(std::size_t maxRecords, std::int64_t nowMonoNs,
                             const std::atomic<bool>* cancel) {
    Pass pass{*m_source, *m_store, m_view, *m_impl};
    Impl& impl = *m_impl;
    const std::uint64_t begin = m_source->beginSeq();
    if (impl.next < begin) {
        // The source's record limit dropped records before they were read: what was under way
        // ends first, then the note.
        const std::uint64_t lost = begin - impl.next;
        for (auto& [key, stream] : impl.streams) {
            pass.finishStream(stream, EndCause::Hole);
        }
        pass.note({}, lost == 1 ? trArgs(SL_TR("socklab", "%1 record dropped by the capture's "
                                                          "record limit before they were read"),
                                         lost)
                                : trArgs(SL_TR("socklab", "%1 records dropped by the capture's "
                                                          "record limit before they were read"),
                                         lost));
        m_looked.fetch_add(lost, std::memory_order_relaxed);
        impl.next = begin;
    }
    const std::uint64_t end = m_source->endSeq();
    if (impl.next < end && maxRecords > 0) {
        const auto batch = m_source->records(
            impl.next,
            static_cast<std::size_t>(std::min<std::uint64_t>(maxRecords, end - impl.next)));
        for (const Record& r : batch) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                break; // the owner is going: leave the rest
            }
            pass.record(r);
            impl.next = r.seq + 1;
            m_looked.fetch_add(1, std::memory_order_relaxed);
        }
    }
    const bool all = impl.next >= end;
    if (all) {
        pass.flushHoles();
        // Only now is "nothing more arrived" true: while catching up, the next read of a
        // message under way is already in the store.
        if (nowMonoNs > 0 && m_view.framing.mode == FramingMode::IdleGap) {
            const std::int64_t now = nowMonoNs - kIdleMarginNs;
            for (auto& [key, stream] : impl.streams) {
                const auto deadline = stream.framer.idleDeadlineNs();
                if (deadline && now >= *deadline) {
                    const Impl::Stamp stamp = stream.last;
                    stream.framer.poll(now, pass.sinkFor(stamp, &stream));
                }
            }
        }
    }
    m_done.store(impl.next, std::memory_order_release);
    return all && impl.next >= m_source->endSeq();
}

void DerivedCapture::finish() {
    Pass pass{*m_source, *m_store, m_view, *m_impl};
    pass.flushHoles();
    for (auto& [key, stream] : m_impl->streams) {
        pass.finishStream(stream, EndCause::End);
    }
}

LiveDerivedCapture::LiveDerivedCapture(DerivedCapture capture, bool sourceComplete)
    : m_capture(std::make_unique<DerivedCapture>(std::move(capture))), m_store(m_capture->store()),
      m_view(m_capture->view()), m_sourceComplete(sourceComplete),
      m_worker([this](std::stop_token stop) { run(std::move(stop)); }) {}

LiveDerivedCapture::~LiveDerivedCapture() {
    m_stopping.store(true, std::memory_order_relaxed); // ends a batch at its next record
    m_worker.request_stop();
    m_worker.join();
}

std::uint64_t LiveDerivedCapture::sourceDone() const {
    return m_capture->sourceDone();
}

void LiveDerivedCapture::run(std::stop_token stop) {
    constexpr std::size_t kBatch = 4096;
    constexpr auto kIdle = std::chrono::milliseconds(20);
    std::mutex mutex;
    std::condition_variable_any wake;
    bool finished = false;
    while (!stop.stop_requested()) {
        const bool all =
            m_capture->advance(kBatch, m_sourceComplete ? 0 : monotonicNs(), &m_stopping);
        if (!all) {
            m_caughtUp.store(false, std::memory_order_release);
            continue;
        }
        if (m_sourceComplete && !finished) {
            m_capture->finish();
            finished = true;
        }
        m_caughtUp.store(true, std::memory_order_release);
        std::unique_lock lock(mutex);
        wake.wait_for(lock, stop, kIdle, [] { return false; });
    }
}

} // namespace socklab
