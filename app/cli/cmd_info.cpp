// Subcommands that ask the kernel or the catalog and print, without opening sessions.
#include "app/cli/common.h"
#include "core/net/interfaces.h"

#include <cstdio>

namespace socklab::cli {

namespace {

constexpr OptionSpec kProbeOptions[] = {
    {"all", 'a', "", "probe every family x type x protocol of the catalog (a matrix)"},
};
constexpr CommandSpec kProbe{
    "probe", "FAMILY TYPE [PROTOCOL] | --all",
    "Ask the kernel whether socket(FAMILY, TYPE, PROTOCOL) is accepted, and explain why not.",
    "Names as in `socklab-cli catalog`: inet, inet6, unix, packet; stream, dgram, raw,\n"
    "seqpacket; tcp, udp, sctp, icmp... (AF_/SOCK_/IPPROTO_ names and numbers work too).\n"
    "Exit status: 0 accepted, 1 refused by the kernel, 2 bad names.\n"
    "example: socklab-cli probe inet stream udp\n",
    kProbeOptions};

constexpr CommandSpec kCatalog{
    "catalog",
    "",
    "List the families, types, protocols and socket options SockLab knows, with explanations.",
    {},
    {}};

constexpr OptionSpec kInterfacesOptions[] = {
    {"up", 'u', "", "only interfaces that are up"},
};
constexpr CommandSpec kInterfaces{"interfaces",
                                  "[--up]",
                                  "List local interfaces and their IPv4/IPv6 addresses.",
                                  {},
                                  kInterfacesOptions};

void printVerdict(const SocketSpec& spec, const ProbeVerdict& v) {
    std::printf("socket(%s): %s\n", describe(spec).c_str(),
                v.ok ? "accepted" : (v.errnoName + " - " + v.summary).c_str());
    if (!v.explanation.empty()) {
        std::printf("  why:    %s\n", v.explanation.c_str());
    }
    if (!v.remedy.empty()) {
        std::printf("  remedy: %s\n", v.remedy.c_str());
    }
}

int probeAll() {
    std::printf("%-12s %-16s %-16s %s\n", "FAMILY", "TYPE", "PROTOCOL", "VERDICT");
    for (const auto& f : families()) {
        for (const auto& t : types()) {
            for (const auto& p : protocols()) {
                const ProbeVerdict v = probe(SocketSpec{f.value, t.value, p.value});
                std::printf("%-12.*s %-16.*s %-16.*s %s\n", int(f.name.size()), f.name.data(),
                            int(t.name.size()), t.name.data(), int(p.name.size()), p.name.data(),
                            v.ok ? "ok" : v.errnoName.c_str());
            }
        }
    }
    return kExitOk;
}

void printEntries(const char* title, std::span<const CatalogEntry> entries) {
    std::printf("%s:\n", title);
    for (const auto& e : entries) {
        std::printf("  %-18.*s %-10.*s %.*s\n", int(e.name.size()), e.name.data(),
                    int(e.label.size()), e.label.data(), int(e.explanation.size()),
                    e.explanation.data());
    }
}

} // namespace

int cmdProbe(std::span<const std::string> argv) {
    int exit = 0;
    const auto args = parseOrExit(kProbe, argv, exit);
    if (!args) {
        return exit;
    }
    const auto& pos = args->positionals();
    if (args->has("all")) {
        if (!pos.empty()) {
            return report(inputError("parse arguments", "probe --all", "takes no names"),
                          kExitUsage);
        }
        return probeAll();
    }
    if (pos.size() < 2 || pos.size() > 3) {
        return report(inputError("parse arguments", "probe",
                                 "expected FAMILY TYPE [PROTOCOL] (see socklab-cli probe --help)"),
                      kExitUsage);
    }
    SocketSpec spec;
    const CatalogEntry* f = familyByName(pos[0]);
    const CatalogEntry* t = typeByName(pos[1]);
    const CatalogEntry* p = pos.size() == 3 ? protocolByName(pos[2]) : findProtocol(0);
    if (!f || !t || (pos.size() == 3 && !p)) {
        const bool badFamily = !f;
        const bool badType = f && !t;
        const std::string& name = badFamily ? pos[0] : badType ? pos[1] : pos[2];
        const char* what = badFamily ? "family" : badType ? "type" : "protocol";
        return report(inputError("probe", "\"" + name + "\"",
                                 std::string("unknown ") + what + " (see socklab-cli catalog)"),
                      kExitUsage);
    }
    spec.family = f->value;
    spec.type = t->value;
    spec.protocol = p ? p->value : 0;
    const ProbeVerdict v = probe(spec);
    printVerdict(spec, v);
    return v.ok ? kExitOk : kExitFailure;
}

int cmdCatalog(std::span<const std::string> argv) {
    int exit = 0;
    const auto args = parseOrExit(kCatalog, argv, exit);
    if (!args) {
        return exit;
    }
    printEntries("families", families());
    printEntries("types", types());
    printEntries("protocols", protocols());
    std::printf("options (-o name=value):\n");
    for (const auto& o : optionCatalog()) {
        std::printf("  %-16.*s %-18.*s %s%.*s\n", int(o.cliName.size()), o.cliName.data(),
                    int(o.name.size()), o.name.data(), o.boolean ? "[0/1] " : "",
                    int(o.explanation.size()), o.explanation.data());
    }
    return kExitOk;
}

int cmdInterfaces(std::span<const std::string> argv) {
    int exit = 0;
    const auto args = parseOrExit(kInterfaces, argv, exit);
    if (!args) {
        return exit;
    }
    auto list = listInterfaces();
    if (!list) {
        return report(list.error(), kExitFailure);
    }
    const int inet6 = catalogFamily("AF_INET6");
    std::printf("%-12s %-5s %-5s %-40s %s\n", "INTERFACE", "INDEX", "FAM", "ADDRESS", "FLAGS");
    for (const auto& a : *list) {
        if (args->has("up") && !a.up) {
            continue;
        }
        std::string flags = a.up ? "up" : "down";
        flags += a.loopback ? ",loopback" : "";
        flags += a.multicast ? ",multicast" : "";
        const std::string addr = a.address + "/" + std::to_string(a.prefixLength);
        std::printf("%-12s %-5u %-5s %-40s %s\n", a.interface.c_str(), a.index,
                    a.family == inet6 ? "inet6" : "inet", addr.c_str(), flags.c_str());
    }
    return kExitOk;
}

} // namespace socklab::cli
