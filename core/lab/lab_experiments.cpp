// The catalog of guided experiments: what each sets up, the paragraph shown with it, and the
// functions that run and check it (lab_experiments_run.cpp, lab_experiments_script.cpp).
#include "core/lab/lab_experiments.h"

#include "core/base/translate.h"
#include "core/lab/lab_experiments_detail.h"

#include <algorithm>
#include <array>

namespace socklab {

namespace {

namespace x = lab_experiments;

LabExperiment schedule(std::string_view id, std::string_view title, std::string_view explanation,
                       LabRunSettings (*settings)(), LabClaim (*claim)(const LabRunEvidence&),
                       int timeout_ms = 30'000, std::string_view pairedWith = {}) {
    LabExperiment e;
    e.id = id;
    e.title = title;
    e.explanation = explanation;
    e.kind = LabExperimentKind::Schedule;
    e.settings = settings;
    e.runClaim = claim;
    e.timeout_ms = timeout_ms;
    e.pairedWith = pairedWith;
    return e;
}

LabExperiment script(std::string_view id, std::string_view title, std::string_view explanation,
                     std::vector<LabStep> (*steps)(), LabClaim (*claim)(const LabScriptEvidence&),
                     int timeout_ms = 20'000) {
    LabExperiment e;
    e.id = id;
    e.title = title;
    e.explanation = explanation;
    e.kind = LabExperimentKind::Script;
    e.steps = steps;
    e.scriptClaim = claim;
    e.timeout_ms = timeout_ms;
    return e;
}

const std::array<LabExperiment, 12>& catalog() {
    static const std::array<LabExperiment, 12> kCatalog = {
        schedule(
            "boundaries", SL_N("socklab", "Message boundaries"),
            SL_N("socklab",
                 "Host A sends 50 messages of 100 bytes as fast as it can, each with its own "
                 "write, over TCP and over UDP; the wire does nothing to them. Look at the reads "
                 "on the B side: TCP is a stream of bytes, so one read returns whatever has "
                 "arrived, several writes' worth, sometimes ending in the middle of a message. The "
                 "application must find the boundaries itself (here every message ends with a "
                 "newline). UDP keeps them: every read returns exactly one datagram, one message."),
            x::boundariesSettings, x::boundariesClaim),
        schedule(
            "loss", SL_N("socklab", "10% packet loss"),
            SL_N("socklab",
                 "The wire drops one packet in ten, at random, in both directions. Watch TCP: the "
                 "sender notices the gaps (duplicate acknowledgements, timeouts) and sends the "
                 "missing segments again, so every message arrives, in order, only some of them "
                 "later. Watch UDP: a dropped datagram is simply gone, nobody notices and nobody "
                 "sends it again; the messages UDP lost are exactly the datagrams the wire "
                 "dropped."),
            x::lossSettings, x::lossClaim),
        schedule(
            "reorder", SL_N("socklab", "Reordering"),
            SL_N("socklab",
                 "The wire holds back one packet in four from A to B until three later packets "
                 "have passed it. UDP hands each datagram to the application the moment it "
                 "arrives, so messages come out of order. TCP numbers every byte: the receiving "
                 "kernel keeps what arrives early and delivers the bytes only once the gap before "
                 "them is filled, so the application sees them in order (a little later)."),
            x::reorderSettings, x::reorderClaim),
        schedule(
            "duplicate", SL_N("socklab", "Duplication"),
            SL_N("socklab",
                 "The wire delivers one packet in five from A to B twice. UDP passes both copies "
                 "up: the application reads those messages twice and must cope itself (for "
                 "instance by numbering them). TCP's receiver knows by the sequence numbers that "
                 "it already has those bytes, drops the copy, and the application reads every byte "
                 "once."),
            x::duplicateSettings, x::duplicateClaim),
        schedule(
            "delay", SL_N("socklab", "Delay and jitter"),
            SL_N("socklab",
                 "Every packet waits 50 ms on the wire, plus or minus up to 25 ms (jitter), in "
                 "both directions. Look at the latency: no message arrives sooner than 25 ms after "
                 "it was sent, and the times vary. This wire keeps packets in order even with "
                 "jitter: a packet whose delay would let it overtake an earlier one waits for it, "
                 "so UDP sees no reordering here (Linux's netem emulator does reorder in that "
                 "case). TCP also arrives in order; its latency can be higher, because with Nagle "
                 "on a small write waits while earlier data is unacknowledged, and each "
                 "acknowledgement needs a round trip."),
            x::delaySettings, x::delayClaim),
        schedule(
            "nagle", SL_N("socklab", "Slow link, Nagle on"),
            SL_N("socklab",
                 "A slow link (256 kbit/s, 40 ms each way) and small writes: 60 messages of 40 "
                 "bytes, one every 10 ms. With Nagle's algorithm (TCP's default), while sent data "
                 "is not yet acknowledged the kernel collects further small writes and sends them "
                 "together. Count the TCP packets from A to B on the wire: far fewer than writes, "
                 "each carrying several messages and fewer header bytes per message, at the price "
                 "of some latency. Then run \"Slow link, Nagle off\" and compare."),
            x::nagleSettings, x::nagleClaim, 30'000, "nagle-off"),
        schedule(
            "nagle-off", SL_N("socklab", "Slow link, Nagle off (TCP_NODELAY)"),
            SL_N("socklab",
                 "The same slow link and the same small writes as \"Slow link, Nagle on\", but the "
                 "TCP sender sets TCP_NODELAY. Every write leaves at once in a packet of its own: "
                 "about as many TCP packets as writes on the wire, each paying 40 bytes of headers "
                 "for 40 bytes of data. Interactive programs (terminals, games) choose this for "
                 "lower latency; bulk transfers do not need it."),
            x::noDelaySettings, x::nagleClaim, 30'000, "nagle"),
        schedule(
            "mtu", SL_N("socklab", "Larger than the MTU"),
            SL_N("socklab",
                 "Every message is 3000 bytes and the link's MTU is 1500, so one packet cannot "
                 "hold one. Look at the wire: each UDP datagram leaves as IP fragments (the More "
                 "Fragments flag on all but the last, each with its offset), and the wire drops "
                 "one packet in ten. When any fragment of a datagram is lost, the whole datagram "
                 "is lost, even though its other fragments arrived: the receiver can only deliver "
                 "what it reassembled completely. TCP never sends fragments: it cuts the stream "
                 "into segments no larger than its maximum segment size (MSS) and sends again only "
                 "the segment that was lost."),
            x::mtuSettings, x::mtuClaim),
        script(
            "half-close", SL_N("socklab", "Half-close"),
            SL_N("socklab",
                 "A connects to B, sends a request and then shuts down only its write side "
                 "(shutdown with SHUT_WR): its kernel sends a FIN. B reads end of stream (Peer "
                 "closed) but can still send, and A can still read: B's answer arrives after A's "
                 "FIN. Each direction of a TCP connection is closed on its own; this is how a "
                 "client says \"that is all I send\" and still gets the answer."),
            x::halfCloseSteps, x::halfCloseClaim),
        script(
            "fin-rst", SL_N("socklab", "Graceful close (FIN) vs abortive close (RST)"),
            SL_N("socklab",
                 "Two connections from A to B. The first is closed normally: A's kernel sends a "
                 "FIN after the data, and B reads end of stream (Peer closed) after every byte. "
                 "The second is closed abortively (SO_LINGER on with 0 seconds): A's kernel sends "
                 "a RST instead, and B's next read fails with ECONNRESET (Connection reset by "
                 "peer). Data still unsent or unread is thrown away. Look for the FIN and the RST "
                 "on the wire."),
            x::finRstSteps, x::finRstClaim),
        script(
            "closed-port", SL_N("socklab", "A closed port: TCP vs UDP"),
            SL_N("socklab",
                 "A contacts port 9 of host B, where nothing listens. TCP: B's kernel answers the "
                 "SYN with a RST, and connect() fails at once with ECONNREFUSED. UDP has no "
                 "handshake: connect() only sets the destination and sends nothing. When the "
                 "datagram arrives, B's kernel answers with an ICMP port unreachable; A's kernel "
                 "keeps that error on the connected UDP socket and reports ECONNREFUSED to the "
                 "next operation on it (here SockLab's waiting receive). Look for the RST and the "
                 "ICMP message on the wire."),
            x::closedPortSteps, x::closedPortClaim),
        script(
            "syn-retries", SL_N("socklab", "SYN retries under 100% loss"),
            SL_N("socklab",
                 "The wire drops every packet from A to B, and A tries to connect (with TCP_SYNCNT "
                 "3, so this ends within 20 s). Look at the wire: the SYN appears again and again, "
                 "all of them dropped. The first retry comes after 1 s; then the wait doubles each "
                 "time (exponential backoff: 2 s, 4 s...). Linux 6.5 and later first retry a few "
                 "times at a steady 1 s (net.ipv4.tcp_syn_linear_timeouts) before doubling. Once "
                 "15 s have passed, connect() fails with ETIMEDOUT at the next retry due. Without "
                 "TCP_SYNCNT Linux keeps trying for about two minutes (net.ipv4.tcp_syn_retries)."),
            x::synRetriesSteps, x::synRetriesClaim, 30'000),
    };
    return kCatalog;
}

} // namespace

std::span<const LabExperiment> labExperiments() {
    return catalog();
}

const LabExperiment* findLabExperiment(std::string_view id) {
    const auto& all = catalog();
    const auto it = std::ranges::find(all, id, &LabExperiment::id);
    return it == all.end() ? nullptr : &*it;
}

} // namespace socklab
