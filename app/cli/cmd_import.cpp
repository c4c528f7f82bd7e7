// socklab-cli import: the conversations of a pcap/pcapng file, or one of them replayed.
#include "app/cli/common.h"
#include "core/inspect/derived_capture.h"
#include "core/pcapimport/capture_import.h"

#include <algorithm>
#include <cstdio>

namespace socklab::cli {

namespace {

constexpr OptionSpec kImportOptions[] = {
    {"conversation", 'c', "N", "print conversation N (as listed) instead of the list"},
    {"from", 0, "SIDE",
     "with --conversation: only the bytes the client or the server sent (client|server)"},
    {"frame", 0, "SPEC",
     "with --conversation: messages cut by this framing instead of the reads (lf, crlf, "
     "delim:TEXT, delimhex:HEX, fixed:N, len:2be[+hdr], idle:MS; see `listen --help`)"},
    {"match", 0, "[KIND:]PATTERN",
     "with --conversation: only the records (messages with --frame) that match; KIND: "
     "contains (default), start, re, hex (wildcards ?? and *); events match by their text"},
    {"no-events", 0, "", "with --conversation: data only (no SYN, FIN, RST, gap notes)"},
    {"hex", 'x', "", "xxd-style dump of each record with time, direction and event"},
    {"log", 'l', "", "one line per record: data escaped, events (SYN, FIN, RST, gaps...)"},
    {"verbose", 'v', "", "raw output: the events on stderr"},
};
constexpr CommandSpec kImport{
    "import",
    "FILE [--conversation N [--hex | --log] [--from client|server] [--frame SPEC] "
    "[--match [KIND:]PATTERN] [--no-events]]",
    "Read a pcap or pcapng capture (tcpdump, Wireshark, SockLab): list its TCP connections and "
    "UDP exchanges, or print one.",
    "Read through libpcap: Ethernet (VLAN tags), Linux cooked (tcpdump -i any), BSD loopback\n"
    "and raw IP captures. TCP is reassembled by sequence number: bytes the capture lacks are\n"
    "not invented but reported as gaps, bytes seen twice as retransmissions (kept once).\n"
    "Without --conversation: a table of the conversations (index, protocol, client -> server,\n"
    "packets, bytes each way, duration, notes). The client is the side that sent the SYN (or\n"
    "the first sender); directions are the client's: '>' client->server, '<' server->client.\n"
    "With --conversation N: its records as `connect` prints them (--log, --hex); raw output\n"
    "(the default) writes the bytes of both directions to stdout in the order they were\n"
    "delivered (--from picks one side: a byte-exact copy of what it sent), events with -v on\n"
    "stderr.\n"
    "--frame, --match and --from shape what is printed as the GUI's filter bar does: the\n"
    "messages of each direction (a TCP stream cut by the framing; each UDP datagram framed\n"
    "alone), then only those that match. A message the capture ends inside is printed with a\n"
    "note.\n"
    "Exit status: 0 done, 2 bad command line, unreadable or corrupt file, no such conversation.\n"
    "examples:\n"
    "  tcpdump -i lo -w /tmp/lo.pcap port 7000       # then Ctrl-C\n"
    "  socklab-cli import /tmp/lo.pcap\n"
    "  socklab-cli import /tmp/lo.pcap --conversation 2 --log\n"
    "  socklab-cli import /tmp/lo.pcap -c 2 --from server > reply.bin\n"
    "  socklab-cli import /tmp/lo.pcap -c 2 --frame crlf --match 're:^ERR' --log\n",
    kImportOptions};

std::string pad(const std::string& s, std::size_t width, bool right) {
    if (s.size() >= width) {
        return s;
    }
    const std::string fill(width - s.size(), ' ');
    return right ? fill + s : s + fill;
}

int printList(const CaptureSummary& s) {
    std::printf("%s: %s, %llu packets, %zu conversations\n", s.path.c_str(), s.linkType.c_str(),
                static_cast<unsigned long long>(s.packets), s.conversations.size());
    const std::vector<std::string> head{"#",          "proto",      "client -> server", "packets",
                                        "bytes c->s", "bytes s->c", "duration",         "notes"};
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : s.conversations) {
        rows.push_back({std::to_string(c.index), captureProtocolName(c.protocol),
                        c.client.toString() + " -> " + c.server.toString(),
                        std::to_string(c.packetsOut + c.packetsIn), std::to_string(c.bytesOut),
                        std::to_string(c.bytesIn), captureDurationText(c.lastNs - c.firstNs),
                        conversationNotes(c)});
    }
    std::vector<std::size_t> width(head.size());
    for (std::size_t i = 0; i < head.size(); ++i) {
        width[i] = head[i].size();
        for (const auto& r : rows) {
            width[i] = std::max(width[i], r[i].size());
        }
    }
    // Numbers right-aligned; the last column is not padded.
    const auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const bool right = i == 0 || (i >= 3 && i <= 6);
            out += i + 1 == cells.size() ? cells[i] : pad(cells[i], width[i], right) + "  ";
        }
        while (!out.empty() && out.back() == ' ') {
            out.pop_back(); // no notes
        }
        std::printf("%s\n", out.c_str());
    };
    line(head);
    for (const auto& r : rows) {
        line(r);
    }
    for (const auto& note : captureSkippedNotes(s)) {
        std::printf("note: %s\n", note.c_str());
    }
    return kExitOk;
}

