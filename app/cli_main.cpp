// socklab-cli: the engine from a terminal, in the spirit of socat and ncat.
#include "app/cli/common.h"
#include "core/base/version.h"

#include <cstdio>
#include <string>
#include <vector>

namespace {

using socklab::cli::kExitOk;
using socklab::cli::kExitUsage;

struct Subcommand {
    const char* name;
    int (*run)(std::span<const std::string>);
    const char* summary;
};

constexpr Subcommand kSubcommands[] = {
    {"probe", &socklab::cli::cmdProbe, "ask the kernel about a socket(family, type, protocol)"},
    {"catalog", &socklab::cli::cmdCatalog, "families, types, protocols and options explained"},
    {"interfaces", &socklab::cli::cmdInterfaces, "local interfaces and addresses"},
    {"connect", &socklab::cli::cmdConnect, "TCP (or other stream) client: stdin <-> socket"},
    {"listen", &socklab::cli::cmdListen, "stream server: --echo, --once, --max-connections"},
    {"udp", &socklab::cli::cmdUdp, "UDP endpoint: send and receive datagrams"},
    {"unix", &socklab::cli::cmdUnix, "Unix-domain stream/dgram/seqpacket client or server"},
    {"ping", &socklab::cli::cmdPing, "ICMP echo"},
    {"relay", &socklab::cli::cmdRelay, "forward clients to a server, watch and impair both ways"},
    {"lab", &socklab::cli::cmdLab, "TCP vs UDP through an impaired wire between two namespaces"},
    {"run", &socklab::cli::cmdRun, "open every tab of a workspace file and print traffic"},
    {"code", &socklab::cli::cmdCode, "print the Python or C for a workspace tab or a socket"},
    {"import", &socklab::cli::cmdImport, "list a pcap/pcapng file's conversations, print one"},
    {"replay", &socklab::cli::cmdReplay, "replay one side of a captured conversation, compare"},
};

void usage(std::FILE* to) {
    std::fprintf(to, "usage: socklab-cli COMMAND [options]   (socklab-cli COMMAND --help)\n"
                     "       socklab-cli --version\n\n"
                     "commands:\n");
    for (const auto& s : kSubcommands) {
        std::fprintf(to, "  %-12s %s\n", s.name, s.summary);
    }
    std::fprintf(to, "\nexit status: 0 done, 1 the network or the system said no (refused, a "
                     "name that\ndoes not resolve, an address in use, a timeout), 2 bad command "
                     "line or input file,\n130 interrupted\n");
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        usage(stderr);
        return kExitUsage;
    }
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        usage(stdout);
        return kExitOk;
    }
    if (command == "--version" || command == "-V") {
        std::printf("socklab-cli %.*s\n", int(socklab::version().size()),
                    socklab::version().data());
        return kExitOk;
    }
    const std::vector<std::string> args(argv + 2, argv + argc);
    for (const auto& s : kSubcommands) {
        if (command == s.name) {
            return s.run(args);
        }
    }
    std::fprintf(stderr, "socklab-cli: unknown command \"%s\"\n", command.c_str());
    usage(stderr);
    return kExitUsage;
}
