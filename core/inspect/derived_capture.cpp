#include "core/inspect/derived_capture.h"

#include "core/base/clock.h"
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

struct StreamKey {
    std::uint32_t connection = 0;
    Direction direction = Direction::In;
    bool upstream = false;
    friend auto operator<=>(const StreamKey&, const StreamKey&) = default;
};

std::string bytesText(std::uint64_t n) {
    return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

std::string noteText(FrameNote note, std::size_t size, std::size_t maxBytes) {
    switch (note) {
    case FrameNote::Cut:
        return "message cut at " + bytesText(maxBytes) +
               " (the framing's limit); it goes on in the next record";
    case FrameNote::Unfinished:
        return "the stream ended inside a message: " + bytesText(size);
    case FrameNote::BadLength:
        return "the length header counts fewer bytes than the header itself: the header alone";
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
    };

    CompiledFilter filter;
    std::map<StreamKey, Stream> streams;
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

    [[nodiscard]] std::string peerText(const Stamp& s) const {
        if (!s.peer.empty()) {
            return s.peer.toString();
        }
        const auto it = impl.connectionPeers.find(s.connection);
        return it == impl.connectionPeers.end() ? std::string() : it->second.toString();
    }

    void info(const Stamp& s, const std::string& text) {
        out.appendEvent(s.connection, RecordKind::Info, text, 0, s.peer.empty() ? nullptr : &s.peer,
                        s.flags & RecordFlag::Upstream, s.wallNs, s.monoNs);
    }

    /// A message (or a read, with Raw framing) that passed the kind check: keep it if the
    /// peer and content conditions hold, with its note.
    void message(const Stamp& s, ByteView bytes, FrameNote note) {
        if (!impl.filter.acceptsPeer(peerText(s)) || !impl.filter.acceptsContent(bytes)) {
            return;
        }
        out.appendData(s.connection, s.direction, bytes, s.peer.empty() ? nullptr : &s.peer,
                       s.flags & kMessageFlags, s.wireLength, s.wallNs, s.monoNs);
        if (note != FrameNote::None) {
            info(s, noteText(note, bytes.size(), view.framing.maxMessageBytes));
        }
    }

    [[nodiscard]] Framer::Sink sinkFor(const Stamp& stamp) {
        return [this, &stamp](const FramedMessage& m) { message(stamp, m.bytes, m.note); };
    }

    void finishStream(DerivedCapture::Impl::Stream& stream) {
        const Stamp stamp = stream.last;
        stream.framer.finish(sinkFor(stamp));
    }

    void finishStreams(std::uint32_t connection, bool in, bool outDir) {
        for (auto& [key, stream] : impl.streams) {
            if (key.connection == connection && ((in && key.direction == Direction::In) ||
                                                 (outDir && key.direction == Direction::Out))) {
                finishStream(stream);
            }
        }
    }

    void data(const Record& r, const Stamp& stamp) {
        if (!impl.filter.acceptsKind(RecordKind::Data, r.direction)) {
            return; // nothing of this direction is shown: no need to read or frame it
        }
        const StreamKey key{r.connectionId, r.direction, (r.flags & RecordFlag::Upstream) != 0};
        if (r.length > 0 && !source.bytesAvailable(r)) {
            if (auto it = impl.streams.find(key); it != impl.streams.end()) {
                finishStream(it->second); // what came before the hole ends there
            }
            info(stamp, bytesText(r.length) + " evicted by the memory cap before they were " +
                            (view.framing.mode == FramingMode::Raw ? "filtered" : "framed"));
            return;
        }
        const ByteVector bytes = source.recordBytes(r);
        if (view.framing.mode == FramingMode::Raw || (r.flags & RecordFlag::Oob) != 0 ||
            (view.datagrams && bytes.empty())) {
            message(stamp, bytes, FrameNote::None);
            return;
        }
        if (view.datagrams) {
            Framer framer(view.framing);
            framer.feed(bytes, r.monoNs, sinkFor(stamp));
            framer.finish(sinkFor(stamp));
            return;
        }
        auto it = impl.streams.find(key);
        if (it == impl.streams.end()) {
            it = impl.streams.emplace(key, DerivedCapture::Impl::Stream(view.framing)).first;
        }
        DerivedCapture::Impl::Stream& stream = it->second;
        if (view.framing.mode == FramingMode::IdleGap) {
            // Bytes that were already a message by the time this read came end at the previous
            // read, not this one.
            const Stamp previous = stream.last;
            stream.framer.poll(r.monoNs, sinkFor(previous));
        }
        stream.last = stamp;
        stream.last.wireLength = 0;
        stream.framer.feed(bytes, r.monoNs, sinkFor(stream.last));
    }

    void event(const Record& r, const Stamp& stamp) {
        switch (r.kind) {
        case RecordKind::PeerClosed:
            finishStreams(r.connectionId, true, false);
            break;
        case RecordKind::HalfClosed:
            finishStreams(r.connectionId, false, true);
            break;
        case RecordKind::Closed:
        case RecordKind::Reset:
            finishStreams(r.connectionId, true, true);
            break;
        case RecordKind::Info:
            // A hole in an imported stream: the bytes on either side are not one message.
            if (const auto dir = streamGapDirection(source.text(r))) {
                finishStreams(r.connectionId, *dir == Direction::In, *dir == Direction::Out);
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
        if (!impl.filter.acceptsContent(asBytes(text))) {
            return;
        }
        out.appendEvent(r.connectionId, r.kind, text, r.err,
                        stamp.peer.empty() ? nullptr : &stamp.peer, r.flags, r.wallNs, r.monoNs);
    }

    void record(const Record& r) {
        Stamp stamp{r.connectionId, r.direction, r.flags, r.wireLength, r.wallNs, r.monoNs, {}};
        if (r.peerIndex != 0) {
            stamp.peer = source.peer(r);
            impl.connectionPeers.try_emplace(r.connectionId, stamp.peer);
        }
        if (r.kind == RecordKind::Data) {
            data(r, stamp);
        } else {
            event(r, stamp);
        }
    }
};

} // namespace

bool DerivedCapture::advance(std::size_t maxRecords, std::int64_t nowMonoNs) {
    Pass pass{*m_source, *m_store, m_view, *m_impl};
    Impl& impl = *m_impl;
    const std::uint64_t begin = m_source->beginSeq();
    if (impl.next < begin) {
        // The source's record limit dropped records before they were read.
        const std::uint64_t lost = begin - impl.next;
        m_store->appendEvent(0, RecordKind::Info,
                             std::to_string(lost) + (lost == 1 ? " record" : " records") +
                                 " dropped by the capture's record limit before they were read");
        for (auto& [key, stream] : impl.streams) {
            pass.finishStream(stream);
        }
        m_looked.fetch_add(lost, std::memory_order_relaxed);
        impl.next = begin;
    }
    const std::uint64_t end = m_source->endSeq();
    if (impl.next < end && maxRecords > 0) {
        const auto batch = m_source->records(
            impl.next,
            static_cast<std::size_t>(std::min<std::uint64_t>(maxRecords, end - impl.next)));
        for (const Record& r : batch) {
            pass.record(r);
        }
        if (!batch.empty()) {
            m_looked.fetch_add(batch.back().seq + 1 - impl.next, std::memory_order_relaxed);
            impl.next = batch.back().seq + 1;
        }
    }
    if (nowMonoNs > 0 && m_view.framing.mode == FramingMode::IdleGap) {
        for (auto& [key, stream] : impl.streams) {
            const auto deadline = stream.framer.idleDeadlineNs();
            if (deadline && nowMonoNs >= *deadline) {
                const Impl::Stamp stamp = stream.last;
                stream.framer.poll(nowMonoNs, pass.sinkFor(stamp));
            }
        }
    }
    m_done.store(impl.next, std::memory_order_release);
    return impl.next >= m_source->endSeq();
}

void DerivedCapture::finish() {
    Pass pass{*m_source, *m_store, m_view, *m_impl};
    for (auto& [key, stream] : m_impl->streams) {
        pass.finishStream(stream);
    }
}

LiveDerivedCapture::LiveDerivedCapture(DerivedCapture capture, bool sourceComplete)
    : m_capture(std::make_unique<DerivedCapture>(std::move(capture))), m_store(m_capture->store()),
      m_view(m_capture->view()), m_sourceComplete(sourceComplete),
      m_worker([this](std::stop_token stop) { run(std::move(stop)); }) {}

LiveDerivedCapture::~LiveDerivedCapture() {
    m_worker.request_stop();
    m_worker.join();
}

std::uint64_t LiveDerivedCapture::sourceDone() const {
    return m_capture->sourceDone();
}

void LiveDerivedCapture::run(std::stop_token stop) {
    constexpr std::size_t kBatch = 8192;
    constexpr auto kIdle = std::chrono::milliseconds(20);
    std::mutex mutex;
    std::condition_variable_any wake;
    bool finished = false;
    while (!stop.stop_requested()) {
        const bool all = m_capture->advance(kBatch, m_sourceComplete ? 0 : monotonicNs());
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