/// The view --frame, --match, --no-events and --from ask for (checked before the import).
Result<CaptureView> viewFromArgs(const Args& args) {
    CaptureView view;
    if (const auto frame = args.value("frame")) {
        auto spec = parseFraming(*frame);
        if (!spec) {
            return fail(spec.error());
        }
        view.framing = *spec;
    }
    if (const auto match = args.value("match")) {
        MatchText text = splitMatchText(*match);
        if (text.kind == MatchKind::Any) {
            return fail(inputError("parse --match", "\"" + *match + "\"",
                                   "\"any:\" matches everything: leave --match out"));
        }
        view.filter.match = text.kind;
        view.filter.pattern = std::move(text.pattern);
    }
    if (args.has("no-events")) {
        view.filter.events = view.filter.errors = false;
    }
    if (const auto from = args.value("from")) {
        (*from == "client" ? view.filter.in : view.filter.out) = false;
    }
    if (auto ok = validateFilter(view.filter); !ok) {
        return fail(ok.error());
    }
    return view;
}

int printConversation(const std::string& path, std::uint32_t index, const Args& args) {
    auto view = viewFromArgs(args);
    if (!view) {
        return report(view.error(), kExitUsage);
    }
    auto imported = std::make_shared<TrafficStore>();
    auto conv = importCaptureConversation(path, index, *imported);
    if (!conv) {
        return report(conv.error(), kExitUsage);
    }
    std::shared_ptr<const TrafficStore> shown = imported;
    view->datagrams = conv->protocol == CaptureProtocol::Udp;
    if (!view->identity()) {
        auto derived = DerivedCapture::create(imported, *view);
        if (!derived) {
            return report(derived.error(), kExitUsage);
        }
        while (!derived->advance(std::size_t{1} << 16, 0)) {
        }
        derived->finish();
        shown = derived->store();
    }
    const TrafficStore& store = *shown;
    const std::string notes = conversationNotes(*conv);
    notice("conversation " + std::to_string(conv->index) + ": " +
           captureProtocolName(conv->protocol) + " " + conv->client.toString() + " -> " +
           conv->server.toString() + (notes.empty() ? "" : " (" + notes + ")"));
    const OutputOptions out = outputOptions(args);
    forEachRecord(store, [&](const Record& r) {
        std::string text;
        switch (out.format) {
        case OutputFormat::Log:
            text = formatLogRecord(store, r, {});
            break;
        case OutputFormat::Hex:
            text = formatHexRecord(store, r, {});
            break;
        default:
            // Raw: the bytes of both directions in delivery order; events only with -v.
            if (r.kind == RecordKind::Data) {
                const auto bytes = store.recordBytes(r);
                std::fwrite(bytes.data(), 1, bytes.size(), stdout);
            } else if (out.verbose) {
                const std::string line = formatLogRecord(store, r, {});
                std::fputs(line.c_str(), stderr);
            }
            return;
        }
        std::fwrite(text.data(), 1, text.size(), stdout);
    });
    std::fflush(stdout);
    return kExitOk;
}

} // namespace

int cmdImport(std::span<const std::string> argv) {
    int exit = 0;
    const auto args = parseOrExit(kImport, argv, exit);
    if (!args) {
        return exit;
    }
    if (args->positionals().size() != 1) {
        return report(inputError("parse arguments", "import",
                                 args->positionals().empty()
                                     ? "a capture FILE is needed"
                                     : "one capture FILE only (got " +
                                           std::to_string(args->positionals().size()) + ")"),
                      kExitUsage);
    }
    const std::string& path = args->positionals()[0];
    if (const auto from = args->value("from"); from && *from != "client" && *from != "server") {
        return report(inputError("parse --from", "\"" + *from + "\"", "expected client or server"),
                      kExitUsage);
    }
    if (!args->has("conversation")) {
        for (const char* name : {"from", "hex", "log", "frame", "match", "no-events"}) {
            if (args->has(name)) {
                return report(inputError("parse arguments", "import",
                                         std::string("--") + name + " needs --conversation N"),
                              kExitUsage);
            }
        }
        auto summary = listCaptureConversations(path);
        if (!summary) {
            return report(summary.error(), kExitUsage);
        }
        return printList(*summary);
    }
    auto index = intOption(*args, "conversation", 1, 2'000'000'000, 1);
    if (!index) {
        return report(index.error(), kExitUsage);
    }
    return printConversation(path, static_cast<std::uint32_t>(*index), *args);
}

} // namespace socklab::cli
